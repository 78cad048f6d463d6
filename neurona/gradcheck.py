"""Numerical gradient check: backprop against central differences, in float64."""
from __future__ import annotations

from typing import Callable

import numpy as np

from neurona.grad_mode import no_grad
from neurona.tensor import Tensor


class GradcheckError(AssertionError):
    """Backprop and central differences disagree."""


def _as_input(x):
    data = x.data if isinstance(x, Tensor) else np.asarray(x)
    if data.dtype.kind != "f":
        return data, False
    return Tensor(data, requires_grad=True, dtype=np.float64), True


def _scalar(fn: Callable, inputs: list, weights: list) -> float:
    out = fn(*inputs)
    values = out.data if isinstance(out, Tensor) else np.asarray(out)
    if not weights:
        weights.append(np.random.default_rng(0).standard_normal(values.shape))
    return out, float(np.sum(values * weights[0]))


def gradcheck(
    fn: Callable,
    *inputs,
    eps: float = 1e-6,
    atol: float = 1e-5,
    rtol: float = 1e-3,
    directional: bool = False,
) -> bool:
    """Check the gradients of ``fn`` at ``inputs`` against central differences.

    Floating inputs are copied to float64 tensors that require grad; integer inputs
    (labels, indices) are passed through. The output is reduced to a scalar with
    fixed random weights. With ``directional=True`` only one random direction is
    checked (two evaluations instead of two per element), which suits large inputs.

    Returns True, or raises :class:`GradcheckError` naming the worst element with its
    analytic value, numeric value and relative error.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.gradcheck(lambda x: (x * x).sum(), [1.0, 2.0, 3.0])
    True
    """
    prepared = [_as_input(x) for x in inputs]
    tensors = [t for t, _ in prepared]
    weights: list = []
    out, _ = _scalar(fn, tensors, weights)
    if not isinstance(out, Tensor) or not out.requires_grad:
        raise GradcheckError("gradcheck: the function's output does not depend on any floating input")
    out.backward(weights[0].astype(out.dtype))
    checked = [(i, t) for i, (t, differentiable) in enumerate(prepared) if differentiable]
    analytic = [t.grad if t.grad is not None else np.zeros_like(t.data) for _, t in checked]

    with no_grad():
        def value() -> float:
            return _scalar(fn, tensors, weights)[1]

        if directional:
            rng = np.random.default_rng(1)
            directions = [rng.standard_normal(t.data.shape) for _, t in checked]
            for (_, t), d in zip(checked, directions):
                t.data += eps * d
            plus = value()
            for (_, t), d in zip(checked, directions):
                t.data -= 2 * eps * d
            minus = value()
            for (_, t), d in zip(checked, directions):
                t.data += eps * d
            numeric = (plus - minus) / (2 * eps)
            projected = float(sum(np.sum(a * d) for a, d in zip(analytic, directions)))
            _compare("the directional derivative", np.array([projected]), np.array([numeric]), atol, rtol)
            return True

        for (index, t), grad in zip(checked, analytic):
            numeric = np.zeros_like(t.data)
            flat = t.data.reshape(-1)
            for k in range(flat.size):
                original = flat[k]
                flat[k] = original + eps
                plus = value()
                flat[k] = original - eps
                minus = value()
                flat[k] = original
                numeric.flat[k] = (plus - minus) / (2 * eps)
            _compare(f"input {index}", grad, numeric, atol, rtol)
    return True


def _compare(what: str, analytic: np.ndarray, numeric: np.ndarray, atol: float, rtol: float) -> None:
    error = np.abs(analytic - numeric)
    excess = error / (atol + rtol * np.abs(numeric))
    if not np.all(np.isfinite(analytic)) or excess.size and excess.max() > 1:
        worst = np.unravel_index(np.nanargmax(np.where(np.isfinite(excess), excess, np.inf)), analytic.shape)
        a, n = analytic[worst], numeric[worst]
        relative = abs(a - n) / max(abs(n), 1e-12)
        raise GradcheckError(
            f"gradcheck: {what}, element {tuple(int(i) for i in worst)}: analytic {a:.8g}, "
            f"numeric {n:.8g}, relative error {relative:.3g} (atol={atol}, rtol={rtol})"
        )
