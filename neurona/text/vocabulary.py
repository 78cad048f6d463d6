"""The vocabulary: the words of a corpus, indexed from the most frequent, with padding and out-of-vocabulary entries."""
from __future__ import annotations

import operator
from collections import Counter
from typing import Any

from neurona.text._checks import as_texts, check_int
from neurona.text.analyzer import Analyzer

PADDING = ""
"""Token 0: what :func:`~neurona.text.pad_sequences` fills with (``value=0``)."""


class Vocabulary:
    """Map words to integer indices, fitted on a corpus (Keras's ``Tokenizer``/``TextVectorization`` lookup).

    Index 0 is the padding token ``""``, index 1 the out-of-vocabulary token (when
    there is one), then the words from the most frequent; ties keep the order of
    first appearance.

    Parameters
    ----------
    max_tokens : int, optional
        The size of the vocabulary, padding and out-of-vocabulary tokens included;
        the least frequent words are left out. None keeps every word.
    oov_token : str or None, default "[UNK]"
        What unknown words become; None drops them from sequences.
    analyzer : Analyzer, optional
        How a document becomes tokens (default: ``Analyzer()``: Keras's filters,
        whitespace tokens, lower case).

    Attributes
    ----------
    tokens : list of str
        The vocabulary, by index (the state a layer saves; see :meth:`get_config`).
    document_counts : list of int
        For each token, the number of fitted documents that contain it (for tf-idf;
        for the out-of-vocabulary token, those with an unknown word).
    n_documents : int
        The number of fitted documents.

    Examples
    --------
    >>> vocabulary = Vocabulary().fit(["the cat sat", "the dog"])
    >>> vocabulary.tokens
    ['', '[UNK]', 'the', 'cat', 'sat', 'dog']
    >>> vocabulary.texts_to_sequences(["The bird sat."])
    [[2, 1, 4]]
    >>> vocabulary.sequences_to_texts([[2, 1, 4]])
    ['the [UNK] sat']
    """

    def __init__(self, max_tokens: int | None = None, oov_token: str | None = "[UNK]",
                 analyzer: Analyzer | None = None) -> None:
        if oov_token is not None and (not isinstance(oov_token, str) or oov_token == PADDING):
            raise ValueError(f"Vocabulary: oov_token must be a non-empty str or None, got {oov_token!r}")
        if analyzer is not None and not isinstance(analyzer, Analyzer):
            raise TypeError(f"Vocabulary: analyzer must be a neurona.text.Analyzer, got {type(analyzer).__name__}")
        reserved = 1 if oov_token is None else 2
        if max_tokens is not None:                              # it counts the padding and out-of-vocabulary tokens
            max_tokens = check_int("Vocabulary", "max_tokens", max_tokens, reserved)
        self._max_tokens, self._oov_token = max_tokens, oov_token
        self.analyzer = Analyzer() if analyzer is None else analyzer
        self._set_tokens([PADDING] + ([] if oov_token is None else [oov_token]), [0] * reserved, 0)

    @property
    def max_tokens(self) -> int | None:
        """The most tokens (read-only: it shaped the fitted vocabulary)."""
        return self._max_tokens

    @property
    def oov_token(self) -> str | None:
        """The out-of-vocabulary token (read-only: index 1 is laid out for it)."""
        return self._oov_token

    @property
    def reserved(self) -> int:
        """How many tokens come before the words: padding, and the out-of-vocabulary token if any."""
        return 1 if self.oov_token is None else 2

    @property
    def tokens(self) -> list[str]:
        """The vocabulary by index (a copy)."""
        return list(self._tokens)

    @property
    def document_counts(self) -> list[int]:
        """For each token, how many fitted documents contain it (a copy)."""
        return list(self._document_counts)

    def _set_tokens(self, tokens: list[str], document_counts: list[int], n_documents: int) -> None:
        index = {token: i for i, token in enumerate(tokens)}
        if len(index) != len(tokens):
            raise ValueError("Vocabulary: the tokens must be distinct")
        self._tokens, self._document_counts, self.n_documents = tuple(tokens), tuple(document_counts), n_documents
        self._index = index

    def fit(self, texts: list[str]) -> Vocabulary:
        """Learn the vocabulary of ``texts`` (a list of documents), replacing any earlier one."""
        documents = [self.analyzer(text) for text in as_texts("Vocabulary.fit", texts)]
        counts: Counter[str] = Counter()
        in_documents: Counter[str] = Counter()
        for tokens in documents:
            counts.update(tokens)
            in_documents.update(set(tokens))
        reserved = list(self._tokens[: self.reserved])
        for token in reserved:
            counts.pop(token, None)
        words = sorted(counts, key=counts.__getitem__, reverse=True)    # stable: ties by first appearance
        if self.max_tokens is not None:
            words = words[: self.max_tokens - self.reserved]
        known = set(words)
        oov_documents = sum(not known.issuperset(tokens) for tokens in documents)
        reserved_counts = [0] + ([] if self.oov_token is None else [oov_documents])
        self._set_tokens(reserved + words, reserved_counts + [in_documents[w] for w in words], len(documents))
        return self

    def __len__(self) -> int:
        return len(self._tokens)

    def encode(self, text: str) -> list[int]:
        """The indices of one document's tokens (unknown words: the out-of-vocabulary index, or dropped)."""
        index = self._index
        if self.oov_token is None:
            return [index[token] for token in self.analyzer(text) if token in index]
        oov = index[self.oov_token]
        return [index.get(token, oov) for token in self.analyzer(text)]

    def texts_to_sequences(self, texts: list[str]) -> list[list[int]]:
        """One list of indices per document (pad them to one length with :func:`~neurona.text.pad_sequences`)."""
        return [self.encode(text) for text in as_texts("Vocabulary.texts_to_sequences", texts)]

    def sequences_to_texts(self, sequences: list[list[int]]) -> list[str]:
        """The documents of index sequences, tokens joined by spaces; padding (0) is skipped."""
        tokens, size = self._tokens, len(self._tokens)
        texts = []
        for row, sequence in enumerate(sequences):
            try:
                indices = [operator.index(i) for i in sequence]
            except TypeError as error:
                raise TypeError(f"Vocabulary.sequences_to_texts: sequence {row} must hold integers: {error}") from None
            bad = [i for i in indices if not 0 <= i < size]
            if bad:
                raise IndexError(
                    f"Vocabulary.sequences_to_texts: sequence {row} has index {bad[0]}, "
                    f"outside the vocabulary of {size} tokens"
                )
            texts.append(" ".join(tokens[i] for i in indices if i != 0))
        return texts

    def get_config(self) -> dict[str, Any]:
        """All the state, JSON-able: the settings, the analyzer's config and the fitted tokens."""
        return {"max_tokens": self.max_tokens, "oov_token": self.oov_token,
                "analyzer": self.analyzer.get_config(), "tokens": self.tokens,
                "document_counts": self.document_counts, "n_documents": self.n_documents}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Vocabulary:
        """The vocabulary of :meth:`get_config`, fitted state included."""
        vocabulary = cls(config["max_tokens"], config["oov_token"], Analyzer.from_config(config["analyzer"]))
        tokens, counts = list(config["tokens"]), list(config["document_counts"])
        reserved = vocabulary.tokens
        limit = len(tokens) if config["max_tokens"] is None else config["max_tokens"]
        if tokens[: len(reserved)] != reserved or len(counts) != len(tokens) or len(tokens) > limit:
            raise ValueError(
                f"Vocabulary.from_config: tokens must start with {reserved}, have one document count each and "
                f"number at most max_tokens={config['max_tokens']}; got {tokens[:len(reserved)]}..., "
                f"{len(counts)} counts for {len(tokens)} tokens"
            )
        vocabulary._set_tokens(tokens, counts, int(config["n_documents"]))
        return vocabulary

    def __repr__(self) -> str:
        return f"Vocabulary({len(self)} tokens, max_tokens={self.max_tokens}, oov_token={self.oov_token!r})"


def fitted_vocabulary(owner: str, vocabulary: Vocabulary | None, texts: list[str],
                      oov_token: str | None = "[UNK]") -> Vocabulary:
    """``vocabulary``, checked; or, when None, a ``Vocabulary(oov_token=oov_token)`` fitted on ``texts``."""
    if vocabulary is None:
        return Vocabulary(oov_token=oov_token).fit(texts)
    if not isinstance(vocabulary, Vocabulary):
        raise TypeError(f"{owner}: vocabulary must be a neurona.text.Vocabulary, got {type(vocabulary).__name__}")
    return vocabulary
