"""Loss names for ``compile``, and their stable forms from logits.

A crossentropy after a final softmax or sigmoid is computed from the logits
(``FROM_LOGITS``): the same value, without the overflow and the lost precision of
taking the log of a probability.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

import neurona.functional as F
from neurona.tensor import Tensor


def sparse_categorical_crossentropy(prob, labels, reduction: str = "mean"):
    """Cross-entropy of probabilities against integer labels: ``-log p[label]``, per sample."""
    labels = labels.data if isinstance(labels, Tensor) else np.asarray(labels)
    classes = prob.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        bad = labels[(labels < 0) | (labels >= classes)].flat[0]
        raise ValueError(
            f"sparse_categorical_crossentropy: label {bad} is out of range for {classes} classes (valid: 0..{classes - 1})"
        )
    return F.categorical_cross_entropy(prob, np.eye(classes, dtype=prob.dtype)[labels], reduction)


LOSSES: dict[str, Callable] = {
    "mse": F.mse,
    "mean_squared_error": F.mse,
    "mae": F.mae,
    "mean_absolute_error": F.mae,
    "huber": F.huber,
    "binary_crossentropy": F.binary_cross_entropy,
    "categorical_crossentropy": F.categorical_cross_entropy,
    "sparse_categorical_crossentropy": sparse_categorical_crossentropy,
}

FROM_LOGITS: dict[tuple[str, Callable], Callable] = {
    ("binary_crossentropy", F.sigmoid): F.binary_cross_entropy_with_logits,
    ("categorical_crossentropy", F.softmax): F.cross_entropy,
    ("sparse_categorical_crossentropy", F.softmax): F.cross_entropy,
}


def get(loss: str | Callable) -> tuple[str, Callable]:
    """Resolve a loss name (or a callable ``loss(pred, target)``) to ``(name, function)``.

    Examples
    --------
    >>> from neurona.training import losses
    >>> losses.get("mse")[0]
    'mse'
    """
    if callable(loss):
        return getattr(loss, "__name__", type(loss).__name__), loss
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; valid names: {sorted(LOSSES)}")
    return loss, LOSSES[loss]
