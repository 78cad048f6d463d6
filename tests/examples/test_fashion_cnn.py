"""The Fashion-MNIST example: the CNN reaches 0.91 and beats the course's dense network on the same
split, and the table is printed (slow: both train on the real data)."""
import os
import subprocess
import sys

import pytest

from .conftest import EXAMPLES


@pytest.fixture
def fashion_example(load_example, data_dir, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    return load_example("fashion_cnn")


def test_parameter_counts(load_example):
    example = load_example("fashion_cnn")
    model = example.build_model()
    model.build()
    assert model.count_params() == 315_530
    assert example.mnist_mlp().count_params() == 101_770


@pytest.mark.slow
def test_cnn_reaches_0_91_and_beats_the_dense_network(fashion_example, capsys):
    results = fashion_example.main(epochs=4, dense_epochs=15, seed=0)
    assert list(results) == ["dense 784-128-10 (course)", "CNN conv32-conv64-128-10"]
    (dense, _), (cnn, _) = results.values()
    assert cnn >= 0.91
    assert cnn > dense
    out = capsys.readouterr().out
    assert "60,000 training images" in out and "101,770" in out and "315,530" in out


def test_help_names_the_options():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}
    result = subprocess.run([sys.executable, str(EXAMPLES / "fashion_cnn.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert "--epochs" in result.stdout and "--dense-epochs" in result.stdout
