"""Pooling: the maximum or the mean of each window, over windows or over a whole image; upsampling.

Layouts are those of :mod:`neurona.functional.convolution` (channels-last by
default). Max pooling sends each window's gradient to its first maximum in
row-major order, as PyTorch does; a NaN in a window is its maximum. Average
pooling divides by the number of the window's pixels that lie inside the input
(padding is not counted, as in Keras's ``'same'``).

With :mod:`neurona.accelerate` on, max pooling runs as two compiled one-pass kernels
(:mod:`neurona.functional._pool_kernels`) that keep each window's argmax offset rather
than the padded input; the NumPy code here is their reference. Reading the output of a
convolution with a fused ReLU (``conv2d(..., activation="relu")``), the backward kernel
also applies that ReLU's mask, and the convolution skips its own pass over the gradient.
"""
from __future__ import annotations

import numpy as np

from neurona import accelerate
from neurona.function import Function, ShapeError
from neurona.functional import _pool_kernels as kernels
from neurona.functional import _workspace as workspace
from neurona.functional.convolution import ConvReLU
from neurona.functional.reductions import mean
from neurona.functional._windows import (
    Windows,
    as_tuple,
    check_format,
    check_input,
    flat_images,
    from_images,
    spatial_shape,
    to_images,
    windows,
)


class MaxPool(Function):
    """Max pooling. The NumPy backward finds each window's maximum again by comparing the input with
    the output, so the output is saved: changed in place after the forward pass, it is refused."""

    saves = ("inputs", "output")

    def __init__(self, win: Windows, rank: int, channels_first: bool) -> None:
        self.win, self.rank, self.channels_first = win, rank, channels_first

    def forward(self, x):
        xp = self.win.pad(to_images(x, self.rank, self.channels_first), -np.inf)
        if accelerate.enabled_for(xp):
            return from_images(self._forward_kernel(xp), self.rank, self.channels_first)
        self.index = None
        views = [self.win.view(xp, i, j) for i, j in self.win.offsets]
        out = workspace.empty(views[0].shape, xp.dtype)
        np.maximum(views[0], views[1], out=out) if len(views) > 1 else np.copyto(out, views[0])
        for view in views[2:]:
            np.maximum(out, view, out=out)
        self.xp, self.out = xp, out
        return from_images(out, self.rank, self.channels_first)

    def backward(self, grad):
        """Each window's gradient goes to its first maximum: the kernel offsets are visited in
        order, each taking the windows whose maximum it holds and that no earlier offset took."""
        win, out = self.win, self.out
        g = to_images(grad, self.rank, self.channels_first)
        overlap = any(s < k for s, k in zip(win.strides, win.kernel))
        tiled = win.strides == win.kernel and all(o * s == n for o, s, n in zip(win.out, win.strides, win.padded))
        if self.index is not None:
            rectifier, images = (None, None) if overlap else self._rectified_input()
            grad_x = win.crop(self._backward_kernel(g, overlap, tiled, images))
            grad_x = from_images(grad_x, self.rank, self.channels_first)
            if rectifier is not None:
                rectifier.masked_grad = grad_x
            return grad_x
        masked = not np.isfinite(g).all()  # 0 * inf would spread an infinite gradient over the window
        gxp = (workspace.empty if tiled and not masked else workspace.zeros)(self.xp.shape, g.dtype)  # tiles write every pixel
        nan = bool(np.isnan(out).any())
        hit, free = workspace.empty(out.shape, bool), workspace.empty(out.shape, bool)
        free.fill(True)
        share = workspace.empty(g.shape, g.dtype) if overlap and not masked else None
        for i, j in win.offsets:
            x, view = win.view(self.xp, i, j), win.view(gxp, i, j)
            np.equal(x, out, out=hit)
            if nan:
                hit |= np.isnan(x)
            hit &= free
            free ^= hit
            if masked:
                np.add(view, g, out=view, where=hit)
            elif overlap:
                view += np.multiply(g, hit, out=share)
            else:
                np.multiply(g, hit, out=view)
        return from_images(win.crop(gxp), self.rank, self.channels_first)

    def _forward_kernel(self, xp: np.ndarray) -> np.ndarray:
        """The compiled path: one pass that keeps each window's maximum and its offset."""
        (kh, kw), (sh, sw) = self.win.kernel, self.win.strides
        shape = (xp.shape[0], *self.win.out, xp.shape[3])
        out = workspace.empty(shape, xp.dtype)
        self.index = workspace.empty(shape, np.int8 if kh * kw <= 127 else np.int32)
        if (kh, kw) == (2, 2):
            kernels.max_pool_2x2(xp, sh, sw, out, self.index)
        else:
            kernels.max_pool(xp, kh, kw, sh, sw, out, self.index)
        self.out, self.padded_shape = out, xp.shape
        return out

    def _backward_kernel(self, g: np.ndarray, overlap: bool, tiled: bool, rectified: np.ndarray | None
                         ) -> np.ndarray:
        """The compiled path: each window's gradient to its saved offset, in one pass (``tiled``:
        the windows cover every pixel once, so nothing needs zeroing first); through the ReLU whose
        output is ``rectified`` (flat images), if given."""
        win, (_, _, wp, c) = self.win, self.padded_shape
        gxp = (workspace.empty if tiled else workspace.zeros)(self.padded_shape, g.dtype)
        (kh, kw), (sh, sw), g = win.kernel, win.strides, np.ascontiguousarray(g)
        if overlap:
            kernels.max_pool_grad(g, self.index, kh, kw, sh, sw, gxp)
        else:
            flat = flat_images(g)
            kernels.max_pool_grad_tiles(flat, flat_images(self.index), flat if rectified is None else rectified,
                                        rectified is not None, *win.out, c, kh, kw, sh, sw, wp, g.dtype.type(0),
                                        flat_images(gxp))
        return gxp

    def _rectified_input(self) -> tuple:
        """The :class:`~neurona.functional.convolution.ConvReLU` node whose output this pooling reads,
        and that output as flat images, when this pooling's backward may also apply that ReLU's
        mask: a pixel's gradient is its window's, which the ReLU passes where the pixel is positive.
        Not when the output keeps its own gradient (``retain_grad``: that one is unmasked), nor with
        padding or a strided layout (the kernel reads the images as the pooling's padded ones)."""
        x = self.inputs[0]
        images = to_images(x._data, self.rank, self.channels_first)
        if (isinstance(x._creator, ConvReLU) and not x._retains_grad and self.win.padded == self.win.sizes
                and images.flags.c_contiguous):
            return x._creator, flat_images(images)
        return None, None


class AvgPool(Function):
    def __init__(self, win: Windows, rank: int, channels_first: bool) -> None:
        self.win, self.rank, self.channels_first = win, rank, channels_first

    def _window_sum(self, xp: np.ndarray) -> np.ndarray:
        offsets = self.win.offsets
        total = self.win.view(xp, *offsets[0]).copy()
        for i, j in offsets[1:]:
            total += self.win.view(xp, i, j)
        return total

    def forward(self, x):
        images = to_images(x, self.rank, self.channels_first)
        self.shape = images.shape
        if self.win.padded == self.win.sizes:
            self.count = np.asarray(self.win.count, dtype=x.dtype)
        else:
            self.count = self._window_sum(self.win.pad(np.ones((1, *images.shape[1:3], 1), dtype=x.dtype)))
        out = self._window_sum(self.win.pad(images))
        out /= self.count
        return from_images(out, self.rank, self.channels_first)

    def backward(self, grad):
        share = to_images(grad, self.rank, self.channels_first) / self.count
        gxp = np.zeros((self.shape[0], *self.win.padded, self.shape[3]), dtype=share.dtype)
        for i, j in self.win.offsets:
            view = self.win.view(gxp, i, j)
            view += share
        return from_images(self.win.crop(gxp), self.rank, self.channels_first)


class GlobalMaxPool(Function):
    """Maximum over all pixels of each channel; the gradient goes to the first maximum."""

    def __init__(self, channels_first: bool, out_shape: tuple) -> None:
        self.channels_first, self.out_shape = channels_first, out_shape

    def forward(self, x):
        self.shape = x.shape
        n, c = x.shape[0], x.shape[1 if self.channels_first else -1]
        pixels = x.size // max(n * c, 1)
        self.flat_shape = (n, c, pixels) if self.channels_first else (n, pixels, c)
        self.axis = 2 if self.channels_first else 1
        flat = x.reshape(self.flat_shape)
        if flat.size:
            self.index = np.argmax(flat, axis=self.axis, keepdims=True)
        else:  # an empty batch (np.argmax refuses any empty array)
            self.index = np.zeros((n, 1, c) if self.axis == 1 else (n, c, 1), dtype=np.intp)
        return np.take_along_axis(flat, self.index, axis=self.axis).reshape(self.out_shape)

    def backward(self, grad):
        out = np.zeros(self.shape, dtype=grad.dtype)
        flat = out.reshape(self.flat_shape)
        np.put_along_axis(flat, self.index, grad.reshape(self.index.shape), axis=self.axis)
        return out


class UpSample(Function):
    """Nearest-neighbour upsampling of ``(N, H, W, C)`` by whole factors."""

    def __init__(self, size: tuple[int, int], channels_first: bool) -> None:
        self.size, self.channels_first = size, channels_first

    def forward(self, x):
        images = to_images(x, 2, self.channels_first)
        (n, h, w, c), (sh, sw) = images.shape, self.size
        grid = np.broadcast_to(images[:, :, None, :, None], (n, h, sh, w, sw, c))
        return from_images(grid.reshape(n, h * sh, w * sw, c), 2, self.channels_first)

    def backward(self, grad):
        g = to_images(grad, 2, self.channels_first)
        (n, hs, ws, c), (sh, sw) = g.shape, self.size
        blocks = g.reshape(n, hs // sh, sh, ws // sw, sw, c)
        return from_images(blocks.sum(axis=(2, 4)), 2, self.channels_first)


def _pool(cls, op: str, rank: int, x, pool_size, strides, padding, data_format):
    channels_first = check_format(data_format, op)
    check_input(x, rank, op, channels_first)
    pool = as_tuple(pool_size, rank, "pool_size", op)
    steps = pool if strides is None else as_tuple(strides, rank, "strides", op)
    win = windows(op, spatial_shape(x.shape, rank, channels_first), pool, steps, padding, (1,) * rank)
    if any(p >= k for pair, k in zip(win.pads, win.kernel) for p in pair):
        raise ValueError(f"{op}: padding {win.pads[2 - rank:]} must be smaller than the pool size {pool} on each side")
    return cls(win, rank, channels_first)(x)


def max_pool1d(x, pool_size=2, strides=None, padding="valid", data_format: str = "channels_last"):
    """Maximum of each window of ``pool_size`` steps of signals ``(batch, steps, channels)``.

    ``strides`` defaults to ``pool_size`` (windows side by side); ``padding`` is
    ``'valid'``, ``'same'`` or explicit sizes.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = nr.tensor(np.array([1.0, 3.0, 2.0, 0.0, 5.0]).reshape(1, 5, 1))
    >>> nr.functional.max_pool1d(x, 2, padding="same").numpy().ravel()
    array([3., 2., 5.], dtype=float32)
    """
    return _pool(MaxPool, "max_pool1d", 1, x, pool_size, strides, padding, data_format)


def max_pool2d(x, pool_size=2, strides=None, padding="valid", data_format: str = "channels_last"):
    """Maximum of each ``pool_size`` window of images ``(batch, height, width, channels)``.

    The course's max pooling: with the defaults, each 2x2 block of pixels becomes
    its largest value. The gradient goes to the first maximum of each window.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = nr.tensor(np.array([[1.0, 2.0, 5.0, 6.0], [3.0, 4.0, 7.0, 8.0]]).reshape(1, 2, 4, 1))
    >>> nr.functional.max_pool2d(x).numpy()[0, :, :, 0]
    array([[4., 8.]], dtype=float32)
    """
    return _pool(MaxPool, "max_pool2d", 2, x, pool_size, strides, padding, data_format)


def avg_pool1d(x, pool_size=2, strides=None, padding="valid", data_format: str = "channels_last"):
    """Mean of each window of ``pool_size`` steps; padded steps are not counted.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = nr.tensor(np.array([1.0, 3.0, 2.0]).reshape(1, 3, 1))
    >>> nr.functional.avg_pool1d(x, 2, padding="same").numpy().ravel()
    array([2., 2.], dtype=float32)
    """
    return _pool(AvgPool, "avg_pool1d", 1, x, pool_size, strides, padding, data_format)


def avg_pool2d(x, pool_size=2, strides=None, padding="valid", data_format: str = "channels_last"):
    """Mean of each ``pool_size`` window of images; padded pixels are not counted.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = nr.tensor(np.array([[1.0, 2.0, 5.0, 6.0], [3.0, 4.0, 7.0, 8.0]]).reshape(1, 2, 4, 1))
    >>> nr.functional.avg_pool2d(x).numpy()[0, :, :, 0]
    array([[2.5, 6.5]], dtype=float32)
    """
    return _pool(AvgPool, "avg_pool2d", 2, x, pool_size, strides, padding, data_format)


def _global(cls, op: str, rank: int, x, keepdims: bool, data_format: str):
    channels_first = check_format(data_format, op)
    check_input(x, rank, op, channels_first)
    axes = tuple(range(2, 2 + rank)) if channels_first else tuple(range(1, 1 + rank))
    if 0 in spatial_shape(x.shape, rank, channels_first):
        raise ShapeError(f"{op}: the input of shape {tuple(x.shape)} has no pixels to pool")
    if cls is None:
        return mean(x, axis=axes, keepdims=keepdims)
    kept = tuple(1 if a in axes else d for a, d in enumerate(x.shape))
    return cls(channels_first, kept if keepdims else (x.shape[0], kept[1 if channels_first else -1]))(x)


def global_max_pool1d(x, keepdims: bool = False, data_format: str = "channels_last"):
    """Maximum over all steps of each channel: ``(batch, steps, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> nr.functional.global_max_pool1d(nr.tensor(np.array([[[1.0], [4.0], [2.0]]]))).numpy()
    array([[4.]], dtype=float32)
    """
    return _global(GlobalMaxPool, "global_max_pool1d", 1, x, keepdims, data_format)


def global_max_pool2d(x, keepdims: bool = False, data_format: str = "channels_last"):
    """Maximum over all pixels of each channel: ``(batch, h, w, channels)`` → ``(batch, channels)``.

    The gradient goes to the first maximum (row-major), as in PyTorch's
    ``adaptive_max_pool2d(x, 1)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> nr.functional.global_max_pool2d(nr.tensor(np.arange(8.0).reshape(1, 2, 2, 2))).numpy()
    array([[6., 7.]], dtype=float32)
    """
    return _global(GlobalMaxPool, "global_max_pool2d", 2, x, keepdims, data_format)


def global_avg_pool1d(x, keepdims: bool = False, data_format: str = "channels_last"):
    """Mean over all steps of each channel: ``(batch, steps, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> nr.functional.global_avg_pool1d(nr.tensor(np.array([[[1.0], [4.0], [1.0]]]))).numpy()
    array([[2.]], dtype=float32)
    """
    return _global(None, "global_avg_pool1d", 1, x, keepdims, data_format)


def global_avg_pool2d(x, keepdims: bool = False, data_format: str = "channels_last"):
    """Mean over all pixels of each channel: ``(batch, h, w, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> nr.functional.global_avg_pool2d(nr.tensor(np.arange(8.0).reshape(1, 2, 2, 2))).numpy()
    array([[3., 4.]], dtype=float32)
    """
    return _global(None, "global_avg_pool2d", 2, x, keepdims, data_format)


def upsample2d(x, size=2, data_format: str = "channels_last"):
    """Nearest-neighbour upsampling: each pixel becomes a ``size`` block of copies.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> nr.functional.upsample2d(nr.tensor(np.array([[1.0, 2.0]]).reshape(1, 1, 2, 1))).numpy()[0, :, :, 0]
    array([[1., 1., 2., 2.],
           [1., 1., 2., 2.]], dtype=float32)
    """
    op = "upsample2d"
    channels_first = check_format(data_format, op)
    check_input(x, 2, op, channels_first)
    return UpSample(as_tuple(size, 2, "size", op), channels_first)(x)
