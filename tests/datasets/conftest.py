"""Dataset tests never use the real user cache, the network or a stray NEURONA_DATA.

Real files come from the ``data_dir`` fixture of ``tests/conftest.py``
(``$NEURONA_DATA``, default ``../shared/data`` next to the repository).
"""
from pathlib import Path

import pytest

from neurona.datasets import fetch
from neurona.datasets.verify import clear_verification_cache


def _no_network(self, url, output_file, pooch=None, check_only=False):
    import requests

    raise requests.exceptions.ConnectionError(f"the tests have no network access ({url})")


@pytest.fixture(autouse=True)
def user_cache(monkeypatch, tmp_path) -> Path:
    """An empty user cache in tmp_path; downloads fail as if offline."""
    cache = tmp_path / "user-cache"
    monkeypatch.delenv(fetch.ENV_VAR, raising=False)
    monkeypatch.setattr(fetch, "user_cache_dir", lambda: cache)
    try:
        import pooch
    except ImportError:
        pooch = None
    if pooch is not None:
        monkeypatch.setattr(pooch.HTTPDownloader, "__call__", _no_network)
    clear_verification_cache()
    return cache
