"""Checking text inputs: a list of documents, a list of tokens.

A lone string where a list is expected would be iterated character by character
(a silent wrong result), so it is an error, as is any item that is not a string.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np


def _strings(owner: str, values: Any, name: str, item: str) -> list[str]:
    if isinstance(values, (str, bytes)):
        raise TypeError(
            f"{owner}: {name} must be a list of strings ({item}s), got a single {type(values).__name__} "
            f"{values[:40]!r}; wrap it in a list"
        )
    if isinstance(values, np.ndarray) and values.ndim != 1:
        raise ValueError(f"{owner}: {name} must be 1-D (one {item} per entry), got an array of shape {values.shape}")
    if not isinstance(values, Iterable):
        raise TypeError(f"{owner}: {name} must be a list of strings ({item}s), got {type(values).__name__}")
    values = values.tolist() if isinstance(values, np.ndarray) else list(values)
    bad = next((i for i, value in enumerate(values) if not isinstance(value, str)), None)
    if bad is not None:
        raise TypeError(
            f"{owner}: {name}[{bad}] is a {type(values[bad]).__name__} ({values[bad]!r}); every {item} must be a str"
        )
    return values


def as_texts(owner: str, texts: Any) -> list[str]:
    """``texts`` as a list of str (documents); a lone string or a non-string item is an error.

    Examples
    --------
    >>> as_texts("demo", ("a b", "c"))
    ['a b', 'c']
    >>> as_texts("demo", "a b")
    Traceback (most recent call last):
    ...
    TypeError: demo: texts must be a list of strings (documents), got a single str 'a b'; wrap it in a list
    """
    return _strings(owner, texts, "texts", "document")


def as_tokens(owner: str, tokens: Any) -> list[str]:
    """``tokens`` as a list of str; a lone string (not yet tokenized) or a non-string item is an error.

    Examples
    --------
    >>> as_tokens("demo", ["a", None])
    Traceback (most recent call last):
    ...
    TypeError: demo: tokens[1] is a NoneType (None); every token must be a str
    """
    return _strings(owner, tokens, "tokens", "token")
