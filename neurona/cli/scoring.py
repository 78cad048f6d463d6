"""Targets in the loss's encoding, and the final metrics of a model on a test part.

Examples
--------
>>> import numpy as np
>>> encode_targets(np.array([0, 2]), "mse", "multiclass", 3)
array([[1., 0., 0.],
       [0., 0., 1.]], dtype=float32)
"""
from __future__ import annotations

import numpy as np


def encode_targets(y: np.ndarray, loss: str, task: str, n_classes: int | None) -> np.ndarray:
    """Class indices as the loss wants them: indices (sparse losses), one-hot rows, or a column."""
    if task == "multiclass" and not str(loss).startswith("sparse"):
        from neurona.data import one_hot

        return one_hot(y, n_classes)
    if task in ("binary", "regression"):
        return np.asarray(y, dtype=np.float32).reshape(-1, 1)
    return np.asarray(y)


def predicted_labels(task: str, outputs: np.ndarray) -> np.ndarray | None:
    """The class each output row predicts (``None`` for regression)."""
    if task == "multiclass":
        return outputs.argmax(axis=1)
    if task == "binary":
        return (outputs.reshape(len(outputs), -1)[:, 0] > 0.5).astype(np.int64)
    return None


def score(task: str, outputs: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Test accuracy for classifiers; RMSE and MAE for regression.

    Examples
    --------
    >>> score("binary", np.array([[0.9], [0.2]]), np.array([1, 1]))
    {'test_accuracy': 0.5}
    """
    labels = predicted_labels(task, outputs)
    if labels is not None:
        return {"test_accuracy": float(np.mean(labels == np.asarray(y)))}
    error = outputs.reshape(len(outputs)) - np.asarray(y, dtype=np.float64)
    return {"test_rmse": float(np.sqrt(np.mean(error ** 2))), "test_mae": float(np.mean(np.abs(error)))}
