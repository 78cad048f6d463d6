"""``Dropout``: inverted dropout while training, the identity in evaluation."""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona.layers.base import Layer


class Dropout(Layer):
    """Zero each input with probability ``rate`` while training, scaling the rest by ``1/(1-rate)``.

    ``0 <= rate <= 1`` as in Keras; ``rate=1`` zeroes every input while training.
    In evaluation mode (``model.eval()``) it passes inputs through unchanged. The
    mask is drawn from :func:`neurona.random.get_rng`.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Dropout
    >>> layer = Dropout(0.5)
    >>> x = nr.tensor(np.ones((2, 4)))
    >>> set(np.unique(layer(x).numpy())) <= {0.0, 2.0}
    True
    >>> layer.eval()(x) is x
    True
    """

    supports_masking = True

    def __init__(self, rate: float, **kwargs) -> None:
        super().__init__(**kwargs)
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0.0 <= rate <= 1.0:
            raise ValueError(f"{self.name}: rate must be a number in [0, 1], got {rate!r}")
        self.rate = float(rate)

    def forward(self, x):
        if not self.training:
            return x
        if self.rate == 1.0:
            return F.where(np.zeros(x.shape, bool), x, 0.0)
        return F.dropout(x, self.rate)

    def get_config(self) -> dict:
        return {**super().get_config(), "rate": self.rate}
