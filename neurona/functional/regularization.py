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


class KLSparsity(Function):
    saves = ()

    def __init__(self, rho: float, beta: float) -> None:
        self.rho, self.beta = rho, beta

    def forward(self, a):
        lo, hi = (a.min(), a.max()) if a.size else (np.nan, np.nan)
        if not (0.0 <= lo and hi <= 1.0):
            raise ValueError(
                f"kl_sparsity: activations must lie in [0, 1] (a sigmoid code) and be at least one sample, "
                f"got shape {a.shape} with values in [{lo}, {hi}]"
            )
        eps = np.finfo(a.dtype).eps
        mean = a.mean(axis=0)
        self.inside = (mean >= eps) & (mean <= 1 - eps)
        self.rho_hat, self.n = np.clip(mean, eps, 1 - eps), a.shape[0]
        rho, rho_hat = self.rho, self.rho_hat
        kl = rho * np.log(rho / rho_hat) + (1 - rho) * np.log((1 - rho) / (1 - rho_hat))
        return np.asarray(self.beta * kl.sum(), dtype=a.dtype)

    def backward(self, grad):
        rho, rho_hat = self.rho, self.rho_hat
        d_mean = self.beta * (-rho / rho_hat + (1 - rho) / (1 - rho_hat)) * self.inside
        return np.broadcast_to(grad * d_mean / self.n, (self.n, *rho_hat.shape)).astype(rho_hat.dtype)


def kl_sparsity(activations, rho: float = 0.05, beta: float = 1.0):
    """The sparsity penalty ``beta * Σ_j KL(ρ ‖ ρ̂_j)`` of a sparse autoencoder (Ng's notes).

    ``ρ̂_j`` is unit ``j``'s mean activation over the batch (axis 0), and
    ``KL(ρ ‖ ρ̂) = ρ log(ρ/ρ̂) + (1-ρ) log((1-ρ)/(1-ρ̂))`` pulls it toward the target ``ρ``.
    Activations must lie in [0, 1] (a sigmoid code); others are refused.

    Examples
    --------
    >>> import neurona as nr
    >>> code = nr.tensor([[0.1, 0.5], [0.1, 0.5]])
    >>> round(nr.functional.kl_sparsity(code, rho=0.1).item(), 4)
    0.3681
    """
    if not 0.0 < rho < 1.0:
        raise ValueError(f"kl_sparsity: the target activation rho must be in (0, 1), got {rho!r}")
    if not beta >= 0.0:
        raise ValueError(f"kl_sparsity: beta must be >= 0, got {beta!r}")
    return KLSparsity(float(rho), float(beta))(activations)
