"""``embedding``'s scatter-add gradient: the compiled loop and the NumPy rounds both equal ``np.add.at``."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F


@pytest.mark.parametrize("id_dtype", [np.int64, np.int32, np.uint16])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradient_is_np_add_at(compiled, id_dtype, dtype):
    rng = np.random.default_rng(0)
    ids = rng.integers(0, 40, size=(6, 50)).astype(id_dtype)
    ids[0, :30] = 7  # one id far more often than the NumPy path's rounds
    weights = nr.tensor(rng.standard_normal((40, 3, 2)), requires_grad=True, dtype=dtype)
    out = F.embedding(ids, weights)
    grad = rng.standard_normal(out.shape).astype(dtype)
    out.backward(nr.tensor(grad, dtype=dtype))
    expected = np.zeros((40, 6), dtype)
    np.add.at(expected, ids.reshape(-1).astype(np.int64), grad.reshape(-1, 6))
    assert weights.grad.dtype == dtype and weights.grad.shape == (40, 3, 2)
    np.testing.assert_allclose(weights.grad.reshape(40, 6), expected, rtol=1e-5, atol=1e-6)
    assert not weights.grad[np.setdiff1d(np.arange(40), ids)].any()


def test_a_non_contiguous_gradient_is_read_right(compiled):
    ids = np.array([[0, 2, 0], [1, 1, 2]])
    weights = nr.tensor(np.zeros((3, 4)), requires_grad=True)
    out = F.embedding(ids, weights)
    grad = np.arange(24, dtype=np.float32).reshape(4, 3, 2).transpose(2, 1, 0)  # (2, 3, 4), strided
    out.backward(nr.tensor(grad))
    expected = np.zeros((3, 4), np.float32)
    np.add.at(expected, ids.reshape(-1), grad.reshape(-1, 4))
    np.testing.assert_array_equal(weights.grad, expected)


def test_ids_changed_in_place_after_the_forward_pass_do_not_move_the_gradient(compiled):
    ids = np.array([[0, 1], [1, 2]])
    w = nr.tensor(np.ones((3, 2)), requires_grad=True)
    out = F.embedding(ids, w)
    ids[:] = 7  # the caller reuses its batch buffer (out of range, even) before backward
    out.sum().backward()
    np.testing.assert_array_equal(w.grad, [[1, 1], [2, 2], [1, 1]])


def test_float16_weights_take_the_numpy_path(compiled):
    """numba compiles no float16 arithmetic: the compiled scatter is for float32 and float64 only."""
    weights = nr.tensor(np.ones((5, 3), np.float16), requires_grad=True, dtype=np.float16)
    F.sum(F.embedding(np.array([[1, 2, 1]]), weights)).backward()
    assert weights.grad.dtype == np.float16
    np.testing.assert_array_equal(weights.grad[:, 0], [0, 2, 1, 0, 0])
