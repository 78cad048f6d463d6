"""Linear algebra: ``matmul`` (2-D and batched) and the fused dense layer ``linear`` (optionally with
its ReLU or tanh in the same node)."""
from __future__ import annotations

import math

import numpy as np

from neurona import accelerate
from neurona.function import Function, ShapeError
from neurona.functional import _linear_kernels


def _check_matmul(name: str, a: np.ndarray, b: np.ndarray) -> None:
    if a.ndim == 0 or b.ndim == 0 or a.shape[-1] != b.shape[-2 if b.ndim > 1 else 0]:
        raise ShapeError(
            f"{name}: shapes {a.shape} and {b.shape} are incompatible "
            f"(the last axis of the first must equal the {'second-to-last' if b.ndim > 1 else 'only'} axis of the second)"
        )


class MatMul(Function):
    def forward(self, a, b):
        _check_matmul("matmul", np.asarray(a), np.asarray(b))
        self.a, self.b = a, b
        return a @ b

    def backward(self, grad):
        a, b = np.asarray(self.a), np.asarray(self.b)
        need_a, need_b = self.needs_input_grad
        g = np.asarray(grad)
        if b.ndim == 1:  # a vector operand is a matrix with a unit axis that the output lacks
            g = g[..., None]
        if a.ndim == 1:
            g = g[..., None, :]
        grad_a = grad_b = None
        if need_a:
            grad_a = g @ np.swapaxes(b[:, None] if b.ndim == 1 else b, -1, -2)
            grad_a = grad_a[..., 0, :] if a.ndim == 1 else grad_a
        if need_b:
            grad_b = np.swapaxes(a[None, :] if a.ndim == 1 else a, -1, -2) @ g
            grad_b = grad_b[..., 0] if b.ndim == 1 else grad_b
        return grad_a, grad_b  # the engine sums batch axes that broadcasting added


class Linear(Function):
    """``x @ w + b`` over the last axis of x, with one fused backward."""

    saves = (0, 1)

    def forward(self, x, w, b=None):
        return self._affine(x, w, b, relu=False)

    def _affine(self, x, w, b, relu: bool):
        if x.ndim == 0 or w.ndim != 2 or x.shape[-1] != w.shape[0]:
            raise ShapeError(
                f"linear: input of shape {x.shape} has {x.shape[-1] if x.ndim else 'no'} features but the weight of "
                f"shape {w.shape} expects {w.shape[0] if w.ndim == 2 else 'a 2-D (in, out) weight'}"
            )
        self.x, self.w = x, w
        return _add_bias(x @ w, b, relu)

    def backward(self, grad):
        return self._grads(grad, None)

    def _grads(self, grad, grad_b):
        """The gradients of x, w and b from ``grad``, that of the affine output (``grad_b``: its bias
        gradient, where already summed)."""
        x, w = self.x, self.w
        need = self.needs_input_grad
        grad_x = grad @ w.T if need[0] else None
        g2 = _rows(grad)
        grad_w = _rows(x).T @ g2 if need[1] else None
        if len(need) == 2:
            return grad_x, grad_w
        if need[2] and grad_b is None:
            grad_b = _column_sums(g2)
        return grad_x, grad_w, grad_b if need[2] else None


class LinearActivation(Linear):
    """``activation(x @ w + b)`` in one node, for ``relu`` and ``tanh``: the activation works in place on
    the product, and backward takes its derivative from the output (``relu' = [y > 0]``, with NaN passing
    as in :func:`~neurona.functional.relu`; ``tanh' = 1 − y²``). Where :mod:`neurona.accelerate` runs,
    the bias and the ReLU take one compiled pass forward, the derivative and the bias gradient one
    backward (``functional/_linear_kernels.py``)."""

    saves = (0, 1, "output")
    kinds = ("relu", "tanh")

    def __init__(self, activation: str) -> None:
        self.activation = activation

    def forward(self, x, w, b=None):
        self.out = self._affine(x, w, b, relu=self.activation == "relu")
        if self.activation == "tanh":
            np.tanh(self.out, out=self.out)
        return self.out

    def backward(self, grad):
        out = self.out
        if _kernels_take(grad, out):
            d, grad_b = np.empty_like(out), np.empty(out.shape[-1], out.dtype)
            if self.activation == "relu":
                _linear_kernels.relu_grad(_rows(grad), _rows(out), _rows(d), grad_b)
            else:
                _linear_kernels.tanh_grad(_rows(grad), _rows(out), _rows(d), grad_b, out.dtype.type(1))
            return self._grads(d, grad_b)
        if self.activation == "relu":
            d = np.multiply(grad, ~(out <= 0))
        else:
            d = np.multiply(out, out)
            np.subtract(1, d, out=d)
            d *= grad
        return self._grads(d, None)


def _kernels_take(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether the compiled passes run on ``a`` and ``b``: one dtype that kernels take, ``a`` neither 0-d
    nor empty. (The arrays they write into and reshape are fresh products, so C-contiguous.)"""
    return a.dtype == b.dtype and a.ndim > 0 and a.size > 0 and accelerate.enabled_for(a)


def _add_bias(out: np.ndarray, b, relu: bool) -> np.ndarray:
    """``out + b`` (b broadcast as NumPy does, or None), then the ReLU where ``relu``; in place. The
    kernel reads ``b[j]`` for every unit ``j``, so it takes only a bias of exactly ``(units,)``."""
    if b is not None and b.shape == out.shape[-1:] and _kernels_take(out, b):
        _linear_kernels.bias_relu(_rows(out), b, relu)
        return out
    if b is not None:
        out += b
    return np.maximum(out, 0, out=out) if relu else out


def _rows(a: np.ndarray) -> np.ndarray:
    """``a`` as a matrix of its last axis (rows counted, so that an axis of length 0 works too)."""
    return a.reshape(math.prod(a.shape[:-1]), a.shape[-1])


def _column_sums(g: np.ndarray) -> np.ndarray:
    """The bias gradient ``Σ_rows g`` of a 2-D gradient."""
    if _kernels_take(g, g):
        total = np.empty(g.shape[-1], g.dtype)
        _linear_kernels.column_sums(g, total)
        return total
    return np.add.reduce(g, axis=0)


def linear(x, weight, bias=None, activation: str | None = None):
    """Fused dense transform ``x @ weight + bias`` (weight has shape ``(in, out)``), followed by
    ``activation`` (``'relu'`` or ``'tanh'``) in the same graph node when given.

    Examples
    --------
    >>> import neurona as nr
    >>> x = nr.tensor([[1.0, 2.0]])
    >>> nr.functional.linear(x, nr.tensor([[1.0], [1.0]]), nr.tensor([0.5]))
    tensor([[3.5]])
    >>> nr.functional.linear(x, nr.tensor([[1.0], [-1.0]]), activation="relu")
    tensor([[0.]])
    """
    if activation is None:
        fn = Linear()
    elif activation in LinearActivation.kinds:
        fn = LinearActivation(activation)
    else:
        raise ValueError(f"linear: activation must be one of {LinearActivation.kinds} or None, got {activation!r}")
    return fn(x, weight) if bias is None else fn(x, weight, bias)


def matmul(a, b):
    """Matrix product ``a @ b``, batched over leading axes as in NumPy.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.matmul(nr.tensor([[1.0, 2.0]]), nr.tensor([[3.0], [4.0]]))
    tensor([[11.]])
    """
    return MatMul()(a, b)

