"""Filtering: replace punctuation and other unwanted characters by spaces before tokenizing."""
from __future__ import annotations

from functools import lru_cache

from neurona.text._checks import as_texts

KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n'
"""Keras's default filter set: ASCII punctuation except the apostrophe, plus tab and newline."""


@lru_cache(maxsize=32)
def _table(filters: str, replacement: str) -> dict[int, str]:
    return str.maketrans(dict.fromkeys(filters, replacement))


def filter_text(text: str, filters: str = KERAS_FILTERS, replacement: str = " ") -> str:
    """Replace every character of ``filters`` in ``text`` by ``replacement``.

    Parameters
    ----------
    text : str
        One document.
    filters : str, default :data:`KERAS_FILTERS`
        The characters to remove (Keras's default: ``!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~``,
        tab and newline; the apostrophe is kept, so "don't" stays one word).
    replacement : str, default " "
        What each filtered character becomes (a space keeps "end.Start" two words).

    Examples
    --------
    >>> filter_text("Hello, world! (It's 9:30.)")
    "Hello  world   It's 9 30  "
    """
    if not isinstance(text, str):
        as_texts("filter_text", [text])
    if not isinstance(filters, str):
        raise TypeError(f"filter_text: filters must be a str of characters, got {type(filters).__name__}")
    return text.translate(_table(filters, replacement))
