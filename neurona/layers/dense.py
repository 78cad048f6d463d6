"""``Dense``: the fully connected layer ``activation(x @ kernel + bias)``."""
from __future__ import annotations

from typing import Callable

import neurona.functional as F
from neurona import activations, initializers, regularizers
from neurona.layers.base import Layer


class Dense(Layer):
    """Fully connected layer: ``activation(x @ kernel + bias)`` over the last axis.

    Parameters
    ----------
    units : int
        Number of output features.
    activation : str or callable, optional
        A name of :mod:`neurona.activations` (``'relu'``, ``'softmax'``, ...) or a
        function; None is linear.
    use_bias : bool
        Add a learned bias.
    kernel_initializer, bias_initializer : str, dict or initializer
        How to draw the initial kernel ``(in, units)`` and bias ``(units,)``.
    kernel_regularizer, bias_regularizer : str, dict or regularizer, optional
        Penalties collected by ``regularization_losses()``.
    **kwargs
        ``name``, ``input_shape``, ``input_dim``, ``dtype`` (see :class:`Layer`).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Dense
    >>> layer = Dense(10, activation="softmax", input_dim=784)
    >>> y = layer(nr.tensor(np.zeros((32, 784))))
    >>> y.shape, layer.kernel.shape
    ((32, 10), (784, 10))
    """

    def __init__(
        self,
        units: int,
        activation: str | Callable | None = None,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        bias_initializer="zeros",
        kernel_regularizer=None,
        bias_regularizer=None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if int(units) < 1:
            raise ValueError(f"{self.name}: units must be a positive integer, got {units}")
        self.units = int(units)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.bias = None

    def build(self, input_shape: tuple) -> None:
        features = input_shape[-1]
        self.add_weight("kernel", (features, self.units), self.kernel_initializer, self.kernel_regularizer)
        if self.use_bias:
            self.add_weight("bias", (self.units,), self.bias_initializer, self.bias_regularizer)
        self._input_features = features
        super().build(input_shape)

    def preactivation(self, x):
        """The affine part ``x @ kernel + bias`` (the logits when the activation is softmax)."""
        return F.linear(x, self.kernel, self.bias)

    def forward(self, x):
        return self.activation(self.preactivation(x))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape[:-1], self.units)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            "activation": activations.serialize(self.activation),
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
        }
