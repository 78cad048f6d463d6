"""Shared test setup: the location of the real datasets, the optional torch reference, and both paths of
``neurona.accelerate``."""
import os
from pathlib import Path

import pytest

DATA_DIR = Path(os.environ.get("NEURONA_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: trains a model on real data (minutes)")


@pytest.fixture
def data_dir() -> Path:
    if not DATA_DIR.is_dir():
        pytest.skip(f"real datasets not found at {DATA_DIR}; set NEURONA_DATA")
    return DATA_DIR


@pytest.fixture(params=[True, False], ids=["compiled", "numpy"])
def compiled(request):
    """Run the test with :mod:`neurona.accelerate`'s kernels on (skipped without numba), then off."""
    from neurona import accelerate

    if request.param and not accelerate.available():
        pytest.skip("numba is not installed: no compiled kernels")
    accelerate.set_enabled(request.param)
    yield request.param
    accelerate.set_enabled(None)
