"""Maximum and sum over the last axis, keeping it: the reductions of softmax and its losses.

NumPy reduces a short last axis one row at a time (a (10000, 10) float32 maximum takes
about 380 µs, 38 ns a row). Over a transposed copy the same maximum is an element-wise
maximum of whole rows (31 µs), and the sum is a product with a vector of ones (15 µs
against 131 µs). Both keep NaN propagating as the plain reductions do.
"""
from __future__ import annotations

import numpy as np

SHORT = 32
"""Last axes up to this length are reduced across a transposed copy."""


def row_max(x: np.ndarray) -> np.ndarray:
    """``x.max(axis=-1, keepdims=True)``; ``-inf`` for an empty last axis.

    Examples
    --------
    >>> row_max(np.array([[1.0, 3.0, 2.0], [0.0, -1.0, np.nan]]))
    array([[ 3.],
           [nan]])
    """
    width = x.shape[-1]
    if 1 < width <= SHORT and x.size > width:
        across = np.ascontiguousarray(x.reshape(-1, width).T)
        return np.maximum.reduce(across, axis=0).reshape(*x.shape[:-1], 1)
    return np.maximum.reduce(x, axis=-1, keepdims=True, initial=-np.inf)


def row_sum(x: np.ndarray) -> np.ndarray:
    """``x.sum(axis=-1, keepdims=True)`` of a floating array.

    Examples
    --------
    >>> row_sum(np.array([[1.0, 2.0], [3.0, 4.0]], np.float32))
    array([[3.],
           [7.]], dtype=float32)
    """
    if x.ndim and x.shape[-1]:
        return np.matmul(x, np.ones(x.shape[-1], x.dtype))[..., None]
    return np.add.reduce(x, axis=-1, keepdims=True)
