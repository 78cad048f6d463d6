"""Safe weight files: ``.npz`` or ``.safetensors`` archives of named arrays, written atomically, read without pickle.

A file is written to a temporary file beside it, flushed to disk (``fsync``) and
renamed into place, so a crash never leaves a truncated file under the real name;
temporary files left by a killed write are removed by the next successful one.
"""
from __future__ import annotations

import os
import re
import secrets
import zipfile
from pathlib import Path
from typing import BinaryIO, Callable

import numpy as np

FORMATS = (".npz", ".safetensors")


class NotAWeightsFile(ValueError):
    """A file that is not a neurona weights (or model) file: wrong kind, damaged or truncated."""


def write_atomically(path: str | os.PathLike, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(file)`` on a temporary file beside ``path``, ``fsync`` it, and rename it to ``path``.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "note.txt")
    >>> write_atomically(path, lambda file: file.write(b"hello"))
    >>> open(path, "rb").read()
    b'hello'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(handle, "wb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _remove_stale_temporaries(path)


def _remove_stale_temporaries(path: Path) -> None:
    pattern = re.compile(rf"\.{re.escape(path.name)}\.[0-9a-f]{{8}}\.tmp")
    for entry in path.parent.iterdir():
        if pattern.fullmatch(entry.name):
            entry.unlink(missing_ok=True)


def save_arrays(path: str | os.PathLike, arrays: dict[str, np.ndarray]) -> None:
    """Write named arrays to ``path``: ``.npz`` or ``.safetensors`` by its suffix, atomically.

    Examples
    --------
    >>> import numpy as np, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "w.npz")
    >>> save_arrays(path, {"kernel": np.ones(2)})
    >>> load_arrays(path)["kernel"]
    array([1., 1.])
    """
    suffix = _suffix(path, "save_weights")
    for name, array in arrays.items():
        if not isinstance(array, np.ndarray) or array.dtype.hasobject:
            raise TypeError(f"save_weights: '{name}' must be a NumPy array of numbers, not {type(array).__name__}")
    if suffix == ".npz":
        write_atomically(path, lambda file: np.savez(file, **arrays))
    else:
        write_atomically(path, lambda file: file.write(safetensors_bytes(arrays)))


def load_arrays(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Read the named arrays of a file from :func:`save_arrays`; a file of any other kind is refused.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "w.npy")
    >>> load_arrays(path)
    Traceback (most recent call last):
    ...
    neurona.serialization.NotAWeightsFile: not a neurona weights file: ...w.npy (the name must end in .npz or .safetensors)
    """
    suffix = _suffix(path, None)
    if Path(path).is_dir():
        raise NotAWeightsFile(f"not a neurona weights file: {path} (it is a directory)")
    with open(path, "rb") as file:
        return read_arrays(file, suffix, str(path))


def read_arrays(file: BinaryIO, suffix: str, source: str) -> dict[str, np.ndarray]:
    """Parse an open ``.npz`` or ``.safetensors`` file (``source`` names it in errors)."""
    if suffix == ".safetensors":
        library = safetensors_numpy()
        try:
            return library.load(file.read())
        except Exception as error:  # safetensors raises its own SafetensorError, among others
            raise NotAWeightsFile(f"not a neurona weights file: {source} (bad safetensors data: {error})") from None
    if file.read(4) != b"PK\x03\x04":
        raise NotAWeightsFile(f"not a neurona weights file: {source} (not an .npz archive)")
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return {name.removesuffix(".npy"): _read_member(archive, name, source) for name in archive.namelist()}
    except NotAWeightsFile:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise NotAWeightsFile(f"not a neurona weights file: {source} (a damaged or truncated .npz archive)") from None


def _read_member(archive: zipfile.ZipFile, name: str, source: str) -> np.ndarray:
    if not name.endswith(".npy"):
        raise NotAWeightsFile(f"not a neurona weights file: {source} (member {name!r} is not an .npy array)")
    with archive.open(name) as member:
        version = np.lib.format.read_magic(member)
        if version not in ((1, 0), (2, 0)):
            raise NotAWeightsFile(f"not a neurona weights file: {source} (array {name!r} has .npy version {version})")
        header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        _, _, dtype = header(member)
    if dtype.hasobject:
        raise NotAWeightsFile(
            f"not a neurona weights file: {source} (array {name!r} holds Python objects, which neurona never loads)"
        )
    with archive.open(name) as member:
        return np.lib.format.read_array(member, allow_pickle=False)


def _suffix(path, action: str | None) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        if action is None:
            raise NotAWeightsFile(f"not a neurona weights file: {path} (the name must end in .npz or .safetensors)")
        raise ValueError(f"{action}: the file name must end in .npz or .safetensors, got {str(path)!r}")
    return suffix


def safetensors_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """The arrays in the safetensors format (which keeps 0-d arrays 0-d)."""
    return safetensors_numpy().save({name: a if a.flags.c_contiguous else a.copy() for name, a in arrays.items()})


def safetensors_numpy():
    """The ``safetensors.numpy`` module, or an error that names the extra to install."""
    try:
        import safetensors.numpy
    except ImportError:
        raise ImportError(
            'the safetensors format needs the safetensors package: pip install "neurona[save]"'
        ) from None
    return safetensors.numpy
