"""The array backend: the array module ``xp`` and the default floating dtype.

Every other file reaches NumPy through this module, so that a CuPy backend can
later be swapped in at one place.
"""
from __future__ import annotations

import numpy

xp = numpy

_default_dtype = numpy.dtype(numpy.float32)


def get_default_dtype() -> numpy.dtype:
    """Return the floating dtype that new tensors and parameters use (float32).

    Examples
    --------
    >>> import neurona
    >>> neurona.get_default_dtype()
    dtype('float32')
    """
    return _default_dtype


def set_default_dtype(dtype) -> None:
    """Set the floating dtype of new tensors and parameters.

    Examples
    --------
    >>> import neurona
    >>> neurona.set_default_dtype("float64")
    >>> neurona.set_default_dtype("float32")
    """
    global _default_dtype
    dt = numpy.dtype(dtype)
    if dt.kind != "f":
        raise TypeError(f"set_default_dtype: expected a floating dtype, got {dt}")
    _default_dtype = dt
