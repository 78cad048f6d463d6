"""Bidirectional and TimeDistributed: composition, masks with padding, states, config."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import GRU, LSTM, Bidirectional, Dense, Embedding, SimpleRNN, TimeDistributed
from neurona.models import Sequential

SENTENCE = np.array([4, 9, 2, 7, 3])


def _padded(length, pre):
    pad = np.zeros(length - len(SENTENCE), int)
    return np.concatenate([pad, SENTENCE] if pre else [SENTENCE, pad])[None]


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
@pytest.mark.parametrize("merge_mode", ["concat", "sum", "ave", "mul"])
def test_bidirectional_is_the_forward_layer_and_the_reversed_backward_layer(cls, merge_mode):
    nr.random.seed(0)
    x = np.random.default_rng(0).standard_normal((2, 6, 3))
    layer = Bidirectional(cls(4, return_sequences=True), merge_mode=merge_mode)
    out = layer(x).numpy()
    forward, backward = layer.forward_layer(x).numpy(), layer.backward_layer(x).numpy()[:, ::-1]
    expected = {"concat": np.concatenate([forward, backward], -1), "sum": forward + backward,
                "ave": (forward + backward) / 2, "mul": forward * backward}[merge_mode]
    np.testing.assert_allclose(out, expected, rtol=1e-6)
    assert layer.backward_layer.go_backwards and not layer.forward_layer.go_backwards


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
@pytest.mark.parametrize("return_sequences", [False, True])
def test_bidirectional_with_padding_gives_the_same_output_and_gradients(cls, return_sequences):
    nr.random.seed(0)
    model = Sequential([Embedding(12, 3, mask_zero=True, dtype="float64"),
                        Bidirectional(cls(2, return_sequences=return_sequences, dtype="float64"))])

    def run(ids, pre):
        out = model(ids)
        if return_sequences:  # the real steps of the padded run
            out = out[:, -len(SENTENCE):] if pre else out[:, : len(SENTENCE)]
        (out * nr.tensor(np.arange(1.0, 5.0), dtype="float64")).sum().backward()
        grads = {name: p.grad.copy() for name, p in model.named_parameters()}
        model.zero_grad()
        return out.numpy(), grads

    reference, reference_grads = run(SENTENCE[None], False)
    for length in (10, 50):
        for pre in (True, False):
            out, grads = run(_padded(length, pre), pre)
            np.testing.assert_allclose(out, reference, rtol=1e-12, atol=1e-14)
            for name, grad in grads.items():
                np.testing.assert_allclose(grad, reference_grads[name], rtol=1e-10, atol=1e-14, err_msg=name)


def test_bidirectional_states_and_initial_states():
    layer = Bidirectional(LSTM(3, return_state=True))
    x = np.ones((2, 4, 5))
    out, hf, cf, hb, cb = layer(x)
    assert out.shape == (2, 6) and hb.shape == (2, 3)
    np.testing.assert_allclose(out.numpy(), np.concatenate([hf.numpy(), hb.numpy()], -1))
    zeros = [np.zeros((2, 3))] * 4
    np.testing.assert_allclose(layer([x, *zeros])[0].numpy(), out.numpy(), rtol=1e-6)
    ones = [np.ones((2, 3))] * 4
    assert not np.allclose(layer([x, *ones])[0].numpy(), out.numpy())
    assert layer.compute_output_shape((None, 4, 5)) == [(None, 6), (None, 3), (None, 3), (None, 3), (None, 3)]


def test_bidirectional_refuses_bad_arguments():
    with pytest.raises(TypeError, match="must be a SimpleRNN, LSTM or GRU"):
        Bidirectional(Dense(2))
    with pytest.raises(ValueError, match="merge_mode must be one of"):
        Bidirectional(LSTM(2), merge_mode="max")
    with pytest.raises(ValueError, match="opposite go_backwards"):
        Bidirectional(LSTM(2), backward_layer=LSTM(2))


def test_bidirectional_trains_both_directions_in_a_fit():
    nr.random.seed(0)
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 10, size=(32, 6))
    y = (ids[:, :1] > 5).astype("float32")  # the first token decides: the backward direction sees it last
    model = Sequential([Embedding(10, 4, mask_zero=True), Bidirectional(GRU(4)), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model(ids[:1])
    before = {n: p.data.copy() for n, p in model.named_parameters()}
    model.fit(ids, y, epochs=2, batch_size=8, verbose=0)
    assert all(not np.array_equal(p.data, before[n]) for n, p in model.named_parameters())


def test_time_distributed_applies_the_layer_at_every_step_and_passes_the_mask():
    nr.random.seed(0)
    dense = Dense(3, activation="tanh")
    layer = TimeDistributed(dense)
    x = np.random.default_rng(0).standard_normal((2, 5, 4)).astype("float32")
    out = layer(x).numpy()
    np.testing.assert_allclose(out[:, 2], dense(x[:, 2]).numpy(), rtol=1e-6)
    mask = np.array([[True, False, True, True, True]] * 2)
    assert layer.compute_mask(x, mask) is mask
    model = Sequential([Embedding(12, 4, mask_zero=True), TimeDistributed(Dense(4)), LSTM(3)])
    np.testing.assert_allclose(model(_padded(10, True)).numpy(), model(_padded(50, False)).numpy(), rtol=1e-5)


def test_time_distributed_refuses_a_flat_input():
    with pytest.raises(ValueError, match="at least 3 axis"):
        TimeDistributed(Dense(2))(np.ones((2, 3)))
