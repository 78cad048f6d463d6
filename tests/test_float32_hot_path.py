"""Float32 throughout: no op of a float32 training step makes a float64 array, forward or backward.

Every Function subclass's ``forward`` and ``backward`` is wrapped for the test, so a float64
result anywhere in the graph (a cast that the engine would otherwise hide) fails it.
"""
import numpy as np
import pytest

import neurona as nr
from neurona.function import Function
from neurona.layers import LSTM, Conv2D, Dense, Embedding, Flatten, MaxPooling2D
from neurona.models import Sequential


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _arrays(value):
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, (tuple, list)):
        for v in value:
            yield from _arrays(v)


@pytest.fixture
def float64_results(monkeypatch):
    found = []

    def watch(cls, method):
        original = cls.__dict__[method]

        def wrapped(self, *args, **kwargs):
            out = original(self, *args, **kwargs)
            if any(a.dtype == np.float64 for a in _arrays(out)):
                found.append(f"{cls.__name__}.{method}")
            return out

        monkeypatch.setattr(cls, method, wrapped)

    for cls in set(_subclasses(Function)):
        for method in ("forward", "backward"):
            if method in cls.__dict__:
                watch(cls, method)
    return found


MODELS = {
    "mlp": (lambda: [Dense(16, activation="tanh"), Dense(3, activation="softmax")], (8, 5), "float"),
    "cnn": (lambda: [Conv2D(4, 3, activation="relu", padding="same"), MaxPooling2D(2), Flatten(),
                     Dense(3, activation="softmax")], (8, 6, 6, 1), "float"),
    "lstm": (lambda: [Embedding(20, 4, mask_zero=True), LSTM(5), Dense(3, activation="softmax")], (8, 7), "ids"),
}


@pytest.mark.parametrize("optimizer", ["adam", "sgd", "rmsprop", "adagrad"])
@pytest.mark.parametrize("kind", list(MODELS))
def test_a_float32_training_step_makes_no_float64_array(kind, optimizer, float64_results):
    layers, shape, data = MODELS[kind]
    rng = np.random.default_rng(0)
    x = rng.integers(0, 20, shape) if data == "ids" else rng.standard_normal(shape).astype(np.float32)
    y = rng.integers(0, 3, shape[0])
    nr.random.seed(0)
    model = Sequential(layers())
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, batch_size=4, epochs=2, verbose=0)
    assert float64_results == []
    assert all(p.dtype == np.float32 for p in model.parameters())
    slots = [a for a in model.optimizer.state_dict().values() if np.ndim(a) and np.asarray(a).dtype.kind == "f"]
    assert all(np.asarray(a).dtype == np.float32 for a in slots)


def test_the_watch_sees_a_float64_result(float64_results):
    nr.functional.tanh(nr.tensor(np.ones(3), dtype="float64", requires_grad=True)).sum().backward()
    assert "Tanh.forward" in float64_results and "Tanh.backward" in float64_results
