"""The course's preprocessing pipeline in one object: filter → tokenize → lowercase → stop words → stem → n-grams."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from neurona.text._checks import as_tokens, check_int
from neurona.text.filters import KERAS_FILTERS, filter_text
from neurona.text.lowercase import lowercase
from neurona.text.ngrams import ngrams as ngrams_of
from neurona.text.stem import stem, stem_languages
from neurona.text.stopwords import remove_stop_words, stop_words as stop_word_list
from neurona.text.tokenize import tokenize


class Analyzer:
    """Turn a document into its tokens with the course's steps, each optional.

    Parameters
    ----------
    filters : str, default :data:`~neurona.text.KERAS_FILTERS`
        Characters replaced by spaces ("" for none).
    lower : bool, default True
        Lowercase the tokens.
    stop_words : str or iterable of str, optional
        Drop stop words: a language (see :func:`~neurona.text.stop_words`) or the words.
    stemmer : str, optional
        Stem with this Snowball language, e.g. "english" or "spanish".
    ngrams : int, default 1
        Emit all n-grams for n = 1 … ``ngrams`` (2: words and word pairs).

    Examples
    --------
    >>> analyze = Analyzer(stemmer="english", ngrams=2)
    >>> analyze("Connected; CONNECTIONS!")
    ['connect', 'connect', 'connect connect']
    >>> Analyzer.from_config(analyze.get_config())("Connected; CONNECTIONS!")
    ['connect', 'connect', 'connect connect']
    """

    def __init__(
        self,
        filters: str = KERAS_FILTERS,
        lower: bool = True,
        stop_words: str | Iterable[str] | None = None,
        stemmer: str | None = None,
        ngrams: int = 1,
    ) -> None:
        if not isinstance(filters, str):
            raise TypeError(f"Analyzer: filters must be a str of characters, got {type(filters).__name__}")
        ngrams = check_int("Analyzer", "ngrams", ngrams, 1)
        if stemmer is not None and stemmer not in stem_languages():
            raise ValueError(f"Analyzer: unknown stemmer {stemmer!r}; the Snowball stemmers are {stem_languages()}")
        if isinstance(stop_words, str):
            stop_word_list(stop_words)                                  # an unknown language fails here
        elif stop_words is not None:
            stop_words = sorted(set(as_tokens("Analyzer", stop_words)))
        self.filters, self.lower, self.stop_words = filters, bool(lower), stop_words
        self.stemmer, self.ngrams = stemmer, ngrams

    def __call__(self, text: str) -> list[str]:
        """The tokens of one document."""
        tokens = tokenize(filter_text(text, self.filters))
        if self.lower:
            tokens = lowercase(tokens)
        if self.stop_words is not None:
            tokens = remove_stop_words(tokens, self.stop_words)
        if self.stemmer is not None:
            tokens = stem(tokens, self.stemmer)
        return [gram for n in range(1, self.ngrams + 1) for gram in ngrams_of(tokens, n)]

    def get_config(self) -> dict[str, Any]:
        """The constructor's arguments, JSON-able."""
        return {"filters": self.filters, "lower": self.lower, "stop_words": self.stop_words,
                "stemmer": self.stemmer, "ngrams": self.ngrams}

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Analyzer:
        """The analyzer of :meth:`get_config`."""
        return cls(**config)

    def __repr__(self) -> str:
        return f"Analyzer({', '.join(f'{k}={v!r}' for k, v in self.get_config().items())})"
