"""Parameter: a floating tensor that always requires grad."""
import numpy as np
import pytest

import neurona as nr
from neurona.nn import Parameter


def test_defaults_to_float32_and_requires_grad():
    p = Parameter([[1, 2], [3, 4]])
    assert isinstance(p, nr.Tensor) and p.dtype == np.float32 and p.requires_grad and p.is_leaf


def test_copies_its_data_and_keeps_a_requested_float_dtype():
    data = np.ones(3)
    p = Parameter(data, dtype="float64")
    data[0] = 5.0
    assert p.dtype == np.float64 and p.data[0] == 1.0


def test_follows_the_default_dtype():
    nr.set_default_dtype("float64")
    try:
        assert Parameter([1.0]).dtype == np.float64
    finally:
        nr.set_default_dtype("float32")


def test_rejects_integer_dtypes():
    with pytest.raises(TypeError, match="must be floating, got int64"):
        Parameter([1], dtype="int64")


def test_operations_give_plain_tensors_and_gradients_reach_the_parameter():
    p = Parameter([1.0, 2.0])
    out = (p * p).sum()
    assert type(out) is nr.Tensor
    out.backward()
    np.testing.assert_array_equal(p.grad, [2.0, 4.0])
    assert repr(p).startswith("Parameter containing:\ntensor(")
