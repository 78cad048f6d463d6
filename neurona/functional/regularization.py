"""Regularization: inverted dropout and the L1 / L2 weight penalties."""
from __future__ import annotations

import numpy as np

from neurona.function import Function
from neurona.functional.arithmetic import mul
from neurona.functional.elementwise import abs
from neurona.functional.reductions import sum as _sum
from neurona.random import as_rng


class Dropout(Function):
    saves = ()

    def __init__(self, rate: float, rng) -> None:
        self.rate, self.rng = rate, rng

    def forward(self, x):
        keep = self.rng.random(x.shape, dtype=x.dtype if x.dtype.kind == "f" else np.float64) >= self.rate
        self.mask = keep * np.asarray(1.0 / (1.0 - self.rate), dtype=x.dtype)
        return x * self.mask

    def backward(self, grad):
        return grad * self.mask


def dropout(x, rate: float = 0.5, training: bool = True, rng=None):
    """Inverted dropout: zero each element with probability ``rate`` and scale the rest by ``1/(1-rate)``.

    When not ``training`` (or ``rate`` is 0) it is the identity, so evaluation needs no rescaling.
    ``rng`` is a seed or ``numpy.random.Generator``; by default the global one of :mod:`neurona.random`.

    Examples
    --------
    >>> import neurona as nr
    >>> x = nr.tensor([1.0, 1.0, 1.0, 1.0])
    >>> nr.functional.dropout(x, 0.5, training=False)
    tensor([1., 1., 1., 1.])
    """
    if not 0.0 <= rate < 1.0:
        raise ValueError(f"dropout: rate must be in [0, 1), got {rate}")
    if not training or rate == 0.0:
        return x
    return Dropout(rate, as_rng(rng))(x)


def l1_penalty(weight, strength: float):
    """L1 penalty ``strength * Σ|w|``.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.l1_penalty(nr.tensor([1.0, -2.0]), 0.1).item()
    0.3...
    """
    return mul(_sum(abs(weight)), strength)


def l2_penalty(weight, strength: float):
    """L2 penalty ``strength * Σ w²`` (as in Keras; use ``strength = λ/(2m)`` for the course's form)."""
    return mul(_sum(mul(weight, weight)), strength)
