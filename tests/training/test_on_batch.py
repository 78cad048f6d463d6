"""Keras's one-batch methods: ``train_on_batch``, ``test_on_batch`` and ``predict_on_batch``."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import Dense
from neurona.models import Sequential


def _model(metrics=()):
    nr.random.seed(3)
    model = Sequential([Dense(8, activation="tanh", input_dim=4), Dense(3, activation="softmax")])
    model.build((None, 4))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=list(metrics))
    return model


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    return rng.standard_normal((64, 4)).astype(np.float32), rng.integers(0, 3, 64)


def test_train_on_batch_steps_like_fit_and_keeps_the_optimizer_state(data):
    x, y = data
    by_fit, by_batch = _model(), _model()
    by_fit.fit(x, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
    losses = [by_batch.train_on_batch(x[i : i + 16], y[i : i + 16]) for i in range(0, 64, 16)]
    assert all(isinstance(loss, float) for loss in losses)
    for a, b in zip(by_fit.get_weights(), by_batch.get_weights()):
        np.testing.assert_allclose(b, a, rtol=1e-6, atol=1e-7)
    assert by_batch.optimizer.iterations == 4


def test_train_on_batch_reports_the_loss_before_the_step_and_the_metrics(data):
    x, y = data
    model = _model(["accuracy"])
    before = model.test_on_batch(x, y, return_dict=True)
    loss, accuracy = model.train_on_batch(x, y)
    assert loss == pytest.approx(before["loss"], rel=1e-6)
    assert accuracy == pytest.approx(before["accuracy"])
    assert set(model.train_on_batch(x, y, return_dict=True)) == {"loss", "accuracy"}


def test_test_and_predict_on_batch_agree_with_evaluate_and_predict(data):
    x, y = data
    model = _model(["accuracy"])
    assert model.test_on_batch(x, y) == pytest.approx(model.evaluate(x, y, batch_size=64))
    np.testing.assert_array_equal(model.predict_on_batch(x), model.predict(x))
    weights = model.get_weights()
    model.test_on_batch(x, y)
    for a, b in zip(weights, model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_train_on_batch_needs_compile_and_names_itself(data):
    model = Sequential([Dense(1, input_dim=4)])
    with pytest.raises(RuntimeError, match="train_on_batch"):
        model.train_on_batch(*data)
    model.compile(optimizer="sgd", loss="mse")
    with pytest.raises(ValueError, match="train_on_batch"):
        model.train_on_batch(data[0], data[1][:10])
