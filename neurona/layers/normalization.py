"""``BatchNormalization``: normalize each feature over the batch, then scale and shift.

Training mode normalizes with the batch's mean and (biased) variance and moves the
running estimates toward them; evaluation mode normalizes with the running
estimates. The math is :func:`neurona.functional.batch_norm`.
"""
from __future__ import annotations

from neurona import initializers, regularizers
from neurona.functional.normalization import batch_norm
from neurona.layers.base import Layer


class BatchNormalization(Layer):
    """Batch normalization over the last axis (the features).

    Parameters
    ----------
    momentum : float
        Running statistics move as ``running = momentum * running + (1 - momentum) * batch``
        (Keras's convention; PyTorch's ``momentum`` is ``1 - momentum``).
    epsilon : float
        Added to the variance before the square root.
    center, scale : bool
        Learn a shift ``beta`` and a scale ``gamma``.
    beta_initializer, gamma_initializer, moving_mean_initializer, moving_variance_initializer
        Initial values (zeros, ones, zeros, ones).
    beta_regularizer, gamma_regularizer : optional
        Penalties on ``beta`` and ``gamma``.

    The running variance is the biased batch variance, as in Keras (PyTorch keeps
    the unbiased one). A frozen layer (``trainable = False``) runs in inference mode
    even while training, as in Keras 3: running statistics, which it leaves as they are.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import BatchNormalization
    >>> bn = BatchNormalization()
    >>> y = bn(nr.tensor(np.arange(6.0).reshape(3, 2)))
    >>> np.round(y.numpy().mean(axis=0), 6)
    array([0., 0.], dtype=float32)
    >>> sorted(bn.state_dict())
    ['beta', 'gamma', 'moving_mean', 'moving_variance']
    """

    def __init__(
        self,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        center: bool = True,
        scale: bool = True,
        beta_initializer="zeros",
        gamma_initializer="ones",
        moving_mean_initializer="zeros",
        moving_variance_initializer="ones",
        beta_regularizer=None,
        gamma_regularizer=None,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if not 0.0 <= momentum <= 1.0:
            raise ValueError(f"{self.name}: momentum must be in [0, 1], got {momentum}")
        if epsilon <= 0:
            raise ValueError(f"{self.name}: epsilon must be positive, got {epsilon}")
        self.momentum, self.epsilon = float(momentum), float(epsilon)
        self.center, self.scale = bool(center), bool(scale)
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.gamma = self.beta = None

    def build(self, input_shape: tuple) -> None:
        features = (input_shape[-1],)
        if self.scale:
            self.add_weight("gamma", features, self.gamma_initializer, self.gamma_regularizer)
        if self.center:
            self.add_weight("beta", features, self.beta_initializer, self.beta_regularizer)
        self.add_weight("moving_mean", features, self.moving_mean_initializer, trainable=False)
        self.add_weight("moving_variance", features, self.moving_variance_initializer, trainable=False)
        self._input_features = input_shape[-1]
        super().build(input_shape)

    def forward(self, x):
        return batch_norm(x, self.gamma, self.beta, self.moving_mean, self.moving_variance,
                          training=self.training and self.trainable, momentum=self.momentum, eps=self.epsilon)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "center": self.center,
            "scale": self.scale,
            "beta_initializer": initializers.serialize(self.beta_initializer),
            "gamma_initializer": initializers.serialize(self.gamma_initializer),
            "moving_mean_initializer": initializers.serialize(self.moving_mean_initializer),
            "moving_variance_initializer": initializers.serialize(self.moving_variance_initializer),
            "beta_regularizer": regularizers.serialize(self.beta_regularizer),
            "gamma_regularizer": regularizers.serialize(self.gamma_regularizer),
        }
