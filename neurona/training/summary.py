"""The table that ``Model.summary()`` prints: layers, output shapes, parameter counts, connections.

As in Keras, trainable parameters are those that learn; non-trainable ones are
frozen parameters (``trainable = False``) and buffers such as batch-norm statistics.
A weight shared by several layers is counted once in the totals.
"""
from __future__ import annotations

import numpy as np


def _count(module) -> tuple[int, int]:
    """Trainable and non-trainable element counts of ``module``."""
    params = module.parameters()
    trainable = sum(p.data.size for p in params if p.requires_grad)
    frozen = sum(p.data.size for p in params if not p.requires_grad)
    return trainable, frozen + sum(np.size(b) for b in module.buffers())


def count_weights(module) -> int:
    """All weights of ``module``: parameters, trainable or not, and buffers (such as batch-norm statistics)."""
    return sum(_count(module))


def _rows(model) -> list[tuple[str, ...]]:
    connections = getattr(model, "connections", None)
    if connections is not None:
        rows, seen = [], {}
        for layer, shape, refs in connections():
            if id(layer) in seen:
                seen[id(layer)][3].extend(refs)
                continue
            row = (f"{layer.name} ({type(layer).__name__})", str(shape), count_weights(layer), list(refs))
            seen[id(layer)] = row
            rows.append(row)
        return [(name, shape, count, ", ".join(refs) or "-") for name, shape, count, refs in rows]
    layers = getattr(model, "layers", None)
    if layers is None:
        return [(f"{name} ({type(m).__name__})", "?", count_weights(m)) for name, m in model._modules.items()]
    shapes = model.build()
    return [(f"{layer.name} ({type(layer).__name__})", str(shape), count_weights(layer)) for layer, shape in zip(layers, shapes)]


def summarize(model) -> str:
    """Return the summary table of ``model`` as text.

    Examples
    --------
    >>> from neurona.models import Sequential
    >>> from neurona.layers import Dense
    >>> print(summarize(Sequential([Dense(2, input_dim=3)])).splitlines()[-3])
    Total params: 8
    """
    rows = _rows(model)
    trainable, fixed = _count(model)
    heads = ["Layer (type)", "Output Shape", "Param #", "Connected to"][: len(rows[0]) if rows else 3]
    widths = [max(len(head), *(len(str(r[i])) + (i == 2) * 3 for r in rows)) for i, head in enumerate(heads)]
    rule = "=" * (sum(widths) + 2 * (len(widths) - 1))

    def line(cells) -> str:
        return "  ".join(f"{c:>{w},}" if isinstance(c, int) else f"{c:<{w}}" for c, w in zip(cells, widths)).rstrip()

    lines = [f'Model: "{getattr(model, "name", type(model).__name__)}"', rule, line(heads), rule]
    lines += [line(row) for row in rows]
    lines += [rule, f"Total params: {trainable + fixed:,}", f"Trainable params: {trainable:,}", f"Non-trainable params: {fixed:,}"]
    return "\n".join(lines)
