"""Stemming with the Snowball algorithms: connect, connected, connection and connects share the stem "connect".

The stemmers come from the ``snowballstemmer`` package (``pip install neurona[text]``).
Each distinct word is stemmed once per language and remembered, so stemming a
corpus costs about one stemmer call per vocabulary word.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from neurona.text._checks import as_tokens


def _snowball() -> Any:
    try:
        import snowballstemmer
    except ImportError:
        raise ImportError(
            "neurona.text.stem needs the snowballstemmer package: pip install 'neurona[text]'"
        ) from None
    return snowballstemmer


@lru_cache(maxsize=None)
def _languages() -> tuple[str, ...]:
    return tuple(sorted(_snowball().algorithms()))


def stem_languages() -> list[str]:
    """The languages :func:`stem` knows (those of ``snowballstemmer``).

    Examples
    --------
    >>> {"english", "spanish"} <= set(stem_languages())
    True
    """
    return list(_languages())


@lru_cache(maxsize=None)
def _stem_word(language: str) -> Any:
    """A memoized ``word -> stem`` function of one language."""
    stemmer = _snowball().stemmer(language)
    return lru_cache(maxsize=2**18)(stemmer.stemWord)


def stem(tokens: list[str], language: str = "english") -> list[str]:
    """Reduce each token to its Snowball stem.

    Parameters
    ----------
    tokens : list of str
        Lower-case words (the Snowball stemmers expect lower case).
    language : str, default "english"
        A Snowball language, e.g. "english" or "spanish" (see :func:`stem_languages`).

    Examples
    --------
    >>> stem(["connect", "connected", "connection", "connections", "connects"])
    ['connect', 'connect', 'connect', 'connect', 'connect']
    >>> stem(["hablamos", "hablando", "película", "películas"], "spanish")
    ['habl', 'habl', 'pelicul', 'pelicul']
    """
    tokens = as_tokens("stem", tokens)
    if language not in _languages():
        raise ValueError(f"stem: unknown language {language!r}; the Snowball stemmers are {stem_languages()}")
    stem_word = _stem_word(language)
    return [stem_word(token) for token in tokens]
