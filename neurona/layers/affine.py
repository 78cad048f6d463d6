"""``Affine``: the weights of the layers built on ``x @ kernel + bias`` (Dense, Maxout)."""
from __future__ import annotations

import neurona.functional as F
from neurona.layers.kernel_bias import KernelBias, positive_int
from neurona.tensor import Tensor


class Affine(KernelBias):
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
        self.set_weight_options(use_bias, kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer)
        self.bias = None

    @property
    def width(self) -> int:
        """Number of affine outputs (columns of the kernel)."""
        return self.units

    def build(self, input_shape: tuple) -> None:
        features = input_shape[-1]
        self.add_kernel_and_bias((features, self.width), self.width)
        self._input_features = features
        super().build(input_shape)

    def preactivation(self, x, activation: str | None = None):
        """The affine part ``x @ kernel + bias`` (the logits when a Dense ends in softmax), or with a
        ReLU or tanh ``activation`` fused into the same node (see :func:`~neurona.functional.linear`)."""
        if isinstance(x, Tensor) and x._data.dtype.kind != "f":
            x = Tensor._wrap(x._data.astype(self.kernel._data.dtype))
        return F.linear(x, self.kernel, self.bias, activation)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape[:-1], self.units)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            **self.weight_options_config(),
        }
