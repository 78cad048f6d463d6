"""Axis arguments checked once for every op: out-of-range axes raise NumPy's ``AxisError``.

A 0-d tensor accepts axis 0 and -1, as in PyTorch, and has no axis to reduce.
"""
from __future__ import annotations

import numpy as np
from numpy.exceptions import AxisError
from numpy.lib.array_utils import normalize_axis_index, normalize_axis_tuple


def axes_tuple(axis, ndim: int, op: str) -> tuple:
    """``axis`` (None: all, an int or a sequence) as a tuple of non-negative axes.

    Examples
    --------
    >>> axes_tuple(-1, 3, "sum"), axes_tuple(None, 2, "sum"), axes_tuple(-1, 0, "sum")
    ((2,), (0, 1), ())
    >>> axes_tuple(5, 4, "sum")
    Traceback (most recent call last):
    numpy.exceptions.AxisError: sum: axis 5 is out of bounds for array of dimension 4
    """
    if axis is None:
        return tuple(range(ndim))
    if type(axis) is int and -ndim <= axis < ndim:
        return (axis % ndim,)
    if ndim == 0:
        for a in (axis,) if isinstance(axis, (int, np.integer)) else axis:
            if a not in (0, -1):
                raise AxisError(a, 0, op)
        return ()
    return normalize_axis_tuple(axis, ndim, op)


def axis_index(axis: int, ndim: int, op: str) -> int:
    """One axis as a non-negative index (for ops that insert or split an axis, ``ndim`` counts it)."""
    return normalize_axis_index(axis, ndim, op)
