"""The model file as a zip of named members: JSON documents and safetensors arrays, read without running code."""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from neurona.serialization import NotAWeightsFile, read_arrays, write_atomically

CONFIG = "config.json"
WEIGHTS = "model.weights.safetensors"
OPTIMIZER = "optimizer.json"
OPTIMIZER_STATE = "optimizer.safetensors"


class ModelFileError(ValueError):
    """A model file that cannot be loaded: not a zip, a member missing or damaged, a class unknown, weights that do not fit."""


def json_bytes(document: dict, what: str) -> bytes:
    """``document`` as UTF-8 JSON; NumPy scalars become numbers, anything else not JSON-able is an error."""
    def plain(value: Any):
        if isinstance(value, np.generic):
            return value.item()
        raise TypeError(f"save_model: {what} holds {type(value).__name__} {value!r}, which is not JSON-able")

    return json.dumps(document, default=plain).encode("utf-8")


def write_archive(path: str | os.PathLike, members: dict[str, bytes]) -> None:
    """Write ``members`` (name → bytes) as a zip at ``path``, atomically."""
    def write(file: BinaryIO) -> None:
        with zipfile.ZipFile(file, "w", zipfile.ZIP_STORED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)

    write_atomically(path, write)


def read_archive(path: str | os.PathLike) -> dict[str, bytes]:
    """The members of the model file at ``path``; a file that is not a sound zip is a :class:`ModelFileError`."""
    if Path(path).is_dir():
        raise ModelFileError(f"not a neurona model file: {path} (it is a directory)")
    with open(path, "rb") as file:
        if file.read(4) != b"PK\x03\x04":
            raise ModelFileError(f"not a neurona model file: {path} (not a zip archive)")
        file.seek(0)
        try:
            with zipfile.ZipFile(file) as archive:
                return {name: archive.read(name) for name in archive.namelist()}
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, ValueError):
            raise ModelFileError(f"not a neurona model file: {path} (a damaged or truncated zip archive)") from None


def read_json(members: dict[str, bytes], name: str, path) -> dict:
    """The JSON object stored as ``name``."""
    if name not in members:
        raise ModelFileError(f"not a neurona model file: {path} (the zip has no {name})")
    try:
        document = json.loads(members[name].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ModelFileError(f"{path}: {name} is not valid JSON") from None
    if not isinstance(document, dict):
        raise ModelFileError(f"{path}: {name} must hold a JSON object, got {type(document).__name__}")
    return document


def read_tensors(members: dict[str, bytes], name: str, path) -> dict[str, np.ndarray]:
    """The arrays stored as ``name`` (safetensors)."""
    if name not in members:
        raise ModelFileError(f"not a neurona model file: {path} (the zip has no {name})")
    try:
        return read_arrays(io.BytesIO(members[name]), ".safetensors", f"{path}:{name}")
    except NotAWeightsFile as error:
        raise ModelFileError(str(error)) from None

