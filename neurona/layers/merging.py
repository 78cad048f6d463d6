"""Merging layers: ``Concatenate`` and ``Add`` take a list of tensors and return one."""
from __future__ import annotations

import neurona.functional as F
from neurona.layers.base import Layer


def _check_list(layer: Layer, inputs) -> None:
    if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
        raise ValueError(f"{layer.name}: expected a list of at least 2 tensors, got {type(inputs).__name__}")


class Concatenate(Layer):
    """Join a list of tensors along ``axis`` (the last by default); the other axes must match.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Concatenate
    >>> Concatenate()([nr.tensor(np.ones((2, 3))), nr.tensor(np.ones((2, 4)))]).shape
    (2, 7)
    """

    def __init__(self, axis: int = -1, **kwargs) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)

    def build(self, input_shape) -> None:
        _check_list(self, input_shape)
        axis = self.axis % len(input_shape[0])
        if len({(len(s), tuple(s[1:axis]) + tuple(s[axis + 1 :])) for s in input_shape}) > 1:
            raise ValueError(f"{self.name}: shapes {list(input_shape)} differ on an axis other than {self.axis}")
        super().build(input_shape)

    def forward(self, inputs):
        _check_list(self, inputs)
        return F.concatenate(list(inputs), axis=self.axis)

    def compute_output_shape(self, input_shape) -> tuple:
        shape = list(input_shape[0])
        sizes = [s[self.axis] for s in input_shape]
        shape[self.axis] = None if None in sizes else sum(sizes)
        return tuple(shape)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


class Add(Layer):
    """The elementwise sum of a list of tensors of the same shape.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Add
    >>> Add()([nr.tensor(np.ones(2)), nr.tensor(np.ones(2))])
    tensor([2., 2.])
    """

    def build(self, input_shape) -> None:
        _check_list(self, input_shape)
        if len({tuple(s[1:]) for s in input_shape}) > 1:
            raise ValueError(f"{self.name}: all inputs must have the same shape, got {list(input_shape)}")
        super().build(input_shape)

    def forward(self, inputs):
        _check_list(self, inputs)
        total = inputs[0]
        for x in inputs[1:]:
            total = total + x
        return total

    def compute_output_shape(self, input_shape) -> tuple:
        return tuple(input_shape[0])
