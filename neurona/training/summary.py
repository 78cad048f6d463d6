"""The table that ``Model.summary()`` prints: layers, output shapes and parameter counts."""
from __future__ import annotations

import numpy as np


def _count(module) -> tuple[int, int]:
    """Trainable (parameters) and non-trainable (buffers) element counts of ``module``."""
    trainable = sum(p.data.size for p in module.parameters())
    fixed = sum(np.size(b) for _, m in module.named_modules() for b in m._buffers.values())
    return trainable, fixed


def count_weights(module) -> int:
    """All weights of ``module``: parameters and buffers (such as batch-norm statistics)."""
    return sum(_count(module))


def _rows(model) -> list[tuple[str, str, int]]:
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
    widths = [max(len("Layer (type)"), *(len(r[0]) for r in rows)), max(len("Output Shape"), *(len(r[1]) for r in rows)), 12]
    rule = "=" * (sum(widths) + 4)
    lines = [f'Model: "{getattr(model, "name", type(model).__name__)}"', rule,
             f"{'Layer (type)':<{widths[0]}}  {'Output Shape':<{widths[1]}}  {'Param #':>{widths[2]}}", rule]
    lines += [f"{name:<{widths[0]}}  {shape:<{widths[1]}}  {count:>{widths[2]},}" for name, shape, count in rows]
    lines += [rule, f"Total params: {trainable + fixed:,}", f"Trainable params: {trainable:,}", f"Non-trainable params: {fixed:,}"]
    return "\n".join(lines)
