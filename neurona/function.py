"""The ``Function`` contract: one differentiable operation, forward and backward on arrays.

This is the course's gate (a ``MultiplyGate`` with ``forward`` and ``backward``)
made general. A subclass receives raw arrays in ``forward``, keeps on ``self``
only what ``backward`` needs, and returns from ``backward`` one gradient per
input (``None`` for an input that needs none). Broadcast gradients may keep the
broadcast shape: the engine reduces them.

Examples
--------
A new differentiable op in a few lines:

>>> import neurona as nr
>>> class Multiply(nr.Function):
...     def forward(self, x, y):
...         self.x, self.y = x, y
...         return x * y
...     def backward(self, grad):
...         return grad * self.y, grad * self.x
>>> a = nr.tensor(3.0, requires_grad=True)
>>> b = nr.tensor(4.0, requires_grad=True)
>>> Multiply()(a, b).backward()
>>> a.grad, b.grad
(array(4., dtype=float32), array(3., dtype=float32))
"""
from __future__ import annotations

import numpy as np

from neurona.grad_mode import _GradMode
from neurona.tensor import Tensor, creation_counter


class ShapeError(ValueError):
    """Inputs whose shapes an operation cannot combine."""


class Function:
    """Base class of differentiable operations; call an instance on tensors to apply it.

    Non-tensor arguments (NumPy arrays, Python numbers) are passed to ``forward``
    as they are and receive no gradient. Options of the op (an axis, a slope) go
    to ``__init__``.
    """

    inputs: tuple | None = None
    needs_input_grad: tuple = ()

    def forward(self, *arrays):
        raise NotImplementedError(f"{type(self).__name__} must define forward(*arrays)")

    def backward(self, grad):
        raise NotImplementedError(f"{type(self).__name__} must define backward(grad)")

    def __call__(self, *inputs) -> Tensor:
        arrays = [x._data if isinstance(x, Tensor) else x for x in inputs]
        try:
            out = self.forward(*arrays)
        except ValueError as error:
            if isinstance(error, ShapeError):
                raise
            shapes = " and ".join(str(np.shape(a)) for a in arrays)
            raise ShapeError(f"{type(self).__name__}: inputs of shapes {shapes} do not fit: {error}") from error
        if type(out) is not np.ndarray:
            out = np.asarray(out)
        result = Tensor.__new__(Tensor)
        result._data = out
        result._version = 0
        result._seq = next(creation_counter)
        result.grad = None
        result._retains_grad = False
        result._creator = None
        result.requires_grad = False
        if _GradMode.enabled:
            needs = tuple([getattr(x, "requires_grad", False) for x in inputs])
            if True in needs:
                self.inputs = inputs
                self.needs_input_grad = needs
                result.requires_grad = True
                result._creator = self
        return result

    def release(self) -> None:
        """Drop the saved arrays and the links to the inputs (done after backward)."""
        self.__dict__.clear()

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
