"""Activation functions: sigmoid, tanh, relu, leaky_relu, prelu, elu, selu, softplus,
softmax, log_softmax, maxout, step/heaviside and identity.

Each is written in its numerically stable form: the sigmoid as ``0.5*tanh(0.5x)+0.5``,
the softplus as ``max(x, 0) + log1p(exp(-|x|))``, the softmax after subtracting the row maximum.
"""
from __future__ import annotations

import numpy as np

from neurona.function import Function
from neurona.functional._axes import axes_tuple, axis_index
from neurona.functional import _softmax_kernels as short_softmax
from neurona.functional._rows import row_max, row_sum
from neurona.functional.reductions import max as _max
from neurona.functional.shape import reshape
from neurona.tensor import Tensor

SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805


class Sigmoid(Function):
    saves = ("output",)

    def forward(self, x):
        self.out = np.tanh(x * 0.5) * 0.5 + 0.5
        return self.out

    def backward(self, grad):
        d = 1 - self.out  # σ' = σ (1 - σ), built in one buffer
        d *= self.out
        d *= grad
        return d


class Tanh(Function):
    saves = ("output",)

    def forward(self, x):
        self.out = np.tanh(x)
        return self.out

    def backward(self, grad):
        d = self.out * self.out  # tanh' = 1 - tanh², built in one buffer
        if type(d) is np.ndarray:
            np.subtract(1, d, out=d)
        else:  # a 0-d input gives NumPy scalars, which have no buffer to write into
            d = 1 - d
        d *= grad
        return d


class ReLU(Function):
    """``max(0, x)``; the gradient is 0 where ``x <= 0`` and passes elsewhere (NaN included, as in PyTorch)."""

    saves = ()

    def forward(self, x):
        self.positive = ~(x <= 0)
        return np.maximum(x, 0)

    def backward(self, grad):
        return grad * self.positive


class LeakyReLU(Function):
    saves = ()

    def __init__(self, negative_slope: float) -> None:
        self.negative_slope = negative_slope

    def forward(self, x):
        s = x.dtype.type(self.negative_slope)
        if 0 <= s <= 1:  # branchless (np.where mispredicts on mixed signs): m·(1 − s) + s is exactly 1 or s here
            self.slope = (x > 0).astype(x.dtype)
            self.slope *= 1 - s
            self.slope += s
        else:
            self.slope = np.where(x > 0, 1, s).astype(x.dtype)
        return x * self.slope

    def backward(self, grad):
        return grad * self.slope


class PReLU(Function):
    """``x`` where ``x > 0``, else ``alpha * x``; at 0 the slope is ``alpha``, as in PyTorch."""

    def forward(self, x, alpha):
        self.x, self.alpha = x, alpha
        self.positive = x > 0
        return np.where(self.positive, x, alpha * x)

    def backward(self, grad):
        grad_x = grad * np.where(self.positive, 1, self.alpha) if self.needs_input_grad[0] else None
        grad_alpha = grad * self.x * ~self.positive if self.needs_input_grad[1] else None
        return grad_x, grad_alpha


class ELU(Function):
    """``scale * x`` where ``x > 0``, else ``scale * alpha * (e**x - 1)``.

    At 0 the slope is ``scale * alpha``, as in PyTorch.
    """

    saves = ()

    def __init__(self, alpha: float = 1.0, scale: float = 1.0) -> None:
        self.alpha, self.scale = alpha, scale

    def forward(self, x):
        self.negative = x <= 0
        self.exp_part = self.alpha * np.expm1(np.minimum(x, 0))
        return self.scale * np.where(self.negative, self.exp_part, x)

    def backward(self, grad):
        return grad * (self.scale * np.where(self.negative, self.exp_part + self.alpha, 1))


class Softplus(Function):
    def forward(self, x):
        self.x = x
        x = np.asarray(x)
        if x.dtype.kind != "f":
            return np.logaddexp(0, x)
        out = np.abs(x, out=np.empty_like(x))  # max(x, 0) + log1p(exp(-|x|)): 16x faster than logaddexp
        np.negative(out, out=out)
        np.exp(out, out=out)
        np.log1p(out, out=out)
        return np.add(out, np.maximum(x, 0), out=out)

    def backward(self, grad):
        return grad * (np.tanh(self.x * 0.5) * 0.5 + 0.5)


def _kept_max(x: np.ndarray, axes: tuple) -> np.ndarray:
    """The maximum over ``axes``, kept; ``-inf`` over an empty axis."""
    if x.ndim and axes == (x.ndim - 1,):
        return row_max(x)
    return x.max(axis=axes, keepdims=True, initial=-np.inf)


def _kept_sum(x: np.ndarray, axes: tuple) -> np.ndarray:
    """The sum over ``axes``, kept."""
    if x.ndim and axes == (x.ndim - 1,) and x.dtype.kind == "f":
        return row_sum(x)
    return x.sum(axis=axes, keepdims=True)


class Softmax(Function):
    saves = ("output",)

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def forward(self, x):
        self.axes = axes_tuple(self.axis, x.ndim, "softmax")
        if self.axes == (x.ndim - 1,) and short_softmax.applies(x):
            self.shifted, self.total, self.out = short_softmax.softmax(x)
            return self.out
        self.shifted = x - _kept_max(x, self.axes)  # kept for a fused loss
        e = np.exp(self.shifted, out=np.empty_like(self.shifted))  # an array even for 0-d inputs
        self.total = _kept_sum(e, self.axes)
        self.out = np.divide(e, self.total, out=e)
        return self.out

    def backward(self, grad):
        y = self.out
        return y * (grad - _kept_sum(grad * y, self.axes))


class LogSoftmax(Function):
    saves = ("output",)

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def forward(self, x):
        self.axes = axes_tuple(self.axis, x.ndim, "log_softmax")
        shifted = x - _kept_max(x, self.axes)
        self.out = shifted - np.log(_kept_sum(np.exp(shifted), self.axes))
        return self.out

    def backward(self, grad):
        return grad - np.exp(self.out) * _kept_sum(grad, self.axes)


def sigmoid(x):
    """Logistic function ``1 / (1 + e**-x)``, computed as ``0.5*tanh(0.5x)+0.5`` (no overflow).

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.sigmoid(nr.tensor([0.0, 1e4, -1e4]))
    tensor([0.5, 1. , 0. ])
    """
    return Sigmoid()(x)


def tanh(x):
    """Hyperbolic tangent."""
    return Tanh()(x)


def relu(x):
    """Rectified linear unit ``max(0, x)`` (gradient 0 at 0)."""
    return ReLU()(x)


def leaky_relu(x, negative_slope: float = 0.2):
    """``x`` for positive inputs, ``negative_slope * x`` otherwise.

    The default slope 0.2 is Keras 3's (``keras.ops.leaky_relu``); PyTorch's is 0.01
    and the Keras layer ``LeakyReLU``'s is 0.3.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.leaky_relu(nr.tensor([-1.0, 2.0]))
    tensor([-0.2,  2. ])
    """
    return LeakyReLU(negative_slope)(x)


def prelu(x, alpha):
    """Parametric ReLU: like leaky_relu with a learnable ``alpha`` (broadcast over ``x``)."""
    return PReLU()(x, alpha)


def elu(x, alpha: float = 1.0):
    """Exponential linear unit: ``x`` if positive, else ``alpha*(e**x - 1)``."""
    return ELU(alpha)(x)


def selu(x):
    """Scaled ELU with the self-normalizing constants of Klambauer et al. (2017)."""
    return ELU(SELU_ALPHA, SELU_SCALE)(x)


def softplus(x):
    """Smooth ReLU ``log(1 + e**x)``, computed as ``max(x, 0) + log1p(exp(-|x|))`` (no overflow)."""
    return Softplus()(x)


def softmax(x, axis: int = -1):
    """Normalized exponentials along ``axis``, shifted by the maximum for stability.

    Examples
    --------
    >>> import neurona as nr
    >>> [round(p, 5) for p in nr.functional.softmax(nr.tensor([-2.18, -10.5, -7.14])).numpy().tolist()]
    [0.9928, 0.00024, 0.00696]
    """
    return Softmax(axis)(x)


def log_softmax(x, axis: int = -1):
    """Logarithm of the softmax, computed as ``x - logsumexp(x)``."""
    return LogSoftmax(axis)(x)


def maxout(x, pieces: int, axis: int = -1):
    """Maxout: split ``axis`` into groups of ``pieces`` consecutive units and keep each group's maximum.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.maxout(nr.tensor([[1.0, 5.0, 3.0, 2.0]]), pieces=2)
    tensor([[5., 3.]])
    """
    shape = x.shape
    axis = axis_index(axis, len(shape), "maxout")
    if shape[axis] % pieces:
        raise ValueError(f"maxout: axis {axis} of size {shape[axis]} is not divisible by pieces={pieces}")
    grouped = reshape(x, shape[:axis] + (shape[axis] // pieces, pieces) + shape[axis + 1 :])
    return _max(grouped, axis=axis + 1)


def step(x) -> Tensor:
    """Heaviside step: 1 where ``x > 0``, else 0. It has no gradient and records no graph."""
    data = x.data if isinstance(x, Tensor) else np.asarray(x)
    return Tensor._wrap((data > 0).astype(data.dtype if data.dtype.kind == "f" else np.float32))


heaviside = step


def identity(x):
    """Return ``x`` unchanged (the linear activation)."""
    return x
