"""Where a dataset's files are (offline folder, package, user cache), and fetching them with one line per download.

Examples
--------
>>> locate("tabular/iris/iris.data", None).name
'iris.data'
"""
from __future__ import annotations

from pathlib import Path


def cache_dir() -> Path | None:
    """The user cache (None without pooch)."""
    try:
        from neurona.datasets.fetch import user_cache_dir

        return user_cache_dir()
    except ImportError:  # no pooch, so no cache
        return None


def _quiet_pooch() -> None:
    """Leave the messages to this command: pooch's logger would add its own lines on stderr."""
    try:
        import pooch
    except ImportError:
        return
    pooch.get_logger().setLevel("WARNING")


def locate(path: str, data_home: str | None) -> Path | None:
    """Where ``get_data_file`` would find the registered file ``path`` without downloading (unverified)."""
    from neurona.datasets._registry import lookup
    from neurona.datasets.fetch import bundled_path, offline_dir

    entry = lookup(path)
    home, cache = offline_dir(data_home), cache_dir()
    candidates = [home / path if home else None, bundled_path(entry) if entry.bundled else None,
                  cache / path if cache else None]
    return next((c for c in candidates if c is not None and c.is_file()), None)


def fetch_files(dataset, data_home: str | None) -> list[Path]:
    """The verified paths of ``dataset``'s files, each announced on stdout before it is downloaded."""
    from neurona.datasets import get_data_file
    from neurona.datasets._registry import lookup

    _quiet_pooch()
    paths = []
    for path in dataset.files:
        if locate(path, data_home) is None:
            print(f"{path}: downloading from {lookup(path).url}", flush=True)
        paths.append(get_data_file(path, data_home=data_home))
    return paths
