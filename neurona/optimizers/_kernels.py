"""The update rules as one-pass kernels: each reads θ, g and the state once and writes them once.

They compute what the NumPy ``_update`` of each rule computes (the reference), in one loop
instead of one pass per NumPy call; :mod:`neurona.accelerate` compiles them when numba is
there. The scalars come as one array ``coef`` in the arrays' dtype (:func:`coefficients`), so
float32 stays float32 (a Python number in a kernel would make the arithmetic float64), and a
call converts one array rather than each number. ``l2`` adds λθ to the
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
def adam(theta, g, m, v, coef):
    """m ← β₁m + c₁g;  v ← β₂v + c₂g²;  θ ← decay·θ − step_size · m / (√v + ε), with c = 1 − β;
    ``coef`` = (β₁, c₁, β₂, c₂, step_size, ε, l2, decay)."""
    b1, c1, b2, c2, step_size, eps, l2, decay = coef[0], coef[1], coef[2], coef[3], coef[4], coef[5], coef[6], coef[7]
    for i in range(theta.size):
        th = theta[i]
        gi = g[i] + l2 * th
        mi = b1 * m[i] + c1 * gi
        vi = b2 * v[i] + c2 * gi * gi
        m[i] = mi
        v[i] = vi
        theta[i] = decay * th - step_size * mi / (np.sqrt(vi) + eps)


@jit
def sgd(theta, g, v, coef, mode):
    """Plain: θ ← θ − ηg. Momentum: v ← βv − ηg, then θ ← θ + v (Keras), θ + βv − ηg
    (Nesterov) or θ + 2v − v_old (the course's NAG); ``coef`` = (η, β, l2)."""
    lr, beta, l2 = coef[0], coef[1], coef[2]
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
def root_step(theta, g, s, coef, inside):
    """s ← keep·s + add·g² (RMSprop: ρ and 1 − ρ; Adagrad: 1 and 1);
    θ ← θ − ηg / √(s + ε) (``inside``) or ηg / (√s + ε); ``coef`` = (η, keep, add, ε, l2)."""
    lr, keep, add, eps, l2 = coef[0], coef[1], coef[2], coef[3], coef[4]
    for i in range(theta.size):
        gi = g[i] + l2 * theta[i]
        si = keep * s[i] + add * gi * gi
        s[i] = si
        root = np.sqrt(si + eps) if inside else np.sqrt(si) + eps
        theta[i] = theta[i] - lr * gi / root


def coefficients(dtype: np.dtype, *values: float) -> np.ndarray:
    """The scalars of a kernel call, as one array in the arrays' dtype.

    Examples
    --------
    >>> coefficients(np.dtype(np.float32), 0.5, 2.0)
    array([0.5, 2. ], dtype=float32)
    """
    return np.array(values, dtype)
