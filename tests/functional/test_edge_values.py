"""Values at the edges (0-d, ties, the derivative at 0, NaN), each as PyTorch defines it.

The op table compares these with torch where it is installed; the tests here need no torch.
"""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F


def _grads(fn, *values):
    tensors = [nr.tensor(v, requires_grad=True, dtype="float64") for v in values]
    out = fn(*tensors)
    out.backward(np.ones(out.shape))
    return [t.grad for t in tensors]


def test_tanh_and_sigmoid_backward_on_a_0d_tensor():
    (g,) = _grads(F.tanh, 0.5)
    assert g == pytest.approx(1 - np.tanh(0.5) ** 2)
    (g,) = _grads(F.sigmoid, 0.0)
    assert g == pytest.approx(0.25)


def test_1d_at_1d_matmul_is_a_dot_product_with_gradients():
    ga, gb = _grads(F.matmul, [1.0, 2.0], [3.0, 4.0])
    np.testing.assert_array_equal(ga, [3.0, 4.0])
    np.testing.assert_array_equal(gb, [1.0, 2.0])


def test_0d_tensors_flatten_to_1d_and_reduce_over_axis_0_or_minus_1():
    x = nr.tensor(2.0, requires_grad=True)
    assert F.flatten(x).shape == (1,)
    for op in (F.sum, F.mean, F.logsumexp, F.max, F.min):
        assert op(x, axis=0).shape == () and op(x, axis=-1).item() == pytest.approx(2.0)
    assert F.softmax(x).item() == 1.0
    F.logsumexp(x, axis=0).backward()
    assert x.grad == 1.0


@pytest.mark.parametrize("op, a_share", [(F.maximum, [0.5, 1.0, 0.0]), (F.minimum, [0.5, 0.0, 1.0])])
def test_maximum_and_minimum_split_a_tie_half_and_half(op, a_share):
    ga, gb = _grads(op, [1.0, 2.0, 0.0], [1.0, 0.0, 2.0])
    np.testing.assert_array_equal(ga, a_share)
    np.testing.assert_array_equal(gb, 1 - np.array(a_share))


def test_pow_edges_follow_pytorch():
    with np.errstate(all="ignore"):
        ga, gp = _grads(F.pow, [0.0, 0.0, 2.0], [0.0, -1.0, 0.0])
    np.testing.assert_array_equal(ga, [0.0, -np.inf, 0.0])  # d/dx x**0 = 0, even at x = 0
    np.testing.assert_array_equal(gp, [0.0, -np.inf, np.log(2.0)])  # d/dy 0**y = -inf for y < 0
    with np.errstate(all="ignore"):
        _, gp = _grads(F.pow, [-2.0], [2.0])
    assert np.isnan(gp[0])  # a**p log(a) with a < 0, as in PyTorch


def test_derivatives_at_zero_and_nan_follow_pytorch():
    with np.errstate(all="ignore"):
        (g,) = _grads(F.sqrt, [0.0])
        assert g[0] == np.inf
        (g,) = _grads(F.log, [0.0])
        assert g[0] == np.inf
    (g,) = _grads(F.abs, [0.0, np.nan])
    np.testing.assert_array_equal(g, [0.0, 0.0])
    (g,) = _grads(F.relu, [0.0, np.nan])
    np.testing.assert_array_equal(g, [0.0, 1.0])
    (g,) = _grads(lambda x: F.elu(x, 0.7), [0.0])
    assert g[0] == pytest.approx(0.7)
    gx, ga = _grads(F.prelu, [0.0, -1.0], [0.25])
    np.testing.assert_array_equal(gx, [0.25, 0.25])


def test_max_of_a_row_with_nan_is_nan_and_so_is_its_gradient():
    x = nr.tensor([[1.0, np.nan], [3.0, 2.0]], requires_grad=True, dtype="float64")
    out = F.max(x, axis=1)
    assert np.isnan(out.numpy()[0]) and out.numpy()[1] == 3.0
    with np.errstate(all="ignore"):
        out.sum().backward()
    assert np.isnan(x.grad[0]).all()
    np.testing.assert_array_equal(x.grad[1], [1.0, 0.0])


def test_leaky_relu_defaults_to_keras_slope_and_takes_negative_slope():
    x = nr.tensor([-1.0, 2.0])
    np.testing.assert_allclose(F.leaky_relu(x).numpy(), [-0.2, 2.0])
    np.testing.assert_allclose(F.leaky_relu(x, 0.01).numpy(), [-0.01, 2.0])
    np.testing.assert_allclose(F.leaky_relu(x, negative_slope=0.5).numpy(), [-0.5, 2.0])


def test_reductions_over_an_empty_axis_follow_pytorch():
    empty = nr.tensor(np.zeros((0, 3)), requires_grad=True)
    with np.errstate(divide="ignore"):  # log(0) of the empty sums
        assert F.softmax(empty, axis=0).shape == (0, 3) and F.log_softmax(empty, axis=0).shape == (0, 3)
        np.testing.assert_array_equal(F.logsumexp(empty, axis=0).numpy(), [-np.inf] * 3)
    with pytest.raises(ValueError, match="max: cannot reduce an axis of length 0"):
        F.max(empty, axis=0)
    assert F.max(empty, axis=1).shape == (0,)


def test_the_mean_cross_entropy_of_an_empty_batch_is_nan_as_mean_squared_error_is():
    logits = nr.tensor(np.zeros((0, 4)), requires_grad=True)
    loss = F.cross_entropy(logits, np.zeros(0, dtype=int))
    assert np.isnan(loss.item())
    loss.backward()
    assert logits.grad.shape == (0, 4)
