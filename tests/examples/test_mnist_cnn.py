"""Keras's mnist_convnet example: it learns from a small slice of real MNIST, and its script runs."""
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
    assert load_example("mnist_cnn").build_model().count_params() == 34_826


@pytest.mark.slow
def test_learns_from_two_thousand_images(cnn_example):
    assert cnn_example.train(epochs=4, limit=2000, seed=0, verbose=0) >= 0.85


def test_help_names_the_options():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}  # this checkout's neurona
    result = subprocess.run([sys.executable, str(EXAMPLES / "mnist_cnn.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert "--epochs" in result.stdout and "--limit" in result.stdout
