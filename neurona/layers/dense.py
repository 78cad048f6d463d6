"""``Dense``: the fully connected layer ``activation(x @ kernel + bias)``."""
from __future__ import annotations

from typing import Callable

import neurona.functional as F
from neurona import activations
from neurona.layers.affine import Affine


class Dense(Affine):
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

    supports_masking = True

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
        super().__init__(units, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, **kwargs)
        self.activation = activations.get(activation)

    def forward(self, x):
        activation = self.activation
        if activation is F.relu or activation is F.tanh:  # one graph node for both (F.linear)
            return self.preactivation(x, activation.__name__)
        return activation(self.preactivation(x))

    def get_config(self) -> dict:
        items = list(super().get_config().items())
        after_units = [key for key, _ in items].index("units") + 1  # Keras's order
        return dict(items[:after_units] + [("activation", activations.serialize(self.activation))] + items[after_units:])
