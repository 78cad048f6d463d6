"""Convolution layers: ``Conv1D``, ``Conv2D`` and ``Conv2DTranspose``, with Keras's arguments.

Each one holds a kernel ``(*kernel_size, in_channels, filters)`` (the transposed
convolution's is ``(*kernel_size, filters, in_channels)``) and a bias
``(filters,)``, and computes ``activation(conv(x, kernel) + bias)`` with
:mod:`neurona.functional.convolution`. Inputs are channels-last unless
``data_format='channels_first'``.
"""
from __future__ import annotations

from typing import Callable

from neurona import activations
from neurona import functional as F
from neurona.functional._windows import as_tuple, spatial_shape, windows
from neurona.functional.convolution import conv1d, conv2d, conv2d_transpose, transposed_windows
from neurona.layers.kernel_bias import KernelBias, positive_int
from neurona.layers.spatial import SpatialLayer


class Conv(SpatialLayer, KernelBias):
    """Base class of the convolution layers of rank 1 and 2 (see :class:`Conv2D` for the arguments)."""

    abstract = True  # a base of concrete layers, not registered by name

    paddings = ("valid", "same")

    def __init__(
        self,
        filters: int,
        kernel_size,
        strides=1,
        padding: str = "valid",
        data_format: str | None = None,
        dilation_rate=1,
        activation: str | Callable | None = None,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        **kwargs,
    ) -> None:
        super().__init__(data_format, **kwargs)
        if padding not in self.paddings:
            raise ValueError(f"{self.name}: padding must be one of {self.paddings}, got {padding!r}")
        self.filters, self.padding = positive_int(self.name, "filters", filters), padding
        self.kernel_size = as_tuple(kernel_size, self.rank, "kernel_size", self.name)
        self.strides = as_tuple(strides, self.rank, "strides", self.name)
        self.dilation_rate = as_tuple(dilation_rate, self.rank, "dilation_rate", self.name)
        self.activation = activations.get(activation)
        self.set_weight_options(use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer)
        self.bias = None

    def _channels(self, input_shape: tuple) -> int:
        self.check_rank(input_shape)
        channels = input_shape[1] if self.channels_first else input_shape[-1]
        if channels is None:
            raise ValueError(f"{self.name}: the number of input channels must be known, got shape {tuple(input_shape)}")
        return channels

    def kernel_shape(self, channels: int) -> tuple:
        return (*self.kernel_size, channels, self.filters)

    def build(self, input_shape: tuple) -> None:
        channels = self._channels(input_shape)
        self.add_kernel_and_bias(self.kernel_shape(channels), self.filters)
        self._input_features = None if self.channels_first else channels
        super().build(input_shape)

    def preactivation(self, x, activation: str | None = None):
        """The convolution plus bias, before the activation (or with a ReLU fused into the same node)."""
        fn = conv1d if self.rank == 1 else conv2d
        return fn(x, self.kernel, self.bias, self.strides, self.padding, self.dilation_rate, self.data_format, activation)

    def forward(self, x):
        if self.activation is F.relu:
            return self.preactivation(x, "relu")
        return self.activation(self.preactivation(x))

    def output_length(self, n: int | None, axis: int) -> int | None:
        """Output size along spatial ``axis`` for an input of size ``n`` (None stays None)."""
        if n is None:
            return None
        k, s, d = self.kernel_size[axis], self.strides[axis], self.dilation_rate[axis]
        return windows(self.name, (n,), (k,), (s,), self.padding, (d,)).out[1]

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        self._channels(input_shape)
        spatial = spatial_shape(input_shape, self.rank, self.channels_first)
        out = tuple(self.output_length(n, axis) for axis, n in enumerate(spatial))
        return (input_shape[0], self.filters, *out) if self.channels_first else (input_shape[0], *out, self.filters)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "filters": self.filters,
            "kernel_size": list(self.kernel_size),
            "strides": list(self.strides),
            "padding": self.padding,
            "dilation_rate": list(self.dilation_rate),
            "activation": activations.serialize(self.activation),
            **self.weight_options_config(),
        }


class Conv1D(Conv):
    """1-D convolution over steps: ``(batch, steps, channels)`` → ``(batch, new_steps, filters)``.

    The arguments are :class:`Conv2D`'s, with one size each; ``padding`` may also be
    ``'causal'`` (output ``t`` sees only inputs up to ``t``).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Conv1D
    >>> Conv1D(8, 3, padding="causal")(nr.tensor(np.zeros((4, 10, 2)))).shape
    (4, 10, 8)
    """

    rank = 1
    paddings = ("valid", "same", "causal")


class Conv2D(Conv):
    """2-D convolution: ``activation(conv2d(x, kernel) + bias)`` over images ``(batch, h, w, channels)``.

    Parameters
    ----------
    filters : int
        Number of feature maps (output channels).
    kernel_size : int or (int, int)
        Height and width of each filter.
    strides, dilation_rate : int or (int, int)
        Step between windows; spacing between the filter's taps.
    padding : 'valid' or 'same'
        ``'same'`` keeps ``ceil(size / stride)`` outputs.
    data_format : 'channels_last' (default) or 'channels_first'
    activation : str or callable, optional
        Applied to the feature maps (``'relu'`` in the course's CNN).
    use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer
        As in :class:`~neurona.layers.Dense`; the kernel is ``(kh, kw, in_channels, filters)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Conv2D
    >>> layer = Conv2D(32, 3, activation="relu")
    >>> layer(nr.tensor(np.zeros((2, 28, 28, 1)))).shape, layer.count_params()
    ((2, 26, 26, 32), 320)
    """


class Conv2DTranspose(Conv):
    """Transposed 2-D convolution (upsampling by ``strides``), as in decoders and generators.

    The arguments are :class:`Conv2D`'s and ``output_padding``; the kernel is
    ``(kh, kw, filters, in_channels)``. The output size is Keras's: ``size * stride``
    with ``'same'``, ``size * stride + max(kernel - stride, 0)`` with ``'valid'``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Conv2DTranspose
    >>> Conv2DTranspose(16, 3, strides=2, padding="same")(nr.tensor(np.zeros((2, 7, 7, 32)))).shape
    (2, 14, 14, 16)
    """

    def __init__(self, filters: int, kernel_size, strides=1, padding: str = "valid", output_padding=None, **kwargs) -> None:
        super().__init__(filters, kernel_size, strides, padding, **kwargs)
        self.output_padding = None if output_padding is None else as_tuple(
            output_padding, 2, "output_padding", self.name, minimum=0)
        if self.output_padding is not None and any(
            p >= s and p >= d for p, s, d in zip(self.output_padding, self.strides, self.dilation_rate)
        ):
            raise ValueError(
                f"{self.name}: output_padding {self.output_padding} must be smaller than the strides {self.strides}"
            )

    def kernel_shape(self, channels: int) -> tuple:
        return (*self.kernel_size, self.filters, channels)

    def forward(self, x):
        return self.activation(self.preactivation(x))

    def preactivation(self, x):
        return conv2d_transpose(x, self.kernel, self.bias, self.strides, self.padding, self.output_padding,
                                self.dilation_rate, self.data_format)

    def output_length(self, n: int | None, axis: int) -> int | None:
        if n is None:
            return None
        extra = None if self.output_padding is None else (self.output_padding[axis],)
        k, s, d = self.kernel_size[axis], self.strides[axis], self.dilation_rate[axis]
        return transposed_windows(self.name, (n,), (k,), (s,), self.padding, extra, (d,)).sizes[1]

    def get_config(self) -> dict:
        config = super().get_config()
        config["output_padding"] = None if self.output_padding is None else list(self.output_padding)
        return config
