"""Hand-written NumPy references for ``bench_generative.py``: an epoch of the VAE and of the dense GAN.

Forward and backward written out by hand (float32), with the in-place Adam of
``reference_numpy``; the bar a framework built on NumPy should come close to.
"""
from __future__ import annotations

import numpy as np
from reference_numpy import Adam, mlp_init

SLOPE = 0.2


def _batches(n: int, size: int, rng: np.random.Generator):
    order = rng.permutation(n)
    return [order[start:start + size] for start in range(0, n, size)]


def _sigmoid(a: np.ndarray) -> np.ndarray:
    return np.tanh(a * 0.5) * 0.5 + 0.5


def vae_epoch(x: np.ndarray, batch_size: int = 128, seed: int = 0) -> None:
    """One epoch of PyTorch's example VAE (784-400-20, Bernoulli decoder, Adam 1e-3)."""
    rng = np.random.default_rng(seed)
    w1, b1, w3, b3, w4, b4 = mlp_init([784, 400], rng) + mlp_init([20, 400, 784], rng)
    wm, bm, wv, bv = mlp_init([400, 20], rng) + mlp_init([400, 20], rng)
    params = [w1, b1, wm, bm, wv, bv, w3, b3, w4, b4]
    adam = Adam(params)
    for idx in _batches(len(x), batch_size, rng):
        xb = x[idx]
        n = np.float32(len(xb))
        h = np.maximum(xb @ w1 + b1, 0)
        mu, lv = h @ wm + bm, h @ wv + bv
        eps = rng.standard_normal(mu.shape, dtype=np.float32)
        std = np.exp(0.5 * lv)
        z = mu + std * eps
        h3 = np.maximum(z @ w3 + b3, 0)
        dlogits = (_sigmoid(h3 @ w4 + b4) - xb) / n
        dh3 = (dlogits @ w4.T) * (h3 > 0)
        dz = dh3 @ w3.T
        dmu = dz + mu / n
        dlv = 0.5 * (dz * eps * std + (std * std - 1) / n)
        dh = (dmu @ wm.T + dlv @ wv.T) * (h > 0)
        adam.step([xb.T @ dh, dh.sum(0), h.T @ dmu, dmu.sum(0), h.T @ dlv, dlv.sum(0),
                   z.T @ dh3, dh3.sum(0), h3.T @ dlogits, dlogits.sum(0)])


def _leaky(a: np.ndarray) -> np.ndarray:
    return np.where(a > 0, a, SLOPE * a)


def _leaky_back(a: np.ndarray, g: np.ndarray) -> np.ndarray:
    return np.where(a > 0, g, SLOPE * g)


class _Generator:
    """64-256-512-784: Dense, LeakyReLU, BatchNorm (momentum 0.8, eps 1e-3) twice, then Dense and tanh."""

    def __init__(self, rng: np.random.Generator) -> None:
        w1, b1, w2, b2, w3, b3 = mlp_init([64, 256, 512, 784], rng)
        self.params = [w1, b1, np.ones(256, np.float32), np.zeros(256, np.float32),
                       w2, b2, np.ones(512, np.float32), np.zeros(512, np.float32), w3, b3]
        self.moving = [np.zeros(256, np.float32), np.ones(256, np.float32), np.zeros(512, np.float32),
                       np.ones(512, np.float32)]

    def forward(self, z: np.ndarray) -> tuple[np.ndarray, list]:
        w1, b1, g1, be1, w2, b2, g2, be2, w3, b3 = self.params
        a1 = z @ w1 + b1
        n1, c1 = self._norm(_leaky(a1), g1, be1, 0)
        a2 = n1 @ w2 + b2
        n2, c2 = self._norm(_leaky(a2), g2, be2, 2)
        out = np.tanh(n2 @ w3 + b3)
        return out, [z, a1, c1, n1, a2, c2, n2, out]

    def _norm(self, h: np.ndarray, gamma: np.ndarray, beta: np.ndarray, slot: int) -> tuple[np.ndarray, tuple]:
        mean, var = h.mean(0), h.var(0)
        self.moving[slot] = 0.8 * self.moving[slot] + 0.2 * mean
        self.moving[slot + 1] = 0.8 * self.moving[slot + 1] + 0.2 * var
        inv = 1 / np.sqrt(var + np.float32(1e-3))
        xhat = (h - mean) * inv
        return xhat * gamma + beta, (xhat, inv, gamma)

    @staticmethod
    def _norm_back(g: np.ndarray, cache: tuple) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        xhat, inv, gamma = cache
        dxhat = g * gamma
        dh = inv * (dxhat - dxhat.mean(0) - xhat * (dxhat * xhat).mean(0))
        return dh, (g * xhat).sum(0), g.sum(0)

    def backward(self, dout: np.ndarray, cache: list) -> list[np.ndarray]:
        _, _, _, _, w2, _, _, _, w3, _ = self.params
        z, a1, c1, n1, a2, c2, n2, out = cache
        da3 = dout * (1 - out * out)
        dl2, dg2, dbe2 = self._norm_back(da3 @ w3.T, c2)
        da2 = _leaky_back(a2, dl2)
        dl1, dg1, dbe1 = self._norm_back(da2 @ w2.T, c1)
        da1 = _leaky_back(a1, dl1)
        return [z.T @ da1, da1.sum(0), dg1, dbe1, n1.T @ da2, da2.sum(0), dg2, dbe2, n2.T @ da3, da3.sum(0)]


class _Discriminator:
    """784-512-256-1 with LeakyReLU; returns logits."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.params = mlp_init([784, 512, 256, 1], rng)

    def forward(self, x: np.ndarray) -> tuple[np.ndarray, list]:
        v1, c1, v2, c2, v3, c3 = self.params
        a1 = x @ v1 + c1
        e1 = _leaky(a1)
        a2 = e1 @ v2 + c2
        e2 = _leaky(a2)
        return e2 @ v3 + c3, [x, a1, e1, a2, e2]

    def backward(self, dlogits: np.ndarray, cache: list, weights: bool = True) -> tuple[list | None, np.ndarray]:
        v1, _, v2, _, v3, _ = self.params
        x, a1, e1, a2, e2 = cache
        da2 = _leaky_back(a2, dlogits @ v3.T)
        da1 = _leaky_back(a1, da2 @ v2.T)
        grads = [x.T @ da1, da1.sum(0), e1.T @ da2, da2.sum(0), e2.T @ dlogits, dlogits.sum(0)] if weights else None
        return grads, da1 @ v1.T


def gan_epoch(x: np.ndarray, batch_size: int = 64, seed: int = 0) -> None:
    """One epoch of the dense GAN: a discriminator step, then a generator step through the frozen discriminator."""
    rng = np.random.default_rng(seed)
    generator, discriminator = _Generator(rng), _Discriminator(rng)
    g_adam = Adam(generator.params, lr=2e-4, b1=0.5)
    d_adam = Adam(discriminator.params, lr=2e-4, b1=0.5)
    data = x * 2 - 1
    for idx in _batches(len(x), batch_size, rng):
        real = data[idx]
        n = np.float32(len(real))
        fake, _ = generator.forward(rng.standard_normal((len(real), 64), dtype=np.float32))
        logits_real, cache_real = discriminator.forward(real)
        logits_fake, cache_fake = discriminator.forward(fake)
        grads_real, _ = discriminator.backward((_sigmoid(logits_real) - 0.9) / n, cache_real)
        grads_fake, _ = discriminator.backward(_sigmoid(logits_fake) / n, cache_fake)
        d_adam.step([a + b for a, b in zip(grads_real, grads_fake)])
        made, cache_g = generator.forward(rng.standard_normal((len(real), 64), dtype=np.float32))
        logits, cache = discriminator.forward(made)
        _, dmade = discriminator.backward((_sigmoid(logits) - 1) / n, cache, weights=False)
        g_adam.step(generator.backward(dmade, cache_g))
