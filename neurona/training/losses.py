"""Losses for ``compile``: names (any case) or callables, and the loss of one model output.

A crossentropy of a softmax or sigmoid output is computed from the logits (the
input of that activation, which the output's graph node holds): the same value,
without the overflow and the lost precision of taking the log of a probability.
The model still returns probabilities.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

import neurona.functional as F
from neurona import backend
from neurona.functional.activations import Sigmoid, Softmax
from neurona.functional.losses import cross_entropy_after_softmax
from neurona.tensor import Tensor

SPARSE = "sparse_categorical_crossentropy"


def check_labels(labels: np.ndarray, owner: str) -> np.ndarray:
    """Integer class labels as int64; floats must hold whole numbers; bools, strings and objects are refused."""
    if labels.dtype.kind in "iu":
        return labels
    if labels.dtype.kind == "f" and np.all(labels == np.round(labels)):
        return labels.astype(np.int64)
    raise ValueError(
        f"{owner}: labels must be integers (class indices), got dtype {labels.dtype}"
        + (" with non-integer values" if labels.dtype.kind == "f" else "")
    )


def sparse_categorical_crossentropy(prob, labels, reduction: str = "mean"):
    """Cross-entropy of probabilities against integer labels: ``-log p[label]``, per sample.

    Examples
    --------
    >>> import neurona as nr
    >>> round(sparse_categorical_crossentropy(nr.tensor([[0.5, 0.5]]), [1]).item(), 4)
    0.6931
    """
    labels = check_labels(labels.data if isinstance(labels, Tensor) else np.asarray(labels), SPARSE)
    classes = prob.shape[-1]
    if labels.size and (labels.min() < 0 or labels.max() >= classes):
        bad = labels[(labels < 0) | (labels >= classes)].flat[0]
        raise ValueError(f"{SPARSE}: label {bad} is out of range for {classes} classes (valid: 0..{classes - 1})")
    return F.categorical_cross_entropy(prob, np.eye(classes, dtype=prob.dtype)[labels], reduction)


LOSSES: dict[str, Callable] = {
    "mse": F.mse,
    "mean_squared_error": F.mse,
    "mae": F.mae,
    "mean_absolute_error": F.mae,
    "huber": F.huber,
    "binary_crossentropy": F.binary_cross_entropy,
    "categorical_crossentropy": F.categorical_cross_entropy,
    SPARSE: sparse_categorical_crossentropy,
}

def _bce_after_sigmoid(probabilities: Tensor, target) -> Tensor:
    return F.binary_cross_entropy_with_logits(probabilities._creator.inputs[0], target)


FROM_LOGITS: dict[tuple[str, type], Callable] = {
    ("binary_crossentropy", Sigmoid): _bce_after_sigmoid,
    ("categorical_crossentropy", Softmax): cross_entropy_after_softmax,
    (SPARSE, Softmax): cross_entropy_after_softmax,
}


def get(loss: str | Callable) -> tuple[str, Callable]:
    """Resolve a loss name (any case) or a callable ``loss(pred, target)`` to ``(name, function)``.

    Examples
    --------
    >>> from neurona.training import losses
    >>> losses.get("MSE")[0]
    'mse'
    """
    if callable(loss):
        return getattr(loss, "__name__", type(loss).__name__), loss
    if not isinstance(loss, str) or loss.lower() not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; valid names: {sorted(LOSSES)} (any case), or a callable")
    return loss.lower(), LOSSES[loss.lower()]


class OutputLoss:
    """The loss of one model output: its function, its weight, and the form its targets must take.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> loss = OutputLoss("mse")
    >>> y = loss.prepare_targets(np.array([1.0, 2.0]), (None, 1), "fit")
    >>> y.shape, loss(nr.tensor([[1.0], [2.0]]), y).item()
    ((2, 1), 0.0)
    """

    def __init__(self, loss: str | Callable, weight: float = 1.0) -> None:
        self.name, self.fn = get(loss)
        self.weight = float(weight)
        self.named = self.name in LOSSES and self.fn is LOSSES[self.name]

    def __call__(self, y_pred: Tensor, y_true: np.ndarray) -> Tensor:
        creator = y_pred._creator
        if creator is not None and self.named:
            from_logits = FROM_LOGITS.get((self.name, type(creator)))
            if from_logits is not None and getattr(creator, "axis", -1) in (-1, y_pred.ndim - 1):
                return from_logits(y_pred, y_true)
        return self.fn(y_pred, y_true)

    def prepare_targets(self, y: np.ndarray, output_shape: tuple, method: str) -> np.ndarray:
        """Targets in the form the loss expects: integer labels for a sparse loss, else the output's shape.

        A callable's targets keep their dtype (floats become the default dtype) and get the
        output's shape where they would otherwise broadcast: ``(n,)`` against ``(n, 1)``.
        """
        rank = len(output_shape)
        if self.name == SPARSE and self.named:
            if y.ndim == rank and y.shape[-1] == 1:
                y = y.reshape(len(y))
            return check_labels(y, f"{method}: {SPARSE}")
        if y.dtype.kind not in "fiub":
            raise ValueError(f"{method}: targets for loss {self.name!r} must be numbers, got dtype {y.dtype}")
        if self.named or y.dtype.kind == "f":
            y = y.astype(backend.get_default_dtype(), copy=False)
        if y.ndim == rank - 1 and output_shape[-1] == 1:
            y = y.reshape(*y.shape, 1)
        elif y.ndim == rank + 1 and y.shape[-1] == 1:
            y = y.reshape(y.shape[:-1])
        fits = y.ndim == rank and all(want is None or want == got for want, got in zip(output_shape[1:], y.shape[1:]))
        if (self.named or y.ndim == rank) and not fits:
            raise ValueError(
                f"{method}: targets of shape {y.shape} do not match the model's output shape "
                f"{(None, *output_shape[1:])} for loss {self.name!r}"
            )
        return y
