"""A model file loads in a new Python process that never imported the code that made it."""
import subprocess
import sys
from pathlib import Path

import numpy as np

import neurona
from neurona import layers
from neurona.models import Sequential
from neurona.saving import register_serializable, save_model

ROOT = Path(__file__).resolve().parents[2]

LOAD = """
import sys
import numpy as np
from neurona.saving import load_model
try:
    model = load_model(sys.argv[1])
except Exception as error:
    print(type(error).__name__, error)
    raise SystemExit(3)
np.save(sys.argv[2], model.predict(np.load(sys.argv[3])))
assert "tests" not in " ".join(sys.modules)
"""


def load_elsewhere(tmp_path, x) -> subprocess.CompletedProcess:
    np.save(tmp_path / "x.npy", x)
    return subprocess.run(
        [sys.executable, "-c", LOAD, str(tmp_path / "m.neurona"), str(tmp_path / "y.npy"), str(tmp_path / "x.npy")],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )


def test_builtin_layers_load_in_a_fresh_process(tmp_path):
    neurona.random.seed(0)
    x = np.random.default_rng(0).standard_normal((5, 6)).astype(np.float32)
    model = Sequential([
        layers.Reshape((2, 3), input_shape=(6,)), layers.Flatten(), layers.Dense(8, activation="selu"),
        layers.BatchNormalization(), layers.PReLU(), layers.Maxout(4, pieces=2), layers.Dropout(0.2),
        layers.Dense(3), layers.Softmax(),
    ])
    model.compile(optimizer="adamw", loss="categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, np.eye(3)[[0, 1, 2, 0, 1]], epochs=2, verbose=0)
    save_model(model, tmp_path / "m.neurona")
    result = load_elsewhere(tmp_path, x)
    assert result.returncode == 0, result.stdout + result.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "y.npy"), model.predict(x))


@register_serializable(package="TestFresh")
class Shift(layers.Layer):
    def forward(self, x):
        return x + 1


def test_a_custom_layer_is_named_when_the_fresh_process_does_not_know_it(tmp_path):
    model = Sequential([layers.Dense(2, input_dim=3), Shift()])
    model.build()
    save_model(model, tmp_path / "m.neurona")
    result = load_elsewhere(tmp_path, np.ones((1, 3), np.float32))
    assert result.returncode == 3, result.stdout + result.stderr
    assert "ModelFileError" in result.stdout and "unknown layer 'TestFresh>Shift'" in result.stdout
    assert "register_serializable" in result.stdout and "custom_objects" in result.stdout
