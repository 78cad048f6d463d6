"""Linear algebra: ``matmul`` (2-D and batched) and the fused dense layer ``linear`` (optionally with
its ReLU or tanh in the same node)."""
from __future__ import annotations

import numpy as np

from neurona.function import Function, ShapeError


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
        if x.ndim == 0 or w.ndim != 2 or x.shape[-1] != w.shape[0]:
            raise ShapeError(
                f"linear: input of shape {x.shape} has {x.shape[-1] if x.ndim else 'no'} features but the weight of "
                f"shape {w.shape} expects {w.shape[0] if w.ndim == 2 else 'a 2-D (in, out) weight'}"
            )
        self.x, self.w = x, w
        out = x @ w
        if b is not None:
            out += b
        return out

    def backward(self, grad):
        x, w = self.x, self.w
        need = self.needs_input_grad
        grad_x = grad @ w.T if need[0] else None
        g2 = grad.reshape(-1, grad.shape[-1])
        grad_w = x.reshape(-1, x.shape[-1]).T @ g2 if need[1] else None
        if len(need) == 2:
            return grad_x, grad_w
        return grad_x, grad_w, np.add.reduce(g2, axis=0) if need[2] else None


class LinearActivation(Linear):
    """``activation(x @ w + b)`` in one node, for ``relu`` and ``tanh``: the activation works in place on
    the product, and backward takes its derivative from the output (``relu' = [y > 0]``, with NaN passing
    as in :func:`~neurona.functional.relu`; ``tanh' = 1 − y²``)."""

    saves = (0, 1, "output")
    kinds = ("relu", "tanh")

    def __init__(self, activation: str) -> None:
        self.activation = activation

    def forward(self, x, w, b=None):
        out = super().forward(x, w, b)
        self.out = np.maximum(out, 0, out=out) if self.activation == "relu" else np.tanh(out, out=out)
        return out

    def backward(self, grad):
        out = self.out
        if self.activation == "relu":
            d = np.multiply(grad, ~(out <= 0))
        else:
            d = np.multiply(out, out)
            np.subtract(1, d, out=d)
            d *= grad
        return super().backward(d)


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

