"""Stop words: very frequent words ("the", "of", "el", "de") that carry little meaning on their own.

The lists come from the ``stop-words`` package (``pip install 'neurona[text]'``),
releases before 2025: 174 English words and Snowball's 308 Spanish ones. (Its 2025
lists add words such as "good", "great", "bueno" and "mejor", which a sentiment
model needs.)
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from neurona.text._checks import as_tokens


def _package() -> Any:
    try:
        import stop_words
    except ImportError:
        raise ImportError("neurona.text.stop_words needs the stop-words package: pip install 'neurona[text]'") from None
    return stop_words


@lru_cache(maxsize=None)
def stop_words(language: str = "english") -> frozenset[str]:
    """The stop words of ``language`` (a name such as "english" or "spanish").

    Examples
    --------
    >>> sorted(stop_words("english") & {"the", "of", "good", "movie"})
    ['of', 'the']
    >>> "de" in stop_words("spanish")
    True
    """
    package = _package()
    if language not in package.AVAILABLE_LANGUAGES:
        raise ValueError(
            f"stop_words: unknown language {language!r}; the lists are {sorted(package.AVAILABLE_LANGUAGES)}"
        )
    return frozenset(word for word in package.get_stop_words(language) if word)


def remove_stop_words(tokens: list[str], words: str | Iterable[str] = "english") -> list[str]:
    """Drop the tokens that are stop words.

    Parameters
    ----------
    tokens : list of str
        Lower-case words.
    words : str or iterable of str, default "english"
        A language of :func:`stop_words`, or the stop words themselves.

    Examples
    --------
    >>> remove_stop_words(["the", "film", "was", "not", "good"])
    ['film', 'good']
    >>> remove_stop_words(["el", "gato"], "spanish")
    ['gato']
    """
    tokens = as_tokens("remove_stop_words", tokens)
    drop = stop_words(words) if isinstance(words, str) else frozenset(as_tokens("remove_stop_words", words))
    return [token for token in tokens if token not in drop]
