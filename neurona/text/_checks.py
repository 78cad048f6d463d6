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


def check_int(owner: str, name: str, value: Any, minimum: int) -> int:
    """``value`` as an int if it is an integer (Python or NumPy, not bool) ``>= minimum``; else a ValueError.

    Examples
    --------
    >>> check_int("demo", "n", np.int64(3), 1)
    3
    >>> check_int("demo", "n", 2.0, 1)
    Traceback (most recent call last):
    ...
    ValueError: demo: n must be an integer >= 1, got 2.0
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{owner}: {name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def cast_exactly(owner: str, values: np.ndarray, dtype: Any, what: str = "item") -> np.ndarray:
    """``values`` as ``dtype`` (numeric); an entry that would wrap around, change or overflow to infinity is an error.

    Floats may round (0.1 in float32), but a finite value must stay finite; integers must be kept exactly.

    Examples
    --------
    >>> cast_exactly("demo", np.array([1, 300]), "uint8")
    Traceback (most recent call last):
    ...
    ValueError: demo: item 300 does not fit dtype uint8 (it would become 44); choose a wider dtype
    """
    dtype = np.dtype(dtype)
    if dtype.kind not in "biuf":
        raise ValueError(f"{owner}: dtype must be a numeric dtype, got {dtype}")
    with np.errstate(invalid="ignore", over="ignore"):
        converted = values.astype(dtype)
    wrong = np.isfinite(values) & ~np.isfinite(converted) if dtype.kind == "f" else converted != values
    if wrong.any():
        raise ValueError(
            f"{owner}: {what} {values[wrong][0].item()!r} does not fit dtype {dtype} (it would become "
            f"{converted[wrong][0].item()!r}); choose a wider dtype"
        )
    return converted


def csr_matrix_class(owner: str) -> type:
    """``scipy.sparse.csr_matrix``; without scipy, an ImportError that says what needs it."""
    try:
        from scipy.sparse import csr_matrix
    except ImportError:
        raise ImportError(f"{owner}: sparse=True needs scipy (pip install scipy); or pass sparse=False") from None
    return csr_matrix
