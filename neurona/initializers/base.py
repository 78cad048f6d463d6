"""The initializer contract and the fan-in / fan-out of a weight shape."""
from __future__ import annotations

import numpy as np

from neurona import backend


class Initializer:
    """Base class: ``init(shape, dtype)`` returns a new array of initial values.

    Subclasses define :meth:`sample`, drawing any randomness from
    :func:`neurona.random.get_rng`, and :meth:`get_config` when they have options.

    Examples
    --------
    >>> from neurona.initializers import Constant
    >>> Constant(0.5)((2,), "float32")
    array([0.5, 0.5], dtype=float32)
    """

    def __call__(self, shape, dtype=None) -> np.ndarray:
        dtype = backend.get_default_dtype() if dtype is None else np.dtype(dtype)
        return np.asarray(self.sample(tuple(shape), dtype), dtype=dtype)

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        raise NotImplementedError(f"{type(self).__name__} must define sample(shape, dtype)")

    def get_config(self) -> dict:
        """The constructor arguments, as JSON-able data."""
        return {}

    @classmethod
    def from_config(cls, config: dict) -> "Initializer":
        """Rebuild an initializer from :meth:`get_config`."""
        return cls(**config)

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({options})"


def compute_fans(shape: tuple) -> tuple[int, int]:
    """Fan-in and fan-out of a weight, as Keras computes them.

    A Dense kernel ``(in, out)`` has fans ``(in, out)``; a convolution kernel
    ``(*window, in_channels, out_channels)`` multiplies both by the window size;
    a vector ``(n,)`` has both fans ``n``.

    Examples
    --------
    >>> compute_fans((784, 100))
    (784, 100)
    >>> compute_fans((3, 3, 16, 32))
    (144, 288)
    """
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    receptive = int(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive
