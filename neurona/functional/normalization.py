"""Batch normalization: ``gamma * (x - mean) / sqrt(var + eps) + beta``, with one fused backward."""
from __future__ import annotations

import numpy as np

from neurona.function import Function


class BatchNorm(Function):
    """``gamma * (x - mean) / sqrt(var + eps) + beta`` over every axis but the last.

    With ``mean`` and ``var`` given they are constants (evaluation); otherwise they
    are the batch statistics (training), kept in ``batch_mean`` / ``batch_var``.
    ``gamma`` and ``beta`` may be None (no scale, no shift).
    """

    saves = (1,)

    def __init__(self, eps: float, mean: np.ndarray | None = None, var: np.ndarray | None = None) -> None:
        self.eps, self.mean, self.var = eps, mean, var

    def forward(self, x, gamma, beta):
        axes = tuple(range(x.ndim - 1))
        if self.mean is None:
            self.batch_mean = x.mean(axis=axes)
            centered = x - self.batch_mean
            self.batch_var = np.mean(centered * centered, axis=axes)
            self.inv_std = 1.0 / np.sqrt(self.batch_var + self.eps)
        else:
            centered = x - self.mean
            self.inv_std = 1.0 / np.sqrt(self.var + self.eps)
        self.x_hat = centered * self.inv_std
        self.gamma = gamma
        out = self.x_hat if gamma is None else self.x_hat * gamma
        return out if beta is None else out + beta

    def backward(self, grad):
        axes = tuple(range(grad.ndim - 1))
        need_x, need_gamma, need_beta = self.needs_input_grad
        g_hat = grad if self.gamma is None else grad * self.gamma
        grad_x = None
        if need_x:
            if self.mean is None:
                grad_x = self.inv_std * (
                    g_hat - g_hat.mean(axis=axes) - self.x_hat * np.mean(g_hat * self.x_hat, axis=axes)
                )
            else:
                grad_x = g_hat * self.inv_std
        grad_gamma = np.sum(grad * self.x_hat, axis=axes) if need_gamma else None
        grad_beta = np.sum(grad, axis=axes) if need_beta else None
        return grad_x, grad_gamma, grad_beta


def batch_norm(x, gamma=None, beta=None, running_mean=None, running_var=None,
               training: bool = True, momentum: float = 0.99, eps: float = 1e-3):
    """Normalize each feature (the last axis) over all other axes, then scale by ``gamma`` and shift by ``beta``.

    In training the batch statistics are used, and ``running_mean`` / ``running_var``
    (arrays, if given) move toward them in place:
    ``running = momentum * running + (1 - momentum) * batch`` (Keras's convention).
    Otherwise the running statistics are used. The backward is the closed form of
    Ioffe & Szegedy (2015).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> out = nr.functional.batch_norm(nr.tensor([[1.0], [3.0]]), eps=0.0)
    >>> out.numpy().ravel().tolist()
    [-1.0, 1.0]
    """
    if not training:
        if running_mean is None or running_var is None:
            raise ValueError("batch_norm: evaluation (training=False) needs running_mean and running_var")
        return BatchNorm(eps, running_mean, running_var)(x, gamma, beta)
    norm = BatchNorm(eps)
    out = norm(x, gamma, beta)
    if running_mean is not None:
        running_mean *= momentum
        running_mean += (1.0 - momentum) * norm.batch_mean
    if running_var is not None:
        running_var *= momentum
        running_var += (1.0 - momentum) * norm.batch_var
    return out
