"""A run folder: what ``neurona train`` leaves and what the other commands read back.

``model.neurona`` (the whole model, :func:`neurona.models.load_model`),
``history.csv`` (one row per epoch), ``learning_curves.png`` and ``diagnosis.txt``,
``confusion_matrix.png`` (classifiers) and ``report.json`` (the recipe, versions,
seed, input scaling, final metrics, time).

Examples
--------
>>> import tempfile
>>> open_run(tempfile.mkdtemp())
Traceback (most recent call last):
...
neurona.cli.errors.CLIError: ... is neither a model file nor a run folder (no model.neurona in it)
"""
from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from neurona.cli.errors import CLIError

MODEL = "model.neurona"
REPORT = "report.json"
HISTORY = "history.csv"


@dataclass(frozen=True)
class Run:
    """A model file and, when it lies in a run folder, that run's report (else ``None``)."""

    model_path: Path
    report: dict | None

    def load_model(self):
        """The saved model, compiled as it was trained."""
        from neurona.models import load_model

        return load_model(self.model_path)


def open_run(path: str | os.PathLike) -> Run:
    """Open a run folder or a bare model file; anything else is a :class:`CLIError`."""
    path = Path(path)
    if not path.exists():
        raise CLIError(f"no such run folder or model file: {path}")
    folder = path if path.is_dir() else path.parent
    model_path = path / MODEL if path.is_dir() else path
    if not model_path.is_file():
        raise CLIError(f"{path} is neither a model file nor a run folder (no {MODEL} in it)")
    report_path = folder / REPORT
    report = None
    if report_path.is_file() and (path.is_dir() or path.name == MODEL):
        report = json.loads(report_path.read_text(encoding="utf-8"))
    return Run(model_path, report)


def read_history(path: str | os.PathLike) -> dict:
    """The columns of a ``history.csv`` by name (:func:`neurona.plot.read_history`); a bad file is a :class:`CLIError`."""
    from neurona.plot import read_history as read

    path = Path(path)
    if not path.is_file():
        raise CLIError(f"no such history file: {path}")
    try:
        return read(path)
    except (TypeError, ValueError) as error:
        raise CLIError(f"{path} is not a history.csv of numbers (epoch, loss, ...): {error}") from None


def versions() -> dict[str, str]:
    """The versions that shaped a run: Python, platform, NumPy, neurona."""
    import numpy

    from neurona import __version__

    return {"neurona": __version__, "numpy": numpy.__version__, "python": sys.version.split()[0],
            "platform": platform.platform()}


def write_report(folder: Path, report: dict) -> Path:
    """Write ``report.json`` (indented, keys in the given order)."""
    path = folder / REPORT
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return path
