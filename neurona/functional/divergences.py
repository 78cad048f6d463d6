"""Divergences between distributions given by their parameters: ``gaussian_kl``, the VAE's KL term.

``KL(N(μ, σ²) ‖ N(0, 1)) = ½ Σ (σ² + μ² − 1 − log σ²)``, summed over the last axis
(the latent units) and computed in one node from ``μ`` and ``log σ²``.
"""
from __future__ import annotations

import numpy as np

from neurona.function import Function, ShapeError
from neurona.tensor import Tensor

REDUCTIONS = ("mean", "sum", "none")


class GaussianKL(Function):
    """The KL divergence of a diagonal Gaussian from the standard normal, reduced as asked."""

    saves = (0,)  # backward reads μ and its own exp(log σ²)

    def __init__(self, reduction: str) -> None:
        self.reduction = reduction

    def forward(self, mean, log_var):
        self.mean, self.variance = mean, np.exp(log_var)
        terms = self.variance + mean * mean
        terms -= 1
        terms -= log_var
        per_sample = 0.5 * (terms.sum(axis=-1) if terms.ndim else terms)
        self.shape, self.count = per_sample.shape, max(per_sample.size, 1)
        if self.reduction == "none":
            return per_sample
        total = per_sample.sum()
        return total / self.count if self.reduction == "mean" else total

    def backward(self, grad):
        if self.reduction == "mean":
            grad = grad / self.count
        g = np.broadcast_to(grad, self.shape)
        g = g[..., None] if self.variance.ndim else g
        return g * self.mean, g * (0.5 * (self.variance - 1))


def gaussian_kl(mean, log_var, reduction: str = "mean"):
    """``KL(N(mean, exp(log_var)) ‖ N(0, I))``, summed over the last axis, then reduced.

    ``reduction='mean'`` averages the per-sample sums (the VAE's KL term per sample),
    ``'sum'`` adds them, ``'none'`` returns them.

    Examples
    --------
    >>> import neurona as nr
    >>> float(nr.functional.gaussian_kl(nr.tensor([[0.0, 0.0]]), nr.tensor([[0.0, 0.0]])).item())
    0.0
    >>> round(float(nr.functional.gaussian_kl(nr.tensor([[1.0, 0.0]]), nr.tensor([[0.0, 0.0]])).item()), 4)
    0.5
    """
    shapes = [x.shape if isinstance(x, Tensor) else np.shape(x) for x in (mean, log_var)]
    if shapes[0] != shapes[1]:
        raise ShapeError(f"gaussian_kl: mean of shape {shapes[0]} and log_var of shape {shapes[1]} differ")
    if reduction not in REDUCTIONS:
        raise ValueError(f"gaussian_kl: reduction must be one of {REDUCTIONS}, got {reduction!r}")
    return GaussianKL(reduction)(mean, log_var)
