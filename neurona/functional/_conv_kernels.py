"""The memory-bound passes of convolution as one-pass kernels; the products stay with BLAS.

:mod:`neurona.functional.convolution` builds the window matrix (im2col) with one strided
copy per kernel row or offset, after padding the images; scatters a product back
(col2im) with one small product and one strided add per kernel offset into a padded
buffer, then crops it; and masks the gradient by the ReLU's output in two passes. These
kernels do each in one pass over memory: im2col and col2im on the same padded
channels-last images, each array flat per image ``(N, values)``, copying or adding each
window's kernel row as one run of consecutive values. They compute what the NumPy
reference computes (im2col and the mask exactly; col2im's sums in another order, equal
within rounding); :mod:`neurona.accelerate` compiles them when numba is there. Each image
of the batch is one task of the parallel loop; scalars come in the arrays' dtype.
"""
from __future__ import annotations

from numpy import uintp as U

from neurona.accelerate import jit, prange


@jit(parallel=True)
def im2col(xp, wp, c, kh, kw, sh, sw, dh, dw, oh, ow, one, cols):
    """``cols[n, (p, q, i, j, c)] = xp[n, (p*sh + i*dh, q*sw + j*dw, c)]`` for padded images ``xp``
    ``(N, hp*wp*c)`` and windows ``cols`` ``(N, oh*ow*width)``; a last column of each window, if
    ``width`` has room for one, holds ``one`` (the bias's input).

    A window's kernel row is copied as one run of ``kw*c`` consecutive values (``kw`` runs of
    ``c`` where the width is dilated): long runs are what the compiler vectorizes. The arrays
    are flat per image, not viewed inside the loop, so that numba marks them as not overlapping
    (no run-time overlap checks); indices are unsigned, so that no wraparound is computed."""
    n, width = cols.shape[0], cols.shape[1] // max(oh * ow, 1)
    runs, span, step = (1, kw * c, 0) if dw == 1 else (kw, c, dw * c)
    for b in prange(n):
        at = U(b)
        for p in range(oh):
            for q in range(ow):
                window = (p * ow + q) * width
                for i in range(kh):
                    start = ((p * sh + i * dh) * wp + q * sw) * c
                    for r in range(runs):
                        s, d = U(start + r * step), U(window + i * kw * c + r * span)
                        for e in range(U(span)):
                            cols[at, d + e] = xp[at, s + e]
                if kh * kw * c < width:
                    cols[at, U(window + width - 1)] = one


@jit(parallel=True)
def col2im(parts, wp, c, kh, kw, sh, sw, dh, dw, oh, ow, gxp):
    """The adjoint of :func:`im2col`: padded images ``gxp`` ``(N, hp*wp*c)`` whose pixel is the sum
    of the values of ``parts`` ``(N, oh*ow*kh*kw*c)`` that :func:`im2col` would copy from it
    (zero if none), added in the same runs."""
    n, width = parts.shape[0], kh * kw * c
    runs, span, step = (1, kw * c, 0) if dw == 1 else (kw, c, dw * c)
    for b in prange(n):
        at = U(b)
        for e in range(U(gxp.shape[1])):
            gxp[at, e] = 0
        for p in range(oh):
            for q in range(ow):
                window = (p * ow + q) * width
                for i in range(kh):
                    start = ((p * sh + i * dh) * wp + q * sw) * c
                    for r in range(runs):
                        d, s = U(start + r * step), U(window + i * kw * c + r * span)
                        for e in range(U(span)):
                            gxp[at, d + e] += parts[at, s + e]


@jit(parallel=True)
def relu(y, zero):
    """``y = max(y, 0)`` in place on a flat array (NaN kept, as ``np.maximum``)."""
    for k in prange(y.size):
        if y[k] < zero:
            y[k] = zero


@jit(parallel=True)
def relu_mask(g, y, zero, out):
    """``out = g * (y > 0)`` on flat arrays, in one pass (``g * 0`` where ``y <= 0``: NaN for an
    infinite ``g``, as in the reference)."""
    for k in prange(g.size):
        out[k] = g[k] if y[k] > zero else g[k] * zero
