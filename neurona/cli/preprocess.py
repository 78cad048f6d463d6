"""The input scaling of a run, as JSON: fitted on the training part, applied to every later input.

Kinds: ``"none"``; ``"scale255"`` and ``"scale16"`` (divide pixel values or pen
counts by their maximum); ``"standardize"`` (zero mean and unit variance per
feature, with :class:`neurona.data.StandardScaler`, statistics of the training part).

Examples
--------
>>> import numpy as np
>>> spec = fit("standardize", np.array([[1.0], [3.0]]))
>>> spec
{'kind': 'standardize', 'mean': [2.0], 'std': [1.0]}
>>> apply(spec, np.array([[5.0]]))
array([[3.]], dtype=float32)
"""
from __future__ import annotations

import numpy as np

from neurona.cli.errors import CLIError

KINDS = ("none", "scale255", "scale16", "standardize")
_DIVISORS = {"scale255": 255.0, "scale16": 16.0}


def fit(kind: str, x_train: np.ndarray) -> dict:
    """The JSON-able scaling of ``kind`` learned from ``x_train``."""
    if kind not in KINDS:
        raise CLIError(f"unknown preprocess {kind!r}; known: {', '.join(KINDS)}")
    if kind != "standardize":
        return {"kind": kind}
    from neurona.data import StandardScaler

    scaler = StandardScaler().fit(np.asarray(x_train).reshape(len(x_train), -1))
    return {"kind": kind, "mean": scaler.mean_.tolist(), "std": scaler.std_.tolist()}


def apply(spec: dict, x: np.ndarray) -> np.ndarray:
    """``x`` scaled as ``spec`` says, as float32; a feature count that differs is a :class:`CLIError`."""
    x = np.asarray(x, dtype=np.float32)
    kind = spec.get("kind")
    if kind in _DIVISORS:
        return x / np.float32(_DIVISORS[kind])
    if kind == "standardize":
        mean, std = np.asarray(spec["mean"], np.float32), np.asarray(spec["std"], np.float32)
        if x.ndim != 2 or x.shape[1] != mean.size:
            raise CLIError(f"the model takes rows of {mean.size} features, got an array of shape {x.shape}")
        return (x - mean) / np.where(std > 0, std, np.float32(1))
    if kind == "none":
        return x
    raise CLIError(f"unknown preprocess {kind!r}; known: {', '.join(KINDS)}")
