"""Row selection shared by the splitters and the loader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["num_rows", "take"]


def num_rows(func: str, arrays: Sequence[Any]) -> int:
    """Return the common length of ``arrays``; raise naming the first mismatch.

    Examples
    --------
    >>> num_rows("f", [np.zeros((3, 2)), [1, 2, 3]])
    3
    """
    if not arrays:
        raise ValueError(f"{func}: at least one array is required")
    lengths = [len(a) for a in arrays]
    bad = next((i for i, n in enumerate(lengths) if n != lengths[0]), None)
    if bad is not None:
        raise ValueError(
            f"{func}: arrays have inconsistent lengths: arrays[0] has {lengths[0]} rows, "
            f"arrays[{bad}] has {lengths[bad]}"
        )
    return lengths[0]


def take(a: Any, index: np.ndarray) -> Any:
    """Select rows ``index`` of ``a``; lists and tuples give back a list of their items.

    Examples
    --------
    >>> take(["a", "b", "c"], np.array([2, 0]))
    ['c', 'a']
    >>> take(np.arange(5) * 10, np.array([1, 3]))
    array([10, 30])
    """
    if isinstance(a, (list, tuple)):
        return np.fromiter(a, dtype=object, count=len(a))[index].tolist()
    return np.asarray(a)[index]
