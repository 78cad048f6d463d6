"""The update rules as one-pass kernels: each reads θ, g and the state once and writes them once.

They compute what the NumPy ``_update`` of each rule computes (the reference), in one loop
instead of one pass per NumPy call; :mod:`neurona.accelerate` compiles them when numba is
there. Scalars come in the arrays' dtype, so float32 stays float32 (a Python number in a
kernel would make the arithmetic float64). ``l2`` adds λθ to the
gradient (coupled weight decay), ``decay`` multiplies θ first (AdamW's decoupled decay; 1
for none). The gradient is read, never written. They run on one thread: a step of 101,770
float32 parameters takes about 17 µs, and threads that wait on each other at every step are
what a loaded two-core laptop cannot afford.
"""
from __future__ import annotations

import numpy as np

from neurona.accelerate import jit

SGD_PLAIN, SGD_MOMENTUM, SGD_NESTEROV, SGD_COURSE = 0, 1, 2, 3


@jit
def adam(theta, g, m, v, b1, c1, b2, c2, step_size, eps, l2, decay):
    """m ← β₁m + c₁g;  v ← β₂v + c₂g²;  θ ← decay·θ − step_size · m / (√v + ε), with c = 1 − β."""
    for i in range(theta.size):
        th = theta[i]
        gi = g[i] + l2 * th
        mi = b1 * m[i] + c1 * gi
        vi = b2 * v[i] + c2 * gi * gi
        m[i] = mi
        v[i] = vi
        theta[i] = decay * th - step_size * mi / (np.sqrt(vi) + eps)


@jit
def sgd(theta, g, v, lr, beta, mode, l2):
    """Plain: θ ← θ − ηg. Momentum: v ← βv − ηg, then θ ← θ + v (Keras), θ + βv − ηg
    (Nesterov) or θ + 2v − v_old (the course's NAG)."""
    for i in range(theta.size):
        th = theta[i]
        step = lr * (g[i] + l2 * th)
        if mode == 0:
            theta[i] = th - step
            continue
        old = v[i]
        vi = beta * old - step
        v[i] = vi
        if mode == 1:
            theta[i] = th + vi
        elif mode == 2:
            theta[i] = th + beta * vi - step
        else:
            theta[i] = th + (vi + vi - old)


@jit
def root_step(theta, g, s, lr, keep, add, eps, inside, l2):
    """s ← keep·s + add·g² (RMSprop: ρ and 1 − ρ; Adagrad: 1 and 1);
    θ ← θ − ηg / √(s + ε) (``inside``) or ηg / (√s + ε)."""
    for i in range(theta.size):
        gi = g[i] + l2 * theta[i]
        si = keep * s[i] + add * gi * gi
        s[i] = si
        root = np.sqrt(si + eps) if inside else np.sqrt(si) + eps
        theta[i] = theta[i] - lr * gi / root


def scalars(dtype: np.dtype, *values: float) -> tuple:
    """The scalars of a kernel call in the arrays' dtype."""
    kind = dtype.type
    return tuple(kind(value) for value in values)
