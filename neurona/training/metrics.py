"""Metrics: stateful accumulators over an epoch (``reset``, ``update``, ``result``).

``'accuracy'`` is resolved as in Keras, from the loss and the shapes: binary for a
binary crossentropy or a single output, sparse for integer labels, categorical
otherwise. Metrics see predicted probabilities (or values) as NumPy arrays.
"""
from __future__ import annotations

import numpy as np


class Metric:
    """Base class: a named running value over the batches of an epoch."""

    name = "metric"

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.total = 0.0
        self.count = 0

    def update(self, y_true: np.ndarray, y_pred: np.ndarray) -> None:
        self.total += float(self.batch_sum(y_true, y_pred))
        self.count += len(y_true)

    def batch_sum(self, y_true: np.ndarray, y_pred: np.ndarray) -> float:
        raise NotImplementedError

    def result(self) -> float:
        return self.total / self.count if self.count else 0.0


class BinaryAccuracy(Metric):
    """Share of predictions on the right side of 0.5 (averaged over outputs)."""

    name = "accuracy"

    def batch_sum(self, y_true, y_pred):
        hits = (y_pred > 0.5) == (y_true > 0.5)
        return hits.reshape(len(hits), -1).mean(axis=1).sum()


class CategoricalAccuracy(Metric):
    """Share of samples whose largest output is the one-hot target's class."""

    name = "accuracy"

    def batch_sum(self, y_true, y_pred):
        return np.count_nonzero(y_pred.argmax(axis=-1) == y_true.argmax(axis=-1))


class SparseCategoricalAccuracy(Metric):
    """Share of samples whose largest output is the integer label."""

    name = "accuracy"

    def batch_sum(self, y_true, y_pred):
        return np.count_nonzero(y_pred.argmax(axis=-1) == y_true.reshape(len(y_true)))


class MeanAbsoluteError(Metric):
    name = "mae"

    def batch_sum(self, y_true, y_pred):
        return np.abs(y_pred - y_true).reshape(len(y_true), -1).mean(axis=1).sum()


class MeanSquaredError(Metric):
    name = "mse"

    def batch_sum(self, y_true, y_pred):
        return np.square(y_pred - y_true).reshape(len(y_true), -1).mean(axis=1).sum()


class RootMeanSquaredError(MeanSquaredError):
    name = "rmse"

    def result(self) -> float:
        return float(np.sqrt(super().result()))


class _Confusion(Metric):
    """Counts of true and false positives over thresholded (at 0.5) binary outputs."""

    def reset(self) -> None:
        self.true_positives = self.false_positives = self.false_negatives = 0

    def update(self, y_true, y_pred) -> None:
        predicted, actual = y_pred > 0.5, y_true > 0.5
        self.true_positives += int(np.count_nonzero(predicted & actual))
        self.false_positives += int(np.count_nonzero(predicted & ~actual))
        self.false_negatives += int(np.count_nonzero(~predicted & actual))


class Precision(_Confusion):
    """TP / (TP + FP) of thresholded outputs."""

    name = "precision"

    def result(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0


class Recall(_Confusion):
    """TP / (TP + FN) of thresholded outputs."""

    name = "recall"

    def result(self) -> float:
        relevant = self.true_positives + self.false_negatives
        return self.true_positives / relevant if relevant else 0.0


METRICS = {
    "mae": MeanAbsoluteError,
    "mse": MeanSquaredError,
    "rmse": RootMeanSquaredError,
    "precision": Precision,
    "recall": Recall,
    "binary_accuracy": BinaryAccuracy,
    "categorical_accuracy": CategoricalAccuracy,
    "sparse_categorical_accuracy": SparseCategoricalAccuracy,
}


def check(metric) -> str | Metric:
    """Validate a metric name (any case) or instance at ``compile``; return the lower-case name or the instance.

    Examples
    --------
    >>> check("Accuracy")
    'accuracy'
    """
    if isinstance(metric, Metric):
        return metric
    if not isinstance(metric, str) or metric.lower() not in ("accuracy", "acc", *METRICS):
        raise ValueError(f"unknown metric {metric!r}; valid names: {sorted(['accuracy', *METRICS])} (any case), or a Metric")
    return metric.lower()


def get(metric, loss_name: str, output_shape: tuple, y: np.ndarray) -> Metric:
    """Resolve a metric name (any case) or instance; ``'accuracy'`` depends on the loss and shapes.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.training import metrics
    >>> type(metrics.get("accuracy", "sparse_categorical_crossentropy", (None, 10), np.array([3]))).__name__
    'SparseCategoricalAccuracy'
    """
    metric = check(metric)
    if isinstance(metric, Metric):
        return metric
    if metric in ("accuracy", "acc"):
        if loss_name == "binary_crossentropy" or output_shape[-1] == 1:
            return BinaryAccuracy()
        if y.dtype.kind in "iu" and y.ndim < len(output_shape):
            return SparseCategoricalAccuracy()
        return CategoricalAccuracy()
    return METRICS[metric]()
