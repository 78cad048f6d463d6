"""Convolution: ``y[n, p, q, f] = sum_ijc w[i, j, c, f] * x[n, p*s + i*d, q*s + j*d, c] + b[f]``.

This is the course's sum over a filter sliding on an image (a cross-correlation,
as in every deep-learning library). Images are channels-last (``NHWC``, Keras's
default) and kernels ``(kh, kw, in_channels, filters)``. The windows become one
matrix product: the im2col matrix ``(pixels, kh*kw*channels)`` is filled by one
strided copy per kernel row (or offset), then multiplied by the kernel seen as
``(kh*kw*channels, filters)``; the bias rides along as a column of ones. With few
channels (a pixel's window is then a few values) the matrix is filled as its
transpose, one copy per kernel offset and channel whose runs are image rows, and
BLAS multiplies it as it lies. Nothing loops over pixels.

Two array routines make every op here: :func:`im2col` before a product, and
its adjoint :func:`col2im` after one. A convolution's input gradient is a transposed
convolution, and the other way round.

With :mod:`neurona.accelerate` on, the passes around the products of :class:`Conv` run
as compiled kernels (:mod:`neurona.functional._conv_kernels`): im2col and col2im in one
pass each over the padded images (for 8 channels or more), the ReLU and its gradient
mask in one pass each. The products stay with BLAS; the NumPy code
here is the reference that the kernels are tested against.
"""
from __future__ import annotations

import math

import numpy as np

from neurona import accelerate
from neurona.function import Function, ShapeError
from neurona.functional import _conv_kernels as kernels
from neurona.functional import _workspace as workspace
from neurona.functional._windows import (
    Windows,
    as_tuple,
    check_format,
    check_input,
    flat_images,
    from_images,
    resolve_padding,
    spatial_shape,
    to_images,
    windows,
)
from neurona.grad_mode import is_grad_enabled

CHUNK = 1 << 19
"""Values of the window matrix built at once in inference (2 MiB of float32)."""

PARTS = 1 << 17
"""Values of the window matrix of the input gradient made at once (512 KiB of float32: it stays in cache)."""

KERNEL_CHANNELS = 8
"""Fewest channels for which the compiled im2col and col2im pay: with fewer, each pixel's run of
values is too short for a compiled loop, and NumPy's strided copies are faster; :func:`im2col` then
fills its matrix transposed (:func:`im2col_columns`)."""


def compiled(channels: int, *arrays: np.ndarray) -> bool:
    """Whether the compiled im2col and col2im run for images of ``channels`` channels and ``arrays``."""
    return channels >= KERNEL_CHANNELS and accelerate.enabled_for(*arrays)


def im2col(xp: np.ndarray, win: Windows, ones: bool = False) -> np.ndarray:
    """The windows of padded images ``xp`` as rows: ``(batch*out_h*out_w, kh*kw*channels)``.

    With ``ones``, each row ends with a 1: the input of the bias, so that one matrix
    product adds the bias and one gives its gradient. With fewer than :data:`KERNEL_CHANNELS`
    channels the matrix is the transpose of a C-ordered one (:func:`im2col_columns`).
    """
    if xp.shape[3] < KERNEL_CHANNELS:
        return im2col_columns(xp, win, ones).T
    n, c = xp.shape[0], xp.shape[3]
    (kh, kw), width = win.kernel, win.count * c
    cols = workspace.empty((n, *win.out, width + ones), xp.dtype)
    rows = cols[..., :width].reshape(n, *win.out, kh, kw * c)
    views = [win.row_view(xp, i) for i in range(kh)]
    if all(view is not None for view in views):  # one copy per kernel row: runs of kw*c values
        for i, view in enumerate(views):
            rows[:, :, :, i] = view
    else:  # one copy per kernel offset
        taps = rows.reshape(n, *win.out, kh, kw, c)
        for i, j in win.offsets:
            taps[:, :, :, i, j] = win.view(xp, i, j)
    if ones:
        cols[..., width] = 1
    return cols.reshape(-1, width + ones)


def im2col_columns(xp: np.ndarray, win: Windows, ones: bool = False) -> np.ndarray:
    """The transpose of :func:`im2col`, ``(kh*kw*channels, batch*out_h*out_w)`` (and a row of
    ones with ``ones``), C-ordered.

    Each of its rows is one channel of the images seen by one kernel offset: a copy
    whose runs are rows of the images, long where a pixel's channels are few (where
    :func:`im2col`'s rows are short: 9 values for a 3x3 kernel on one channel).
    """
    n, c = xp.shape[0], xp.shape[3]
    (kh, kw), width = win.kernel, win.count * c
    columns = workspace.empty((width + ones, n * win.out[0] * win.out[1]), xp.dtype)
    taps = columns[:width].reshape(kh, kw, c, n, *win.out)
    for i, j in win.offsets:
        taps[i, j] = win.view(xp, i, j).transpose(3, 0, 1, 2)
    if ones:
        columns[width] = 1
    return columns


def col2im(g: np.ndarray, w: np.ndarray, win: Windows, batch: int) -> np.ndarray:
    """The adjoint of :func:`im2col` applied to ``g @ w.T``: padded images that receive, at each
    kernel offset ``k``, the rows ``g @ w_k.T`` (``w`` is ``(kh*kw*channels, filters)``).

    One small product per offset, added into its strided view, never builds the
    ``(rows, kh*kw*channels)`` matrix.
    """
    c = w.shape[0] // win.count
    taps = w.reshape(win.count, c, w.shape[1])
    xp = workspace.zeros((batch, *win.padded, c), np.result_type(g, w))
    part = workspace.empty((len(g), c), xp.dtype)
    for k, (i, j) in enumerate(win.offsets):
        view = win.view(xp, i, j)
        view += np.matmul(g, taps[k].T, out=part).reshape(view.shape)
    return xp


def window_rows(images: np.ndarray, win: Windows, ones: bool) -> np.ndarray:
    """:func:`im2col` of ``images`` padded by ``win``; in one compiled pass when :func:`compiled`."""
    xp = win.pad(images)
    if not compiled(images.shape[3], images):
        return im2col(xp, win, ones)
    (n, *padded, c), width = xp.shape, win.count * images.shape[3] + ones
    cols = workspace.empty((n, win.out[0] * win.out[1] * width), images.dtype)
    kernels.im2col(flat_images(np.ascontiguousarray(xp)), padded[1], c, *win.kernel, *win.strides, *win.dilation,
                   *win.out, images.dtype.type(1), cols)
    return cols.reshape(-1, width)


def input_grad(g: np.ndarray, w: np.ndarray, win: Windows, images_shape: tuple) -> np.ndarray:
    """The gradient of images of ``images_shape`` from the rows ``g`` of the output's: :func:`col2im`
    cropped, or, when :func:`compiled`, a product and a compiled scatter pass per group of images
    whose window matrix fits in :data:`PARTS` values (so that it is scattered from cache)."""
    if not compiled(images_shape[3], g, w):
        return win.crop(col2im(g, w, win, images_shape[0]))
    n, per_image, dtype = images_shape[0], len(g) // max(images_shape[0], 1), np.result_type(g, w)
    gxp = workspace.empty((n, math.prod(win.padded) * images_shape[3]), dtype)
    step = max(1, PARTS // max(per_image * len(w), 1))
    parts = workspace.empty((min(step, n) * per_image, len(w)), dtype)
    for start in range(0, n, step):
        rows = g[start * per_image : (start + step) * per_image]
        part = np.matmul(rows, w.T, out=parts[: len(rows)])
        kernels.col2im(part.reshape(len(rows) // per_image, -1), win.padded[1], images_shape[3], *win.kernel,
                       *win.strides, *win.dilation, *win.out, gxp[start : start + step])
    return win.crop(gxp.reshape(n, *win.padded, images_shape[3]))


def window_grads(cols: np.ndarray, g: np.ndarray) -> np.ndarray:
    """``cols.T @ g``: the gradient of the kernel (and bias) seen as ``(kh*kw*channels, filters)``.

    A C-ordered window matrix is multiplied as ``(g.T @ cols).T``: OpenBLAS shares that product
    better between threads (the batch's pixels are the long, summed axis of both).
    """
    return (g.T @ cols).T if cols.flags.c_contiguous else cols.T @ g


class Conv(Function):
    """Convolution of images ``(N, H, W, C)`` (or signals, or channels-first data) with a kernel."""

    def __init__(self, win: Windows, rank: int, channels_first: bool) -> None:
        self.win, self.rank, self.channels_first = win, rank, channels_first

    def forward(self, x, kernel, bias=None):
        images = to_images(x, self.rank, self.channels_first)
        self.kernel_shape, self.batch = kernel.shape, images.shape[0]
        self.w = kernel.reshape(-1, kernel.shape[-1])
        w = self.w if bias is None else np.concatenate([self.w, bias[None]])
        if not is_grad_enabled():
            return from_images(self.activate(self._infer(images, w)), self.rank, self.channels_first)
        self.images_shape = images.shape
        self.cols = window_rows(images, self.win, bias is not None)
        y = np.matmul(self.cols, w, out=workspace.empty((len(self.cols), w.shape[1]), np.result_type(self.cols, w)))
        return from_images(self.activate(y.reshape(self.batch, *self.win.out, w.shape[1])), self.rank, self.channels_first)

    def activate(self, y: np.ndarray) -> np.ndarray:
        """The pre-activation ``y`` itself (:class:`ConvReLU` rectifies it in place)."""
        return y

    def preactivation_grad(self, grad: np.ndarray) -> np.ndarray:
        """The gradient before the activation, as rows ``(pixels, filters)``."""
        return to_images(grad, self.rank, self.channels_first).reshape(-1, self.w.shape[1])

    def _infer(self, images: np.ndarray, w: np.ndarray) -> np.ndarray:
        """Without a graph nothing is kept for backward: a few images at a time, so that their
        windows stay in cache."""
        per_image = self.win.out[0] * self.win.out[1] * len(w)
        step = max(1, CHUNK // per_image)
        y = np.empty((self.batch, *self.win.out, w.shape[1]), dtype=np.result_type(images, w))
        for start in range(0, self.batch, step):
            cols = window_rows(images[start : start + step], self.win, len(w) > len(self.w))
            np.matmul(cols, w, out=y[start : start + step].reshape(len(cols), -1))
        return y

    def backward(self, grad):
        need = self.needs_input_grad
        g = self.preactivation_grad(grad)
        grad_x = grad_w = grad_b = None
        if need[0]:
            grad_x = from_images(input_grad(g, self.w, self.win, self.images_shape), self.rank, self.channels_first)
        if need[1] or len(need) > 2 and need[2]:
            grads = window_grads(self.cols, g)  # the kernel's rows, then the bias's
            grad_w = grads[: len(self.w)].reshape(self.kernel_shape)
            grad_b = grads[len(self.w)] if len(need) > 2 else None
        return (grad_x, grad_w, grad_b)[: len(self.inputs)]


class ConvReLU(Conv):
    """``relu(conv(x, kernel) + bias)`` in one node: the rectifier works in place on the convolution's
    output, and backward masks the gradient by the output's sign (no second array of that size).

    A max pooling that reads this output may mask the gradient it sends back itself, in its own
    pass (:class:`~neurona.functional.pooling.MaxPool`): it names that array ``masked_grad``, and
    backward, handed that very array, skips the mask. Summed with another gradient, or converted,
    the array is a new one and is masked here.
    """

    saves = ("inputs", "output")
    masked_grad = None

    def activate(self, y: np.ndarray) -> np.ndarray:
        if accelerate.enabled_for(y) and y.flags.c_contiguous:
            kernels.relu(y.reshape(-1), y.dtype.type(0))
        else:
            np.maximum(y, 0, out=y)
        self.y = y
        return y

    def preactivation_grad(self, grad: np.ndarray) -> np.ndarray:
        masked, self.masked_grad = self.masked_grad, None
        g = super().preactivation_grad(grad)
        if grad is masked:
            return g
        out = workspace.empty(g.shape, g.dtype)
        if accelerate.enabled_for(g, self.y):
            kernels.relu_mask(np.ascontiguousarray(g).reshape(-1), self.y.reshape(-1), g.dtype.type(0), out.reshape(-1))
            return out
        positive = np.greater(self.y.reshape(g.shape), 0, out=workspace.empty(g.shape, bool))
        return np.multiply(g, positive, out=out)


class ConvTranspose(Function):
    """The adjoint of :class:`Conv` in ``x``: spreads each input pixel over a window of the output."""

    def __init__(self, win: Windows, channels_first: bool) -> None:
        self.win, self.channels_first = win, channels_first

    def forward(self, x, kernel, bias=None):
        images = to_images(x, 2, self.channels_first)
        self.kernel_shape, self.batch = kernel.shape, images.shape[0]
        self.x = images.reshape(-1, images.shape[3])
        self.w = kernel.reshape(-1, kernel.shape[-1])
        out = self.win.crop(col2im(self.x, self.w, self.win, self.batch))
        return from_images(np.ascontiguousarray(out) if bias is None else out + bias, 2, self.channels_first)

    def backward(self, grad):
        need = self.needs_input_grad
        g = to_images(grad, 2, self.channels_first)
        cols = im2col(self.win.pad(g), self.win)
        grad_x = grad_w = grad_b = None
        if need[0]:
            grad_x = (cols @ self.w).reshape(self.batch, *self.win.out, self.x.shape[1])
            grad_x = from_images(grad_x, 2, self.channels_first)
        if need[1]:
            grad_w = (cols.T @ self.x).reshape(self.kernel_shape)
        if len(need) > 2 and need[2]:
            rows = g.reshape(-1, g.shape[3])
            grad_b = np.ones(len(rows), dtype=g.dtype) @ rows
        return (grad_x, grad_w, grad_b)[: len(self.inputs)]


def _check_kernel(op: str, x, kernel, bias, rank: int, channels: int, in_axis: int) -> None:
    if np.ndim(kernel) != rank + 2:
        layout = "(kernel_size, in_channels, filters)" if rank == 1 else "(kh, kw, in_channels, filters)"
        if op == "conv2d_transpose":
            layout = "(kh, kw, filters, in_channels)"
        raise ShapeError(f"{op}: expected a {rank + 2}-D kernel {layout}, got shape {tuple(np.shape(kernel))}")
    if kernel.shape[in_axis] != channels:
        raise ShapeError(
            f"{op}: the input of shape {tuple(x.shape)} has {channels} channels but the kernel of shape "
            f"{tuple(kernel.shape)} expects {kernel.shape[in_axis]}"
        )
    out_axis = -2 if op == "conv2d_transpose" else -1
    if bias is not None and tuple(np.shape(bias)) != (kernel.shape[out_axis],):
        raise ShapeError(
            f"{op}: the bias of shape {tuple(np.shape(bias))} does not fit {kernel.shape[out_axis]} filters "
            f"(kernel shape {tuple(kernel.shape)})"
        )


ACTIVATIONS = {None: Conv, "relu": ConvReLU}
"""The activations that a convolution can apply in its own node."""


def _conv(op: str, rank: int, x, kernel, bias, strides, padding, dilation_rate, data_format, activation):
    if activation not in ACTIVATIONS:
        raise ValueError(f"{op}: activation must be None or 'relu' (applied in the same node), got {activation!r}")
    channels_first = check_format(data_format, op)
    check_input(x, rank, op, channels_first)
    channels = x.shape[1] if channels_first else x.shape[-1]
    _check_kernel(op, x, kernel, bias, rank, channels, -2)
    win = windows(
        op,
        spatial_shape(x.shape, rank, channels_first),
        tuple(kernel.shape[:rank]),
        as_tuple(strides, rank, "strides", op),
        padding,
        as_tuple(dilation_rate, rank, "dilation_rate", op),
    )
    fn = ACTIVATIONS[activation](win, rank, channels_first)
    return fn(x, kernel) if bias is None else fn(x, kernel, bias)


def conv1d(x, kernel, bias=None, strides=1, padding="valid", dilation_rate=1, data_format: str = "channels_last",
           activation: str | None = None):
    """1-D convolution of signals ``(batch, steps, channels)`` with a kernel ``(size, channels, filters)``.

    ``padding`` is ``'valid'``, ``'same'``, ``'causal'`` (output ``t`` sees inputs up
    to ``t`` only) or explicit sizes; see :func:`conv2d` for the rest.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = nr.tensor(np.array([1.0, 2.0, 3.0, 4.0]).reshape(1, 4, 1))
    >>> nr.functional.conv1d(x, nr.tensor(np.ones((2, 1, 1)))).numpy().ravel()
    array([3., 5., 7.], dtype=float32)
    """
    return _conv("conv1d", 1, x, kernel, bias, strides, padding, dilation_rate, data_format, activation)


def conv2d(x, kernel, bias=None, strides=1, padding="valid", dilation_rate=1, data_format: str = "channels_last",
           activation: str | None = None):
    """2-D convolution of images ``(batch, height, width, channels)`` with a kernel ``(kh, kw, channels, filters)``.

    Parameters
    ----------
    x : Tensor
        Images; ``(batch, channels, height, width)`` with ``data_format='channels_first'``.
    kernel : Tensor
        ``(kh, kw, in_channels, filters)`` (Keras's layout; PyTorch's weight is its
        ``permute(3, 2, 0, 1)``).
    bias : Tensor, optional
        ``(filters,)``.
    strides, dilation_rate : int or (int, int)
        Step between windows; spacing between the kernel's taps.
    padding : 'valid', 'same', int, (int, int) or ((top, bottom), (left, right))
        ``'same'`` keeps ``ceil(size / stride)`` outputs, the odd pixel going after
        (TensorFlow's rule).
    activation : None or 'relu'
        ``'relu'`` rectifies the output in the same node (in place, no second array).

    Examples
    --------
    The course's 5x5 image and 3x3 filter give a 3x3 feature map:

    >>> import numpy as np
    >>> import neurona as nr
    >>> image = np.array([[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]])
    >>> kernel = np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]])
    >>> y = nr.functional.conv2d(nr.tensor(image.reshape(1, 5, 5, 1) * 1.0), nr.tensor(kernel.reshape(3, 3, 1, 1) * 1.0))
    >>> y.numpy()[0, :, :, 0]
    array([[4., 3., 4.],
           [2., 4., 3.],
           [2., 3., 4.]], dtype=float32)
    """
    return _conv("conv2d", 2, x, kernel, bias, strides, padding, dilation_rate, data_format, activation)


def transposed_windows(op: str, sizes, kernel_size, strides, padding, output_padding, dilation) -> Windows:
    """The windows of the convolution whose input gradient this transposed convolution is.

    The output length per axis is Keras's ``deconv_output_length``; the windows are
    those of a convolution over that length, which must give back ``sizes``.
    """
    explicit = None if isinstance(padding, str) else resolve_padding(padding, sizes, kernel_size, strides, dilation, op)
    out = []
    for axis, (n, k, s, d) in enumerate(zip(sizes, kernel_size, strides, dilation)):
        span = (k - 1) * d + 1
        trim = sum(explicit[axis]) if explicit else {"same": 2 * (span // 2)}.get(padding, 0)
        if output_padding is not None:
            extra = output_padding[axis]
            if extra >= s and extra >= d:
                raise ValueError(f"{op}: output_padding {output_padding} must be smaller than the strides {strides} or the dilation {dilation}")
            out.append((n - 1) * s + span - trim + extra)
        elif explicit:
            out.append((n - 1) * s + span - trim)
        else:
            out.append(n * s if padding == "same" else n * s + max(span - s, 0))
    win = windows(op, tuple(out), kernel_size, strides, explicit or padding, dilation) if min(out) > 0 else None
    if win is None or win.out[2 - len(sizes):] != tuple(sizes):
        raise ShapeError(
            f"{op}: no output size maps back to the input's {tuple(sizes)} with kernel {kernel_size}, strides "
            f"{strides}, padding {padding!r} and output_padding {output_padding!r} (output would be {tuple(out)})"
        )
    return win


def conv2d_transpose(
    x,
    kernel,
    bias=None,
    strides=1,
    padding="valid",
    output_padding=None,
    dilation_rate=1,
    data_format: str = "channels_last",
):
    """Transposed 2-D convolution (the input gradient of :func:`conv2d`): upsamples by ``strides``.

    ``kernel`` is ``(kh, kw, filters, in_channels)`` (Keras's layout; PyTorch's
    ``conv_transpose2d`` weight is its ``permute(3, 2, 0, 1)``). The output size is
    Keras's: ``size * stride`` with ``'same'``; ``size * stride + max(k - stride, 0)``
    with ``'valid'``; ``(size - 1) * stride + k - before - after`` with explicit
    padding, which crops the output as PyTorch's ``padding`` does. ``output_padding``
    adds rows and columns at the end (each smaller than the stride).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = nr.tensor(np.ones((1, 2, 2, 1)))
    >>> y = nr.functional.conv2d_transpose(x, nr.tensor(np.ones((2, 2, 1, 1))), strides=2)
    >>> y.shape
    (1, 4, 4, 1)
    """
    op = "conv2d_transpose"
    channels_first = check_format(data_format, op)
    check_input(x, 2, op, channels_first)
    _check_kernel(op, x, kernel, bias, 2, x.shape[1] if channels_first else x.shape[-1], -1)
    win = transposed_windows(
        op,
        spatial_shape(x.shape, 2, channels_first),
        tuple(kernel.shape[:2]),
        as_tuple(strides, 2, "strides", op),
        padding,
        None if output_padding is None else as_tuple(output_padding, 2, "output_padding", op, minimum=0),
        as_tuple(dilation_rate, 2, "dilation_rate", op),
    )
    fn = ConvTranspose(win, channels_first)
    return fn(x, kernel) if bias is None else fn(x, kernel, bias)
