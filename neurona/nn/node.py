"""Symbolic tensors: what a layer returns when it is called on ``Input(...)`` (Keras's functional API).

A :class:`SymbolicTensor` holds no values, only the shape of its examples (the
batch axis is None), its dtype and the :class:`Node` that made it: the module
called and the symbolic tensors it was called on. A functional ``Model`` walks
these nodes back from its outputs to its inputs and runs them in order.

Calling a module on symbolic tensors builds it (from the declared shapes) and
runs it once on zeros, in evaluation mode and without recording a graph, to
learn the shapes and dtypes of its outputs.
"""
from __future__ import annotations

import numpy as np

from neurona.grad_mode import no_grad
from neurona.tensor import Tensor


class SymbolicTensor:
    """A placeholder for the tensors a functional model will compute.

    Examples
    --------
    >>> from neurona.layers import Dense, Input
    >>> x = Input(shape=(3,))
    >>> y = Dense(2)(x)
    >>> y.shape, y.dtype.name, y.node.module.name.startswith("dense")
    ((None, 2), 'float32', True)
    """

    __slots__ = ("shape", "dtype", "node", "index")

    def __init__(self, shape: tuple, dtype, node: "Node | None" = None, index: int = 0) -> None:
        self.shape = tuple(shape)
        self.dtype = np.dtype(dtype)
        self.node = node
        self.index = index

    @property
    def ndim(self) -> int:
        return len(self.shape)

    def __repr__(self) -> str:
        owner = "" if self.node is None else f", from {getattr(self.node.module, 'name', type(self.node.module).__name__)}"
        return f"<SymbolicTensor shape={self.shape} dtype={self.dtype.name}{owner}>"

    def __array__(self, *args, **kwargs):
        raise TypeError(
            "a SymbolicTensor (from Input or a layer called on one) has no values; use it to build a "
            "Model(inputs, outputs), then call the model on arrays"
        )


class Node:
    """One call of ``module`` on ``inputs`` (a symbolic tensor or a list of them), giving ``outputs``.

    ``several`` tells whether the module returned a list of tensors rather than one.
    """

    __slots__ = ("module", "inputs", "outputs", "several")

    def __init__(self, module, inputs, outputs: list[SymbolicTensor], several: bool = False) -> None:
        self.module, self.inputs, self.outputs, self.several = module, inputs, outputs, several

    @property
    def flat_inputs(self) -> list[SymbolicTensor]:
        if self.inputs is None:
            return []
        return list(self.inputs) if isinstance(self.inputs, (list, tuple)) else [self.inputs]


def is_symbolic(value) -> bool:
    """True for a SymbolicTensor, or a non-empty list/tuple whose items are all SymbolicTensors."""
    if type(value) is SymbolicTensor:
        return True
    return isinstance(value, (list, tuple)) and bool(value) and all(type(v) is SymbolicTensor for v in value)


def _concrete(shape: tuple, size: int) -> tuple:
    return tuple(size if n is None else n for n in shape)


def _probe(module, inputs, sizes: tuple[int, int], args, kwargs):
    """Run ``module`` on zeros shaped like ``inputs`` (batch ``sizes[0]``, other unknown axes ``sizes[1]``)."""
    def zeros(t: SymbolicTensor) -> Tensor:
        shape = _concrete(t.shape[:1], sizes[0]) + _concrete(t.shape[1:], sizes[1])
        return Tensor._wrap(np.zeros(shape, t.dtype))

    values = [zeros(t) for t in inputs] if isinstance(inputs, (list, tuple)) else zeros(inputs)
    modes = [(m, m.training) for m in module.modules()]
    module.eval()
    try:
        with no_grad():
            out = module(values, *args, **kwargs)
    finally:
        for m, mode in modes:
            m.training = mode
    return out


def _flat_outputs(module, out) -> list:
    flat = list(out) if isinstance(out, (list, tuple)) else [out]
    for item in flat:
        if not isinstance(item, Tensor):
            raise TypeError(
                f"{getattr(module, 'name', type(module).__name__)}: a module in a functional model must return "
                f"tensors (or a list of them), got {type(item).__name__}"
            )
    return flat


def call_symbolic(module, inputs, args: tuple = (), kwargs: dict | None = None):
    """Record ``module(inputs)`` as a node and return symbolic outputs of the right shapes and dtypes."""
    kwargs = kwargs or {}
    flat = list(inputs) if isinstance(inputs, (list, tuple)) else [inputs]
    if not getattr(module, "built", True):
        shapes = [t.shape for t in flat]
        module._build_on_call(shapes if isinstance(inputs, (list, tuple)) else shapes[0])
    raw = _probe(module, inputs, (1, 1), args, kwargs)
    first = _flat_outputs(module, raw)
    shapes = [(None, *o.shape[1:]) if o.ndim else () for o in first]
    if any(None in t.shape[1:] for t in flat):
        second = _flat_outputs(module, _probe(module, inputs, (2, 2), args, kwargs))
        shapes = [tuple(None if a != b else a for a, b in zip(s, o.shape)) for s, o in zip(shapes, second)]
    outputs = [SymbolicTensor(shape, o.dtype) for shape, o in zip(shapes, first)]
    several = isinstance(raw, (list, tuple))
    node = Node(module, inputs, outputs, several)
    for index, t in enumerate(outputs):
        t.node, t.index = node, index
    return outputs if several else outputs[0]
