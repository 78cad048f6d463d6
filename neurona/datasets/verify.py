"""SHA-256 verification of dataset files, remembered per path, mtime and size."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

from ._registry import DataFile
from .errors import DatasetIntegrityError

__all__ = ["sha256_of", "verify", "clear_verification_cache"]

_CHUNK = 1 << 20
_verified: set[tuple[str, int, int]] = set()


def sha256_of(path: str | os.PathLike[str]) -> str:
    """Return the hex SHA-256 of the file at ``path``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(delete=False) as f:
    ...     _ = f.write(b"abc")
    >>> sha256_of(f.name)[:16]
    'ba7816bf8f01cfea'
    """
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _member_sha256(path: Path, member: str) -> str | None:
    """SHA-256 of one zip member, or ``None`` when the file is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            return hashlib.sha256(archive.read(member)).hexdigest()
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return None


def _matches(path: Path, entry: DataFile, actual: str) -> bool:
    if actual == entry.sha256:
        return True
    if entry.content is None:
        return False
    member, member_sha256 = entry.content
    return _member_sha256(path, member) == member_sha256


def verify(path: str | os.PathLike[str], entry: DataFile) -> Path:
    """Check ``path`` against ``entry``'s SHA-256 and return it as a ``Path``.

    A file that passed once is not hashed again while its path, modification time
    and size stay the same (within this process).

    Raises
    ------
    DatasetIntegrityError
        If the hash differs; the message names the path and both hashes.

    Examples
    --------
    >>> from neurona.datasets._registry import lookup
    >>> from neurona.datasets.fetch import bundled_path
    >>> entry = lookup("tabular/iris/iris.data")
    >>> verify(bundled_path(entry), entry).name
    'iris.data'
    """
    path = Path(path).resolve()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key in _verified:
        return path
    actual = sha256_of(path)
    if not _matches(path, entry, actual):
        expected = entry.sha256
        if entry.content is not None:
            expected += f" (or a zip whose {entry.content[0]} has SHA-256 {entry.content[1]})"
        raise DatasetIntegrityError(path, expected, actual, entry.url)
    _verified.add(key)
    return path


def clear_verification_cache() -> None:
    """Forget which files passed, so the next load hashes them again.

    Examples
    --------
    >>> clear_verification_cache()
    """
    _verified.clear()
