"""``Affine``: the weights of the layers built on ``x @ kernel + bias`` (Dense, Maxout)."""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona import initializers, regularizers
from neurona.layers.base import Layer
from neurona.tensor import Tensor


def positive_int(owner: str, name: str, value) -> int:
    """``value`` as an int if it is a positive integer (not a bool, not a float such as 2.7), else a ValueError."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{owner}: {name} must be a positive integer, got {value!r}")
    return int(value)


class Affine(Layer):
    """Base class holding a kernel ``(in, width)`` and a bias ``(width,)``, with their initializers
    and regularizers; subclasses decide what follows ``preactivation(x) = x @ kernel + bias``.

    ``width`` is ``units`` unless a subclass says otherwise (Maxout needs ``units * pieces``).
    Integer or boolean inputs are cast to the kernel's dtype (as Keras computes in the layer's dtype).
    """

    min_ndim = 1

    def __init__(
        self,
        units: int,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.units = positive_int(self.name, "units", units)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias = None

    @property
    def width(self) -> int:
        """Number of affine outputs (columns of the kernel)."""
        return self.units

    def build(self, input_shape: tuple) -> None:
        features = input_shape[-1]
        self.add_weight("kernel", (features, self.width), self.kernel_initializer, self.kernel_regularizer)
        if self.use_bias:
            self.add_weight("bias", (self.width,), self.bias_initializer, self.bias_regularizer)
        self._input_features = features
        super().build(input_shape)

    def preactivation(self, x):
        """The affine part ``x @ kernel + bias`` (the logits when a Dense ends in softmax)."""
        if isinstance(x, Tensor) and x._data.dtype.kind != "f":
            x = Tensor._wrap(x._data.astype(self.kernel._data.dtype))
        return F.linear(x, self.kernel, self.bias)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape[:-1], self.units)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
        }
