"""Gradient clipping, in place: by global norm and by value.

``clip_grad_norm_`` rescales all gradients together so that their global norm
``‖g‖ = √(Σ g²)`` is at most ``max_norm``: ``g ← g · max_norm / ‖g‖`` when
``‖g‖ > max_norm``. (PyTorch divides by ``‖g‖ + 1e-6``; here the clipped norm is
``max_norm`` exactly, as in Keras.) ``clip_grad_value_`` clips each element to
``[-clip_value, clip_value]``. Parameters whose ``.grad`` is None are skipped.
"""
from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from neurona.tensor import Tensor


def _grads(params: Tensor | Iterable[Tensor]) -> list[np.ndarray]:
    if isinstance(params, Tensor):
        params = [params]
    return [p.grad for p in params if p.grad is not None]


def global_norm(arrays: list[np.ndarray]) -> float:
    """``√(Σ g²)`` over every element of every array.

    Examples
    --------
    >>> global_norm([np.array([3.0]), np.array([[4.0]])])
    5.0
    """
    return math.sqrt(sum(float(np.vdot(g, g)) for g in arrays))


def clip_by_global_norm(arrays: list[np.ndarray], max_norm: float) -> float:
    """Scale ``arrays`` in place so that their global norm is at most ``max_norm``; return the norm before."""
    norm = global_norm(arrays)
    if norm > max_norm:
        scale = max_norm / norm
        for g in arrays:
            g *= scale
    return norm


def clip_by_value(arrays: list[np.ndarray], clip_value: float) -> None:
    """Clip every element of ``arrays`` to ``[-clip_value, clip_value]``, in place."""
    for g in arrays:
        np.clip(g, -clip_value, clip_value, out=g)


def clip_grad_norm_(params: Tensor | Iterable[Tensor], max_norm: float) -> float:
    """Rescale the gradients of ``params`` in place so that their global norm is at most ``max_norm``.

    Returns the global norm before clipping (useful to log).

    Examples
    --------
    >>> import neurona as nr
    >>> w = nr.tensor([0.0, 0.0], requires_grad=True)
    >>> w.grad = np.array([3.0, 4.0], dtype=np.float32)
    >>> clip_grad_norm_([w], max_norm=1.0)
    5.0
    >>> w.grad
    array([0.6, 0.8], dtype=float32)
    """
    if not max_norm > 0:
        raise ValueError(f"clip_grad_norm_: max_norm must be > 0, got {max_norm!r}")
    return clip_by_global_norm(_grads(params), max_norm)


def clip_grad_value_(params: Tensor | Iterable[Tensor], clip_value: float) -> None:
    """Clip every gradient element of ``params`` to ``[-clip_value, clip_value]``, in place.

    Examples
    --------
    >>> import neurona as nr
    >>> w = nr.tensor([0.0, 0.0, 0.0], requires_grad=True)
    >>> w.grad = np.array([-3.0, 0.5, 2.0], dtype=np.float32)
    >>> clip_grad_value_(w, 1.0)
    >>> w.grad
    array([-1. ,  0.5,  1. ], dtype=float32)
    """
    if not clip_value > 0:
        raise ValueError(f"clip_grad_value_: clip_value must be > 0, got {clip_value!r}")
    clip_by_value(_grads(params), clip_value)
