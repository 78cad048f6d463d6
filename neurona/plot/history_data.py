"""``read_history``: a training history as ``{name: float array}``, from any of its forms.

``fit`` returns a :class:`~neurona.callbacks.History`; its ``.history`` is a dict
of per-epoch lists; :class:`~neurona.callbacks.CSVLogger` writes the same as CSV.
The plots and :func:`~neurona.plot.diagnose` accept all three (and any object
with a ``.history`` dict, as Keras's ``History``).
"""
from __future__ import annotations

import csv
import os
from collections.abc import Mapping

import numpy as np


def _from_csv(path) -> dict[str, list]:
    with open(path, newline="") as file:
        rows = list(csv.DictReader(file))
    if not rows:
        raise ValueError(f"read_history: {os.fspath(path)!r} has no epochs (an empty CSV)")
    return {key: [row[key] for row in rows] for key in rows[0] if key != "epoch"}


def _column(name: str, values, length: int | None) -> np.ndarray:
    try:
        array = np.asarray(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(f"read_history: '{name}' must hold numbers, got {values!r:.60}") from None
    if length is not None and array.size != length:
        raise ValueError(f"read_history: '{name}' has {array.size} epochs, the others {length}")
    return array


def read_history(history) -> dict[str, np.ndarray]:
    """Per-epoch values by name, as float64 arrays of one length (NaN kept: a diverged run shows as such).

    Parameters
    ----------
    history : History, dict or path
        What ``fit`` returned, its ``.history`` dict, or the path of a
        ``CSVLogger`` file (its ``epoch`` column is dropped).

    Examples
    --------
    >>> read_history({"loss": [0.9, 0.5], "val_loss": [1.0, 0.7]})["val_loss"]
    array([1. , 0.7])
    """
    if isinstance(history, (str, os.PathLike)):
        history = _from_csv(history)
    elif not isinstance(history, Mapping) and isinstance(getattr(history, "history", None), Mapping):
        history = history.history
    if not isinstance(history, Mapping):
        raise TypeError(f"read_history: expected a History, its dict or a CSV path, got {type(history).__name__}")
    columns: dict[str, np.ndarray] = {}
    for name, values in history.items():
        columns[str(name)] = _column(str(name), values, len(next(iter(columns.values()))) if columns else None)
    if not columns or next(iter(columns.values())).size == 0:
        raise ValueError("read_history: the history is empty (no epochs recorded)")
    return columns


def quantities(columns: Mapping[str, np.ndarray]) -> list[tuple[str, str | None]]:
    """``(training name, validation name or None)`` per quantity, the loss first.

    A ``val_x`` without its ``x`` is a quantity of its own (as ``(val_x, None)``).

    Examples
    --------
    >>> quantities({"accuracy": [1], "loss": [1], "val_loss": [1]})
    [('loss', 'val_loss'), ('accuracy', None)]
    """
    train = [name for name in columns if not name.startswith("val_")]
    orphans = [name for name in columns if name.startswith("val_") and name[4:] not in columns]
    pairs = [(name, f"val_{name}" if f"val_{name}" in columns else None) for name in train]
    pairs.sort(key=lambda pair: pair[0] != "loss")
    return pairs + [(name, None) for name in orphans]
