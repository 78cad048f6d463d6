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


def test_parameters_made_one_after_another_are_contiguous():
    a, b = Parameter(np.ones((2, 3))), Parameter(np.zeros(4))
    assert a.data.base is b.data.base
    assert b.data.__array_interface__["data"][0] == a.data.__array_interface__["data"][0] + a.data.nbytes
    c = Parameter([1.0], dtype="float64")                     # another dtype, another block
    assert c.data.base is not a.data.base and c.dtype == np.float64


def test_a_parameter_larger_than_a_block_gets_its_own():
    from neurona.nn import arena
    big = Parameter(np.ones(arena.BLOCK_BYTES // 4 + 1))
    assert big.data.base.size == big.size
    np.testing.assert_array_equal(big.data, 1.0)


def test_assigning_an_array_of_the_same_shape_and_dtype_copies_into_the_storage():
    p = Parameter([[1.0, 2.0]])
    handle, version = p.data, p.version
    new = np.array([[5.0, 6.0]], np.float32)
    p.data = new
    assert p.data is handle and not np.shares_memory(handle, new)
    np.testing.assert_array_equal(handle, [[5.0, 6.0]])
    assert p.version == version + 1
    p.data = [[7, 8]]                                          # not an array: takes the parameter's dtype
    assert p.data is handle and handle.dtype == np.float32
    np.testing.assert_array_equal(handle, [[7.0, 8.0]])
    p.data = p.data[:, ::-1]                                   # overlapping the storage
    np.testing.assert_array_equal(handle, [[8.0, 7.0]])
    p.data *= 2                                                # augmented assignment: in place
    np.testing.assert_array_equal(handle, [[16.0, 14.0]])
    assert p.version == version + 4


def test_assigning_another_shape_or_dtype_replaces_the_storage():
    p = Parameter([1.0, 2.0])
    wider, doubled = np.zeros(3, np.float32), np.zeros(2, np.float64)
    p.data = wider
    assert p.data is wider
    p.data = doubled
    assert p.data is doubled and p.dtype == np.float64
    with pytest.raises(TypeError, match=r"Parameter: .data must be floating, got an array of dtype int64 \(the parameter is float64 \(2,\)\)"):
        p.data = np.zeros(2, np.int64)
