"""‖∂L/∂h_t‖ through time: against backpropagation through time written out in NumPy, and the layers' own outputs."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import GRU, LSTM, Dense, SimpleRNN
from neurona.nn.gradient_norms import recurrent_step, state_gradient_norms


def numpy_bptt_norms(x, W, U, b, v, activation):
    """The loss is ``sum(h_T · v)``; ∂L/∂h_{t-1} = (∂L/∂h_t ⊙ f'(a_t)) Uᵀ."""
    batch, time, _ = x.shape
    hs = [np.zeros((batch, U.shape[0]))]
    for t in range(time):
        a = x[:, t] @ W + hs[-1] @ U + b
        hs.append(np.tanh(a) if activation == "tanh" else np.maximum(a, 0))
    grad, norms = np.tile(v, (batch, 1)), []
    for t in range(time, 0, -1):
        norms.append(np.linalg.norm(grad, axis=1).mean())
        deriv = 1 - hs[t] ** 2 if activation == "tanh" else (hs[t] > 0).astype(float)
        grad = (grad * deriv) @ U.T
    return np.array(norms[::-1])


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_simple_rnn_norms_match_bptt_written_out(activation):
    nr.set_default_dtype("float64")
    try:
        rng = np.random.default_rng(1)
        layer = SimpleRNN(5, activation=activation)
        x = rng.standard_normal((3, 12, 2))
        layer(x)
        v = rng.standard_normal(5)
        norms = state_gradient_norms(recurrent_step(layer), x, lambda h: F.sum(h * nr.tensor(v)))
        expected = numpy_bptt_norms(x, layer.kernel.numpy(), layer.recurrent_kernel.numpy(), layer.bias.numpy(), v,
                                    activation)
    finally:
        nr.set_default_dtype("float32")
    np.testing.assert_allclose(norms, expected, rtol=1e-10)


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_the_unrolled_steps_are_the_layer_and_the_last_norm_its_gradient(cls):
    rng = np.random.default_rng(0)
    layer, head = cls(4), Dense(1)
    x = rng.standard_normal((6, 9, 3)).astype(np.float32)
    y = rng.standard_normal((6, 1)).astype(np.float32)
    h = layer(x)
    h.retain_grad()
    F.mse(head(h), y).backward()
    states = [None]
    for t in range(9):
        states = recurrent_step(layer)(nr.tensor(x[:, t : t + 1]), states)
    np.testing.assert_allclose(states[0].numpy(), h.numpy(), atol=1e-6)
    norms = state_gradient_norms(recurrent_step(layer), x, lambda last: F.mse(head(last), y))
    assert norms.shape == (9,) and np.all(norms >= 0)
    assert norms[-1] == pytest.approx(np.linalg.norm(h.grad, axis=1).mean(), rel=1e-5)


def test_a_contracting_tanh_rnn_forgets_geometrically():
    layer = SimpleRNN(8, recurrent_initializer={"class_name": "Orthogonal", "config": {"gain": 0.5}})
    x = np.random.default_rng(0).standard_normal((4, 30, 2)).astype(np.float32)
    layer(x)
    norms = state_gradient_norms(recurrent_step(layer), x, lambda h: F.sum(h))
    assert norms[0] < 1e-6 * norms[-1] and np.all(np.diff(norms) > 0)


def test_bad_inputs_are_named():
    layer = LSTM(2)
    with pytest.raises(TypeError, match="expected a built SimpleRNN, LSTM or GRU layer"):
        recurrent_step(layer)
    with pytest.raises(TypeError, match="expected a built SimpleRNN"):
        recurrent_step(Dense(2))
    layer(np.zeros((1, 3, 2), np.float32))
    with pytest.raises(ValueError, match=r"x must be \(batch, time >= 1, features\), got shape \(3, 2\)"):
        state_gradient_norms(recurrent_step(layer), np.zeros((3, 2)), F.sum)
    with pytest.raises(ValueError, match="loss must return a scalar"):
        state_gradient_norms(recurrent_step(layer), np.zeros((1, 3, 2)), lambda h: h)
