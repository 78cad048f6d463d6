"""The last-axis maximum and sum of softmax and its losses equal NumPy's reductions, NaN and inf included."""
import numpy as np
import pytest

from neurona.functional._rows import row_max, row_sum

SHAPES = [(150, 3), (32, 10), (2, 5, 7), (4, 1), (3, 33), (1, 6), (6,), (0, 4), (5, 0)]


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_equal_to_numpy(shape, dtype):
    x = np.random.default_rng(0).standard_normal(shape).astype(dtype)
    expected_max = np.max(x, axis=-1, keepdims=True, initial=-np.inf)
    np.testing.assert_array_equal(row_max(x), expected_max)
    assert row_max(x).dtype == dtype
    tol = {np.float16: 1e-2, np.float32: 1e-6, np.float64: 1e-12}[dtype]
    np.testing.assert_allclose(row_sum(x), x.sum(axis=-1, keepdims=True), rtol=tol, atol=tol)
    assert row_sum(x).dtype == dtype and row_sum(x).shape == shape[:-1] + (1,)


def test_nan_and_inf_propagate():
    x = np.array([[1.0, np.nan, 2.0], [np.inf, 0.0, 1.0], [-np.inf, -np.inf, -np.inf], [1.0, -np.inf, np.inf]], np.float32)
    np.testing.assert_array_equal(row_max(x), np.max(x, axis=-1, keepdims=True))
    with np.errstate(invalid="ignore"):  # inf − inf in both
        np.testing.assert_array_equal(row_sum(x), x.sum(axis=-1, keepdims=True))


def test_views_are_not_changed():
    base = np.arange(40, dtype=np.float32).reshape(8, 5)
    view = base[::2, 1:4]
    np.testing.assert_array_equal(row_max(view), view.max(axis=-1, keepdims=True))
    np.testing.assert_array_equal(row_sum(view), view.sum(axis=-1, keepdims=True))
    np.testing.assert_array_equal(base, np.arange(40, dtype=np.float32).reshape(8, 5))
