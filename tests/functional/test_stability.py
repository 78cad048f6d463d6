"""Extreme inputs: finite and correct results in float32 and float64."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F

EXTREME = [-1e4, -50.0, 0.0, 50.0, 1e4]


@pytest.fixture(params=["float32", "float64"])
def dtype(request):
    return request.param


def _x(dtype, requires_grad=True):
    return nr.tensor(EXTREME, dtype=dtype, requires_grad=requires_grad)


def _finite_with_finite_grad(out, x):
    assert np.all(np.isfinite(out.numpy()))
    out.sum().backward() if out.size > 1 else out.backward()
    assert np.all(np.isfinite(x.grad))


def test_sigmoid(dtype):
    x = _x(dtype)
    out = F.sigmoid(x)
    np.testing.assert_allclose(out.numpy(), [0.0, 0.0, 0.5, 1.0, 1.0], atol=1e-7)
    _finite_with_finite_grad(out, x)


def test_softplus(dtype):
    x = _x(dtype)
    out = F.softplus(x)
    np.testing.assert_allclose(out.numpy(), [0.0, 0.0, np.log(2), 50.0, 1e4], rtol=1e-6, atol=1e-7)
    _finite_with_finite_grad(out, x)


def test_softmax_and_log_softmax(dtype):
    x = _x(dtype)
    out = F.softmax(x)
    np.testing.assert_allclose(out.numpy(), [0, 0, 0, 0, 1], atol=1e-7)
    _finite_with_finite_grad(out * nr.tensor([1.0, 2, 3, 4, 5], dtype=dtype), x)
    x = _x(dtype)
    log_p = F.log_softmax(x)
    np.testing.assert_allclose(log_p.numpy(), [-2e4, -1e4 - 50, -1e4, -1e4 + 50, 0.0], rtol=1e-6)
    _finite_with_finite_grad(log_p, x)


def test_cross_entropy_from_logits(dtype):
    x = nr.tensor([EXTREME, EXTREME], dtype=dtype, requires_grad=True)
    loss = F.cross_entropy(x, np.array([4, 0]), reduction="none")
    np.testing.assert_allclose(loss.numpy(), [0.0, 2e4], rtol=1e-6)
    _finite_with_finite_grad(loss, x)


def test_binary_cross_entropy_with_logits(dtype):
    x = _x(dtype)
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0], dtype=dtype)
    loss = F.binary_cross_entropy_with_logits(x, y, reduction="none")
    np.testing.assert_allclose(loss.numpy(), [1e4, 0.0, np.log(2), 0.0, 1e4], rtol=1e-6, atol=1e-7)
    _finite_with_finite_grad(loss, x)


def test_binary_cross_entropy_on_exact_zero_and_one_probabilities(dtype):
    p = nr.tensor([0.0, 1.0, 0.0, 1.0], dtype=dtype, requires_grad=True)
    y = np.array([0.0, 1.0, 1.0, 0.0], dtype=dtype)
    loss = F.binary_cross_entropy(p, y, reduction="none")
    values = loss.numpy()
    assert np.all(np.isfinite(values))
    assert values[0] < 1e-6 and values[1] < 1e-6
    assert values[2] > 10 and values[3] > 10  # a confident wrong answer costs, it is not rounded to 0
    _finite_with_finite_grad(loss, p)


def test_a_fixed_1e9_epsilon_would_round_away_in_float32():
    assert np.float32(1.0) - np.float32(1e-9) == np.float32(1.0)
    assert np.float32(1.0) - np.finfo(np.float32).eps < 1.0


def test_logsumexp(dtype):
    x = _x(dtype)
    out = F.logsumexp(x)
    assert out.item() == pytest.approx(1e4)
    _finite_with_finite_grad(out, x)
