"""The MLP examples reach their stated test accuracies (seeded; slow: each trains a network)."""
import sys

import pytest


@pytest.mark.slow
def test_playground_mlp_learns_spiral_and_xor(load_example):
    accuracies = load_example("playground_mlp").main(seed=0)
    assert set(accuracies) == {"spiral", "xor"}
    assert accuracies["spiral"] >= 0.90
    assert accuracies["xor"] >= 0.95


@pytest.mark.slow
def test_playground_mlp_plot_is_a_png(load_example, tmp_path):
    pytest.importorskip("matplotlib")
    path = tmp_path / "boundary.png"
    load_example("playground_mlp").main(seed=0, epochs=1, plot=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_playground_mlp_plot_without_matplotlib(load_example, tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    path = tmp_path / "boundary.png"
    load_example("playground_mlp").main(seed=0, epochs=1, plot=str(path))
    assert not path.exists()
    assert "matplotlib is not installed" in capsys.readouterr().err


@pytest.mark.slow
def test_digits_mlp_reaches_0_95(load_example, data_dir):
    assert load_example("digits_mlp").main(seed=0, data_home=data_dir) >= 0.95
