"""Errors raised when a dataset file is missing or damaged."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DatasetIntegrityError", "DatasetNotFoundError"]


class DatasetIntegrityError(ValueError):
    """A dataset file's SHA-256 differs from the registered one; it is not used.

    Attributes
    ----------
    path : pathlib.Path
        The damaged file.
    expected : str
        The registered SHA-256.
    actual : str
        The SHA-256 of the file on disk.

    Examples
    --------
    >>> err = DatasetIntegrityError(Path("iris.data"), "ab12", "cd34", "https://x/iris.data")
    >>> err.expected, err.actual
    ('ab12', 'cd34')
    """

    def __init__(self, path: Path, expected: str, actual: str, url: str) -> None:
        self.path = Path(path)
        self.expected = expected
        self.actual = actual
        super().__init__(
            f"neurona.datasets: SHA-256 mismatch for {self.path}: expected {expected}, "
            f"got {actual}. The file is corrupted or incomplete (for example a "
            f"truncated download) and was not used; replace it with a fresh copy "
            f"from {url}"
        )


class DatasetNotFoundError(FileNotFoundError):
    """A dataset file is in none of the places searched and could not be downloaded.

    Examples
    --------
    >>> issubclass(DatasetNotFoundError, OSError)
    True
    """
