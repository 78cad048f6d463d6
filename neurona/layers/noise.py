"""Noise layers, active only while training: ``GaussianNoise`` (additive) and ``GaussianDropout`` (multiplicative).

A denoising autoencoder corrupts its input with one of them; both are the
identity in evaluation (``model.eval()``, ``predict``, ``evaluate``). The noise is
drawn from :func:`neurona.random.get_rng`, so :func:`neurona.random.seed` fixes it.
"""
from __future__ import annotations

import neurona.functional as F
from neurona.functional.noise import _check
from neurona.layers.base import Layer


class GaussianNoise(Layer):
    """Add ``N(0, stddev²)`` noise to each input while training (Keras's ``GaussianNoise``).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import GaussianNoise
    >>> layer = GaussianNoise(0.5)
    >>> x = nr.tensor(np.zeros((1000, 2)))
    >>> 0.45 < float(layer(x).numpy().std()) < 0.55
    True
    >>> layer.eval()(x) is x
    True
    """

    def __init__(self, stddev: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.stddev = _check(self.name, "stddev", stddev)

    def forward(self, x):
        return F.gaussian_noise(x, self.stddev, training=self.training)

    def get_config(self) -> dict:
        return {**super().get_config(), "stddev": self.stddev}


class GaussianDropout(Layer):
    """Multiply each input by ``N(1, rate / (1 - rate))`` noise while training (Keras's ``GaussianDropout``).

    ``0 <= rate < 1``: the noise of Gaussian dropout has the variance of dropout with
    drop probability ``rate``, and mean 1, so evaluation needs no rescaling.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import GaussianDropout
    >>> layer = GaussianDropout(0.5)
    >>> x = nr.tensor(np.ones((1000, 2)))
    >>> 0.9 < float(layer(x).numpy().mean()) < 1.1
    True
    >>> layer.eval()(x) is x
    True
    """

    def __init__(self, rate: float, **kwargs) -> None:
        super().__init__(**kwargs)
        self.rate = _check(self.name, "rate", rate, upper=1.0)

    def forward(self, x):
        return F.gaussian_dropout(x, self.rate, training=self.training)

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate}
