"""``Input``: the entry point of a functional model, a symbolic tensor of a given shape and dtype."""
from __future__ import annotations

import numpy as np

from neurona import backend
from neurona.layers.base import Layer
from neurona.nn.node import Node, SymbolicTensor


class InputLayer(Layer):
    """The layer behind :func:`Input`: it holds the symbolic tensor ``output`` that models start from.

    ``shape`` is the shape of one example (no batch axis; None for an axis of any
    size); ``batch_shape`` is the same with the batch axis first. ``dtype`` is the
    dtype of the data (the default float dtype unless given: integers for token ids).
    """

    def __init__(self, shape: tuple | None = None, dtype=None, batch_shape: tuple | None = None, name: str | None = None) -> None:
        super().__init__(name=name)
        if (shape is None) == (batch_shape is None):
            raise ValueError(f"{self.name}: give shape (one example) or batch_shape (with the batch axis), exactly one")
        shape = tuple(shape) if shape is not None else tuple(batch_shape)[1:]
        if any(n is not None and (isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1) for n in shape):
            raise ValueError(f"{self.name}: shape must hold positive integers or None, got {shape}")
        self.input_dtype = backend.get_default_dtype() if dtype is None else np.dtype(dtype)
        self.output = SymbolicTensor((None, *(None if n is None else int(n) for n in shape)), self.input_dtype)
        self.output.node = Node(self, None, [self.output])
        self.built = True
        self.build_input_shape = self.output.shape

    def forward(self, x):
        return x

    def get_config(self) -> dict:
        return {"name": self.name, "batch_shape": list(self.output.shape), "dtype": self.input_dtype.name}


def Input(shape: tuple, dtype=None, name: str | None = None) -> SymbolicTensor:
    """A symbolic input of examples of ``shape`` (Keras's ``keras.Input``); call layers on it to build a model.

    Examples
    --------
    >>> from neurona.layers import Dense, Input
    >>> from neurona.models import Model
    >>> x = Input(shape=(4,), name="features")
    >>> model = Model(x, Dense(2, activation="softmax")(Dense(8, activation="relu")(x)))
    >>> model.predict(np.zeros((3, 4))).shape
    (3, 2)
    >>> Input(shape=(None,), dtype="int64").dtype
    dtype('int64')
    """
    return InputLayer(shape=shape, dtype=dtype, name=name).output
