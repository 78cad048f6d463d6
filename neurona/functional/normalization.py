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
        rows = x.reshape(-1, x.shape[-1])
        if self.mean is None:
            self.batch_mean = rows.mean(axis=0)
            centered = x - self.batch_mean
            flat = centered.reshape(rows.shape)
            self.batch_var = np.einsum("ij,ij->j", flat, flat) / max(len(flat), 1)
            self.inv_std = 1.0 / np.sqrt(self.batch_var + self.eps)
        else:
            centered = x - self.mean
            self.inv_std = 1.0 / np.sqrt(self.var + self.eps)
        centered *= self.inv_std
        self.x_hat, self.gamma = centered, gamma
        out = centered if gamma is None else centered * gamma
        if beta is not None:
            out = out + beta if out is centered else np.add(out, beta, out=out)
        return out

    def backward(self, grad):
        rows = grad.reshape(-1, grad.shape[-1])
        need_x, need_gamma, need_beta = self.needs_input_grad
        sum_grad = rows.sum(axis=0) if need_beta or (need_x and self.mean is None) else None
        sum_grad_x_hat = (np.einsum("ij,ij->j", rows, self.x_hat.reshape(rows.shape))
                          if need_gamma or (need_x and self.mean is None) else None)
        grad_x = None
        if need_x:
            scale = self.inv_std if self.gamma is None else self.inv_std * self.gamma
            if self.mean is None:
                n = max(len(rows), 1)
                grad_x = self.x_hat * (sum_grad_x_hat / -n)
                grad_x += grad
                grad_x -= sum_grad / n
                grad_x *= scale
            else:
                grad_x = grad * scale
        return grad_x, sum_grad_x_hat if need_gamma else None, sum_grad if need_beta else None


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
