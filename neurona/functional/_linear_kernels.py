"""The element-wise work of the dense layer around its matrix products, as one-pass kernels.

:class:`neurona.functional.linalg.Linear` and ``LinearActivation`` are the NumPy reference:
forward adds the bias and applies the ReLU in two passes over the product; backward masks the
gradient (two or three passes) and sums it over the rows for the bias (one more). Each costs a
NumPy call of about a microsecond however small the layer, and a pass over memory however large.
These kernels do forward's work in one pass, and backward's derivative and bias gradient in
another, with the values the reference gives: NaN passes through the ReLU (``np.maximum``), the
derivative multiplies (so an infinite gradient times a zero mask is NaN), and the bias gradient
adds the rows in order, as ``np.add.reduce(g, axis=0)`` does. tanh itself stays with NumPy,
whose vectorized tanh a compiled loop would not match in speed.
"""
from __future__ import annotations

from neurona.accelerate import jit


@jit
def bias_relu(out, b, relu):
    """``out ← out + b`` a row, then ``max(out, 0)`` where ``relu`` (NaN stays NaN)."""
    rows, units = out.shape
    for i in range(rows):
        for j in range(units):
            v = out[i, j] + b[j]
            out[i, j] = v if (v > 0 or v != v or not relu) else 0


@jit
def relu_grad(grad, out, d, db):
    """``d = grad · [not out ≤ 0]`` (the ReLU's derivative from its output); ``db = Σ_rows d``."""
    rows, units = d.shape
    for j in range(units):
        db[j] = 0
    for i in range(rows):
        for j in range(units):
            v = grad[i, j] * (not out[i, j] <= 0)  # a bool factor keeps the dtype
            d[i, j] = v
            db[j] += v


@jit
def tanh_grad(grad, out, d, db, one):
    """``d = (1 − out²) · grad`` (tanh's derivative from its output); ``db = Σ_rows d``; ``one`` in
    the arrays' dtype (a literal 1 would make the arithmetic float64)."""
    rows, units = d.shape
    for j in range(units):
        db[j] = 0
    for i in range(rows):
        for j in range(units):
            y = out[i, j]
            v = (one - y * y) * grad[i, j]
            d[i, j] = v
            db[j] += v


@jit
def column_sums(g, db):
    """``db = Σ_rows g``, row after row."""
    rows, units = g.shape
    for j in range(units):
        db[j] = 0
    for i in range(rows):
        for j in range(units):
            db[j] += g[i, j]
