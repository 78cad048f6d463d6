"""Multiplicative and additive Gaussian noise: the corruptions of a denoising autoencoder."""
from __future__ import annotations

import math

import numpy as np

from neurona import backend
from neurona.functional.arithmetic import add, mul
from neurona.random import as_rng


def _float_dtype(x) -> np.dtype:
    dtype = np.dtype(getattr(x, "dtype", np.float64))
    return dtype if dtype.kind == "f" else backend.get_default_dtype()


def _check(op: str, name: str, value, upper: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)) or not 0.0 <= value < upper:
        bound = "a finite number >= 0" if upper == math.inf else f"a number in [0, {upper:g})"
        raise ValueError(f"{op}: {name} must be {bound}, got {value!r}")
    return float(value)


def gaussian_noise(x, stddev: float, training: bool = True, rng=None):
    """``x + ε`` with ``ε ~ N(0, stddev²)`` drawn afresh at each call; the identity when not ``training``.

    ``rng`` is a seed or ``numpy.random.Generator``; by default the global one of :mod:`neurona.random`.

    Examples
    --------
    >>> import neurona as nr
    >>> x = nr.tensor([0.0, 0.0, 0.0])
    >>> nr.functional.gaussian_noise(x, 0.5, training=False) is x
    True
    >>> nr.functional.gaussian_noise(x, 0.5, rng=0).shape
    (3,)
    """
    stddev = _check("gaussian_noise", "stddev", stddev)
    if not training or stddev == 0.0:
        return x
    noise = as_rng(rng).standard_normal(np.shape(x), dtype=_float_dtype(x))
    return add(x, noise * noise.dtype.type(stddev))


def gaussian_dropout(x, rate: float, training: bool = True, rng=None):
    """``x · ε`` with ``ε ~ N(1, rate / (1 - rate))`` (Srivastava et al., 2014); the identity when not ``training``.

    The noise has mean 1, so no rescaling is needed at evaluation.

    Examples
    --------
    >>> import neurona as nr
    >>> x = nr.tensor([1.0, 2.0])
    >>> nr.functional.gaussian_dropout(x, 0.2, training=False) is x
    True
    >>> nr.functional.gaussian_dropout(x, 0.0) is x
    True
    """
    rate = _check("gaussian_dropout", "rate", rate, upper=1.0)
    if not training or rate == 0.0:
        return x
    dtype = _float_dtype(x)
    noise = as_rng(rng).standard_normal(np.shape(x), dtype=dtype) * dtype.type(math.sqrt(rate / (1.0 - rate)))
    return mul(x, noise + dtype.type(1.0))
