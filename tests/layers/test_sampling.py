"""Sampling: z = mean + exp(log_var / 2) * eps with eps from the seeded generator; the mean in evaluation."""
import numpy as np
import pytest

import neurona as nr
from neurona.function import ShapeError
from neurona.layers import Sampling


def pair(n=4, d=3, seed=0, dtype="float32"):
    rng = np.random.default_rng(seed)
    return (nr.tensor(rng.standard_normal((n, d)), requires_grad=True, dtype=dtype),
            nr.tensor(rng.standard_normal((n, d)), requires_grad=True, dtype=dtype))


def test_draws_follow_the_gaussian_of_mean_and_log_var():
    nr.random.seed(0)
    n = 20_000
    mean = nr.tensor(np.tile([1.0, -2.0], (n, 1)))
    log_var = nr.tensor(np.tile(np.log([4.0, 0.25]), (n, 1)))
    z = Sampling()([mean, log_var]).numpy()
    assert np.all(np.abs(z.mean(axis=0) - [1.0, -2.0]) < 4 * np.array([2.0, 0.5]) / np.sqrt(n))
    np.testing.assert_allclose(z.std(axis=0), [2.0, 0.5], rtol=0.03)


def test_eps_is_the_seeded_generators_standard_normal_in_the_inputs_dtype():
    for dtype in ("float32", "float64"):
        mean, log_var = pair(dtype=dtype)
        nr.random.seed(7)
        z = Sampling()([mean, log_var])
        eps = np.random.default_rng(7).standard_normal((4, 3), dtype=np.dtype(dtype))
        assert z.dtype == np.dtype(dtype)
        np.testing.assert_allclose(z.numpy(), mean.numpy() + np.exp(0.5 * log_var.numpy()) * eps, rtol=1e-6)


def test_gradients_reach_mean_and_log_var_through_z():
    mean, log_var = pair()
    nr.random.seed(3)
    z = Sampling()([mean, log_var])
    z.sum().backward()
    np.testing.assert_array_equal(mean.grad, np.ones((4, 3)))
    np.testing.assert_allclose(log_var.grad, 0.5 * (z.numpy() - mean.numpy()), rtol=1e-5, atol=1e-7)

    def reseeded(m, v):
        nr.random.seed(3)  # the same eps at every evaluation of the central differences
        return Sampling().draw(m, v)

    assert nr.gradcheck(reseeded, mean.numpy().astype(np.float64), log_var.numpy().astype(np.float64))


def test_evaluation_returns_the_mean_and_draw_always_samples():
    mean, log_var = pair()
    layer = Sampling().eval()
    assert layer([mean, log_var]) is mean
    assert not np.allclose(layer.draw(mean, log_var).numpy(), mean.numpy())
    assert layer.train()([mean, log_var]) is not mean


def test_bad_inputs_are_named():
    mean, log_var = pair()
    layer = Sampling(name="z")
    with pytest.raises(ValueError, match=r"z: expected \[mean, log_var\], got Tensor"):
        layer(mean)
    with pytest.raises(ValueError, match="z: expected .*got list of length 3"):
        layer([mean, log_var, mean])
    with pytest.raises(ShapeError, match=r"z: mean of shape \(4, 3\) and log_var of shape \(4, 2\) differ"):
        layer([mean, log_var[:, :2]])
    with pytest.raises(ShapeError, match="differ"):
        layer.compute_output_shape([(None, 3), (None, 2)])
    assert layer.compute_output_shape([(None, 3), (None, 3)]) == (None, 3)
