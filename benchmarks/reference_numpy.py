"""Hand-written NumPy references: an MLP's forward/backward and an in-place Adam step.

They set the bar: a framework built on NumPy should come close to them.
"""
from __future__ import annotations

import numpy as np


def mlp_init(sizes: list[int], rng: np.random.Generator) -> list[np.ndarray]:
    """Weights ``[w1, b1, w2, b2, ...]`` (float32) for layer sizes like ``[784, 128, 10]``."""
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        params += [rng.uniform(-limit, limit, (fan_in, fan_out)).astype(np.float32), np.zeros(fan_out, np.float32)]
    return params


def mlp_forward(params: list[np.ndarray], x: np.ndarray) -> np.ndarray:
    """Class probabilities of a one-hidden-layer tanh MLP ending in a softmax (inference)."""
    w1, b1, w2, b2 = params
    h = np.tanh(x @ w1 + b1)
    z = h @ w2 + b2
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def mlp_step(params: list[np.ndarray], x: np.ndarray, y: np.ndarray, activation: str = "tanh") -> tuple[float, list[np.ndarray]]:
    """Loss and gradients of a one-hidden-layer MLP (``activation`` tanh or relu) with softmax cross-entropy on integer labels."""
    w1, b1, w2, b2 = params
    a = x @ w1 + b1
    h = np.tanh(a) if activation == "tanh" else np.maximum(a, 0)
    z = h @ w2 + b2
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    p = e / e.sum(axis=1, keepdims=True)
    rows = np.arange(len(y))
    loss = -np.log(p[rows, y]).mean()
    p[rows, y] -= 1
    dz = p / len(y)
    dh = (dz @ w2.T) * ((1 - h * h) if activation == "tanh" else (h > 0))
    return float(loss), [x.T @ dh, dh.sum(axis=0), h.T @ dz, dz.sum(axis=0)]


class Adam:
    """Adam with bias correction, updating the arrays in place."""

    def __init__(self, params: list[np.ndarray], lr: float = 1e-3, b1: float = 0.9, b2: float = 0.999, eps: float = 1e-8):
        self.params, self.lr, self.b1, self.b2, self.eps = params, lr, b1, b2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0

    def step(self, grads: list[np.ndarray]) -> None:
        self.t += 1
        rate = self.lr * np.sqrt(1 - self.b2**self.t) / (1 - self.b1**self.t)
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            p -= rate * m / (np.sqrt(v) + self.eps)
