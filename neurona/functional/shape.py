"""Shape operations: reshape, transpose, broadcast_to, squeeze/unsqueeze, concatenate,
stack, split, pad, getitem, flatten. Their backward moves gradients, never computes."""
from __future__ import annotations

import numpy as np

from neurona.function import Function
from neurona.functional._axes import axes_tuple, axis_index
from neurona.tensor import _plain_index


class _Move(Function):
    """A shape op: its backward moves the gradient and reads no values."""

    saves = ()


class Reshape(_Move):
    def __init__(self, shape) -> None:
        self.shape = shape

    def forward(self, x):
        self.in_shape = x.shape
        return x.reshape(self.shape)

    def backward(self, grad):
        return grad.reshape(self.in_shape)


class Transpose(_Move):
    def __init__(self, axes=None) -> None:
        self.axes = axes

    def forward(self, x):
        if self.axes is None:
            self.order = tuple(reversed(range(x.ndim)))
        else:
            self.order = axes_tuple(self.axes, x.ndim, "transpose")
            if len(self.order) != x.ndim:
                raise ValueError(
                    f"transpose: axes {self.axes} are not a permutation of the {x.ndim} axes of shape {x.shape}"
                )
        return x.transpose(self.order)

    def backward(self, grad):
        return grad.transpose(np.argsort(self.order))


class BroadcastTo(_Move):
    def __init__(self, shape) -> None:
        self.shape = tuple(shape)

    def forward(self, x):
        return np.broadcast_to(x, self.shape)

    def backward(self, grad):
        return grad


class Squeeze(_Move):
    def __init__(self, axis=None) -> None:
        self.axis = axis

    def forward(self, x):
        self.in_shape = x.shape
        return np.squeeze(x, None if self.axis is None else axes_tuple(self.axis, x.ndim, "squeeze"))

    def backward(self, grad):
        return grad.reshape(self.in_shape)


class Unsqueeze(_Move):
    def __init__(self, axis) -> None:
        self.axis = axis

    def forward(self, x):
        self.at = axis_index(self.axis, x.ndim + 1, "unsqueeze")
        return np.expand_dims(x, self.at)

    def backward(self, grad):
        return np.squeeze(grad, self.at)


class Concatenate(_Move):
    def __init__(self, axis: int = 0) -> None:
        self.axis = axis

    def forward(self, *xs):
        self.at = axis_index(self.axis, np.ndim(xs[0]), "concatenate")
        out = np.concatenate(xs, axis=self.at)
        self.bounds = np.cumsum([np.shape(x)[self.at] for x in xs])[:-1]
        return out

    def backward(self, grad):
        return tuple(np.split(grad, self.bounds, axis=self.at))


class Stack(_Move):
    def __init__(self, axis: int = 0) -> None:
        self.axis = axis

    def forward(self, *xs):
        self.at = axis_index(self.axis, np.ndim(xs[0]) + 1, "stack")
        return np.stack(xs, axis=self.at)

    def backward(self, grad):
        return tuple(np.moveaxis(grad, self.at, 0))


class Pad(_Move):
    def __init__(self, pad_width, value: float = 0.0) -> None:
        self.pad_width = pad_width
        self.value = value

    def forward(self, x):
        width = np.broadcast_to(np.asarray(self.pad_width, dtype=int), (x.ndim, 2))
        self.window = tuple(slice(lo, lo + n) for (lo, _), n in zip(width, x.shape))
        return np.pad(x, width, constant_values=self.value)

    def backward(self, grad):
        return grad[self.window]


def _is_basic(index) -> bool:
    parts = index if isinstance(index, tuple) else (index,)
    return all(p is None or p is Ellipsis or isinstance(p, (int, np.integer, slice)) for p in parts)


class GetItem(_Move):
    def __init__(self, index) -> None:
        self.index = index

    def forward(self, x):
        self.shape, self.dtype = x.shape, x.dtype
        return x[self.index]

    def backward(self, grad):
        out = np.zeros(self.shape, dtype=self.dtype)
        if _is_basic(self.index):
            out[self.index] = grad
        else:
            np.add.at(out, self.index, grad)
        return out


def reshape(x, shape):
    """Give ``x`` a new shape with the same number of elements (one axis may be -1).

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.reshape(nr.tensor([1.0, 2.0, 3.0, 4.0]), (2, 2)).shape
    (2, 2)
    """
    return Reshape(shape)(x)


def transpose(x, axes=None):
    """Permute the axes (reverse them by default); ``permute`` is the same op."""
    return Transpose(axes)(x)


permute = transpose


def broadcast_to(x, shape):
    """Broadcast ``x`` to ``shape``; the gradient is summed back."""
    return BroadcastTo(shape)(x)


def squeeze(x, axis=None):
    """Remove axes of length one."""
    return Squeeze(axis)(x)


def unsqueeze(x, axis):
    """Insert an axis of length one at ``axis``."""
    return Unsqueeze(axis)(x)


def concatenate(tensors, axis: int = 0):
    """Join tensors along an existing axis.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.concatenate([nr.tensor([1.0]), nr.tensor([2.0, 3.0])]).shape
    (3,)
    """
    return Concatenate(axis)(*tensors)


def stack(tensors, axis: int = 0):
    """Join tensors of equal shape along a new axis."""
    return Stack(axis)(*tensors)


def split(x, sections, axis: int = 0) -> list:
    """Split into equal ``sections`` (an int) or at the given indices (a list), like ``numpy.split``."""
    axis = axis_index(axis, x.ndim, "split")
    n = x.shape[axis]
    if isinstance(sections, int):
        if n % sections:
            raise ValueError(f"split: axis {axis} of length {n} does not divide into {sections} equal sections")
        bounds = list(range(0, n + 1, n // sections))
    else:
        bounds = [0, *sections, n]
    prefix = (slice(None),) * axis
    return [getitem(x, prefix + (slice(lo, hi),)) for lo, hi in zip(bounds[:-1], bounds[1:])]


def pad(x, pad_width, value: float = 0.0):
    """Pad with a constant; ``pad_width`` is as in ``numpy.pad``."""
    return Pad(pad_width, value)(x)


def getitem(x, index):
    """Index with ints, slices, integer arrays or boolean masks (``x[index]``)."""
    return GetItem(_plain_index(index))(x)


def flatten(x, start_axis: int = 0, end_axis: int = -1):
    """Merge the axes from ``start_axis`` to ``end_axis`` into one (a 0-d tensor becomes 1-D, as in PyTorch).

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.flatten(nr.tensor([[[1.0, 2.0]], [[3.0, 4.0]]]), 1).shape
    (2, 2)
    """
    shape = x.shape
    if not shape:
        axes_tuple((start_axis, end_axis), 0, "flatten")
        return reshape(x, (1,))
    start, end = axes_tuple(start_axis, len(shape), "flatten")[0], axes_tuple(end_axis, len(shape), "flatten")[0]
    if start > end:
        raise ValueError(f"flatten: start_axis {start_axis} comes after end_axis {end_axis} for shape {shape}")
    merged = int(np.prod(shape[start : end + 1]))
    return reshape(x, shape[:start] + (merged,) + shape[end + 1 :])
