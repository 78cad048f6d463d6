"""Fixed random distributions: normal, truncated normal and uniform."""
from __future__ import annotations

import numpy as np

from neurona.initializers.base import Initializer
from neurona.random import get_rng

TRUNCATED_STD = 0.87962566103423978
"""Standard deviation of a standard normal truncated to [-2, 2]."""


def truncated_normal(shape: tuple) -> np.ndarray:
    """Standard normal samples redrawn until they lie within two standard deviations."""
    rng = get_rng()
    values = rng.standard_normal(shape)
    redraw = np.flatnonzero(np.abs(values) > 2)
    flat = values.reshape(-1)
    while redraw.size:
        flat[redraw] = rng.standard_normal(redraw.size)
        redraw = redraw[np.abs(flat[redraw]) > 2]
    return values


class RandomNormal(Initializer):
    """Draw from ``N(mean, stddev²)``.

    Examples
    --------
    >>> import neurona
    >>> from neurona.initializers import RandomNormal
    >>> RandomNormal(stddev=0.01)((100, 10)).shape
    (100, 10)
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05) -> None:
        self.mean, self.stddev = float(mean), float(stddev)

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        return get_rng().normal(self.mean, self.stddev, shape)

    def get_config(self) -> dict:
        return {"mean": self.mean, "stddev": self.stddev}


class TruncatedNormal(Initializer):
    """Draw from ``N(mean, stddev²)``, redrawing values more than two ``stddev`` from the mean.

    Examples
    --------
    >>> from neurona.initializers import TruncatedNormal
    >>> bool((abs(TruncatedNormal(stddev=1.0)((1000,))) <= 2).all())
    True
    """

    def __init__(self, mean: float = 0.0, stddev: float = 0.05) -> None:
        self.mean, self.stddev = float(mean), float(stddev)

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        return self.mean + self.stddev * truncated_normal(shape)

    def get_config(self) -> dict:
        return {"mean": self.mean, "stddev": self.stddev}


class RandomUniform(Initializer):
    """Draw from the uniform distribution on ``[minval, maxval)``.

    Examples
    --------
    >>> from neurona.initializers import RandomUniform
    >>> w = RandomUniform(-1.0, 1.0)((1000,))
    >>> bool((w >= -1).all() and (w <= 1).all())
    True
    """

    def __init__(self, minval: float = -0.05, maxval: float = 0.05) -> None:
        self.minval, self.maxval = float(minval), float(maxval)

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        return get_rng().uniform(self.minval, self.maxval, shape)

    def get_config(self) -> dict:
        return {"minval": self.minval, "maxval": self.maxval}
