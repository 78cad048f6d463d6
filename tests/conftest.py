"""Shared test setup: the location of the real datasets and the optional torch reference."""
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
