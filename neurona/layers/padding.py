"""``ZeroPadding2D``: a border of zeros around each image."""
from __future__ import annotations

import numpy as np

from neurona import functional as F
from neurona.layers.spatial import SpatialLayer


def _pairs(padding, name: str) -> tuple[tuple[int, int], tuple[int, int]]:
    if isinstance(padding, (int, np.integer)):
        padding = (padding, padding)
    try:
        pairs = tuple((p, p) if isinstance(p, (int, np.integer)) else tuple(p) for p in padding)
        ok = len(pairs) == 2 and all(len(p) == 2 and all(isinstance(v, (int, np.integer)) and v >= 0 for v in p) for p in pairs)
    except TypeError:
        ok = False
    if not ok:
        raise ValueError(
            f"{name}: padding must be an int, (rows, cols) or ((top, bottom), (left, right)) of non-negative ints, "
            f"got {padding!r}"
        )
    return tuple((int(a), int(b)) for a, b in pairs)


class ZeroPadding2D(SpatialLayer):
    """Add rows and columns of zeros around images.

    Parameters
    ----------
    padding : int, (int, int) or ((top, bottom), (left, right))
        An int pads all four sides alike; two ints pad rows and columns symmetrically.
    data_format : 'channels_last' (default) or 'channels_first'

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import ZeroPadding2D
    >>> ZeroPadding2D(((1, 0), (2, 2)))(nr.tensor(np.ones((1, 3, 3, 2)))).shape
    (1, 4, 7, 2)
    """

    def __init__(self, padding=(1, 1), data_format: str | None = None, **kwargs) -> None:
        super().__init__(data_format, **kwargs)
        self.padding = _pairs(padding, self.name)

    def forward(self, x):
        self.check_rank(tuple(x.shape))
        none = ((0, 0),)
        width = none * 2 + self.padding if self.channels_first else none + self.padding + none
        return F.pad(x, width)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        self.check_rank(input_shape)
        spatial = input_shape[2:] if self.channels_first else input_shape[1:3]
        out = tuple(None if n is None else n + a + b for n, (a, b) in zip(spatial, self.padding))
        return self.with_spatial(input_shape, out)

    def get_config(self) -> dict:
        return {**super().get_config(), "padding": [list(p) for p in self.padding]}
