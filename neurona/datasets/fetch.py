"""Find a dataset file: offline directory, package copy, user cache, then download.

Every file found is checked against its registered SHA-256 before it is returned.
Downloads use pooch (an optional dependency), which writes to a temporary file and
renames it only once the download is complete and, where a hash is published,
verified; an interrupted download leaves nothing in the cache.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ._registry import DataFile, lookup
from .errors import DatasetNotFoundError
from .verify import verify

__all__ = ["ENV_VAR", "get_data_file", "offline_dir", "bundled_path", "user_cache_dir"]

ENV_VAR = "NEURONA_DATA"
_FILES_DIR = Path(__file__).parent / "files"


def offline_dir(data_home: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the offline data directory: ``data_home``, else ``$NEURONA_DATA``, else None.

    Examples
    --------
    >>> offline_dir("/data/neurona")
    PosixPath('/data/neurona')
    """
    if data_home is not None:
        return Path(data_home).expanduser()
    value = os.environ.get(ENV_VAR)
    return Path(value).expanduser() if value else None


def bundled_path(entry: DataFile) -> Path:
    """Return where the package keeps its copy of a bundled file.

    Examples
    --------
    >>> bundled_path(lookup("tabular/wine/wine.data")).name
    'wine.data'
    """
    return _FILES_DIR / entry.name


def user_cache_dir() -> Path:
    """Return the user cache directory, ``pooch.os_cache('neurona')``.

    Examples
    --------
    >>> user_cache_dir().name  # doctest: +SKIP
    'neurona'
    """
    import pooch

    return Path(pooch.os_cache("neurona"))


def _not_found(entry: DataFile, searched: list[Path], reason: str) -> DatasetNotFoundError:
    source = entry.url
    if entry.member is not None:
        source += f" (member {entry.member!r} of the archive served there)"
    where = ", ".join(str(p) for p in searched) or "nowhere"
    return DatasetNotFoundError(
        f"neurona.datasets.get_data_file: {entry.path!r} is not available: {reason}. "
        f"Searched: {where}. To work offline, put the file at "
        f"<DATA_DIR>/{entry.path} and set the {ENV_VAR} environment variable to "
        f"<DATA_DIR> (or pass data_home=<DATA_DIR>). Canonical download: {source}"
    )


def _extractor(pooch, entry: DataFile, extract_dir: str):
    name = entry.archive_name or ""
    kind = pooch.Untar if name.endswith((".tgz", ".tar.gz")) else pooch.Unzip
    return kind(members=[entry.member], extract_dir=extract_dir)


def _download(pooch, entry: DataFile, target: Path) -> None:
    folder = target.parent
    known_hash = None if entry.url_sha256 is None else f"sha256:{entry.url_sha256}"
    if entry.member is None:
        pooch.retrieve(entry.url, known_hash=known_hash, fname=entry.name, path=folder)
        return
    extract_dir = f"{entry.archive_name}.extracted"
    shutil.rmtree(folder / extract_dir, ignore_errors=True)
    try:
        pooch.retrieve(
            entry.url,
            known_hash=known_hash,
            fname=entry.archive_name,
            path=folder,
            processor=_extractor(pooch, entry, extract_dir),
        )
        os.replace(verify(folder / extract_dir / entry.member, entry), target)
    finally:
        shutil.rmtree(folder / extract_dir, ignore_errors=True)


def get_data_file(
    path: str,
    data_home: str | os.PathLike[str] | None = None,
    download: bool = True,
) -> Path:
    """Return the verified local path of a registered dataset file.

    Looks in this order: ``data_home`` (else ``$NEURONA_DATA``), an offline
    directory laid out like the project's shared data directory; the copy shipped
    in the package (iris, wdbc, housing, wine only); the user cache
    (``pooch.os_cache('neurona')``), downloading there from the canonical URL with
    pooch when ``download`` is true.

    Parameters
    ----------
    path : str
        The file's path relative to the data directory, e.g.
        ``"mnist/train-images-idx3-ubyte.gz"``.
    data_home : str or os.PathLike, optional
        Offline data directory; overrides ``$NEURONA_DATA``.
    download : bool, default True
        Whether a file missing everywhere may be downloaded (needs pooch).

    Returns
    -------
    pathlib.Path
        A file whose SHA-256 matches the registry.

    Raises
    ------
    DatasetIntegrityError
        A file was found but its SHA-256 is wrong; it is not used.
    DatasetNotFoundError
        The file is nowhere and could not be downloaded; the message gives the
        offline path to use, the ``NEURONA_DATA`` variable and the URL.

    Examples
    --------
    >>> get_data_file("tabular/iris/iris.data").name
    'iris.data'
    """
    entry = lookup(path)
    searched: list[Path] = []
    home = offline_dir(data_home)
    if home is not None:
        searched.append(home / entry.path)
        if searched[-1].is_file():
            return verify(searched[-1], entry)
    if entry.bundled:
        searched.append(bundled_path(entry))
        if searched[-1].is_file():
            return verify(searched[-1], entry)
    try:
        import pooch
    except ImportError:
        raise _not_found(
            entry, searched, "pooch is not installed (pip install pooch), so there "
            "is no user cache and no download"
        ) from None
    target = user_cache_dir() / entry.path
    searched.append(target)
    if target.is_file():
        return verify(target, entry)
    if not download:
        raise _not_found(entry, searched, "download=False")
    import requests

    try:
        _download(pooch, entry, target)
    except requests.exceptions.RequestException as exc:
        raise _not_found(entry, searched, f"the download failed ({exc})") from exc
    return verify(target, entry)
