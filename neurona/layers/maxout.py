"""``Maxout``: a dense layer to ``units * pieces`` outputs, keeping the largest of each group."""
from __future__ import annotations

import neurona.functional as F
from neurona.layers.affine import Affine
from neurona.layers.kernel_bias import positive_int


class Maxout(Affine):
    """Maxout units (Goodfellow et al., 2013): ``max_k (x @ kernel + bias)[..., j, k]``.

    The kernel has shape ``(in, units * pieces)``; output unit ``j`` is the maximum
    of the ``pieces`` consecutive affine units ``j*pieces ... j*pieces + pieces - 1``.

    Parameters
    ----------
    units : int
        Number of output features.
    pieces : int
        Affine units per output (the size of each group).
    **kwargs
        ``use_bias``, the kernel and bias initializers and regularizers (as in
        :class:`~neurona.layers.Dense`), and ``name``, ``input_shape``, ``input_dim``, ``dtype``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Maxout
    >>> layer = Maxout(units=4, pieces=3)
    >>> layer(nr.tensor(np.ones((2, 5)))).shape, layer.kernel.shape
    ((2, 4), (5, 12))
    """

    def __init__(self, units: int, pieces: int, **kwargs) -> None:
        super().__init__(units, **kwargs)
        self.pieces = positive_int(self.name, "pieces", pieces)

    @property
    def width(self) -> int:
        return self.units * self.pieces

    def forward(self, x):
        return F.maxout(self.preactivation(x), self.pieces)

    def get_config(self) -> dict:
        return {**super().get_config(), "pieces": self.pieces}
