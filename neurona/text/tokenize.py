"""Tokenization: a document becomes a list of words."""
from __future__ import annotations

from neurona.text._checks import as_texts


def tokenize(text: str, split: str | None = None) -> list[str]:
    """Split ``text`` into tokens at whitespace (or at ``split``), dropping empty tokens.

    Filter the text first (:func:`~neurona.text.filter_text`) to separate words from
    punctuation.

    Parameters
    ----------
    text : str
        One document.
    split : str, optional
        The separator; None splits at any run of whitespace.

    Examples
    --------
    >>> tokenize("the  cat\\tsat ")
    ['the', 'cat', 'sat']
    >>> tokenize("a,b,,c", split=",")
    ['a', 'b', 'c']
    """
    if not isinstance(text, str):
        as_texts("tokenize", [text])
    if split == "":
        raise ValueError("tokenize: split must be a non-empty separator or None (whitespace)")
    return [token for token in text.split(split) if token] if split is not None else text.split()
