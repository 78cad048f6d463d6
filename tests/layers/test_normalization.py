"""BatchNormalization: batch statistics in training, running ones in evaluation; gradients; torch parity."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import BatchNormalization

from .harness import check_layer_gradients

RANDOM = {"class_name": "RandomNormal", "config": {"mean": 1.0, "stddev": 0.5}}


def _x(shape=(8, 3), seed=0):
    return np.random.default_rng(seed).standard_normal(shape) * 2.0 + 1.0


def test_training_normalizes_with_batch_statistics_and_moves_the_running_ones():
    x = _x()
    layer = BatchNormalization(momentum=0.9, dtype="float64")
    out = layer(nr.tensor(x, dtype="float64")).numpy()
    expected = (x - x.mean(0)) / np.sqrt(x.var(0) + 1e-3)
    np.testing.assert_allclose(out, expected, rtol=1e-12)
    np.testing.assert_allclose(layer.moving_mean, 0.1 * x.mean(0), rtol=1e-12)
    np.testing.assert_allclose(layer.moving_variance, 0.9 + 0.1 * x.var(0), rtol=1e-12)


def test_evaluation_uses_the_running_statistics_and_differs_from_training():
    x = nr.tensor(_x())
    layer = BatchNormalization()
    train_out = layer(x).numpy()
    mean, var = layer.moving_mean.copy(), layer.moving_variance.copy()
    eval_out = layer.eval()(x).numpy()
    np.testing.assert_allclose(eval_out, (x.numpy() - mean) / np.sqrt(var + 1e-3), rtol=1e-5)
    assert not np.allclose(train_out, eval_out)
    np.testing.assert_array_equal(layer.moving_mean, mean)


def test_center_and_scale_can_be_switched_off():
    layer = BatchNormalization(center=False, scale=False)
    layer(nr.tensor(_x()))
    assert layer.parameters() == [] and sorted(layer.state_dict()) == ["moving_mean", "moving_variance"]


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("shape", [(6, 3), (3, 2, 4)])
def test_gradcheck_input_and_parameters(training, shape):
    layer = BatchNormalization(gamma_initializer=RANDOM, beta_initializer=RANDOM, dtype="float64")
    layer(nr.tensor(_x(shape, 1), dtype="float64"))
    layer.train(training)
    check_layer_gradients(layer, _x(shape))


def _torch_case(torch, training):
    x = _x((10, 4))
    layer = BatchNormalization(gamma_initializer=RANDOM, beta_initializer=RANDOM, dtype="float64")
    layer.build((None, 4))
    layer.moving_mean[...] = np.linspace(-1, 1, 4)
    layer.moving_variance[...] = np.linspace(0.5, 2, 4)
    layer.train(training)
    ours = nr.tensor(x, requires_grad=True, dtype="float64")
    theirs = torch.tensor(x, requires_grad=True)
    weight = torch.tensor(layer.gamma.data, requires_grad=True)
    bias = torch.tensor(layer.beta.data, requires_grad=True)
    running_mean = torch.tensor(layer.moving_mean.copy())
    running_var = torch.tensor(layer.moving_variance.copy())
    out = layer(ours)
    expected = torch.nn.functional.batch_norm(
        theirs, running_mean, running_var, weight, bias, training=training, momentum=1 - 0.99, eps=1e-3
    )
    np.testing.assert_allclose(out.numpy(), expected.detach().numpy(), rtol=1e-10, atol=1e-12)
    grad = np.random.default_rng(3).standard_normal(out.shape)
    out.backward(grad)
    expected.backward(torch.tensor(grad))
    for mine, reference in [(ours, theirs), (layer.gamma, weight), (layer.beta, bias)]:
        np.testing.assert_allclose(mine.grad, reference.grad.numpy(), rtol=1e-9, atol=1e-12)
    return layer, x, running_mean.numpy(), running_var.numpy()


def test_training_matches_torch():
    torch = pytest.importorskip("torch")
    layer, x, running_mean, running_var = _torch_case(torch, training=True)
    np.testing.assert_allclose(layer.moving_mean, running_mean, rtol=1e-12)
    n = len(x)
    # torch keeps the unbiased batch variance; Keras and neurona the biased one
    kept = 0.99 * np.linspace(0.5, 2, 4)
    np.testing.assert_allclose(layer.moving_variance, kept + (running_var - kept) * (n - 1) / n, rtol=1e-12)


def test_evaluation_matches_torch():
    torch = pytest.importorskip("torch")
    _torch_case(torch, training=False)
