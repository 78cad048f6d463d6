"""The script that draws docs/images: ``--help`` and a quick run of the pictures that need no dataset."""
import importlib.util
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "make_images.py"


@pytest.fixture(scope="module")
def make_images():
    spec = importlib.util.spec_from_file_location("make_images", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_help(make_images, capsys):
    with pytest.raises(SystemExit) as exit_:
        make_images.main(["--help"])
    assert exit_.value.code == 0 and "--only" in capsys.readouterr().out


def test_every_function_has_its_picture(make_images):
    import neurona.plot

    drawn = {picture.__name__ for picture in make_images.PICTURES}
    assert drawn == set(neurona.plot.__all__) - {"Diagnosis", "confusion_counts", "read_history"}
    shown = (SCRIPT.parent / "plots.md").read_text()
    assert all(f"images/{name}.png" in shown for name in drawn)


def test_quick_pictures(make_images, tmp_path):
    names = ["activations", "optimizer_paths", "gradient_norms_through_time"]
    make_images.main(["--quick", "--out", str(tmp_path), "--only", *names])
    for name in names:
        pixels = np.asarray(Image.open(tmp_path / f"{name}.png").convert("L"))
        assert min(pixels.shape) > 200 and pixels.std() > 10, name
