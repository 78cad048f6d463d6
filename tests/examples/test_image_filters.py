"""The filters example: both PNG figures from real images, from a saved CNN or one trained on a slice."""
import os
import subprocess
import sys

import numpy as np
import pytest

from .conftest import EXAMPLES

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def filters_example(load_example, data_dir, monkeypatch):
    pytest.importorskip("matplotlib")
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    return load_example("image_filters")


def test_filter_maps_keep_the_image_size_and_the_identity_copies_it(load_example):
    image = np.random.default_rng(0).random((28, 28), dtype=np.float32)
    maps = load_example("image_filters").filter_maps(image)
    assert all(m.shape == (28, 28) for m in maps.values())
    np.testing.assert_array_equal(maps["identity"], image)
    assert not np.allclose(maps["edge_detect"], image)


def test_layer1_gives_a_kernel_and_a_map_per_filter(load_example):
    example = load_example("image_filters")
    model = load_example("mnist_cnn").build_model()
    model.build()
    kernels, maps = example.layer1(model, np.zeros((28, 28), np.float32))
    assert kernels.shape == (32, 3, 3) and maps.shape == (32, 26, 26)
    np.testing.assert_array_equal(kernels[5], model.layers[0].kernel.numpy()[:, :, 0, 5])


def test_both_pngs_from_a_saved_model(filters_example, load_example, tmp_path, capsys):
    model = load_example("mnist_cnn").build_model()
    model.build()
    model.save(tmp_path / "cnn.zip", include_optimizer=False)
    paths = filters_example.main(out=str(tmp_path / "figures"), model=str(tmp_path / "cnn.zip"))
    assert {path.name for path in paths.values()} == {"filters.png", "cnn_layer1.png"}
    assert all(path.read_bytes()[:8] == PNG for path in paths.values())
    assert "cnn_layer1.png" in capsys.readouterr().out


@pytest.mark.slow
def test_trains_the_cnn_when_no_model_is_given(filters_example, tmp_path):
    paths = filters_example.main(out=str(tmp_path), epochs=1, limit=1000)
    assert paths["cnn"].read_bytes()[:8] == PNG


def test_help_names_the_options():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}
    result = subprocess.run([sys.executable, str(EXAMPLES / "image_filters.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert "--model" in result.stdout and "--out" in result.stdout
