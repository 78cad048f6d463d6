"""The reverse-mode walk: the chain rule applied node by node.

:func:`backprop` orders the graph below a tensor topologically with an explicit
stack (no recursion, so chains of 100,000 ops work), then visits it from the
output down. Each :class:`~neurona.function.Function` turns the gradient of its
output into gradients of its inputs; this module sums them when a tensor is used
more than once, and reduces a broadcast gradient back to its input's shape. That
reduction happens here and nowhere else.
"""
from __future__ import annotations

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


def _parents(tensor) -> list:
    fn = tensor._creator
    if fn is None or fn.inputs is None:
        return []
    return [x for x, need in zip(fn.inputs, fn.needs_input_grad) if need]


def topological_order(root) -> list:
    """Return the tensors that ``root`` depends on, each after all of its inputs."""
    order = []
    seen = {id(root)}
    stack = [(root, iter(_parents(root)))]
    while stack:
        node, pending = stack[-1]
        for parent in pending:
            if id(parent) not in seen:
                seen.add(id(parent))
                stack.append((parent, iter(_parents(parent))))
                break
        else:
            stack.pop()
            order.append(node)
    return order


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

    Leaves, and tensors that called ``retain_grad()``, accumulate into ``.grad``.
    Unless ``retain_graph`` is set, each Function frees what it saved once it has
    been visited, so a second walk through it raises an error.
    """
    grads = {id(root): grad}
    owned: set = set()
    for node in reversed(topological_order(root)):
        g = grads.pop(id(node))
        fn = node._creator
        if fn is None or node._retains_grad:
            _store(node, g, owned)
            if fn is None:
                continue
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
            xd = x.data
            if gx.shape != xd.shape:
                gx = unbroadcast(gx, xd.shape, fn)
            if gx.dtype != xd.dtype:
                gx = gx.astype(xd.dtype)
            key = id(x)
            previous = grads.get(key)
            grads[key] = gx if previous is None else previous + gx
        if not retain_graph:
            fn.release()
