"""Dense: forward against NumPy, gradients through the Module API, parity with torch."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import Dense

from .harness import check_layer_gradients


def test_forward_is_activation_of_x_w_plus_b():
    layer = Dense(3, activation="tanh")
    x = np.random.default_rng(0).standard_normal((4, 5)).astype(np.float32)
    y = layer(nr.tensor(x))
    expected = np.tanh(x @ layer.kernel.data + layer.bias.data)
    np.testing.assert_allclose(y.numpy(), expected, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(layer.preactivation(nr.tensor(x)).numpy(), np.arctanh(expected), rtol=1e-4, atol=1e-5)


def test_activation_attribute_is_the_registry_function():
    assert Dense(2, activation="softmax").activation is F.softmax
    assert Dense(2).activation is F.identity


def test_default_initializers():
    layer = Dense(100)
    layer.build((None, 300))
    limit = np.sqrt(6 / 400)
    assert np.abs(layer.kernel.data).max() <= limit and layer.kernel.data.std() > limit / 3
    np.testing.assert_array_equal(layer.bias.data, 0)


def test_without_bias():
    layer = Dense(2, use_bias=False)
    layer(nr.tensor(np.ones((1, 3))))
    assert layer.bias is None and [n for n, _ in layer.named_parameters()] == ["kernel"]


def test_regularization_losses_use_the_current_weights():
    layer = Dense(2, kernel_regularizer="l2", bias_regularizer={"class_name": "L1", "config": {"l1": 0.5}})
    layer.build((None, 3))
    layer.bias.data[...] = [1.0, -2.0]
    kernel_loss, bias_loss = layer.regularization_losses()
    assert kernel_loss.item() == pytest.approx(0.01 * np.sum(layer.kernel.data**2), rel=1e-6)
    assert bias_loss.item() == pytest.approx(1.5)


def test_unknown_activation_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown activation 'rellu'; valid names: linear, sigmoid, tanh, relu"):
        Dense(2, activation="rellu")


@pytest.mark.parametrize("kwargs, shape", [({}, (5, 4)), ({"use_bias": False, "activation": "tanh"}, (2, 3, 4))])
def test_gradcheck_input_and_parameters(kwargs, shape):
    x = np.random.default_rng(1).standard_normal(shape)
    check_layer_gradients(Dense(3, dtype="float64", **kwargs), x)


def test_matches_torch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    x = rng.standard_normal((6, 5))
    layer = Dense(4, activation="sigmoid", dtype="float64")
    ours = nr.tensor(x, requires_grad=True, dtype="float64")
    out = layer(ours)
    theirs = torch.tensor(x, requires_grad=True)
    weight = torch.tensor(layer.kernel.data, requires_grad=True)
    bias = torch.tensor(layer.bias.data, requires_grad=True)
    expected = torch.sigmoid(torch.nn.functional.linear(theirs, weight.T, bias))
    np.testing.assert_allclose(out.numpy(), expected.detach().numpy(), rtol=1e-12, atol=1e-12)
    grad = rng.standard_normal(out.shape)
    out.backward(grad)
    expected.backward(torch.tensor(grad))
    np.testing.assert_allclose(ours.grad, theirs.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.kernel.grad, weight.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.bias.grad, bias.grad.numpy(), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_relu_and_tanh_are_fused_into_one_node_with_the_same_values_and_gradients(activation):
    rng = np.random.default_rng(0)
    x = nr.tensor(rng.standard_normal((6, 4)), requires_grad=True)
    layer = Dense(3, activation=activation)
    out = layer(x)
    assert type(out.grad_fn).__name__ == "LinearActivation"
    (out * out).sum().backward()
    unfused = getattr(F, activation)(F.linear(x, layer.kernel, layer.bias))
    np.testing.assert_allclose(out.data, unfused.data, rtol=1e-6)
    grads = [x.grad.copy(), layer.kernel.grad.copy(), layer.bias.grad.copy()]
    for t in (x, layer.kernel, layer.bias):
        t.grad = None
    (unfused * unfused).sum().backward()
    for fused_grad, t in zip(grads, (x, layer.kernel, layer.bias)):
        np.testing.assert_allclose(fused_grad, t.grad, rtol=1e-5, atol=1e-7)


def test_changing_the_fused_output_in_place_is_refused_in_backward():
    layer = Dense(2, activation="tanh")
    out = layer(nr.tensor(np.ones((1, 3)), requires_grad=True))
    out.data += 1
    with pytest.raises(RuntimeError, match="LinearActivation"):
        out.sum().backward()
