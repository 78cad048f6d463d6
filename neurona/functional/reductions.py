"""Reductions: sum, mean, max, min, var, std, logsumexp (each with ``axis`` and ``keepdims``)."""
from __future__ import annotations

import numpy as np

from neurona.function import Function
from neurona.functional._axes import axes_tuple
from neurona.functional.elementwise import sqrt
from neurona.tensor import Tensor


def _spread(grad, shape: tuple):
    """Copy a reduced (size-1 axes) gradient over ``shape``; cheaper than ``np.broadcast_to`` for small arrays."""
    out = np.empty(shape, dtype=grad.dtype)
    out[...] = grad
    return out


def _expand(grad, shape: tuple, axes: tuple, keepdims: bool):
    """Give a reduced gradient back its reduced axes (as size 1), ready to broadcast to ``shape``."""
    if keepdims:
        return grad
    kept = [1 if i in axes else n for i, n in enumerate(shape)]
    return grad.reshape(kept)


class _Reduction(Function):
    saves = ()

    def __init__(self, axis=None, keepdims: bool = False) -> None:
        self.axis = axis
        self.keepdims = keepdims

    def _setup(self, x) -> None:
        self.shape = x.shape
        self.axes = axes_tuple(self.axis, x.ndim, type(self).__name__.lower())


class Sum(_Reduction):
    def forward(self, x):
        self._setup(x)
        return x.sum(axis=self.axes, keepdims=self.keepdims)

    def backward(self, grad):
        return _spread(_expand(grad, self.shape, self.axes, self.keepdims), self.shape)


class Mean(_Reduction):
    def forward(self, x):
        self._setup(x)
        self.count = int(np.prod([x.shape[a] for a in self.axes]))
        return x.mean(axis=self.axes, keepdims=self.keepdims)

    def backward(self, grad):
        return _spread(_expand(grad, self.shape, self.axes, self.keepdims) / self.count, self.shape)


class _Extremum(_Reduction):
    """Max or min; the gradient is shared equally between tied extreme elements."""

    reduce = None

    def forward(self, x):
        self._setup(x)
        if any(x.shape[a] == 0 for a in self.axes):
            raise ValueError(f"{type(self).__name__.lower()}: cannot reduce an axis of length 0 (shape {x.shape})")
        out = type(self).reduce(x, axis=self.axes, keepdims=True)
        self.mask = x == out
        return out if self.keepdims else out.reshape([n for i, n in enumerate(x.shape) if i not in self.axes])

    def backward(self, grad):
        g = _expand(grad, self.shape, self.axes, self.keepdims)
        count = self.mask.sum(axis=self.axes, keepdims=True)
        return self.mask * (g / count)


class Max(_Extremum):
    reduce = staticmethod(np.max)


class Min(_Extremum):
    reduce = staticmethod(np.min)


class Var(_Reduction):
    def __init__(self, axis=None, keepdims: bool = False, ddof: int = 0) -> None:
        super().__init__(axis, keepdims)
        self.ddof = ddof

    def forward(self, x):
        self._setup(x)
        count = int(np.prod([x.shape[a] for a in self.axes]))
        self.centered = x - x.mean(axis=self.axes, keepdims=True)
        self.scale = 2.0 / (count - self.ddof)
        return x.var(axis=self.axes, keepdims=self.keepdims, ddof=self.ddof)

    def backward(self, grad):
        g = _expand(grad, self.shape, self.axes, self.keepdims)
        return (self.scale * g) * self.centered


class LogSumExp(_Reduction):
    saves = ("inputs", "output")

    def forward(self, x):
        self._setup(x)
        peak = x.max(axis=self.axes, keepdims=True, initial=-np.inf)  # an empty axis gives -inf, as in PyTorch
        peak = np.where(np.isfinite(peak), peak, 0)
        out = np.log(np.exp(x - peak).sum(axis=self.axes, keepdims=True)) + peak
        self.x, self.out = x, out
        return out if self.keepdims else out.reshape([n for i, n in enumerate(x.shape) if i not in self.axes])

    def backward(self, grad):
        g = _expand(grad, self.shape, self.axes, self.keepdims)
        return g * np.exp(self.x - self.out)


def sum(x, axis=None, keepdims: bool = False):
    """Sum over ``axis`` (all axes by default).

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.sum(nr.tensor([[1.0, 2.0], [3.0, 4.0]]), axis=0)
    tensor([4., 6.])
    """
    return Sum(axis, keepdims)(x)


def mean(x, axis=None, keepdims: bool = False):
    """Arithmetic mean over ``axis`` (all axes by default)."""
    return Mean(axis, keepdims)(x)


def max(x, axis=None, keepdims: bool = False):
    """Maximum over ``axis``; ties share the gradient equally."""
    return Max(axis, keepdims)(x)


def min(x, axis=None, keepdims: bool = False):
    """Minimum over ``axis``; ties share the gradient equally."""
    return Min(axis, keepdims)(x)


def var(x, axis=None, keepdims: bool = False, ddof: int = 0):
    """Variance over ``axis`` (``ddof=0``: the population variance, as NumPy)."""
    return Var(axis, keepdims, ddof)(x)


def std(x, axis=None, keepdims: bool = False, ddof: int = 0):
    """Standard deviation over ``axis``: ``sqrt(var(x))``."""
    axes_tuple(axis, np.ndim(x.data if isinstance(x, Tensor) else x), "std")
    return sqrt(var(x, axis, keepdims, ddof))


def logsumexp(x, axis=None, keepdims: bool = False):
    """``log(sum(exp(x)))`` over ``axis``, computed stably by shifting by the maximum.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.logsumexp(nr.tensor([1000.0, 1000.0])).item()
    1000.6931...
    """
    return LogSumExp(axis, keepdims)(x)
