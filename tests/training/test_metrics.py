"""Metrics against hand-computed values."""
import numpy as np
import pytest

from neurona.training import metrics


def test_precision_recall_and_accuracy_on_a_hand_example():
    y_true = np.array([[1.0], [1.0], [0.0], [0.0], [1.0]])
    y_pred = np.array([[0.9], [0.2], [0.7], [0.1], [0.6]])
    precision, recall, accuracy = metrics.Precision(), metrics.Recall(), metrics.BinaryAccuracy()
    for m in (precision, recall, accuracy):
        m.update(y_true[:3], y_pred[:3])
        m.update(y_true[3:], y_pred[3:])
    assert precision.result() == pytest.approx(2 / 3)
    assert recall.result() == pytest.approx(2 / 3)
    assert accuracy.result() == pytest.approx(3 / 5)


def test_regression_metrics():
    y_true, y_pred = np.array([[1.0], [2.0], [3.0]]), np.array([[1.5], [2.0], [1.0]])
    for cls, expected in [(metrics.MeanAbsoluteError, 2.5 / 3), (metrics.MeanSquaredError, 4.25 / 3), (metrics.RootMeanSquaredError, np.sqrt(4.25 / 3))]:
        m = cls()
        m.update(y_true, y_pred)
        assert m.result() == pytest.approx(expected)


def test_accuracy_is_resolved_from_loss_and_shapes():
    labels, onehot = np.array([1, 2]), np.eye(3)[[1, 2]]
    assert isinstance(metrics.get("accuracy", "binary_crossentropy", (None, 1), labels), metrics.BinaryAccuracy)
    assert isinstance(metrics.get("accuracy", "mse", (None, 1), labels), metrics.BinaryAccuracy)
    assert isinstance(metrics.get("accuracy", "sparse_categorical_crossentropy", (None, 3), labels), metrics.SparseCategoricalAccuracy)
    assert isinstance(metrics.get("accuracy", "categorical_crossentropy", (None, 3), onehot), metrics.CategoricalAccuracy)
    assert isinstance(metrics.get("accuracy", "mse", (None, 3), onehot), metrics.CategoricalAccuracy)
