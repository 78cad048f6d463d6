"""Elementwise math: exp, log, sqrt, abs, clip, maximum, minimum, where."""
from __future__ import annotations

import numpy as np

from neurona.function import Function
from neurona.tensor import Tensor


class Exp(Function):
    saves = ("output",)

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
    saves = ("output",)

    def forward(self, x):
        self.out = np.sqrt(x)
        return self.out

    def backward(self, grad):
        return grad / (2 * self.out)


class Abs(Function):
    saves = ()

    def forward(self, x):
        self.sign = np.sign(x)
        if x.dtype.kind == "f":
            self.sign = np.where(np.isnan(x), 0, self.sign)  # PyTorch's gradient at NaN is 0
        return np.abs(x)

    def backward(self, grad):
        return grad * self.sign


class Clip(Function):
    saves = ()

    def __init__(self, low=None, high=None) -> None:
        if low is None and high is None:
            raise ValueError("clip: at least one of low and high must be given (both are None)")
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


def _share(loses: np.ndarray, ties: np.ndarray, dtype) -> np.ndarray:
    """The share of the gradient an input gets: 1/2 on a tie, 0 where it loses, 1 elsewhere.

    As in PyTorch, a NaN neither ties nor loses, so both inputs get the whole gradient there.
    """
    share = np.where(ties, 0.5, 1.0).astype(dtype, copy=False)
    share[loses] = 0
    return share


class _PairExtremum(Function):
    """Maximum or minimum of two tensors; a tie splits the gradient half and half (PyTorch's rule)."""

    saves = ()
    pick = beats = None

    def forward(self, a, b):
        out = self.pick(a, b)
        dtype = out.dtype if out.dtype.kind == "f" else np.float32
        ties, a_wins, b_wins = a == b, self.beats(a, b), self.beats(b, a)
        self.shares = _share(b_wins, ties, dtype), _share(a_wins, ties, dtype)
        return out

    def backward(self, grad):
        need_a, need_b = self.needs_input_grad
        return (grad * self.shares[0] if need_a else None), (grad * self.shares[1] if need_b else None)


class Maximum(_PairExtremum):
    pick = staticmethod(np.maximum)
    beats = staticmethod(np.greater)


class Minimum(_PairExtremum):
    pick = staticmethod(np.minimum)
    beats = staticmethod(np.less)


class Where(Function):
    saves = ()

    def __init__(self, condition) -> None:
        # a copy: backward must see the mask of the forward pass even if the condition changes in place
        self.condition = np.array(condition.data if isinstance(condition, Tensor) else condition, dtype=bool)

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
    """Elementwise absolute value (gradient ``sign(x)``: 0 at 0 and at NaN, as in PyTorch)."""
    return Abs()(x)


def clip(x, low=None, high=None):
    """Limit values to ``[low, high]`` (one bound may be None, not both).

    The gradient passes where ``low <= x <= high`` (bounds included) and is zero elsewhere.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.clip(nr.tensor([-2.0, 0.5, 3.0]), -1.0, 1.0)
    tensor([-1. ,  0.5,  1. ])
    """
    return Clip(low, high)(x)


def maximum(a, b):
    """Elementwise maximum of two tensors; ties split the gradient half and half, as in PyTorch.

    Examples
    --------
    >>> import neurona as nr
    >>> a, b = nr.tensor([1.0, 2.0], requires_grad=True), nr.tensor([1.0, 0.0], requires_grad=True)
    >>> nr.functional.maximum(a, b).sum().backward()
    >>> a.grad, b.grad
    (array([0.5, 1. ], dtype=float32), array([0.5, 0. ], dtype=float32))
    """
    return Maximum()(a, b)


def minimum(a, b):
    """Elementwise minimum of two tensors; ties split the gradient half and half, as in PyTorch."""
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
