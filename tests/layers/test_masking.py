"""Masks from Embedding(mask_zero=True) reach the recurrent layers: padding changes neither outputs nor gradients."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import GRU, LSTM, Dense, Embedding, Input, SimpleRNN
from neurona.models import Model, Sequential
from neurona.optimizers import Adam

SENTENCE = np.array([4, 9, 2, 7, 7, 3, 5])


def _padded(length: int, pre: bool) -> np.ndarray:
    pad = np.zeros(length - len(SENTENCE), int)
    return np.concatenate([pad, SENTENCE] if pre else [SENTENCE, pad])[None]


def _model(cls, functional: bool, **kwargs):
    nr.random.seed(0)
    layers = [Embedding(12, 4, mask_zero=True, dtype="float64"), cls(3, dtype="float64", **kwargs)]
    if not functional:
        return Sequential(layers)
    ids = Input((None,), dtype="int64")
    return Model(ids, layers[1](layers[0](ids)))


def _output_and_grads(model, ids):
    out = model(ids)
    (out * nr.tensor(np.arange(1.0, 1 + out.shape[-1]), dtype="float64")).sum().backward()
    grads = {name: p.grad.copy() for name, p in model.named_parameters()}
    model.zero_grad()
    return out.numpy(), grads


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
@pytest.mark.parametrize("functional", [False, True], ids=["sequential", "functional"])
@pytest.mark.parametrize("go_backwards", [False, True])
def test_padding_to_10_or_50_gives_the_same_output_and_gradients(cls, functional, go_backwards):
    model = _model(cls, functional, go_backwards=go_backwards)
    reference, reference_grads = _output_and_grads(model, SENTENCE[None])
    for length in (10, 50):
        for pre in (True, False):
            out, grads = _output_and_grads(model, _padded(length, pre))
            np.testing.assert_allclose(out, reference, rtol=1e-12, atol=1e-14)
            for name, grad in grads.items():
                np.testing.assert_allclose(grad, reference_grads[name], rtol=1e-10, atol=1e-14, err_msg=name)


def test_without_the_mask_padding_changes_the_output():
    nr.random.seed(0)
    model = Sequential([Embedding(12, 4), LSTM(3)])
    assert not np.allclose(model(_padded(10, True)).numpy(), model(_padded(50, True)).numpy())


@pytest.mark.parametrize("cls", [SimpleRNN, LSTM, GRU])
def test_sequence_outputs_carry_the_previous_state_at_masked_steps(cls):
    model = _model(cls, False, return_sequences=True)
    ids = np.array([[4, 9, 0, 2, 0, 0]])
    out = model(ids).numpy()[0]
    np.testing.assert_array_equal(out[2], out[1])
    np.testing.assert_array_equal(out[5], out[4])
    np.testing.assert_array_equal(out[4], out[3])
    assert not np.allclose(out[3], out[2])


def test_the_mask_follows_return_sequences_through_stacked_layers():
    nr.random.seed(0)
    model = Sequential([Embedding(12, 4, mask_zero=True), LSTM(3, return_sequences=True), GRU(2)])
    a, b = model(_padded(10, False)).numpy(), model(_padded(50, False)).numpy()
    np.testing.assert_allclose(a, b, rtol=1e-6)


def test_fit_keeps_integer_ids_and_learns_with_padding(monkeypatch):
    import neurona.layers.embedding as embedding

    seen = set()
    check = embedding.check_ids
    monkeypatch.setattr(embedding, "check_ids", lambda owner, ids, n: seen.add(np.asarray(ids).dtype.kind) or check(owner, ids, n))
    nr.random.seed(0)
    rng = np.random.default_rng(0)
    ids = rng.integers(1, 12, size=(64, 8))
    ids[rng.random((64, 8)) < 0.3] = 0
    y = (ids == 3).any(axis=1, keepdims=True).astype("float32")
    model = Sequential([Embedding(12, 8, mask_zero=True), LSTM(8), Dense(1, activation="sigmoid")])
    model.compile(optimizer=Adam(learning_rate=0.02), loss="binary_crossentropy")
    history = model.fit(ids, y, epochs=15, batch_size=16, verbose=0)
    assert seen == {"i"}
    assert history.history["loss"][-1] < 0.5 * history.history["loss"][0]
