"""Sliding windows shared by convolution and pooling: their geometry and strided views.

Every op works internally on channels-last images of rank 2, ``(batch, height,
width, channels)``; a 1-D signal ``(batch, width, channels)`` is an image of height
1, and ``channels_first`` data is viewed (not copied) as channels-last. A window
position ``(i, j)`` of the kernel sees the strided view of the padded input
``xp[:, i*dh :: sh, j*dw :: sw, :]`` (cut to the output size): looping over the
``kh * kw`` kernel offsets, never over pixels, builds the im2col matrix, scatters it
back (col2im) and pools.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from itertools import product

import numpy as np
from numpy.lib.stride_tricks import as_strided

from neurona.function import ShapeError
from neurona.functional import _workspace as workspace

FORMATS = ("channels_last", "channels_first")
def as_tuple(value, rank: int, what: str, op: str, minimum: int = 1) -> tuple[int, ...]:
    """``value`` (an int or ``rank`` ints) as a tuple of ``rank`` ints of at least ``minimum``.

    Examples
    --------
    >>> as_tuple(2, 2, "strides", "conv2d")
    (2, 2)
    """
    items = (value,) * rank if isinstance(value, (int, np.integer)) else tuple(np.atleast_1d(value).tolist())
    if len(items) != rank or not all(isinstance(v, (int, np.integer)) and v >= minimum for v in items):
        kind = "positive" if minimum == 1 else "non-negative"
        raise ValueError(f"{op}: {what} must be one or {rank} {kind} ints, got {value!r}")
    return tuple(int(v) for v in items)


def check_format(data_format: str, op: str) -> bool:
    """True for ``'channels_first'``, False for ``'channels_last'``; anything else is an error."""
    if data_format not in FORMATS:
        raise ValueError(f"{op}: data_format must be 'channels_last' or 'channels_first', got {data_format!r}")
    return data_format == "channels_first"


def check_input(x, rank: int, op: str, channels_first: bool = False) -> None:
    """A floating array of rank ``rank + 2``, or a clear error naming ``op``."""
    layout = "(batch, channels, *spatial)" if channels_first else "(batch, *spatial, channels)"
    if np.ndim(x) != rank + 2:
        raise ShapeError(f"{op}: expected a {rank + 2}-D input {layout}, got shape {tuple(np.shape(x))}")
    if x.dtype.kind != "f":
        raise TypeError(f"{op}: expected a floating input, got {x.dtype}; cast it, e.g. x.astype('float32')")


def _explicit(padding, rank: int, op: str) -> tuple[tuple[int, int], ...]:
    if isinstance(padding, (int, np.integer)):
        padding = (padding,) * rank
    items = tuple(padding)
    pairs = tuple((p, p) if isinstance(p, (int, np.integer)) else tuple(p) for p in items)
    if len(pairs) != rank or not all(len(p) == 2 and all(isinstance(v, (int, np.integer)) and v >= 0 for v in p) for p in pairs):
        raise ValueError(
            f"{op}: padding must be 'valid', 'same', a non-negative int, {rank} ints or {rank} (before, after) "
            f"pairs, got {padding!r}"
        )
    return tuple((int(a), int(b)) for a, b in pairs)


def resolve_padding(padding, sizes, kernel, strides, dilation, op: str) -> tuple[tuple[int, int], ...]:
    """(before, after) padding per spatial axis.

    ``'valid'`` is none; ``'same'`` gives ``ceil(n / stride)`` outputs, with the odd
    pixel after (TensorFlow's rule); ``'causal'`` (1-D) pads only before; an int,
    ints or pairs are explicit.

    Examples
    --------
    >>> resolve_padding("same", (5, 6), (3, 3), (2, 2), (1, 1), "conv2d")
    ((1, 1), (0, 1))
    """
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0),) * len(sizes)
        if padding == "same":
            pads = []
            for n, k, s, d in zip(sizes, kernel, strides, dilation):
                total = max((-(-n // s) - 1) * s + (k - 1) * d + 1 - n, 0)
                pads.append((total // 2, total - total // 2))
            return tuple(pads)
        if padding == "causal" and len(sizes) == 1:
            return (((kernel[0] - 1) * dilation[0], 0),)
        modes = "'valid', 'same' or 'causal'" if len(sizes) == 1 else "'valid' or 'same'"
        raise ValueError(f"{op}: padding must be {modes} or explicit sizes, got {padding!r}")
    return _explicit(padding, len(sizes), op)


@dataclass(frozen=True)
class Windows:
    """Where a kernel's windows lie on a padded image (2-D; a 1-D op has height 1).

    ``sizes`` are the input's spatial sizes, ``pads`` the (before, after) padding,
    ``out`` the number of window positions along each axis.
    """

    sizes: tuple[int, int]
    kernel: tuple[int, int]
    strides: tuple[int, int]
    dilation: tuple[int, int]
    pads: tuple[tuple[int, int], tuple[int, int]]
    out: tuple[int, int]

    @property
    def padded(self) -> tuple[int, int]:
        return tuple(n + a + b for n, (a, b) in zip(self.sizes, self.pads))

    @cached_property
    def offsets(self) -> tuple[tuple[int, int], ...]:
        return tuple(product(range(self.kernel[0]), range(self.kernel[1])))

    @property
    def count(self) -> int:
        return self.kernel[0] * self.kernel[1]

    def view(self, xp: np.ndarray, i: int, j: int) -> np.ndarray:
        """The input pixels that kernel offset ``(i, j)`` meets at every window position."""
        (sh, sw), (dh, dw), (oh, ow) = self.strides, self.dilation, self.out
        return xp[:, i * dh : i * dh + sh * (oh - 1) + 1 : sh, j * dw : j * dw + sw * (ow - 1) + 1 : sw]

    def row_view(self, xp: np.ndarray, i: int) -> np.ndarray | None:
        """All of kernel row ``i`` at every window position, ``(N, out_h, out_w, kw*C)``, as a view.

        Each window's row is a run of ``kw*C`` consecutive values of a channels-last
        image, so one copy per kernel row gathers it; None where it is not (a dilated
        width, or ``xp`` not contiguous along its rows).
        """
        item = xp.itemsize
        if self.dilation[1] != 1 or xp.strides[2:] != (xp.shape[3] * item, item):
            return None
        (sh, sw), (oh, ow), (n, c) = self.strides, self.out, (xp.shape[0], xp.shape[3])
        start = xp[:, i * self.dilation[0] :]
        shape = (n, oh, ow, self.kernel[1] * c)
        return as_strided(start, shape, (xp.strides[0], xp.strides[1] * sh, xp.strides[2] * sw, item), writeable=False)

    def pad(self, x: np.ndarray, value: float = 0.0) -> np.ndarray:
        """``x`` inside a border of ``value`` (``x`` itself when there is no padding)."""
        (top, bottom), (left, right) = self.pads
        if top == bottom == left == right == 0:
            return x
        out = workspace.empty((x.shape[0], *self.padded, x.shape[3]), x.dtype)
        out.fill(value)
        out[:, top : top + x.shape[1], left : left + x.shape[2]] = x
        return out

    def crop(self, xp: np.ndarray) -> np.ndarray:
        """The inverse of :meth:`pad`: the input's own pixels."""
        (top, _), (left, _) = self.pads
        return xp[:, top : top + self.sizes[0], left : left + self.sizes[1]]


def windows(op: str, sizes, kernel, strides, padding, dilation) -> Windows:
    """The :class:`Windows` of an op over ``sizes``, checked: every axis must hold a window.

    All of ``sizes``, ``kernel``, ``strides``, ``dilation`` have one entry per
    spatial axis (1 or 2); the result is always 2-D.

    Examples
    --------
    >>> windows("conv2d", (5, 5), (3, 3), (1, 1), "valid", (1, 1)).out
    (3, 3)
    """
    pads = resolve_padding(padding, sizes, kernel, strides, dilation, op)
    out = []
    for n, k, s, d, (a, b) in zip(sizes, kernel, strides, dilation, pads):
        span = (k - 1) * d + 1
        if n + a + b < span:
            raise ShapeError(
                f"{op}: a kernel spanning {span} pixels does not fit an input of spatial size "
                f"{tuple(sizes)} padded by {pads} (padding={padding!r})"
            )
        out.append((n + a + b - span) // s + 1)
    if len(sizes) == 1:
        return Windows((1, *sizes), (1, *kernel), (1, *strides), (1, *dilation), ((0, 0), *pads), (1, *out))
    return Windows(tuple(sizes), tuple(kernel), tuple(strides), tuple(dilation), pads, tuple(out))


def to_images(a: np.ndarray, rank: int, channels_first: bool) -> np.ndarray:
    """View ``a`` as channels-last images of rank 2 (no copy)."""
    if channels_first:
        a = np.moveaxis(a, 1, -1)
    return a[:, None] if rank == 1 else a


def from_images(a: np.ndarray, rank: int, channels_first: bool) -> np.ndarray:
    """The inverse of :func:`to_images`."""
    if rank == 1:
        a = a[:, 0]
    return np.moveaxis(a, -1, 1) if channels_first else a


def flat_images(a: np.ndarray) -> np.ndarray:
    """``a`` seen as one row per image, ``(N, values)`` (an empty batch included): how the compiled
    kernels take their arrays.

    Examples
    --------
    >>> flat_images(np.zeros((0, 3, 2))).shape
    (0, 6)
    """
    return a.reshape(a.shape[0], math.prod(a.shape[1:]))


def spatial_shape(shape: tuple, rank: int, channels_first: bool) -> tuple:
    """The spatial sizes of an input shape in either layout."""
    return tuple(shape[2:]) if channels_first else tuple(shape[1 : 1 + rank])
