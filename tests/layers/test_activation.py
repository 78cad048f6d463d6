"""Activation layers: each applies its function and exposes it; PReLU learns its slopes."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import ELU, Activation, LeakyReLU, PReLU, ReLU, Sigmoid, Softmax, Tanh

from .harness import check_layer_gradients

X = np.array([[-2.0, -0.5, 0.5, 3.0]])


@pytest.mark.parametrize(
    "layer, fn",
    [
        (Activation("selu"), F.selu),
        (ReLU(), F.relu),
        (Sigmoid(), F.sigmoid),
        (Tanh(), F.tanh),
        (Softmax(), F.softmax),
        (ELU(), F.elu),
    ],
    ids=lambda v: type(v).__name__,
)
def test_plain_activation_layers_expose_the_registry_function(layer, fn):
    assert layer.activation is fn
    np.testing.assert_array_equal(layer(nr.tensor(X)).numpy(), fn(nr.tensor(X)).numpy())


def test_leaky_relu_defaults_to_keras_slope():
    layer = LeakyReLU()
    assert layer.negative_slope == 0.3 and layer.get_config()["negative_slope"] == 0.3
    np.testing.assert_allclose(layer(nr.tensor(X)).numpy(), [[-0.6, -0.15, 0.5, 3.0]], rtol=1e-6)
    np.testing.assert_array_equal(layer.activation(nr.tensor(X)).numpy(), layer(nr.tensor(X)).numpy())


def test_leaky_relu_takes_keras_3_negative_slope_and_still_reads_alpha():
    np.testing.assert_allclose(LeakyReLU(negative_slope=0.5)(nr.tensor([[-2.0]])).numpy(), [[-1.0]])
    with pytest.warns(DeprecationWarning, match="negative_slope"):
        assert LeakyReLU(alpha=0.2).negative_slope == 0.2
    with pytest.raises(ValueError, match="leaky: negative_slope must be a non-negative number, got -1"):
        LeakyReLU(negative_slope=-1, name="leaky")


def test_options_bind_into_the_activation():
    np.testing.assert_allclose(ELU(alpha=2.0).activation(nr.tensor([-1.0])).numpy(), [2 * np.expm1(-1)], rtol=1e-6)
    out = Softmax(axis=0)(nr.tensor(np.ones((2, 3))))
    np.testing.assert_allclose(out.numpy(), 0.5)


def test_prelu_starts_as_relu_and_has_one_slope_per_feature():
    layer = PReLU()
    out = layer(nr.tensor(np.tile(X, (3, 1))))
    assert layer.alpha.shape == (4,)
    np.testing.assert_array_equal(out.numpy(), np.maximum(np.tile(X, (3, 1)), 0))


def test_prelu_gradcheck_input_and_alpha():
    rng = np.random.default_rng(0)
    x = rng.choice([-1.0, 1.0], size=(4, 3)) * rng.uniform(0.2, 2.0, size=(4, 3))
    check_layer_gradients(PReLU(alpha_initializer="random_uniform", dtype="float64"), x)
