"""The memory-bound passes of convolution as one-pass kernels; the products stay with BLAS.

:mod:`neurona.functional.convolution` builds the window matrix (im2col) with one strided
copy per kernel row or offset, after padding the images; scatters a product back
(col2im) with one small product and one strided add per kernel offset into a padded
buffer, then crops it; and masks the gradient by the ReLU's output in two passes. These
kernels do each in one pass over memory, reading the unpadded channels-last images
``(N, H, W, C)`` directly (a pixel outside them is a zero of the padding), and writing the
input gradient unpadded and contiguous. They compute what the NumPy reference computes
(im2col and the mask exactly; col2im's sums in another order, equal within rounding);
:mod:`neurona.accelerate` compiles them when numba is there. Each image of the batch is one
task of the parallel loop; scalars come in the arrays' dtype.
"""
from __future__ import annotations

from numpy import uintp as U

from neurona.accelerate import jit, prange


@jit(parallel=True)
def im2col(x, kh, kw, sh, sw, dh, dw, top, left, one, cols):
    """``cols[n, p, q, (i, j, c)] = x[n, p*sh + i*dh - top, q*sw + j*dw - left, c]`` (zero outside
    the image); a last column, if ``cols`` has one, holds ``one`` (the bias's input). Indices are
    unsigned once known to be inside, so that no negative-index wraparound is computed."""
    n, h, w, c = x.shape
    oh, ow, width = cols.shape[1], cols.shape[2], cols.shape[3]
    zero = one - one
    for b in prange(n):
        image, rows = x[b], cols[b]
        for p in range(oh):
            for q in range(ow):
                out = rows[U(p), U(q)]
                col = U(0)
                for i in range(kh):
                    row = p * sh + i * dh - top
                    for j in range(kw):
                        pixel = q * sw + j * dw - left
                        if 0 <= row < h and 0 <= pixel < w:
                            src = image[U(row), U(pixel)]
                            for ch in range(U(c)):
                                out[col + ch] = src[ch]
                        else:
                            for ch in range(U(c)):
                                out[col + ch] = zero
                        col += U(c)
                if col < width:
                    out[col] = one


@jit(parallel=True)
def col2im(parts, kh, kw, sh, sw, dh, dw, top, left, gx):
    """The adjoint of :func:`im2col`: ``gx[n, p*sh + i*dh - top, q*sw + j*dw - left, c]`` is the sum
    of ``parts[n, p, q, (i, j, c)]`` over the windows that hold the pixel (zero if none)."""
    n, h, w, c = gx.shape
    oh, ow = parts.shape[1], parts.shape[2]
    for b in prange(n):
        image, rows = gx[b], parts[b]
        image[:] = 0
        for p in range(oh):
            for q in range(ow):
                src = rows[U(p), U(q)]
                col = U(0)
                for i in range(kh):
                    row = p * sh + i * dh - top
                    for j in range(kw):
                        pixel = q * sw + j * dw - left
                        if 0 <= row < h and 0 <= pixel < w:
                            dst = image[U(row), U(pixel)]
                            for ch in range(U(c)):
                                dst[ch] += src[col + ch]
                        col += U(c)


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
