"""The one-pass check for NaN and inf in fit's data, and its exact fallback."""
import numpy as np
import pytest

from neurona.training.data_adapter import first_non_finite


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_the_first_bad_row_is_found(dtype, bad):
    x = np.ones((50, 3, 4), dtype)
    x[37, 2, 1] = bad
    x[41, 0, 0] = bad
    assert first_non_finite(x) == 37


def test_finite_values_whose_squares_overflow_are_not_refused():
    x = np.full((10, 3), 1e30, np.float32)
    with np.errstate(over="ignore"):
        assert not np.isfinite(np.dot(x.ravel(), x.ravel()))
    assert first_non_finite(x) is None


@pytest.mark.parametrize("make", [lambda x: x[:, ::2], lambda x: x.T, lambda x: x[::3]])
def test_non_contiguous_arrays_are_checked_too(make):
    x = np.ones((12, 12), np.float32)
    x[9, 8] = np.nan
    view = make(x)
    expected = int(np.argmin(np.isfinite(view).all(axis=1)))
    assert first_non_finite(view) == expected
    assert first_non_finite(make(np.ones((12, 12), np.float32))) is None


def test_a_one_dimensional_array_is_one_value_per_row():
    assert first_non_finite(np.array([0.0, 1.0, np.nan])) == 2
    assert first_non_finite(np.zeros(5)) is None
