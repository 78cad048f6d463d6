"""The LSTM step's element-wise work as compiled kernels: one loop per step forward, one backward.

The NumPy steps of :class:`neurona.functional.recurrent.LSTM` are the reference; these kernels
compute the same numbers (within float32 rounding) in one pass over a step's (4·units, batch)
block instead of a dozen NumPy calls, which is what a step of a small LSTM costs. A step's block,
flat, holds the gates i, f, c, o as the runs ``[0, n)``, ``[n, 2n)``, ... with ``n = units·batch``.

numba's ``tanh`` on float32 is a scalar library call per element (about 8 ns); :func:`tanh32`
is a float32 tanh that the compiler vectorizes, accurate to 1 ulp (Cephes ``tanhf``: an odd
polynomial below 0.625, ``(1 − e)/(1 + e)`` with ``e = exp(−2|x|)`` above). Where numba is
installed this module compiles :func:`tanh32` on import, so that it inlines into the kernels' loops;
:mod:`neurona.functional.recurrent` imports the module only when :func:`neurona.accelerate.enabled`.
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
def lstm_forward_step(t, pre, rec, cs, hs, dc_from_h, f_carry, keep):
    """Step ``t`` from the pre-activations ``pre[t] + rec`` (the sigmoid gates' halved, as in the
    reference): ``cs[t + 1] = f·cs[t] + i·g``, ``hs[t + 1] = o·tanh(c)``. ``pre[t]`` is overwritten
    by the factors that turn the carried gradient into the pre-activations' (i: σ'·g, f: σ'·c_prev,
    g: (1 − g²)·i, o: σ'·tanh(c)), ``dc_from_h[t]`` gets (1 − tanh²c)·o and ``f_carry[t]`` f.
    Where ``keep[t]`` (the row of padded steps; one row of False without a mask) the state is
    carried over: factors 0, f_carry 1. Each loop touches few arrays, so that it vectorizes."""
    z, r = pre[t].reshape(4, -1), rec.reshape(4, -1)
    c_prev, h_prev, c, h = cs[t].reshape(-1), hs[t].reshape(-1), cs[t + 1].reshape(-1), hs[t + 1].reshape(-1)
    tc, f_c, drop = dc_from_h[t].reshape(-1), f_carry[t].reshape(-1), keep[min(t, keep.shape[0] - 1)]
    n = c.size
    half, one, zero = F(0.5), F(1.0), F(0.0)
    for gate in range(4):  # tanh of all four; σ = 0.5·tanh + 0.5 below
        for k in range(n):
            z[gate, k] = tanh32(z[gate, k] + r[gate, k])
    for k in range(n):
        i, f = half * z[0, k] + half, half * z[1, k] + half
        c[k] = c_prev[k] if drop[k] else f * c_prev[k] + i * z[2, k]
    for k in range(n):
        tc[k] = tanh32(c[k])
    for k in range(n):
        h[k] = h_prev[k] if drop[k] else (half * z[3, k] + half) * tc[k]
    for k in range(n):  # the factors of o and of c (dc_from_h, in place of tanh(c))
        o, tanh_c = half * z[3, k] + half, tc[k]
        z[3, k] = zero if drop[k] else (one - o) * o * tanh_c
        tc[k] = zero if drop[k] else (one - tanh_c * tanh_c) * o
    for k in range(n):  # the factors of i and g
        i, g = half * z[0, k] + half, z[2, k]
        z[0, k] = zero if drop[k] else (one - i) * i * g
        z[2, k] = zero if drop[k] else (one - g * g) * i
    for k in range(n):  # the factor of f and what of dc reaches c_prev
        f = half * z[1, k] + half
        z[1, k] = zero if drop[k] else (one - f) * f * c_prev[k]
        f_c[k] = one if drop[k] else f


@jit
def lstm_backward_step(t, factors, dc_from_h, f_carry, dh, dc, dpre):
    """Step ``t`` back: dc += dh·dc_from_h; ``dpre[t]`` = the factors times dc (i, f, g) or dh (o);
    then dc ← dc·f, the gradient that reaches the previous cell state."""
    fac, dz = factors[t].reshape(4, -1), dpre[t].reshape(4, -1)
    dc_h, f_c, dh_, dc_ = dc_from_h[t].reshape(-1), f_carry[t].reshape(-1), dh.reshape(-1), dc.reshape(-1)
    n = dh_.size
    for k in range(n):
        dc_[k] += dh_[k] * dc_h[k]
    for gate in range(3):
        for k in range(n):
            dz[gate, k] = fac[gate, k] * dc_[k]
    for k in range(n):
        dz[3, k] = fac[3, k] * dh_[k]
    for k in range(n):
        dc_[k] *= f_c[k]
