"""Constant initializers: zeros, ones and any constant."""
from __future__ import annotations

import numpy as np

from neurona.initializers.base import Initializer


class Constant(Initializer):
    """Fill with ``value``.

    Examples
    --------
    >>> from neurona.initializers import Constant
    >>> Constant(2.0)((1, 2))
    array([[2., 2.]], dtype=float32)
    """

    def __init__(self, value: float = 0.0) -> None:
        self.value = float(value)

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        return np.full(shape, self.value, dtype=dtype)

    def get_config(self) -> dict:
        return {"value": self.value}


class Zeros(Initializer):
    """Fill with 0 (the default for biases).

    Examples
    --------
    >>> from neurona.initializers import Zeros
    >>> Zeros()((2,))
    array([0., 0.], dtype=float32)
    """

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        return np.zeros(shape, dtype=dtype)


class Ones(Initializer):
    """Fill with 1 (the default for batch-normalization scales).

    Examples
    --------
    >>> from neurona.initializers import Ones
    >>> Ones()((2,))
    array([1., 1.], dtype=float32)
    """

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        return np.ones(shape, dtype=dtype)
