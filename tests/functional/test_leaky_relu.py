"""leaky_relu's branchless slope mask gives exactly the slopes 1 and s, for every slope and dtype."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("slope", [0.0, 1e-7, 0.01, 0.2, 0.3, 0.4999999, 0.5, 0.7, 1.0, 1.5, 3.7, -0.3])
def test_output_and_gradient_are_x_or_slope_times_x_exactly(dtype, slope):
    x = np.random.default_rng(0).standard_normal(4096).astype(dtype)
    x[:4] = [0.0, -0.0, np.nan, 1e-30]
    t = nr.tensor(x, requires_grad=True, dtype=dtype)
    out = F.leaky_relu(t, slope)
    out.backward(np.ones_like(x))
    s = dtype(slope)
    np.testing.assert_array_equal(out.numpy(), np.where(x > 0, x, x * s))  # NaN stays NaN
    np.testing.assert_array_equal(t.grad, np.where(x > 0, dtype(1), s))
    assert out.dtype == dtype and t.grad.dtype == dtype
