"""Every ```python sample of README.md runs as written (MNIST shrunk to a few hundred rows)."""
import pathlib
import re

import numpy as np
import pytest

import neurona.datasets

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
SAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)


def small_mnist(*args, **kwargs):
    """MNIST's shapes and dtypes, 256 training and 64 test images (the samples' code is unchanged)."""
    rng = np.random.default_rng(0)

    def split(n):
        return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), rng.integers(0, 10, n).astype(np.uint8)

    return split(256), split(64)


def test_the_readme_has_samples():
    assert len(SAMPLES) >= 5


@pytest.mark.parametrize("index", range(len(SAMPLES)))
def test_sample_runs(index, monkeypatch, capsys):
    monkeypatch.setattr(neurona.datasets, "load_mnist", small_mnist)
    code = SAMPLES[index]
    exec(compile(code, f"README.md sample {index + 1}", "exec"), {"__name__": f"readme_sample_{index + 1}"})
    out = capsys.readouterr().out
    for expected in re.findall(r"print\(.*\)\s+# (.+)", code):
        assert expected.strip() in out
