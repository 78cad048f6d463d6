"""``diagnose`` on two real runs: a tiny network on a hard set, a huge one on 100 samples."""
import numpy as np
import pytest

from neurona.data import one_hot
from neurona.data.playground import make_spiral
from neurona.layers import Dense, Flatten
from neurona.models import Sequential
from neurona.plot import diagnose
from neurona.plot.diagnosis import OVERFITTING, UNDERFITTING
from neurona.random import seed


@pytest.mark.slow
def test_logistic_regression_on_spirals_underfits():
    seed(0)
    x, y = make_spiral(400, noise=0.1, seed=0)
    order = np.random.default_rng(0).permutation(len(x))
    model = Sequential([Dense(1, activation="sigmoid", input_dim=2)])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    history = model.fit(x[order], y[order, None].astype("float32"), epochs=20, batch_size=32,
                        validation_split=0.25, verbose=0)
    d = diagnose(history)
    assert d.regime == UNDERFITTING, str(d)
    assert d.evidence["training_error"] > 0.3


@pytest.mark.slow
def test_a_big_network_on_100_mnist_digits_overfits(data_dir):
    from neurona.datasets import load_mnist

    seed(0)
    (x_train, y_train), (x_test, y_test) = load_mnist(data_home=data_dir)
    model = Sequential([Flatten(input_shape=(28, 28)), Dense(128, activation="relu"),
                        Dense(128, activation="relu"), Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train[:100] / 255, one_hot(y_train[:100], 10), epochs=8, batch_size=10,
                        validation_data=(x_test[:300] / 255, one_hot(y_test[:300], 10)), verbose=0)
    d = diagnose(history)
    assert d.regime == OVERFITTING, str(d)
    assert d.evidence["training_error"] < 0.05 and d.evidence["gap"] > 0.2
