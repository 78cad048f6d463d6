"""``UpSampling2D``: nearest-neighbour upsampling (each pixel repeated into a block)."""
from __future__ import annotations

from neurona import functional as F
from neurona.functional._windows import as_tuple
from neurona.layers.spatial import SpatialLayer


class UpSampling2D(SpatialLayer):
    """Repeat each pixel ``size`` times along rows and columns (the decoder's counterpart of pooling).

    Parameters
    ----------
    size : int or (int, int)
        Upsampling factors for rows and columns.
    data_format : 'channels_last' (default) or 'channels_first'
    interpolation : 'nearest'
        The only interpolation provided.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import UpSampling2D
    >>> UpSampling2D((2, 3))(nr.tensor(np.ones((1, 4, 4, 2)))).shape
    (1, 8, 12, 2)
    """

    def __init__(self, size=(2, 2), data_format: str | None = None, interpolation: str = "nearest", **kwargs) -> None:
        super().__init__(data_format, **kwargs)
        if interpolation != "nearest":
            raise ValueError(f"{self.name}: interpolation must be 'nearest' (the only one provided), got {interpolation!r}")
        self.size = as_tuple(size, 2, "size", self.name)
        self.interpolation = interpolation

    def forward(self, x):
        return F.upsample2d(x, self.size, self.data_format)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        self.check_rank(input_shape)
        spatial = input_shape[2:] if self.channels_first else input_shape[1:3]
        return self.with_spatial(input_shape, tuple(None if n is None else n * s for n, s in zip(spatial, self.size)))

    def get_config(self) -> dict:
        return {**super().get_config(), "size": list(self.size), "interpolation": self.interpolation}
