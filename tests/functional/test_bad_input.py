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


AXIS_OPS = [
    ("sum", lambda x: F.sum(x, axis=5)),
    ("mean", lambda x: F.mean(x, axis=(0, 5))),
    ("max", lambda x: F.max(x, axis=-6)),
    ("min", lambda x: F.min(x, axis=4)),
    ("var", lambda x: F.var(x, axis=7)),
    ("std", lambda x: F.std(x, axis=7)),
    ("logsumexp", lambda x: F.logsumexp(x, axis=5)),
    ("softmax", lambda x: F.softmax(x, axis=5)),
    ("log_softmax", lambda x: F.log_softmax(x, axis=-5)),
    ("transpose", lambda x: F.transpose(x, (0, 1, 2, 5))),
    ("squeeze", lambda x: F.squeeze(x, 5)),
    ("unsqueeze", lambda x: F.unsqueeze(x, 6)),
    ("concatenate", lambda x: F.concatenate([x, x], axis=5)),
    ("stack", lambda x: F.stack([x, x], axis=6)),
    ("split", lambda x: F.split(x, 2, axis=5)),
    ("flatten", lambda x: F.flatten(x, 5)),
    ("maxout", lambda x: F.maxout(x, 2, axis=5)),
]


@pytest.mark.parametrize("name, op", AXIS_OPS, ids=[n for n, _ in AXIS_OPS])
def test_an_out_of_range_axis_raises_axis_error_naming_the_op(name, op):
    x = nr.tensor(np.ones((2, 2, 2, 2)), requires_grad=True)
    with pytest.raises(np.exceptions.AxisError, match=rf"{name}: axis -?\d is out of bounds for array of dimension \d"):
        op(x)


def test_a_0d_tensor_accepts_axis_0_and_minus_1_only():
    x = nr.tensor(3.0)
    assert F.sum(x, axis=0).item() == 3.0 and F.mean(x, axis=-1, keepdims=True).shape == ()
    with pytest.raises(np.exceptions.AxisError, match="sum: axis 1 is out of bounds for array of dimension 0"):
        F.sum(x, axis=1)


def test_transpose_axes_must_be_a_permutation():
    with pytest.raises(ValueError, match=r"transpose: axes \(0,\) are not a permutation of the 2 axes"):
        F.transpose(nr.tensor(np.ones((2, 3))), (0,))


def test_flatten_start_after_end():
    with pytest.raises(ValueError, match="flatten: start_axis 2 comes after end_axis 1"):
        F.flatten(nr.tensor(np.ones((2, 3, 4))), 2, 1)


def test_clip_without_bounds_raises_as_pytorch_does():
    with pytest.raises(ValueError, match="clip: at least one of low and high"):
        F.clip(nr.tensor([1.0]), None, None)
