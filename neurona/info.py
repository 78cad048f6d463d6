"""Information theory of probability vectors: entropy, cross-entropy, KL divergence.

This is the course's weather-antenna example: how many bits a code needs per
message when it is built for one distribution and used on another.
"""
from __future__ import annotations

import numpy as np

_LOG = {"bits": np.log2, "nats": np.log}


def _check(name: str, p, unit: str) -> np.ndarray:
    if unit not in _LOG:
        raise ValueError(f"{name}: unit must be 'bits' or 'nats', got {unit!r}")
    p = np.asarray(p, dtype=np.float64)
    if np.any(p < 0) or not np.allclose(p.sum(axis=-1), 1.0, atol=1e-6):
        raise ValueError(f"{name}: expected a probability vector (non-negative, summing to 1), got {p}")
    return p


def entropy(p, unit: str = "bits") -> float | np.ndarray:
    """Entropy ``-Σ p log p``, in bits (base 2) or nats (base e); ``0 log 0 = 0``.

    Examples
    --------
    >>> from neurona import info
    >>> round(info.entropy([0.25, 0.45, 0.2, 0.09, 0.01]), 2)
    1.86
    """
    return cross_entropy(p, p, unit)


def cross_entropy(p, q, unit: str = "bits") -> float | np.ndarray:
    """Average code length ``-Σ p log q`` for messages drawn from ``p`` with a code built for ``q``.

    Examples
    --------
    >>> from neurona import info
    >>> round(info.cross_entropy([0.3, 0.2, 0.2, 0.25, 0.05], [0.25, 0.45, 0.2, 0.09, 0.01]), 1)
    2.5
    """
    p, q = _check("cross_entropy", p, unit), _check("cross_entropy", q, unit)
    if p.shape != q.shape:
        raise ValueError(f"cross_entropy: p of shape {p.shape} and q of shape {q.shape} differ")
    with np.errstate(divide="ignore"):
        terms = np.where(p > 0, -p * _LOG[unit](np.where(p > 0, q, 1.0)), 0.0)
    total = terms.sum(axis=-1)
    return float(total) if total.ndim == 0 else total


def kl_divergence(p, q, unit: str = "bits") -> float | np.ndarray:
    """Kullback-Leibler divergence ``Σ p log(p/q)``: the extra length of using q's code for p.

    Examples
    --------
    >>> from neurona import info
    >>> info.kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    return cross_entropy(p, q, unit) - entropy(p, unit)
