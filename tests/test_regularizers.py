"""Regularizers: penalty values and gradients, names, configs."""
import json

import numpy as np
import pytest

import neurona as nr
from neurona import regularizers
from neurona.regularizers import L1, L1L2, L2

W = np.array([[1.0, -2.0], [0.5, 0.0]])


@pytest.mark.parametrize(
    "reg, value, grad",
    [
        (L1(0.1), 0.1 * 3.5, 0.1 * np.sign(W)),
        (L2(0.1), 0.1 * 5.25, 0.2 * W),
        (L1L2(l1=0.1, l2=0.2), 0.1 * 3.5 + 0.2 * 5.25, 0.1 * np.sign(W) + 0.4 * W),
    ],
    ids=repr,
)
def test_penalty_and_its_gradient(reg, value, grad):
    w = nr.tensor(W, requires_grad=True, dtype="float64")
    penalty = reg(w)
    assert penalty.shape == () and penalty.item() == pytest.approx(value)
    penalty.backward()
    np.testing.assert_allclose(w.grad, grad)


def test_defaults_follow_keras():
    assert (L1().l1, L2().l2, L1L2().l1, L1L2().l2) == (0.01, 0.01, 0.0, 0.0)


def test_names_resolve_with_keras_strength():
    assert repr(regularizers.get("l1")) == "L1(l1=0.01)"
    assert repr(regularizers.get("l2")) == "L2(l2=0.01)"
    assert repr(regularizers.get("l1_l2")) == "L1L2(l1=0.01, l2=0.01)"
    assert regularizers.get(None) is None
    reg = L2(0.5)
    assert regularizers.get(reg) is reg


@pytest.mark.parametrize("reg", [L1(0.3), L2(0.2), L1L2(0.1, 0.4)], ids=repr)
def test_serialize_round_trips_through_json(reg):
    clone = regularizers.get(json.loads(json.dumps(regularizers.serialize(reg))))
    assert type(clone) is type(reg) and clone.get_config() == reg.get_config()


def test_unknown_names_are_clear():
    with pytest.raises(ValueError, match="unknown regularizer 'l3'; valid names: l1, l2, L1L2, kl_sparsity, KLSparsity, l1_l2"):
        regularizers.get("l3")
    with pytest.raises(ValueError, match="unknown regularizer 'Evil'.*register_serializable"):
        regularizers.get({"class_name": "Evil"})
    with pytest.raises(ValueError, match="regularizer 'L2' cannot be built from config"):
        regularizers.get({"class_name": "L2", "config": {"l3": 1}})
    with pytest.raises(TypeError, match="a regularizer is a name"):
        regularizers.get(3)
