"""SimpleRNN, LSTM and GRU layers: torch parity, gradchecks through time, states, dropout, errors."""
import numpy as np
import pytest

import neurona as nr
from neurona import layers
from neurona.layers import GRU, LSTM, Input, SimpleRNN
from neurona.models import Model

from ..functional import op_table  # noqa: F401  (loads op_table_recurrent after the Row it imports)
from ..functional.op_table_recurrent import torch_recurrent
from .harness import check_layer_gradients

KINDS = {"SimpleRNN": SimpleRNN, "LSTM": LSTM, "GRU": GRU}


def _built(cls, x, **kwargs):
    nr.random.seed(0)
    layer = cls(3, dtype="float64", **kwargs)
    layer(nr.tensor(x))
    rng = np.random.default_rng(5)
    for param in layer.parameters():  # nonzero biases, so every term of the gates is compared
        param.data[...] = rng.standard_normal(param.shape) * 0.5
    return layer


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("go_backwards", [False, True])
def test_outputs_and_gradients_match_torch(kind, go_backwards):
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(0).standard_normal((2, 6, 4))
    layer = _built(KINDS[kind], x, return_sequences=True, return_state=True, go_backwards=go_backwards)
    xt = nr.tensor(x, requires_grad=True, dtype="float64")
    out, *finals = layer(xt)
    weights = np.random.default_rng(1).standard_normal(out.shape)
    (out * nr.tensor(weights, dtype="float64")).sum().backward()

    tx = torch.tensor(x, requires_grad=True)
    params = [torch.tensor(p.data, requires_grad=True) for p in (layer.kernel, layer.recurrent_kernel, layer.bias)]
    states = [torch.zeros(2, 3, dtype=torch.float64)] * layer.n_states
    theirs, *their_finals = torch_recurrent(kind.replace("Simple", ""), tx, states, *params, go_backwards=go_backwards)
    (theirs * torch.tensor(weights)).sum().backward()
    np.testing.assert_allclose(out.numpy(), theirs.detach().numpy(), rtol=1e-10, atol=1e-12)
    for mine, ref in zip(finals, their_finals):
        np.testing.assert_allclose(mine.numpy(), ref.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(xt.grad, tx.grad.numpy(), rtol=1e-9, atol=1e-12)
    for mine, ref in zip((layer.kernel, layer.recurrent_kernel, layer.bias), params):
        np.testing.assert_allclose(mine.grad, ref.grad.numpy(), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("cls, kwargs", [
    (SimpleRNN, {"return_sequences": True}),
    (SimpleRNN, {"activation": "relu", "go_backwards": True}),
    (LSTM, {"return_sequences": True}),
    (LSTM, {"go_backwards": True, "unit_forget_bias": False}),
    (GRU, {"return_sequences": True, "go_backwards": True}),
    (GRU, {"reset_after": False}),
])
def test_gradcheck_through_time(cls, kwargs):
    nr.random.seed(1)
    check_layer_gradients(cls(3, dtype="float64", **kwargs), np.random.default_rng(2).standard_normal((2, 5, 4)))


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_gradcheck_with_a_mask_and_initial_state(cls):
    nr.random.seed(2)
    layer = cls(3, dtype="float64", return_sequences=True)
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 5, 4))
    states = [rng.standard_normal((2, 3)) for _ in range(layer.n_states)]
    mask = np.array([[True, True, False, True, False], [False, True, True, True, True]])
    layer(nr.tensor(x))
    names = [name for name, _ in layer.named_parameters()]

    def run(x, *rest):
        weights, states = rest[: len(names)], list(rest[len(names):])
        saved = {name: layer.__dict__[name] for name in names}
        layer.__dict__.update(dict(zip(names, weights)))
        try:
            return layer(x, initial_state=states, mask=mask)
        finally:
            layer.__dict__.update(saved)

    assert nr.gradcheck(run, x, *[p.data for p in layer.parameters()], *states)


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_recurrent_dropout_is_one_mask_per_sequence_and_gradchecks(cls):
    rng = np.random.default_rng(4)
    x, units = rng.standard_normal((3, 5, 2)), 4
    gates = {SimpleRNN: 1, LSTM: 4, GRU: 3}[cls]
    kernel, recurrent = rng.standard_normal((2, gates * units)), rng.standard_normal((units, gates * units)) * 0.5
    bias = rng.standard_normal((2, gates * units) if cls is GRU else (gates * units,))
    keep = (rng.random((3, units)) > 0.3) / 0.7
    op = {SimpleRNN: nr.functional.simple_rnn, GRU: nr.functional.gru,
          LSTM: lambda x, h, *w, **k: nr.functional.lstm(x, h, None, *w, **k)}[cls]

    def run(x, k, r, b):
        return op(x, None, k, r, b, return_sequences=True, recurrent_mask=keep)[0]

    assert nr.gradcheck(run, x, kernel, recurrent, bias)
    # the same as h·(keep ⊙ U) per sample: drop units of h entering the recurrent product only
    plain = run(nr.tensor(x), nr.tensor(kernel), nr.tensor(recurrent), nr.tensor(bias)).numpy()
    ones = op(nr.tensor(x), None, nr.tensor(kernel), nr.tensor(recurrent), nr.tensor(bias), return_sequences=True,
              recurrent_mask=np.ones((3, units)))[0].numpy()
    assert not np.allclose(plain, ones)
    without = op(nr.tensor(x), None, nr.tensor(kernel), nr.tensor(recurrent), nr.tensor(bias), return_sequences=True)[0]
    np.testing.assert_allclose(ones, without.numpy(), rtol=1e-12)


def test_dropout_only_while_training():
    x = np.random.default_rng(0).standard_normal((4, 6, 3))
    layer = LSTM(5, dropout=0.5, recurrent_dropout=0.5)
    nr.random.seed(0)
    first = layer(x).numpy()
    assert not np.allclose(first, layer(x).numpy())  # a new mask each call
    layer.eval()
    np.testing.assert_array_equal(layer(x).numpy(), layer(x).numpy())


def test_keras_defaults():
    layer = LSTM(4)
    layer(np.ones((1, 2, 3), "float32"))
    np.testing.assert_array_equal(layer.bias.data, np.r_[np.zeros(4), np.ones(4), np.zeros(8)])
    u = layer.recurrent_kernel.data
    np.testing.assert_allclose(u @ u.T, np.eye(4), atol=1e-5)  # orthogonal (4, 16): orthonormal rows
    assert layer.kernel.dtype == np.float32 and layer.get_config()["recurrent_initializer"]["class_name"] == "Orthogonal"
    gru = GRU(2)
    gru(np.ones((1, 2, 3)))
    assert gru.reset_after and gru.bias.shape == (2, 6)


def test_return_state_and_initial_state_in_a_functional_model(tmp_path):
    """The encoder-decoder form: the decoder LSTM starts from the encoder's states; save and load."""
    from neurona.saving import load_model

    nr.random.seed(3)
    enc_in, dec_in = Input((None, 3)), Input((None, 2))
    _, h, c = LSTM(4, return_state=True, name="encoder")(enc_in)
    seq = LSTM(4, return_sequences=True, name="decoder")(dec_in, initial_state=[h, c])
    model = Model([enc_in, dec_in], layers.Dense(1)(seq))
    rng = np.random.default_rng(0)
    x = [rng.standard_normal((5, 6, 3)), rng.standard_normal((5, 4, 2))]
    model.compile(optimizer="adam", loss="mse")
    before = model.get_layer("encoder").kernel.data.copy()
    model.fit(x, rng.standard_normal((5, 4, 1)), epochs=1, batch_size=5, verbose=0)
    assert not np.array_equal(before, model.get_layer("encoder").kernel.data)  # gradients reach the encoder
    model.save(tmp_path / "seq2seq.neurona")
    again = load_model(tmp_path / "seq2seq.neurona")
    np.testing.assert_array_equal(again.predict(x), model.predict(x))


def test_initial_state_changes_the_output():
    layer = GRU(3)
    x = np.ones((2, 4, 2))
    assert not np.allclose(layer(x).numpy(), layer(x, initial_state=[np.ones((2, 3))]).numpy())


@pytest.mark.parametrize("kwargs, message", [
    ({"stateful": True}, "stateful=True is not supported"),
    ({"activation": "sigmoid"}, "activation must be one of"),
    ({"dropout": 1.0}, "dropout must be a number in"),
    ({"units": 0}, "units must be a positive integer"),
])
def test_bad_options_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LSTM(**{"units": 2, **kwargs}, name="enc")


def test_bad_inputs_are_refused_with_the_layer_name():
    layer = LSTM(2, name="enc")
    layer(np.ones((1, 3, 4)))
    with pytest.raises(ValueError, match=r"enc: expected inputs of shape \(batch, time, 4\), got \(1, 3, 5\)"):
        layer(np.ones((1, 3, 5)))
    with pytest.raises(ValueError, match="enc: expected 2 initial state"):
        layer(np.ones((1, 3, 4)), initial_state=[np.zeros((1, 2))])
    with pytest.raises(ValueError, match="expected inputs of shape"):
        SimpleRNN(2)(np.ones((3, 4)))
