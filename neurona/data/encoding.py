"""One-hot encoding of integer class labels."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import DTypeLike

__all__ = ["one_hot", "to_categorical"]


def one_hot(
    labels: Any, num_classes: int | None = None, dtype: DTypeLike = np.float32
) -> np.ndarray:
    """Encode integer class labels as one-hot rows.

    Parameters
    ----------
    labels : array-like of int
        Class indices in ``[0, num_classes)``, any shape. Floats are accepted
        when they hold whole numbers.
    num_classes : int, optional
        Number of classes; default ``max(labels) + 1``.
    dtype : data-type, default float32
        Output dtype.

    Returns
    -------
    numpy.ndarray
        Shape ``labels.shape + (num_classes,)``, 1 at each label's index, 0 elsewhere.

    Examples
    --------
    >>> one_hot([0, 2, 1])
    array([[1., 0., 0.],
           [0., 0., 1.],
           [0., 1., 0.]], dtype=float32)
    """
    values = np.asarray(labels)
    if values.dtype.kind == "f" and np.all(np.isfinite(values) & (values == np.round(values))):
        values = values.astype(np.int64)
    if values.dtype.kind not in "iub":
        raise ValueError(f"one_hot: labels must be integers, got dtype {values.dtype}")
    values = values.astype(np.int64)
    if num_classes is None:
        if values.size == 0:
            raise ValueError("one_hot: num_classes is required when labels is empty")
        num_classes = int(values.max()) + 1
    if num_classes < 1:
        raise ValueError(f"one_hot: num_classes must be positive, got {num_classes}")
    bad = np.flatnonzero((values < 0) | (values >= num_classes))
    if bad.size:
        label = int(values.reshape(-1)[bad[0]])
        raise ValueError(
            f"one_hot: label {label} (at flat index {int(bad[0])}) is outside "
            f"[0, {num_classes}) for num_classes={num_classes}"
        )
    encoded = np.zeros(values.shape + (num_classes,), dtype=dtype)
    np.put_along_axis(encoded, values[..., None], 1, axis=-1)
    return encoded


to_categorical = one_hot
