"""Bad input gets a clear error that names the op and the shapes or values."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F


def test_matmul_names_both_shapes():
    with pytest.raises(nr.ShapeError, match=r"matmul.*\(3, 4\).*\(5, 2\)"):
        nr.tensor(np.ones((3, 4))) @ nr.tensor(np.ones((5, 2)))


def test_add_names_the_op_and_both_shapes():
    with pytest.raises(nr.ShapeError, match=r"Add.*\(3, 4\).*\(5,\)"):
        nr.tensor(np.ones((3, 4))) + nr.tensor(np.ones(5))


def test_linear_names_the_feature_counts():
    with pytest.raises(nr.ShapeError, match=r"linear.*\(2, 5\).*5 features.*\(4, 3\)"):
        F.linear(nr.tensor(np.ones((2, 5))), nr.tensor(np.ones((4, 3))))


@pytest.mark.parametrize("loss", [F.mse, F.mae, F.huber, F.binary_cross_entropy, F.binary_cross_entropy_with_logits, F.kl_divergence])
def test_losses_refuse_prediction_and_target_of_different_shapes(loss):
    with pytest.raises(nr.ShapeError, match=rf"{loss.__name__}.*\(4, 1\).*\(4,\)"):
        loss(nr.tensor(np.full((4, 1), 0.5)), np.full(4, 0.5))


def test_cross_entropy_labels_out_of_range_name_the_label_and_class_count():
    logits = nr.tensor(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="label 7 is out of range for 4 classes"):
        F.cross_entropy(logits, np.array([0, 7, 1]))
    with pytest.raises(ValueError, match="label -1 is out of range for 4 classes"):
        F.cross_entropy(logits, np.array([0, -1, 1]))


def test_cross_entropy_labels_of_the_wrong_shape():
    with pytest.raises(nr.ShapeError, match=r"labels of shape \(2,\).*logits of shape \(3, 4\)"):
        F.cross_entropy(nr.tensor(np.zeros((3, 4))), np.array([0, 1]))


def test_unknown_reduction():
    with pytest.raises(ValueError, match="reduction must be one of"):
        F.mse(nr.tensor([1.0]), nr.tensor([1.0]), reduction="avg")


def test_dropout_rate_out_of_range():
    with pytest.raises(ValueError, match="rate must be in"):
        F.dropout(nr.tensor([1.0]), 1.0)
