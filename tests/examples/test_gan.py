"""The GAN examples: a dense GAN on MNIST scored by an MNIST classifier, a DCGAN on Fashion-MNIST."""
import os
import subprocess
import sys

import numpy as np
import pytest

from .conftest import EXAMPLES


@pytest.fixture
def gan_example(load_example, data_dir, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    return load_example("gan")


def test_the_score_is_the_number_of_classes_for_sure_and_balanced_predictions_and_one_for_a_single_class(load_example):
    inception = load_example("gan").inception_score
    confident = np.eye(10)[np.arange(1000) % 10]
    score, shares = inception(confident)
    assert score == pytest.approx(10.0, rel=1e-6) and np.allclose(shares, 0.1)
    score, shares = inception(np.tile(np.full(10, 0.1), (50, 1)))
    assert score == pytest.approx(1.0) and shares.sum() == pytest.approx(1.0)
    two = np.eye(10)[np.arange(100) % 2]
    assert inception(two)[0] == pytest.approx(2.0, rel=1e-6)


@pytest.mark.parametrize("model, dataset_shape", [("dense", (256, 784)), ("dense-large", (128, 784)),
                                                  ("dcgan", (128, 28, 28, 1))])
def test_a_small_slice_trains_and_writes_a_grid_per_epoch(gan_example, tmp_path, model, dataset_shape):
    gan = gan_example.train(model, epochs=2, limit=dataset_shape[0], out=str(tmp_path), verbose=0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["samples_epoch_01.png", "samples_epoch_02.png"]
    samples = gan.generate(3)
    assert samples.shape == (3, *dataset_shape[1:]) and np.all(np.abs(samples) <= 1)


@pytest.mark.slow
def test_a_short_dense_run_is_scored_by_the_classifier(gan_example):
    scorer, accuracy = gan_example.train_classifier()
    assert accuracy >= 0.98
    gan = gan_example.train("dense", epochs=3, out=None, verbose=0)
    score, shares = gan_example.score(gan, scorer)
    assert score >= 4.0 and shares.min() >= 0.02  # the full run's figures are in the closing note


def test_help_names_the_options():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}
    result = subprocess.run([sys.executable, str(EXAMPLES / "gan.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert all(option in result.stdout for option in ("--model", "--epochs", "--limit", "--out"))
