"""Decoding of gzip-compressed IDX files (the MNIST file format)."""

from __future__ import annotations

import gzip
import os
import zlib

import numpy as np

__all__ = ["read_idx"]

_UBYTE = 0x08


def _decode(data: bytes, source: str, shape: tuple[int, ...]) -> np.ndarray:
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != _UBYTE:
        raise ValueError(
            f"read_idx: {source} is not an unsigned-byte IDX file "
            f"(magic bytes {data[:4].hex() or 'missing'}, expected 0000 08 nn)"
        )
    ndim = data[3]
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ValueError(f"read_idx: {source} ends inside its {ndim}-D header")
    dims = tuple(np.frombuffer(data, dtype=">u4", count=ndim, offset=4).tolist())
    if len(shape) != ndim or any(e not in (-1, d) for e, d in zip(shape, dims, strict=True)):
        raise ValueError(f"read_idx: {source} has shape {dims}, expected {shape}")
    size = int(np.prod(dims, dtype=np.int64))
    if len(data) - header != size:
        raise ValueError(
            f"read_idx: {source} holds {len(data) - header} data bytes, "
            f"but its header {dims} needs {size}"
        )
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims).copy()


def read_idx(path: str | os.PathLike[str], shape: tuple[int, ...]) -> np.ndarray:
    """Read a gzip-compressed unsigned-byte IDX file into a writable uint8 array.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.gz`` file.
    shape : tuple of int
        The expected shape; ``-1`` accepts any length along that axis.

    Returns
    -------
    numpy.ndarray
        uint8 array of the shape given in the file's header.

    Raises
    ------
    ValueError
        On a wrong magic number, dimension count or shape, or a data length that
        does not match the header.

    Examples
    --------
    >>> import gzip, tempfile
    >>> raw = bytes([0, 0, 8, 1, 0, 0, 0, 3, 7, 8, 9])
    >>> with tempfile.NamedTemporaryFile(suffix=".gz", delete=False) as f:
    ...     _ = f.write(gzip.compress(raw))
    >>> read_idx(f.name, (-1,))
    array([7, 8, 9], dtype=uint8)
    """
    try:
        with open(path, "rb") as f:
            data = gzip.decompress(f.read())
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise ValueError(f"read_idx: {path} is not a valid gzip file ({exc})") from exc
    return _decode(data, str(path), shape)
