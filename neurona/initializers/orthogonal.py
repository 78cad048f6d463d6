"""``Orthogonal``: a random orthogonal matrix (the default recurrent kernel of Keras's RNN layers)."""
from __future__ import annotations

import numpy as np

from neurona.initializers.base import Initializer
from neurona.random import get_rng


class Orthogonal(Initializer):
    """``gain`` times a random orthogonal matrix (Saxe et al. 2014), from the QR decomposition of a normal draw.

    A shape of more than two axes is flattened to ``(prod(shape[:-1]), shape[-1])``; the rows
    (or columns, whichever are fewer) are orthonormal.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.initializers import Orthogonal
    >>> w = Orthogonal()((4, 4), "float64")
    >>> bool(np.allclose(w @ w.T, np.eye(4)))
    True
    """

    def __init__(self, gain: float = 1.0) -> None:
        self.gain = float(gain)

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        if len(shape) < 2:
            raise ValueError(f"Orthogonal: needs a shape of at least 2 axes, got {shape}")
        rows, cols = int(np.prod(shape[:-1])), shape[-1]
        flat = get_rng().standard_normal((max(rows, cols), min(rows, cols)))
        q, r = np.linalg.qr(flat)
        q *= np.sign(np.diag(r))  # a uniform draw over orthogonal matrices
        if rows < cols:
            q = q.T
        return (self.gain * q).reshape(shape)

    def get_config(self) -> dict:
        return {"gain": self.gain}
