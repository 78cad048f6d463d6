"""``Maxout``: a dense layer to ``units * pieces`` outputs, keeping the largest of each group."""
from __future__ import annotations

import neurona.functional as F
from neurona import initializers, regularizers
from neurona.layers.base import Layer


class Maxout(Layer):
    """Maxout units (Goodfellow et al., 2013): ``max_k (x @ kernel + bias)[..., j, k]``.

    The kernel has shape ``(in, units * pieces)``; output unit ``j`` is the maximum
    of the ``pieces`` consecutive affine units ``j*pieces ... j*pieces + pieces - 1``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Maxout
    >>> layer = Maxout(units=4, pieces=3)
    >>> layer(nr.tensor(np.ones((2, 5)))).shape, layer.kernel.shape
    ((2, 4), (5, 12))
    """

    def __init__(
        self,
        units: int,
        pieces: int,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if int(units) < 1 or int(pieces) < 1:
            raise ValueError(f"{self.name}: units and pieces must be positive integers, got {units} and {pieces}")
        self.units, self.pieces = int(units), int(pieces)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias = None

    def build(self, input_shape: tuple) -> None:
        features, width = input_shape[-1], self.units * self.pieces
        self.add_weight("kernel", (features, width), self.kernel_initializer, self.kernel_regularizer)
        if self.use_bias:
            self.add_weight("bias", (width,), self.bias_initializer, self.bias_regularizer)
        self._input_features = features
        super().build(input_shape)

    def forward(self, x):
        return F.maxout(F.linear(x, self.kernel, self.bias), self.pieces)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape[:-1], self.units)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            "pieces": self.pieces,
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
        }
