"""The reverse-mode walk: the chain rule applied node by node.

:func:`backprop` visits the graph below a tensor from the output down, in
reverse topological order, with a heap instead of recursion (so chains of 100,000
ops work). Each :class:`~neurona.function.Function` turns the gradient of its
output into gradients of its inputs; this module sums them when a tensor is used
more than once, and reduces a broadcast gradient back to its input's shape. That
reduction happens here and nowhere else.
"""
from __future__ import annotations

from heapq import heappop, heappush

import numpy as np


def unbroadcast(grad: np.ndarray, shape: tuple, op: object = None) -> np.ndarray:
    """Sum ``grad`` over the axes that broadcasting added or stretched, giving ``shape``.

    Examples
    --------
    >>> unbroadcast(np.ones((4, 3)), (3,))
    array([4., 4., 4.])
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra < 0 or any(s != 1 and s != g for s, g in zip(shape, grad.shape[extra:])):
        name = type(op).__name__ if op is not None else "backward"
        raise ValueError(
            f"{name}.backward returned a gradient of shape {grad.shape}, "
            f"which does not broadcast to its input's shape {shape}"
        )
    stretched = tuple(extra + i for i, s in enumerate(shape) if s == 1 and grad.shape[extra + i] != 1)
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
        if fn.inputs is None:
            raise RuntimeError(
                f"backward: the graph through {type(fn).__name__} was already freed by an "
                "earlier backward(); call backward(retain_graph=True) the first time to walk it twice"
            )
        in_grads = fn.backward(g)
        if type(in_grads) is not tuple:
            in_grads = (in_grads,)
        for x, need, gx in zip(fn.inputs, fn.needs_input_grad, in_grads):
            if not need or gx is None:
                continue
            if type(gx) is not np.ndarray:
                gx = np.asarray(gx)
            xd = x._data
            if gx.shape != xd.shape:
                gx = unbroadcast(gx, xd.shape, fn)
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
