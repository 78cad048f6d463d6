"""Shape layers: ``Flatten`` and ``Reshape``; both keep the batch axis."""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona.function import ShapeError
from neurona.layers.base import Layer


def _size(shape: tuple) -> int | None:
    return None if None in shape else int(np.prod(shape))


class Flatten(Layer):
    """Flatten each example to one axis: ``(batch, d1, d2, ...)`` → ``(batch, d1*d2*...)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Flatten
    >>> Flatten()(nr.tensor(np.zeros((32, 28, 28)))).shape
    (32, 784)
    """

    def forward(self, x):
        return F.reshape(x, (x.shape[0], -1))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (input_shape[0], _size(tuple(input_shape[1:])))


class Reshape(Layer):
    """Give each example the shape ``target_shape`` (one entry may be -1).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Reshape
    >>> Reshape((28, 28))(nr.tensor(np.zeros((32, 784)))).shape
    (32, 28, 28)
    """

    def __init__(self, target_shape: tuple, **kwargs) -> None:
        super().__init__(**kwargs)
        self.target_shape = tuple(int(d) for d in target_shape)
        if sum(d == -1 for d in self.target_shape) > 1 or any(d < -1 or d == 0 for d in self.target_shape):
            raise ValueError(f"{self.name}: target_shape must hold positive sizes and at most one -1, got {self.target_shape}")

    def forward(self, x):
        try:
            return F.reshape(x, (x.shape[0], *self.target_shape))
        except ShapeError:
            raise ShapeError(
                f"{self.name}: cannot reshape inputs of shape {tuple(x.shape)} to (batch, *{self.target_shape}): "
                f"{_size(tuple(x.shape[1:]))} values per example"
            ) from None

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        if -1 not in self.target_shape:
            return (input_shape[0], *self.target_shape)
        size = _size(tuple(input_shape[1:]))
        known = -int(np.prod(self.target_shape))
        missing = None if size is None else size // known
        return (input_shape[0], *(missing if d == -1 else d for d in self.target_shape))

    def get_config(self) -> dict:
        return {**super().get_config(), "target_shape": list(self.target_shape)}
