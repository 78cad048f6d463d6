"""``KernelBias``: the kernel and bias options shared by the layers that learn ``x·kernel + bias`` (Dense, Maxout, the convolutions)."""
from __future__ import annotations

import numpy as np

from neurona import initializers, regularizers
from neurona.layers.base import Layer


def positive_int(owner: str, name: str, value) -> int:
    """``value`` as an int if it is a positive integer (not a bool, not a float such as 2.7), else a ValueError.

    Examples
    --------
    >>> positive_int("dense", "units", 3)
    3
    """
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{owner}: {name} must be a positive integer, got {value!r}")
    return int(value)


class KernelBias(Layer):
    """Holds ``use_bias`` and the kernel's and bias's initializers and regularizers (Keras's names)."""

    def set_weight_options(self, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                           bias_regularizer) -> None:
        """Resolve the options by name (``'glorot_uniform'``, ``'l2'``) and keep them."""
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)

    def add_kernel_and_bias(self, kernel_shape: tuple, width: int) -> None:
        """Create ``kernel`` of ``kernel_shape`` and, with ``use_bias``, ``bias`` of ``(width,)``."""
        self.add_weight("kernel", kernel_shape, self.kernel_initializer, self.kernel_regularizer)
        if self.use_bias:
            self.add_weight("bias", (width,), self.bias_initializer, self.bias_regularizer)

    def weight_options_config(self) -> dict:
        """The options as JSON-able config entries."""
        return {
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
        }
