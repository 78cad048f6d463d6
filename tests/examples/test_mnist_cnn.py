"""Keras's mnist_convnet example: 0.99 test accuracy on real MNIST, and its script runs.

The Results test trains 10 epochs with Adam on a cosine-decayed rate (``--cosine``),
which reaches the accuracy of Keras's 15 epochs at a constant rate (6 epochs gave 0.9897).
"""
import os
import subprocess
import sys

import pytest

from .conftest import EXAMPLES


@pytest.fixture
def cnn_example(load_example, data_dir, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    return load_example("mnist_cnn")


def test_model_is_keras_mnist_convnet(load_example):
    example = load_example("mnist_cnn")
    assert example.build_model().count_params() == 34_826
    assert [type(layer).__name__ for layer in example.build_model(dropout=0).layers].count("Dropout") == 0


@pytest.mark.slow
def test_reaches_0_99_test_accuracy(cnn_example, capsys):
    assert cnn_example.train(epochs=10, seed=0, verbose=0, cosine=True) >= 0.99
    assert "test accuracy after 10 epochs on 60,000 images" in capsys.readouterr().out


def test_help_names_the_options():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}  # this checkout's neurona
    result = subprocess.run([sys.executable, str(EXAMPLES / "mnist_cnn.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert all(option in result.stdout for option in ("--epochs", "--limit", "--save", "--cosine"))
