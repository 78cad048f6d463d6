"""examples/autoencoders.py: its pieces on small data, a small slice of MNIST, and the issue's Results (slow)."""
import os
import subprocess
import sys

import numpy as np
import pytest

from tests.conftest import DATA_DIR

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def example():
    import importlib.util

    spec = importlib.util.spec_from_file_location("example_autoencoders", EXAMPLES / "autoencoders.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_help_describes_the_example():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}  # this checkout's neurona
    result = subprocess.run([sys.executable, str(EXAMPLES / "autoencoders.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert "--epochs" in result.stdout and "--limit" in result.stdout and "denoising" in result.stdout


def test_kmeans_and_hungarian_matching_recover_separated_clusters(example):
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((4, 5)) * 10
    truth = rng.permutation(np.repeat(np.arange(4), 50))
    x = centers[truth] + rng.standard_normal((200, 5))
    clusters = example.kmeans(x, 4, seed=1)
    assert example.clustering_accuracy(truth, clusters) == 1.0
    assert example.clustering_accuracy(truth, (truth + 1) % 4) == 1.0  # cluster names do not matter
    assert example.clustering_accuracy(truth, np.zeros(200, int)) == 0.25


def test_pca_mse_is_zero_with_every_component_and_the_variance_with_none(example):
    x = np.random.default_rng(0).random((50, 6))
    assert example.pca_mse(x, x, 6) == pytest.approx(0.0, abs=1e-20)
    assert example.pca_mse(x, x, 0) == pytest.approx(np.mean((x - x.mean(axis=0)) ** 2))


def test_noisy_images_stay_in_0_1_and_sparsity_counts_small_units(example):
    x = np.full((10, 4), 0.5, np.float32)
    corrupted = example.noisy(x)
    assert corrupted.min() >= 0 and corrupted.max() <= 1 and not np.array_equal(corrupted, x)
    assert example.sparsity(np.array([[0.0, 0.005, 0.5, 1.0]])) == 0.5


def test_the_example_runs_on_a_small_slice_and_writes_its_grids(example, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    results = example.run("mnist", epochs=1, limit=200, test_limit=300, out=str(tmp_path), hidden=16, code=8)
    assert set(results) >= {"pca_mse", *example.KINDS, "kmeans_codes", "kmeans_pixels"}
    assert all(0 < results[kind]["mse"] < 0.3 and 0 <= results[kind]["code_below_0.01"] <= 1 for kind in example.KINDS)
    assert 0 < results["kmeans_codes"] <= 1 and 0 < results["kmeans_pixels"] <= 1
    assert [p.name for p in sorted(tmp_path.glob("*.png"))] == ["denoised.png", "mixing.png", "reconstructions.png"]
