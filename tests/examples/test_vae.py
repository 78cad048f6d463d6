"""PyTorch's VAE example in neurona: the same model, its script runs, and 10 epochs reach PyTorch's test loss."""
import os
import subprocess
import sys

import numpy as np
import pytest

from .conftest import EXAMPLES


@pytest.fixture
def vae_example(load_example, data_dir, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    return load_example("vae")


def test_model_is_pytorch_examples(load_example):
    vae = load_example("vae").build_vae()
    vae.build((None, 784))
    assert sum(p.size for p in vae.parameters()) == 652_824  # 784*400+400 + 2*(400*20+20) + 20*400+400 + 400*784+784


def test_a_small_slice_trains_and_writes_the_grids_and_latent_plots(vae_example, tmp_path):
    losses = vae_example.train(epochs=2, latent_dim=2, limit=1024, out=str(tmp_path), verbose=0)
    assert len(losses) == 2 and losses[1] < losses[0] < 543.4  # below a coin flip per pixel (784 ln 2)
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["latent_scatter.png", "manifold.png", "reconstructions.png",
                       "samples_epoch_01.png", "samples_epoch_02.png"]
    assert all((tmp_path / name).read_bytes()[:4] == b"\x89PNG" for name in written)


@pytest.mark.slow
def test_ten_epochs_reach_pytorchs_test_loss(vae_example):
    losses = vae_example.train(epochs=10, out=None, verbose=0)
    assert losses[-1] <= 106.0 and losses[6] <= 108.0  # PyTorch: about 106.7 after 7 epochs, 105-106 after 10


def test_help_names_the_options():
    env = {**os.environ, "PYTHONPATH": str(EXAMPLES.parent)}
    result = subprocess.run([sys.executable, str(EXAMPLES / "vae.py"), "--help"],
                            capture_output=True, text=True, check=True, env=env)
    assert all(option in result.stdout for option in ("--epochs", "--latent", "--limit", "--out"))
