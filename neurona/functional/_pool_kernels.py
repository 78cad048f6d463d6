"""Max pooling as one-pass kernels: forward keeps each window's maximum and where it lies,
backward sends each window's gradient to that place (adding, where windows overlap; writing
every pixel of every window, where they do not).

They compute what :class:`neurona.functional.pooling.MaxPool` computes with NumPy (the
reference: ``kh*kw`` comparisons of strided views, then as many masks in backward), in one
loop over the windows; :mod:`neurona.accelerate` compiles them when numba is there. Images
are channels-last ``(N, H, W, C)``, already padded with ``-inf``; the channels are the
innermost loop, so that the compiler vectorizes it. The maximum is the first one in row-major
order, and a NaN is a window's maximum (the first NaN), as in the reference and PyTorch.
"""
from __future__ import annotations

from numpy import uintp as U

from neurona.accelerate import jit, prange


@jit(parallel=True)
def max_pool(xp, kh, kw, sh, sw, out, index):
    """``out[n, p, q, c]`` ← max over the window at ``(p*sh, q*sw)``; ``index`` ← its offset ``i*kw + j``."""
    n, oh, ow, c = out.shape
    for b in prange(n):
        for p in range(oh):
            for q in range(ow):
                top, left = p * sh, q * sw
                for ch in range(c):
                    out[b, p, q, ch] = xp[b, top, left, ch]
                    index[b, p, q, ch] = 0
                for k in range(1, kh * kw):
                    i, j = k // kw, k % kw
                    for ch in range(c):
                        v = xp[b, top + i, left + j, ch]
                        best = out[b, p, q, ch]
                        take = (v > best) | ((v != v) & (best == best))  # selects, not branches: vectorized
                        out[b, p, q, ch] = v if take else best
                        index[b, p, q, ch] = k if take else index[b, p, q, ch]


@jit(parallel=True)
def max_pool_2x2(xp, sh, sw, out, index):
    """:func:`max_pool` for 2x2 windows, the four taps written out: with no loop inside the loop
    over channels, the compiler vectorizes it even for a few channels (3x faster for 8)."""
    n, oh, ow, c = out.shape
    for b in prange(n):
        for p in range(oh):
            for q in range(ow):
                top, left = p * sh, q * sw
                for ch in range(c):
                    best = xp[b, top, left, ch]
                    v = xp[b, top, left + 1, ch]
                    take = (v > best) | ((v != v) & (best == best))
                    best = v if take else best
                    at = 1 if take else 0
                    v = xp[b, top + 1, left, ch]
                    take = (v > best) | ((v != v) & (best == best))
                    best = v if take else best
                    at = 2 if take else at
                    v = xp[b, top + 1, left + 1, ch]
                    take = (v > best) | ((v != v) & (best == best))
                    out[b, p, q, ch] = v if take else best
                    index[b, p, q, ch] = 3 if take else at


@jit(parallel=True)
def max_pool_grad(g, index, kh, kw, sh, sw, gxp):
    """Each window's gradient added to the pixel ``index`` names in ``gxp`` (zeroed by the caller):
    for windows that overlap, where a pixel may be the maximum of several."""
    n, oh, ow, c = g.shape
    for b in prange(n):
        for p in range(oh):
            for q in range(ow):
                top, left = p * sh, q * sw
                for ch in range(c):
                    k = index[b, p, q, ch]
                    gxp[b, top + k // kw, left + k % kw, ch] += g[b, p, q, ch]


@jit(parallel=True)
def max_pool_grad_tiles(g, index, xp, rectified, oh, ow, c, kh, kw, sh, sw, wp, zero, gxp):
    """Each window's gradient to the pixel ``index`` names, for windows that do not overlap: every
    pixel of every window is written, ``zero`` where it is not the maximum (pixels outside every
    window are the caller's). ``rectified``: the pooled images ``xp`` are a ReLU's output, and the
    gradient also goes through that ReLU: kept where the pixel is positive, times ``zero`` where it
    is not (``xp`` is not read otherwise).

    ``g`` and ``index`` are flat per image ``(N, oh*ow*c)``, ``xp`` and ``gxp`` ``(N, hp*wp*c)``: the
    arrays are not viewed inside the loop, so that numba marks them as not overlapping. The loop
    runs over a row of windows once per kernel row, so that the writes follow the image's rows."""
    n = g.shape[0]
    for b in prange(n):
        at = U(b)
        for p in range(oh):
            for i in range(kh):
                for q in range(ow):
                    src, start = U((p * ow + q) * c), U(((p * sh + i) * wp + q * sw) * c)
                    for j in range(kw):
                        k, d = i * kw + j, start + U(j * c)
                        for ch in range(U(c)):
                            v = g[at, src + ch]
                            v = v if not rectified or xp[at, d + ch] > zero else v * zero
                            gxp[at, d + ch] = v if index[at, src + ch] == k else zero
