"""Checking a feature matrix: numeric, two axes ``(n_samples, n_features)``, not empty when fitting."""
from __future__ import annotations

from typing import Any

import numpy as np


def as_matrix(owner: str, values: Any, name: str = "x", fitting: bool = False) -> np.ndarray:
    """Return ``values`` as a numeric 2-D array; errors name ``owner`` (e.g. ``'StandardScaler.fit'``).

    Examples
    --------
    >>> as_matrix("demo", [[1, 2], [3, 4]]).shape
    (2, 2)
    >>> as_matrix("demo", [1, 2])
    Traceback (most recent call last):
    ...
    ValueError: demo: x must be 2-D (n_samples, n_features), got shape (2,); reshape a single feature with x.reshape(-1, 1)
    """
    array = np.asarray(values)
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{owner}: {name} must be numeric, got dtype {array.dtype}")
    if array.ndim != 2:
        raise ValueError(
            f"{owner}: {name} must be 2-D (n_samples, n_features), got shape {array.shape}; "
            f"reshape a single feature with {name}.reshape(-1, 1)"
        )
    if fitting and len(array) == 0:
        raise ValueError(f"{owner}: cannot fit on 0 samples")
    return array
