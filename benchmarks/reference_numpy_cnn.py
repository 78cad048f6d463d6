"""A straightforward hand-written NumPy CNN (im2col in NCHW, as in most course notes): the baseline.

conv(1->8, 3x3 same) + ReLU -> maxpool 2 -> conv(8->16, 3x3 same) + ReLU -> maxpool 2
-> dense(784->10), softmax cross-entropy, SGD with momentum (PyTorch's form).
"""
from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def im2col(x: np.ndarray, k: int) -> np.ndarray:
    """(N, C, H, W) padded by k//2 -> (N*H*W, C*k*k)."""
    p = k // 2
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    windows = sliding_window_view(xp, (k, k), axis=(2, 3))  # N, C, H, W, k, k
    return windows.transpose(0, 2, 3, 1, 4, 5).reshape(-1, x.shape[1] * k * k)


def col2im(cols: np.ndarray, shape: tuple, k: int) -> np.ndarray:
    n, c, h, w = shape
    p = k // 2
    cols = cols.reshape(n, h, w, c, k, k)
    xp = np.zeros((n, c, h + 2 * p, w + 2 * p), cols.dtype)
    for i in range(k):
        for j in range(k):
            xp[:, :, i : i + h, j : j + w] += cols[:, :, :, :, i, j].transpose(0, 3, 1, 2)
    return xp[:, :, p : p + h, p : p + w]


def conv_forward(x, w, b):
    n, _, h, wd = x.shape
    f, _, k, _ = w.shape
    cols = im2col(x, k)
    y = cols @ w.reshape(f, -1).T + b
    return y.reshape(n, h, wd, f).transpose(0, 3, 1, 2), cols


def conv_backward(dy, x_shape, w, cols, need_dx=True):
    f = w.shape[0]
    dy2 = dy.transpose(0, 2, 3, 1).reshape(-1, f)
    dw = (dy2.T @ cols).reshape(w.shape)
    db = dy2.sum(axis=0)
    dx = col2im(dy2 @ w.reshape(f, -1), x_shape, w.shape[2]) if need_dx else None
    return dx, dw, db


def pool_forward(x):
    n, c, h, w = x.shape
    blocks = x.reshape(n, c, h // 2, 2, w // 2, 2)
    out = blocks.max(axis=(3, 5))
    mask = blocks == out[:, :, :, None, :, None]
    return out, mask


def pool_backward(dout, mask):
    n, c, h, w = dout.shape
    return (mask * dout[:, :, :, None, :, None]).reshape(n, c, h * 2, w * 2)


def init(rng: np.random.Generator) -> list[np.ndarray]:
    def uniform(shape, fan_in):
        bound = 1 / np.sqrt(fan_in)
        return rng.uniform(-bound, bound, shape).astype(np.float32)

    return [uniform((8, 1, 3, 3), 9), uniform(8, 9), uniform((16, 8, 3, 3), 72), uniform(16, 72),
            uniform((784, 10), 784), uniform(10, 784)]


def step(params, x, y):
    """Loss and gradients for a batch ``x`` (N, 1, 28, 28) with integer labels ``y``."""
    w1, b1, w2, b2, w3, b3 = params
    a1, cols1 = conv_forward(x, w1, b1)
    r1 = np.maximum(a1, 0)
    p1, m1 = pool_forward(r1)
    a2, cols2 = conv_forward(p1, w2, b2)
    r2 = np.maximum(a2, 0)
    p2, m2 = pool_forward(r2)
    flat = p2.reshape(len(x), -1)
    z = flat @ w3 + b3
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    prob = e / e.sum(axis=1, keepdims=True)
    rows = np.arange(len(y))
    loss = -np.log(prob[rows, y]).mean()
    prob[rows, y] -= 1
    dz = prob / len(y)
    dw3, db3 = flat.T @ dz, dz.sum(axis=0)
    dp2 = (dz @ w3.T).reshape(p2.shape)
    da2 = pool_backward(dp2, m2) * (a2 > 0)
    dp1, dw2, db2 = conv_backward(da2, p1.shape, w2, cols2)
    da1 = pool_backward(dp1, m1) * (a1 > 0)
    _, dw1, db1 = conv_backward(da1, x.shape, w1, cols1, need_dx=False)
    return float(loss), [dw1, db1, dw2, db2, dw3, db3]


class SGD:
    """SGD with momentum in PyTorch's form: ``v = m v + g; p -= lr v``."""

    def __init__(self, params, lr=0.01, momentum=0.9):
        self.params, self.lr, self.momentum = params, lr, momentum
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, grads):
        for p, v, g in zip(self.params, self.velocity, grads):
            v *= self.momentum
            v += g
            p -= self.lr * v
