"""The input features of the playground: x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂.

Each feature has a function of the two coordinates and the same formula as Python
source, which :mod:`neurona.playground.export` writes into the script.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np


class Feature(NamedTuple):
    label: str
    compute: Callable[[np.ndarray, np.ndarray], np.ndarray]
    source: str


FEATURES: dict[str, Feature] = {
    "x1": Feature("x₁", lambda x1, x2: x1, "x1"),
    "x2": Feature("x₂", lambda x1, x2: x2, "x2"),
    "x1_squared": Feature("x₁²", lambda x1, x2: x1 * x1, "x1 * x1"),
    "x2_squared": Feature("x₂²", lambda x1, x2: x2 * x2, "x2 * x2"),
    "x1_times_x2": Feature("x₁x₂", lambda x1, x2: x1 * x2, "x1 * x2"),
    "sin_x1": Feature("sin x₁", lambda x1, x2: np.sin(x1), "np.sin(x1)"),
    "sin_x2": Feature("sin x₂", lambda x1, x2: np.sin(x2), "np.sin(x2)"),
}


def compute_features(points: np.ndarray, names: list[str]) -> np.ndarray:
    """The chosen features of 2-D points, float32 of shape ``(len(points), len(names))``.

    Examples
    --------
    >>> compute_features(np.array([[2.0, 3.0]]), ["x1", "x1_times_x2"]).tolist()
    [[2.0, 6.0]]
    """
    x1, x2 = points[:, 0], points[:, 1]
    return np.column_stack([FEATURES[name].compute(x1, x2) for name in names]).astype(np.float32)
