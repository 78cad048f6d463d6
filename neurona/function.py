"""The ``Function`` contract: one differentiable operation, forward and backward on arrays.

This is the course's gate (a ``MultiplyGate`` with ``forward`` and ``backward``)
made general. A subclass receives raw arrays in ``forward``, keeps on ``self``
only what ``backward`` needs, and returns from ``backward`` one gradient per
input (``None`` for an input that needs none), as a tuple or a list. Broadcast
gradients may keep the broadcast shape: the engine reduces them.

Each call records its own graph node: calling one instance twice gives two nodes
that share the instance's options (set in ``__init__``; ``forward`` must not change them).

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
from numpy.exceptions import AxisError

from neurona import backend
from neurona.grad_mode import _GradMode
from neurona.tensor import Tensor, creation_counter

_new_tensor = Tensor.__new__
_GRAPH_KEYS = ("inputs", "needs_input_grad", "_versions", "_released")


class InputError(ValueError):
    """Inputs an operation refuses, in a message of its own that names the op and what is wrong:
    ``Function.__call__`` raises it as it is (any other ``ValueError`` from ``forward`` gets the op's
    name and the input shapes added)."""


class ShapeError(InputError):
    """Inputs whose shapes an operation cannot combine."""


class Function:
    """Base class of differentiable operations; call an instance on tensors to apply it.

    Non-tensor arguments (NumPy arrays, Python numbers) are passed to ``forward``
    as they are and receive no gradient. Options of the op (an axis, a slope) go
    to ``__init__``.

    ``saves`` declares which tensors ``backward`` reads, so that backward can refuse
    one that was changed in place after the forward pass: input positions, ``"inputs"``
    (all of them, the default) and ``"output"``. An op whose backward reads none
    (``add``, ``reshape``) declares ``saves = ()``.
    """

    inputs: tuple | None = None
    needs_input_grad: tuple = ()
    saves: tuple = ("inputs",)
    _versions: tuple = ()
    _released = False

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        cls._saved_inputs = None if "inputs" in cls.saves else tuple(i for i in cls.saves if i != "output")
        cls._saved_output = "output" in cls.saves

    def forward(self, *arrays):
        raise NotImplementedError(f"{type(self).__name__} must define forward(*arrays)")

    def backward(self, grad):
        raise NotImplementedError(f"{type(self).__name__} must define backward(grad)")

    def __call__(self, *inputs) -> Tensor:
        node = self if self.inputs is None else self._new_node()
        binary = len(inputs) == 2
        if binary:  # unrolled, with forward called without unpacking: the per-op overhead of ``a + b``
            a, b = inputs
            need_a = need_b = False
            if isinstance(a, Tensor):
                need_a, a = a.requires_grad, a._data
            if isinstance(b, Tensor):
                need_b, b = b.requires_grad, b._data
            arrays, needs = (a, b), (need_a, need_b)
            recording = (need_a or need_b) and _GradMode.enabled
        else:
            arrays, needs = _unwrap(inputs)
            recording = True in needs and _GradMode.enabled
        if recording and node.saves:  # read before forward: an op may write to its inputs
            versions = [x._version[0] if isinstance(x, Tensor) else None for x in inputs]
        try:
            out = node.forward(a, b) if binary else node.forward(*arrays)
        except (ValueError, AttributeError) as error:
            explained = node._explain(error, arrays)
            if explained is error:
                raise
            raise explained from error
        if type(out) is not np.ndarray:
            out = np.asarray(out)
        dtype = out.dtype
        if dtype is not backend._default_dtype and dtype.kind == "f":
            out = _promote(out, arrays)
        result = _new_tensor(Tensor)
        result._data = out
        result._version = version = [0] if out.base is None else _shared_version(out, inputs)
        result._seq = next(creation_counter)
        result.grad = None
        result._retains_grad = False
        if recording:
            node.inputs = inputs
            node.needs_input_grad = needs
            if node.saves:
                versions.append(version[0])
                node._versions = versions
            result.requires_grad = True
            result._creator = node
        else:
            result.requires_grad = False
            result._creator = None
        return result

    def _explain(self, error: Exception, arrays: list) -> Exception:
        """The error to raise for one from ``forward``: naming the op and the input shapes."""
        name = type(self).__name__
        if isinstance(error, AttributeError):
            if not self._released:
                return error
            return RuntimeError(
                f"{name}: this instance was released by backward(), which freed its options too; "
                f"create a new {name}(...) for each call"
            )
        if isinstance(error, (InputError, AxisError)):
            return error
        shapes = " and ".join(str(np.shape(a)) for a in arrays)
        return ShapeError(f"{name}: inputs of shapes {shapes} do not fit: {error}")

    def _new_node(self) -> "Function":
        """A fresh node with this instance's options, for a second call while the first is in a graph."""
        node = object.__new__(type(self))
        state = dict(self.__dict__)
        for key in _GRAPH_KEYS:
            state.pop(key, None)
        node.__dict__.update(state)
        return node

    def release(self) -> None:
        """Drop the saved arrays and the links to the inputs (done after backward)."""
        self.__dict__.clear()
        self._released = True

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


def _unwrap(inputs: tuple) -> tuple[list, tuple]:
    """The arrays of ``inputs`` (tensors unwrapped, anything else as it is) and which require grad."""
    arrays, needs = [], []
    for x in inputs:
        if isinstance(x, Tensor):
            arrays.append(x._data)
            needs.append(x.requires_grad)
        else:
            arrays.append(x)
            needs.append(False)
    return arrays, tuple(needs)


def _promote(out: np.ndarray, arrays: list) -> np.ndarray:
    """Cast a floating result to PyTorch's dtype: the widest floating array input, else the default.

    Python and NumPy scalars never promote, and integer inputs give the default float dtype.
    """
    found = None
    for a in arrays:
        if type(a) is np.ndarray and a.dtype.kind == "f":
            found = a.dtype if found is None else np.promote_types(found, a.dtype)
    wanted = backend._default_dtype if found is None else found
    return out if out.dtype == wanted else out.astype(wanted)


def _shared_version(out: np.ndarray, inputs: tuple) -> list:
    """A view shares its base tensor's version counter, so writes through either are seen by both."""
    for x in inputs:
        if isinstance(x, Tensor) and np.may_share_memory(out, x._data):
            return x._version
    return [0]
