"""The reverse-mode walk: the chain rule applied node by node.

:func:`backprop` visits the graph below a tensor from the output down, in
reverse topological order, with a heap instead of recursion (so chains of 100,000
ops work). Each :class:`~neurona.function.Function` turns the gradient of its
output into gradients of its inputs; this module sums them when a tensor is used
more than once, and reduces a broadcast gradient back to its input's shape. That
reduction happens here and nowhere else.

Before a node's backward runs, the tensors it saved are checked against the
versions recorded in the forward pass: a tensor changed in place since then would
give a wrong gradient, so backward stops with an error instead.
"""
from __future__ import annotations

from heapq import heappop, heappush

import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple, out_shape: tuple | None = None, op: object = None,
                index: int = 0) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added or stretched, giving ``shape``.

    With ``out_shape`` (the shape of the op's output), only a broadcast that the
    forward pass could have made is reduced: every summed axis must be an axis of
    the output (right-aligned) of the same length. Anything else is an error
    naming the op, the input ``index`` and both shapes.

    Examples
    --------
    >>> unbroadcast(np.ones((4, 3)), (3,))
    array([4., 4., 4.])
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    stretched = tuple(i for i in range(extra, grad.ndim) if shape[i - extra] != grad.shape[i])
    fits = extra >= 0 and all(shape[i - extra] == 1 for i in stretched)
    if fits and out_shape is not None:
        lead = grad.ndim - len(out_shape)
        fits = all(i >= lead and out_shape[i - lead] == grad.shape[i] for i in (*range(extra), *stretched))
    if not fits:
        name = type(op).__name__ if op is not None else "backward"
        produced = "" if out_shape is None else f", which its output of shape {tuple(out_shape)} cannot have broadcast"
        raise ValueError(
            f"{name}.backward returned a gradient of shape {grad.shape} for input {index} "
            f"of shape {shape}{produced}"
        )
    if extra:
        grad = grad.sum(axis=tuple(range(extra)))
    if stretched:
        grad = grad.sum(axis=tuple(a - extra for a in stretched), keepdims=True)
    return grad


def _store(tensor, grad: np.ndarray, owned: set) -> None:
    """Accumulate ``grad`` into ``tensor.grad``; a stored array is never shared with another."""
    if tensor.grad is None:
        if grad.base is not None or id(grad) in owned or not grad.flags.writeable:
            grad = grad.copy()
        owned.add(id(grad))
        tensor.grad = grad
    else:
        tensor.grad += grad


def _check_versions(fn, output) -> None:
    """Refuse to run ``fn.backward`` if a tensor it saved was changed in place after the forward pass.

    ``fn._versions`` holds the versions of the inputs (None for non-tensors) and, last, of the output.
    """
    versions, inputs = fn._versions, fn.inputs
    for i in range(len(inputs)) if fn._saved_inputs is None else fn._saved_inputs:
        if versions[i] is not None and inputs[i]._version[0] != versions[i]:
            raise RuntimeError(_changed_message(fn, i, inputs[i], versions[i]))
    if fn._saved_output and output._version[0] != versions[-1]:
        raise RuntimeError(_changed_message(fn, -1, output, versions[-1]))


def _changed_message(fn, position: int, tensor, recorded: int) -> str:
    what = "its output" if position < 0 else f"input {position}"
    name = getattr(tensor, "name", None)
    named = f" '{name}'" if name else ""
    return (
        f"backward: {type(fn).__name__} needs {what}{named} (shape {tensor.shape}, dtype {tensor.dtype}) "
        f"as it was in the forward pass, at version {recorded}, but it has been changed in place since "
        f"(now version {tensor._version[0]}); make the in-place change after backward(), or on a copy"
    )


def _position(inputs: tuple, x) -> int:
    """Which input ``x`` is (for error messages)."""
    return next(i for i, y in enumerate(inputs) if y is x)


def _count_message(fn, in_grads: tuple) -> str:
    return (
        f"{type(fn).__name__}.backward returned {len(in_grads)} gradient(s) for {len(fn.inputs)} input(s); "
        "return one per input of forward (None for an input that needs none)"
    )


def backprop(root, grad: np.ndarray, retain_graph: bool = False) -> None:
    """Propagate ``grad`` (the gradient of some scalar with respect to ``root``) to the leaves.

    Every tensor carries a creation number, and an operation's output is always
    created after its inputs; so taking tensors from a max-heap of creation numbers
    visits each one after every tensor that used it: a reverse topological order,
    found during the walk itself.

    Leaves never enter the heap: their gradients are summed on the way and stored
    at the end. Leaves, and tensors that called ``retain_grad()``, accumulate into ``.grad``.
    Unless ``retain_graph`` is set, each Function frees what it saved once it has
    been visited, so a second walk through it raises an error.
    """
    owned: set = set()
    if root._creator is None:
        _store(root, grad, owned)
        return
    grads = {id(root): grad}
    leaves = []
    heap = [(-root._seq, root)]
    while heap:
        node = heappop(heap)[1]
        g = grads.pop(id(node))
        fn = node._creator
        if node._retains_grad:
            _store(node, g, owned)
        inputs = fn.inputs
        if inputs is None:
            raise RuntimeError(
                f"backward: the graph through {type(fn).__name__} was already freed by an "
                "earlier backward(); call backward(retain_graph=True) the first time to walk it twice"
            )
        if fn._versions:
            _check_versions(fn, node)
        in_grads = fn.backward(g)
        if type(in_grads) is not tuple:
            in_grads = tuple(in_grads) if type(in_grads) is list else (in_grads,)
        if len(in_grads) != len(inputs):
            raise RuntimeError(_count_message(fn, in_grads))
        for x, need, gx in zip(inputs, fn.needs_input_grad, in_grads):
            if not need or gx is None:
                continue
            if type(gx) is not np.ndarray:
                gx = np.asarray(gx)
            xd = x._data
            if gx.shape != xd.shape:
                gx = unbroadcast(gx, xd.shape, g.shape, fn, _position(inputs, x))
            if gx.dtype != xd.dtype:
                gx = gx.astype(xd.dtype)
            key = id(x)
            previous = grads.get(key)
            if previous is not None:
                grads[key] = previous + gx
                continue
            grads[key] = gx
            if x._creator is None:
                leaves.append(x)
            else:
                heappush(heap, (-x._seq, x))
        if not retain_graph:
            fn.release()
    for leaf in leaves:
        _store(leaf, grads[id(leaf)], owned)
