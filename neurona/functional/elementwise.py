"""Elementwise math: exp, log, sqrt, abs, clip, maximum, minimum, where."""
from __future__ import annotations

import numpy as np

from neurona.function import Function
from neurona.tensor import Tensor


class Exp(Function):
    def forward(self, x):
        self.out = np.exp(x)
        return self.out

    def backward(self, grad):
        return grad * self.out


class Log(Function):
    def forward(self, x):
        self.x = x
        return np.log(x)

    def backward(self, grad):
        return grad / self.x


class Sqrt(Function):
    def forward(self, x):
        self.out = np.sqrt(x)
        return self.out

    def backward(self, grad):
        return grad / (2 * self.out)


class Abs(Function):
    def forward(self, x):
        self.sign = np.sign(x)
        return np.abs(x)

    def backward(self, grad):
        return grad * self.sign


class Clip(Function):
    def __init__(self, low=None, high=None) -> None:
        self.low, self.high = low, high

    def forward(self, x):
        self.inside = np.ones(x.shape, dtype=bool)
        if self.low is not None:
            self.inside &= x >= self.low
        if self.high is not None:
            self.inside &= x <= self.high
        return np.clip(x, self.low, self.high)

    def backward(self, grad):
        return grad * self.inside


class Maximum(Function):
    """Elementwise maximum; on ties the gradient goes to the first input."""

    def forward(self, a, b):
        self.first = a >= b
        return np.maximum(a, b)

    def backward(self, grad):
        return grad * self.first, grad * ~self.first


class Minimum(Function):
    """Elementwise minimum; on ties the gradient goes to the first input."""

    def forward(self, a, b):
        self.first = a <= b
        return np.minimum(a, b)

    def backward(self, grad):
        return grad * self.first, grad * ~self.first


class Where(Function):
    def __init__(self, condition) -> None:
        self.condition = np.asarray(condition.data if isinstance(condition, Tensor) else condition, dtype=bool)

    def forward(self, a, b):
        return np.where(self.condition, a, b)

    def backward(self, grad):
        return grad * self.condition, grad * ~self.condition


def exp(x):
    """Elementwise ``e**x``.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.exp(nr.tensor([0.0]))
    tensor([1.])
    """
    return Exp()(x)


def log(x):
    """Elementwise natural logarithm."""
    return Log()(x)


def sqrt(x):
    """Elementwise square root."""
    return Sqrt()(x)


def abs(x):
    """Elementwise absolute value (gradient ``sign(x)``, 0 at 0)."""
    return Abs()(x)


def clip(x, low=None, high=None):
    """Limit values to ``[low, high]``; the gradient is zero where a bound is active."""
    return Clip(low, high)(x)


def maximum(a, b):
    """Elementwise maximum of two tensors."""
    return Maximum()(a, b)


def minimum(a, b):
    """Elementwise minimum of two tensors."""
    return Minimum()(a, b)


def where(condition, a, b):
    """Pick ``a`` where ``condition`` holds and ``b`` elsewhere.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.where(nr.tensor([True, False]), nr.tensor([1.0, 2.0]), 0.0)
    tensor([1., 0.])
    """
    return Where(condition)(a, b)
