"""``Masking``: mark the time steps whose features all equal ``mask_value`` as padding (Keras's layer)."""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona.layers.base import Layer


class Masking(Layer):
    """Mask every step (batch, time) whose features all equal ``mask_value``, and zero it.

    The recurrent layers after it skip the masked steps. Like Keras, the output is the input
    with the masked steps set to 0.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import Masking
    >>> x = np.array([[[1.0, 2.0], [0.0, 0.0], [3.0, 0.0]]])
    >>> Masking().compute_mask(x).tolist()
    [[True, False, True]]
    """

    supports_masking = True
    min_ndim = 2

    def __init__(self, mask_value: float = 0.0, **kwargs) -> None:
        super().__init__(**kwargs)
        if isinstance(mask_value, bool) or not isinstance(mask_value, (int, float)):
            raise ValueError(f"{self.name}: mask_value must be a number, got {mask_value!r}")
        self.mask_value = float(mask_value)

    def compute_mask(self, inputs, mask=None):
        data = np.asarray(getattr(inputs, "_data", inputs))
        return np.any(data != self.mask_value, axis=-1)

    def forward(self, x):
        keep = self.compute_mask(x)
        if keep.all():
            return x
        return F.where(keep[..., None], x, 0.0)

    def get_config(self) -> dict:
        return {**super().get_config(), "mask_value": self.mask_value}
