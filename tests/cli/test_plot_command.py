"""``neurona plot history.csv``: a PNG of the learning curves and the diagnosis printed."""
import pytest

from .conftest import assert_user_error

PNG = b"\x89PNG\r\n\x1a\n"


def _history(path, val_loss):
    rows = [f"{epoch},{1 / (epoch + 1):.4f},{v:.4f}" for epoch, v in enumerate(val_loss)]
    path.write_text("epoch,loss,val_loss\n" + "\n".join(rows) + "\n")
    return path


def test_plot_writes_the_curves_beside_the_csv_and_diagnoses_them(cli, tmp_path):
    pytest.importorskip("matplotlib")
    over = _history(tmp_path / "history.csv", [1.0, 0.6, 0.5, 0.6, 0.8, 1.1, 1.5, 2.0])   # the gap grows
    result = cli("plot", str(over))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "learning_curves.png").read_bytes()[:8] == PNG
    assert "high variance" in result.stdout.lower() and "learning curves:" in result.stdout


def test_plot_out_names_the_image(cli, tmp_path):
    pytest.importorskip("matplotlib")
    history = _history(tmp_path / "h.csv", [1.0, 0.5, 0.33, 0.25])
    result = cli("plot", str(history), "--out", str(tmp_path / "curves.png"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "curves.png").read_bytes()[:8] == PNG


def test_plot_refuses_a_missing_or_empty_history(cli, tmp_path):
    assert_user_error(cli("plot", str(tmp_path / "absent.csv")), "no such history file")
    (tmp_path / "empty.csv").write_text("epoch,loss\n")
    assert_user_error(cli("plot", str(tmp_path / "empty.csv")), "no epochs")
    (tmp_path / "text.csv").write_text("epoch,loss\n0,abc\n")
    assert_user_error(cli("plot", str(tmp_path / "text.csv")), "not a history.csv of numbers")


def test_plot_without_matplotlib_is_a_one_line_error(tmp_path, monkeypatch, capsys):
    import sys

    from neurona.cli import main

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    history = _history(tmp_path / "h.csv", [1.0, 0.5])
    assert main(["plot", str(history)]) == 2
    assert "pip install 'neurona[plot]'" in capsys.readouterr().err
