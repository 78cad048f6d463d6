"""``TextVectorization``: Keras 3's preprocessing layer, strings in, token ids or bag-of-words rows out.

standardize → split → n-grams → look up in a vocabulary learned by :meth:`adapt`
(or given). The vocabulary and the idf weights are part of the layer's config, so a
model that holds the layer is saved and loaded with them.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Any, Callable

import numpy as np

from neurona.layers.base import LAYERS, Layer
from neurona.registry import Registry
from neurona.tensor import Tensor
from neurona.text._checks import as_texts, as_tokens, check_int
from neurona.text.ngrams import ngrams as ngrams_of
from neurona.text.sequences import pad_sequences

MASK, OOV = "", "[UNK]"
STANDARDIZE = (None, "lower_and_strip_punctuation", "lower", "strip_punctuation")
SPLIT = (None, "whitespace", "character")
OUTPUT_MODES = ("int", "multi_hot", "count", "tf_idf")
PUNCTUATION = re.compile(r"""[!"#$%&()*+,\-./:;<=>?@\[\\\]^_`{|}~']""")
"""Keras's ``DEFAULT_STRIP_REGEX``: ASCII punctuation, the apostrophe included; it is removed, not spaced."""


def _option(name: str, value: Any, choices: tuple) -> Any:
    if value in choices or (callable(value) and not isinstance(value, str)):
        return value
    raise ValueError(f"TextVectorization: {name} must be one of {choices} or a function, got {value!r}")


def _ngram_sizes(ngrams: Any) -> tuple[int, ...]:
    """``None`` → (1,); ``n`` → (1, …, n); a tuple → those sizes (Keras's meaning)."""
    if ngrams is None:
        return (1,)
    if isinstance(ngrams, (list, tuple)):
        if not ngrams:
            raise ValueError("TextVectorization: ngrams must be None, an int or a non-empty tuple of ints, got ()")
        return tuple(check_int("TextVectorization", "ngrams", n, 1) for n in ngrams)
    return tuple(range(1, check_int("TextVectorization", "ngrams", ngrams, 1) + 1))


TEXT_FUNCTIONS = Registry("text function", functions=True)
"""Custom ``standardize``/``split`` functions, found by the names ``register_serializable`` gives them."""


def _as_strings(owner: str, inputs: Any) -> list[str]:
    """A batch of documents: a list, or an array of shape (batch,) or (batch, 1), of str (or bytes arrays)."""
    if isinstance(inputs, Tensor):
        raise TypeError(f"{owner}: expects strings (a list or an array of str), got a Tensor of dtype {inputs.dtype}")
    if isinstance(inputs, np.ndarray):
        if inputs.ndim == 2 and inputs.shape[1] == 1:
            inputs = inputs[:, 0]
        if inputs.dtype.kind == "S":
            inputs = np.char.decode(inputs, "utf-8")
    return as_texts(owner, inputs)


def _idf(document_counts: np.ndarray, n_documents: int) -> np.ndarray:
    """Keras's inverse document frequency ``ln(1 + n / (1 + df))``."""
    return np.log1p(n_documents / (1.0 + document_counts))


class TextVectorization(Layer):
    """Turn documents into token ids (``"int"``) or bag-of-words rows, with Keras 3's arguments.

    Parameters
    ----------
    max_tokens : int, optional
        The vocabulary's size, special tokens included: the padding ``""`` and the
        out-of-vocabulary ``"[UNK]"`` in ``"int"`` mode, only ``"[UNK]"`` otherwise.
    standardize : {"lower_and_strip_punctuation", "lower", "strip_punctuation", None} or function
        Punctuation (the apostrophe too) is removed; a function maps a str to a str.
    split : {"whitespace", "character", None} or function
        A function maps a standardized str to a list of str.
    ngrams : int or tuple of int, optional
        2: words and pairs of words; ``(2,)``: pairs only.
    output_mode : {"int", "multi_hot", "count", "tf_idf"}
        ``"int"``: ids (int64; 0 pads, 1 is unknown), padded at the end to the longest
        document or to ``output_sequence_length``. Otherwise one float32 row per
        document and a column per vocabulary entry, unknown words in column 0: 1 where
        a token occurs, its count, or its count times ``ln(1 + n / (1 + df))``.
    output_sequence_length : int, optional
        ``"int"`` only: pad or cut (at the end) every row to this length.
    pad_to_max_tokens : bool
        Not ``"int"``: ``max_tokens`` columns even if the vocabulary is smaller.
    vocabulary : list of str, optional
        The tokens instead of :meth:`adapt` (the special tokens may lead it).
    idf_weights : list of float, optional
        ``"tf_idf"`` with ``vocabulary``: one weight per entry of ``vocabulary``.

    Examples
    --------
    >>> vectorize = TextVectorization(output_sequence_length=4)
    >>> vectorize.adapt(["The cat sat.", "The dog sat on the cat!"])
    >>> vectorize.get_vocabulary()
    ['', '[UNK]', 'the', 'cat', 'sat', 'dog', 'on']
    >>> vectorize(["the bird sat"]).numpy()
    array([[2, 1, 4, 0]])
    >>> TextVectorization(output_mode="count", vocabulary=["cat", "sat"])(["cat cat dog"]).numpy()
    array([[1., 2., 0.]], dtype=float32)
    """

    def __init__(
        self,
        max_tokens: int | None = None,
        standardize: str | Callable[[str], str] | None = "lower_and_strip_punctuation",
        split: str | Callable[[str], list[str]] | None = "whitespace",
        ngrams: int | tuple[int, ...] | None = None,
        output_mode: str = "int",
        output_sequence_length: int | None = None,
        pad_to_max_tokens: bool = False,
        vocabulary: list[str] | None = None,
        idf_weights: list[float] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if output_mode not in OUTPUT_MODES:
            raise ValueError(f"TextVectorization: output_mode must be one of {OUTPUT_MODES}, got {output_mode!r}")
        self.output_mode = output_mode
        self.standardize = _option("standardize", standardize, STANDARDIZE)
        self.split = _option("split", split, SPLIT)
        self._sizes = _ngram_sizes(ngrams)
        self.ngrams = tuple(self._sizes) if isinstance(ngrams, (list, tuple)) else ngrams
        self.max_tokens = None if max_tokens is None else check_int(
            "TextVectorization", "max_tokens", max_tokens, self._n_special + 1)
        self._check_modes(output_sequence_length, pad_to_max_tokens)
        self.output_sequence_length = None if output_sequence_length is None else check_int(
            "TextVectorization", "output_sequence_length", output_sequence_length, 0)
        self.pad_to_max_tokens = bool(pad_to_max_tokens)
        self._tokens: list[str] | None = None
        self._idf: np.ndarray | None = None
        if vocabulary is not None:
            self.set_vocabulary(vocabulary, idf_weights)
        elif idf_weights is not None:
            raise ValueError("TextVectorization: idf_weights needs a vocabulary (pass vocabulary= too)")

    @property
    def _n_special(self) -> int:
        return 2 if self.output_mode == "int" else 1

    def _check_modes(self, output_sequence_length: Any, pad_to_max_tokens: Any) -> None:
        if output_sequence_length is not None and self.output_mode != "int":
            raise ValueError(f"TextVectorization: output_sequence_length is for output_mode='int', "
                             f"not {self.output_mode!r}")
        if pad_to_max_tokens and (self.output_mode == "int" or self.max_tokens is None):
            raise ValueError("TextVectorization: pad_to_max_tokens needs max_tokens and a bag-of-words output_mode "
                             f"(got max_tokens={self.max_tokens}, output_mode={self.output_mode!r})")

    # ------------------------------------------------------------- tokens
    def tokens(self, text: str) -> list[str]:
        """The tokens of one document: standardized, split and joined into n-grams."""
        if self.standardize == "lower_and_strip_punctuation":
            text = PUNCTUATION.sub("", text.lower())
        elif self.standardize == "lower":
            text = text.lower()
        elif self.standardize == "strip_punctuation":
            text = PUNCTUATION.sub("", text)
        elif callable(self.standardize):
            text = self.standardize(text)
            if not isinstance(text, str):
                raise TypeError(f"TextVectorization: standardize must return a str, got {type(text).__name__}")
        if self.split is None:
            words = [text]
        elif self.split == "whitespace":
            words = text.split()
        elif self.split == "character":
            words = list(text)
        else:
            words = as_tokens("TextVectorization split", self.split(text))
        words = [word for word in words if word]                      # "" is the padding token
        return [gram for n in self._sizes for gram in ngrams_of(words, n)]

    # --------------------------------------------------------- vocabulary
    def adapt(self, data: Any) -> None:
        """Learn the vocabulary (most frequent first; ties by first appearance) and, for tf_idf, the idf weights."""
        documents = [self.tokens(text) for text in _as_strings("TextVectorization.adapt", data)]
        if not documents:
            raise ValueError("TextVectorization.adapt: no documents to learn a vocabulary from")
        counts: Counter[str] = Counter()
        in_documents: Counter[str] = Counter()
        for tokens in documents:
            counts.update(tokens)
            in_documents.update(set(tokens))
        for special in (MASK, OOV):
            counts.pop(special, None)
        words = sorted(counts, key=counts.__getitem__, reverse=True)
        if self.max_tokens is not None:
            words = words[: self.max_tokens - self._n_special]
        self._tokens = [MASK, OOV, *words]
        self._index = {token: i for i, token in enumerate(self._tokens)}
        idf = _idf(np.array([in_documents[w] for w in words], dtype=np.float64), len(documents))
        self._idf = np.concatenate([[idf.mean() if len(idf) else 0.0], idf]) if self.output_mode == "tf_idf" else None

    def set_vocabulary(self, vocabulary: list[str], idf_weights: list[float] | None = None) -> None:
        """Use ``vocabulary`` (its leading special tokens are recognized) and, for tf_idf, ``idf_weights``."""
        words = as_tokens("TextVectorization.set_vocabulary", vocabulary)
        special = [MASK, OOV][2 - self._n_special:]
        lead = len(special) if words[: len(special)] == special else 0
        words_only = words[lead:]
        if len(set(words_only)) != len(words_only) or {MASK, OOV} & set(words_only):
            raise ValueError("TextVectorization.set_vocabulary: the tokens must be distinct and must not hold "
                             f"{MASK!r} or {OOV!r} except as the leading special tokens {special}")
        if self.max_tokens is not None and len(words_only) + self._n_special > self.max_tokens:
            raise ValueError(f"TextVectorization.set_vocabulary: {len(words_only)} words and {self._n_special} "
                             f"special tokens exceed max_tokens={self.max_tokens}")
        self._idf = self._idf_of(idf_weights, len(words), lead)
        self._tokens = [MASK, OOV, *words_only]
        self._index = {token: i for i, token in enumerate(self._tokens)}

    def _idf_of(self, idf_weights: Any, n_given: int, lead: int) -> np.ndarray | None:
        if (idf_weights is None) != (self.output_mode != "tf_idf"):
            raise ValueError("TextVectorization: idf_weights go with output_mode='tf_idf' and are required there "
                             f"when the vocabulary is given (output_mode={self.output_mode!r})")
        if idf_weights is None:
            return None
        weights = np.asarray(idf_weights, dtype=np.float64)
        if weights.shape != (n_given,) or not np.isfinite(weights).all():
            raise ValueError(f"TextVectorization: idf_weights must be {n_given} finite numbers, one per vocabulary "
                             f"entry, got shape {weights.shape}")
        return weights if lead else np.concatenate([[weights.mean() if n_given else 0.0], weights])

    def get_vocabulary(self, include_special_tokens: bool = True) -> list[str]:
        """The vocabulary by index (``"int"``: ``""`` and ``"[UNK]"`` first; otherwise ``"[UNK]"``)."""
        tokens = self._fitted("get_vocabulary")
        return tokens[2 - self._n_special:] if include_special_tokens else tokens[2:]

    def vocabulary_size(self) -> int:
        """``len(get_vocabulary())``."""
        return len(self.get_vocabulary())

    def _fitted(self, method: str) -> list[str]:
        if self._tokens is None:
            raise RuntimeError(f"{self.name}.{method}: the layer has no vocabulary yet; call adapt(texts) first "
                               "or pass vocabulary=")
        return list(self._tokens)

    # ------------------------------------------------------------ calling
    def _call(self, inputs: Any) -> Tensor:
        texts = _as_strings(self.name, inputs)
        if not self.built:
            self.build((None,))
        return self.forward(texts)

    def forward(self, texts: list[str]) -> Tensor:
        """The ids or rows of a batch of documents (see the class docstring)."""
        self._fitted("call")
        index = self._index
        ids = [[index.get(token, 1) for token in self.tokens(text)] for text in texts]
        if self.output_mode == "int":
            length = self.output_sequence_length
            return Tensor(pad_sequences(ids, length, dtype="int64", padding="post", truncating="post"))
        return Tensor(self._bag(ids))

    def _bag(self, ids: list[list[int]]) -> np.ndarray:
        width = self.max_tokens if self.pad_to_max_tokens else len(self._tokens) - 1
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        rows = np.repeat(np.arange(len(ids)), lengths)
        columns = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum())) - 1
        counts = np.bincount(rows * width + columns, minlength=len(ids) * width).reshape(len(ids), width)
        if self.output_mode == "multi_hot":
            return (counts > 0).astype(np.float32)
        if self.output_mode == "count":
            return counts.astype(np.float32)
        idf = np.zeros(width)
        idf[: len(self._idf)] = self._idf
        return (counts * idf).astype(np.float32)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        batch = input_shape[0] if input_shape else None
        if self.output_mode == "int":
            return (batch, self.output_sequence_length)
        width = self.max_tokens if self.pad_to_max_tokens else (None if self._tokens is None else len(self._tokens) - 1)
        return (batch, width)

    # ------------------------------------------------------------- config
    def get_config(self) -> dict:
        """The arguments, the vocabulary (special tokens first) and the idf weights: the layer's whole state."""
        config = super().get_config()
        standardize = TEXT_FUNCTIONS.name_of(self.standardize) if callable(self.standardize) else self.standardize
        split = TEXT_FUNCTIONS.name_of(self.split) if callable(self.split) else self.split
        config.update(max_tokens=self.max_tokens, standardize=standardize, split=split,
                      ngrams=list(self.ngrams) if isinstance(self.ngrams, tuple) else self.ngrams,
                      output_mode=self.output_mode, output_sequence_length=self.output_sequence_length,
                      pad_to_max_tokens=self.pad_to_max_tokens,
                      vocabulary=None if self._tokens is None else self.get_vocabulary(),
                      idf_weights=None if self._idf is None else self._idf.tolist())
        return config

    @classmethod
    def from_config(cls, config: dict) -> TextVectorization:
        """The layer of :meth:`get_config`; custom functions are found by their registered names."""
        config = dict(config)
        for key, choices in (("standardize", STANDARDIZE), ("split", SPLIT)):
            if config.get(key) not in choices:
                config[key] = TEXT_FUNCTIONS.get(config[key])
        return cls(**config)


LAYERS.register(TextVectorization)
