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


def test_training_can_start_from_another_autoencoders_weights(example):
    x = np.random.default_rng(0).random((32, 16)).astype(np.float32)
    plain = example.train("plain", x, 1, hidden=8, code=4)
    tuned = example.train("sparse", x, 0, start=plain, hidden=8, code=4)
    assert tuned.sparsity is not None and plain.sparsity is None
    np.testing.assert_array_equal(tuned.reconstruct(x), plain.reconstruct(x))


def test_the_example_runs_on_a_small_slice_and_writes_its_grids(example, data_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    results = example.run("mnist", epochs=1, limit=200, test_limit=300, out=str(tmp_path), widths=(16, 32),
                          hidden=16, code=8)
    assert set(results) >= {"pca_mse", *example.KINDS, "kmeans_codes", "kmeans_pixels"}
    assert all(0 < results[kind]["mse"] < 0.3 and 0 <= results[kind]["code_below_0.01"] <= 1 for kind in example.KINDS)
    assert 0 < results["kmeans_codes"] <= 1 and 0 < results["kmeans_pixels"] <= 1
    assert [p.name for p in sorted(tmp_path.glob("*.png"))] == ["denoised.png", "mixing.png", "reconstructions.png"]


# ------------------------------------------------------------------------------------------ Results
EPOCHS, TUNE, TUNE_EPOCHS = 4, 20_000, 1
"""The slow tests' recipe: the example's plain autoencoder trained for 4 epochs on the 60,000 training images;
the sparse and denoising ones start from its weights and train one more epoch on the first 20,000 with their
penalty or noise (the full-length run of the example trains each from scratch: see the closing note). Every
figure is on the 10,000 test images."""


@pytest.fixture(scope="module")
def mnist(example):
    if not DATA_DIR.is_dir():
        pytest.skip(f"real datasets not found at {DATA_DIR}; set NEURONA_DATA")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEURONA_DATA", str(DATA_DIR))
        (x_train, _), (x_test, y_test) = example.load("mnist")
    return x_train, x_test, y_test


@pytest.fixture(scope="module")
def results(example, mnist):
    x_train, x_test, y_test = mnist
    import neurona as nr

    nr.random.seed(0)
    plain = example.train("plain", x_train, EPOCHS)
    models = {kind: example.train(kind, x_train[:TUNE], TUNE_EPOCHS, start=plain) for kind in ("sparse", "denoising")}
    return x_train, x_test, y_test, {"plain": plain, **models}


@pytest.mark.slow
def test_a_32_number_code_reconstructs_better_than_pca_with_32_components(example, results):
    x_train, x_test, _, models = results
    assert models["plain"].encode(x_test[:1]).shape == (1, 32)
    assert example.mse(models["plain"].reconstruct(x_test), x_test) < example.pca_mse(x_train, x_test, 32)


@pytest.mark.slow
def test_the_denoising_autoencoder_cleans_noisy_images_better_than_the_plain_one(example, results):
    _, x_test, _, models = results
    x_noisy = example.noisy(x_test)
    denoised = example.mse(models["denoising"].reconstruct(x_noisy), x_test)
    assert denoised < example.mse(models["plain"].reconstruct(x_noisy), x_test)


@pytest.mark.slow
def test_the_sparse_code_has_3x_the_small_units_at_a_comparable_error(example, results):
    _, x_test, _, models = results
    plain, sparse = models["plain"], models["sparse"]
    assert example.sparsity(sparse.encode(x_test)) >= 3 * example.sparsity(plain.encode(x_test))
    assert example.mse(sparse.reconstruct(x_test), x_test) <= 1.5 * example.mse(plain.reconstruct(x_test), x_test)


CLUSTERING_EPOCHS = 3
"""The deep clustering autoencoder (784-500-500-2000-10) trains 3 epochs on the 60,000 training images
(the full run's 10 epochs: see the example's docstring)."""


@pytest.mark.slow
def test_kmeans_on_the_deep_autoencoders_codes_beats_kmeans_on_raw_pixels(example, mnist):
    x_train, x_test, y_test = mnist
    import neurona as nr

    nr.random.seed(0)
    clusterer = example.train_clustering(x_train, CLUSTERING_EPOCHS)
    codes = clusterer.encode(x_test)
    assert codes.shape == (len(x_test), 10)
    on_codes = example.clustering_accuracy(y_test, example.kmeans(codes, 10))
    on_pixels = example.clustering_accuracy(y_test, example.kmeans(x_test, 10))
    assert on_codes > on_pixels + 0.03, (on_codes, on_pixels)
