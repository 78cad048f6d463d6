"""Buffers kept between training steps, so that the large arrays of convolution and pooling are
not allocated (and their pages faulted in) afresh at every step.

A training loop asks for arrays of the same shapes at every step. :func:`empty`
hands out a kept array of the wanted shape and dtype once nothing else refers to it
(its reference count says so: no tensor, view or saved value of an earlier step
holds it), else a new one that it keeps. An array still in use is never handed out
twice, so reuse cannot change a result. Few arrays are kept: at most
:data:`PER_SHAPE` per shape and dtype, and :data:`SHAPES` shapes, the least
recently asked for being dropped first.
"""
from __future__ import annotations

import sys
import threading
from collections import OrderedDict

import numpy as np

PER_SHAPE = 4
SHAPES = 24
_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()
_UNUSED = 3  # references to a kept array that nobody uses: its list, the loop's name, getrefcount's argument


def empty(shape: tuple, dtype) -> np.ndarray:
    """An uninitialised array of ``shape`` and ``dtype`` that nothing else refers to.

    Examples
    --------
    >>> a = empty((2, 3), np.float32)
    >>> b = empty((2, 3), np.float32)
    >>> a is b
    False
    >>> del a
    >>> empty((2, 3), np.float32).shape
    (2, 3)
    """
    key = (tuple(shape), np.dtype(dtype))
    with _lock:
        arrays = _kept.get(key)
        if arrays is None:
            arrays = _kept[key] = []
            if len(_kept) > SHAPES:
                _kept.popitem(last=False)
        else:
            _kept.move_to_end(key)
            for array in arrays:
                if sys.getrefcount(array) == _UNUSED:
                    return array
        array = np.empty(*key)
        if len(arrays) < PER_SHAPE:
            arrays.append(array)
        return array


def zeros(shape: tuple, dtype) -> np.ndarray:
    """:func:`empty`, filled with zeros."""
    array = empty(shape, dtype)
    array.fill(0)
    return array
