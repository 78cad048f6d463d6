"""``Sampling``: the reparameterization trick of a variational autoencoder, ``z = μ + σ·ε``."""
from __future__ import annotations

import numpy as np

from neurona import random as nr_random
from neurona.function import ShapeError
from neurona.layers.base import Layer


class Sampling(Layer):
    """Draw ``z = mean + exp(log_var / 2) * eps`` with ``eps ~ N(0, I)`` from the one seeded generator.

    Called on ``[mean, log_var]`` (two tensors of the same shape). While training it
    samples, so that gradients reach ``mean`` and ``log_var`` through ``z``; in
    evaluation (``eval()``) it returns ``mean``, the most likely code, as Keras's
    noise layers are off in inference. :meth:`draw` always samples.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Sampling
    >>> mean, log_var = nr.tensor(np.zeros((3, 2))), nr.tensor(np.full((3, 2), -100.0))
    >>> layer = Sampling()
    >>> bool(np.allclose(layer([mean, log_var]).numpy(), 0.0))
    True
    >>> layer.eval()([mean, log_var]) is mean
    True
    """

    def forward(self, inputs):
        mean, log_var = self._pair(inputs)
        return self.draw(mean, log_var) if self.training else mean

    def draw(self, mean, log_var):
        """``mean + exp(log_var / 2) * eps``, a fresh ``eps`` on each call (training or not)."""
        dtype = np.float32 if mean.dtype == np.float32 else np.float64
        eps = nr_random.get_rng().standard_normal(mean.shape, dtype=dtype)
        return mean + (log_var * 0.5).exp() * eps.astype(mean.dtype, copy=False)

    def _pair(self, inputs) -> tuple:
        if not isinstance(inputs, (list, tuple)) or len(inputs) != 2:
            raise ValueError(f"{self.name}: expected [mean, log_var], got {type(inputs).__name__}"
                             + (f" of length {len(inputs)}" if isinstance(inputs, (list, tuple)) else ""))
        self._check_shapes(inputs[0].shape, inputs[1].shape)
        return inputs[0], inputs[1]

    def _check_shapes(self, mean_shape, log_var_shape) -> None:
        if tuple(mean_shape) != tuple(log_var_shape):
            raise ShapeError(f"{self.name}: mean of shape {tuple(mean_shape)} and log_var of shape "
                             f"{tuple(log_var_shape)} differ")

    def compute_output_shape(self, input_shape) -> tuple:
        if not isinstance(input_shape, list) or len(input_shape) != 2:
            raise ValueError(f"{self.name}: expected the shapes [mean, log_var], got {input_shape!r}")
        self._check_shapes(*input_shape)
        return tuple(input_shape[0])
