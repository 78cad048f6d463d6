"""The LSTM step's element-wise work as compiled kernels: one loop per step forward, one backward.

The NumPy steps of :class:`neurona.functional.recurrent.LSTM` are the reference; these kernels,
which :class:`neurona.functional._lstm_compiled.CompiledLSTM` runs, compute the same numbers
(within float32 rounding) in one pass over a step's (batch, 4·units) block instead of a dozen
NumPy calls, which is what a step of a small LSTM costs. Each row of a block holds one sequence's
gates i, f, c, o as the runs ``[0, u)``, ``[u, 2u)``, ... with ``u`` units.

numba's ``tanh`` on float32 is a scalar library call per element (about 8 ns); :func:`tanh32`
is a float32 tanh that the compiler vectorizes, accurate to 1 ulp (Cephes ``tanhf``: an odd
polynomial below 0.625, ``(1 − e)/(1 + e)`` with ``e = exp(−2|x|)`` above). Where numba is
installed this module compiles :func:`tanh32` on import, so that it inlines into the kernels' loops;
:mod:`neurona.functional.recurrent` imports it only when :func:`neurona.accelerate.enabled`.
"""
from __future__ import annotations

import numpy as np

from neurona import accelerate
from neurona.accelerate import jit

F = np.float32


def tanh32(x):
    """tanh of a float32 within 1 ulp; NaN, ±inf and −0 as ``np.tanh``."""
    y = abs(x)
    z = x * x
    small = ((((F(-5.70498872745e-3) * z + F(2.06390887954e-2)) * z - F(5.37397155531e-2)) * z
              + F(1.33314422036e-1)) * z - F(3.33332819422e-1)) * z * x + x
    w = F(18.0) if y > F(9.0) else y + y  # tanh(9) rounds to 1; NaN passes through
    k = np.floor(w * F(1.44269504088896341) + F(0.5))  # exp(−w) = 2^−k · exp(−r), |r| ≤ ln2/2
    r = k * F(0.693359375) - w + k * F(-2.12194440e-4)
    p = (((((F(1.9875691500e-4) * r + F(1.3981999507e-3)) * r + F(8.3334519073e-3)) * r + F(4.1665795894e-2)) * r
          + F(1.6666665459e-1)) * r + F(5.0000001201e-1)) * (r * r) + r + F(1.0)
    e = p * np.int32((np.int32(127) - np.int32(k)) << np.int32(23)).view(np.float32)
    large = (F(1.0) - e) / (F(1.0) + e)
    large = large if x > F(0.0) else -large
    small = small if y != F(0.0) else x  # keeps the sign of −0
    return small if y < F(0.625) else large  # one return: the selects vectorize


tanh32 = accelerate.helper(tanh32)


@jit
def tanh_array(x, out):
    """``out[k] = tanh32(x[k])`` over flat arrays (to test :func:`tanh32`)."""
    for k in range(x.size):
        out[k] = tanh32(x[k])


@jit
def lstm_forward_step(t, pre, rec, cs, hs, dc_from_h, f_carry, drop):
    """Step ``t`` from the pre-activations ``pre[t] + rec`` (batch, 4·units), the sigmoid gates'
    halved: ``cs[t + 1] = f·cs[t] + i·g``, ``hs[t + 1] = o·tanh(c)``. ``pre[t]`` is overwritten by
    the factors that turn the carried gradient into the pre-activations' (i: σ'·g, f: σ'·c_prev,
    g: (1 − g²)·i, o: σ'·tanh(c)), ``dc_from_h[t]`` gets (1 − tanh²c)·o and ``f_carry[t]`` f.
    Where ``drop[t, b]`` (a padded step of sequence ``b``; one row of False without a mask) the
    state is carried over: factors 0, f_carry 1."""
    z, c_prev, h_prev, c, h = pre[t], cs[t], hs[t], cs[t + 1], hs[t + 1]
    tc, f_c, skip = dc_from_h[t], f_carry[t], drop[min(t, drop.shape[0] - 1)]
    batch, u = c.shape
    half, one, zero = F(0.5), F(1.0), F(0.0)
    for b in range(batch):  # each loop touches few arrays, so that it vectorizes
        if skip[b]:
            for k in range(4 * u):
                z[b, k] = zero
            for j in range(u):
                c[b, j], h[b, j], tc[b, j], f_c[b, j] = c_prev[b, j], h_prev[b, j], zero, one
            continue
        for k in range(4 * u):  # tanh of all four gates; σ = 0.5·tanh + 0.5 below
            z[b, k] = tanh32(z[b, k] + rec[b, k])
        for j in range(u):
            c[b, j] = (half * z[b, u + j] + half) * c_prev[b, j] + (half * z[b, j] + half) * z[b, 2 * u + j]
        for j in range(u):
            tc[b, j] = tanh32(c[b, j])
        for j in range(u):
            h[b, j] = (half * z[b, 3 * u + j] + half) * tc[b, j]
        for j in range(u):  # the factors of o and of c (dc_from_h, in place of tanh(c))
            o, tanh_c = half * z[b, 3 * u + j] + half, tc[b, j]
            z[b, 3 * u + j] = (one - o) * o * tanh_c
            tc[b, j] = (one - tanh_c * tanh_c) * o
        for j in range(u):  # the factors of i and g
            i, g = half * z[b, j] + half, z[b, 2 * u + j]
            z[b, j] = (one - i) * i * g
            z[b, 2 * u + j] = (one - g * g) * i
        for j in range(u):  # the factor of f and what of dc reaches c_prev
            f = half * z[b, u + j] + half
            z[b, u + j] = (one - f) * f * c_prev[b, j]
            f_c[b, j] = f


@jit
def lstm_backward_step(t, factors, dc_from_h, f_carry, dh, dc, dpre):
    """Step ``t`` back: dc += dh·dc_from_h; ``dpre[t]`` (batch, 4·units) = the factors times dc
    (i, f, g) or dh (o); then dc ← dc·f, the gradient that reaches the previous cell state."""
    fac, dz, dc_h, f_c = factors[t], dpre[t], dc_from_h[t], f_carry[t]
    batch, u = dh.shape
    for b in range(batch):
        for j in range(u):
            dc[b, j] += dh[b, j] * dc_h[b, j]
        for gate in range(3):
            for j in range(u):
                dz[b, gate * u + j] = fac[b, gate * u + j] * dc[b, j]
        for j in range(u):
            dz[b, 3 * u + j] = fac[b, 3 * u + j] * dh[b, j]
        for j in range(u):
            dc[b, j] *= f_c[b, j]
