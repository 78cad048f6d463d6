"""The heat maps: the output's field and every node's, from one forward pass over a grid.

The plane ``[-6, 6]²`` is sampled on a ``GRID × GRID`` grid (row 0 at the top,
``x₂ = 6``). A field's values are clipped to ``[-1, 1]`` and quantized to one
byte (0 is -1, 255 is +1), so a frame is small: the output at full resolution,
each node (input features, then hidden units layer by layer) at every
``NODE_STRIDE``-th grid point.
"""
from __future__ import annotations

import base64

import numpy as np

import neurona as nr
from neurona.grad_mode import no_grad
from neurona.playground.features import compute_features

GRID = 64
NODE_STRIDE = 2
DOMAIN = 6.0

def grid_points(size: int = GRID) -> np.ndarray:
    """The ``size²`` grid points, row by row from the top left, shape ``(size², 2)``.

    Examples
    --------
    >>> grid_points(2).tolist()
    [[-6.0, 6.0], [6.0, 6.0], [-6.0, -6.0], [6.0, -6.0]]
    """
    axis = np.linspace(-DOMAIN, DOMAIN, size, dtype=np.float32)
    x1, x2 = np.meshgrid(axis, axis[::-1])
    return np.column_stack([x1.ravel(), x2.ravel()])

def quantize(values: np.ndarray) -> np.ndarray:
    """``[-1, 1]`` to bytes ``0..255`` (clipped; NaN is 128, the neutral colour).

    Examples
    --------
    >>> quantize(np.array([-1.0, 0.0, 1.0, 5.0, np.nan])).tolist()
    [0, 128, 255, 255, 128]
    """
    clean = np.nan_to_num(np.clip(values, -1.0, 1.0), nan=0.0)
    return np.rint((clean + 1.0) * 127.5).astype(np.uint8)

class FieldMaker:
    """Computes the fields of a model whose inputs are the named features."""

    def __init__(self, feature_names: list[str], classification: bool) -> None:
        self.inputs = compute_features(grid_points(), feature_names)
        scaled = self.inputs / np.maximum(np.abs(self.inputs).max(axis=0), 1e-6)
        self.classification = classification
        self.input_bytes = self._nodes(scaled)

    def _nodes(self, activations: np.ndarray) -> np.ndarray:
        grid = activations.reshape(GRID, GRID, -1)[::NODE_STRIDE, ::NODE_STRIDE]
        return quantize(np.moveaxis(grid, -1, 0))

    def frame(self, model) -> dict:
        """``{"output": base64 bytes (GRID²), "nodes": base64 bytes (nodes × (GRID/NODE_STRIDE)²)}``."""
        hidden = []
        with no_grad():
            x = nr.tensor(self.inputs)
            for layer in model.layers:
                x = layer(x)
                hidden.append(x.data)
        output = hidden.pop()[:, 0]
        if self.classification:
            output = 2.0 * output - 1.0
        nodes = [self.input_bytes] + [self._nodes(values) for values in hidden]
        return {"output": _b64(quantize(output)), "nodes": _b64(np.concatenate(nodes))}


def _b64(array: np.ndarray) -> str:
    return base64.b64encode(array.tobytes()).decode("ascii")
