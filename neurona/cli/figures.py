"""The figures of a run: learning curves with their diagnosis, and the confusion matrix of a classifier.

They come from :mod:`neurona.plot`. The diagnosis needs no matplotlib; the PNGs do
(the ``plot`` extra), and without it they are skipped with a note on stderr.
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

LEARNING_CURVES = "learning_curves.png"
CONFUSION_MATRIX = "confusion_matrix.png"
DIAGNOSIS = "diagnosis.txt"


def _pyplot():
    """matplotlib's pyplot on the file-only Agg backend, or ``None`` (with a note) when it is missing."""
    try:
        import matplotlib
    except ImportError:
        print("matplotlib is not installed (pip install 'neurona[plot]'): no PNG figures", file=sys.stderr)
        return None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def learning_curves(history: dict[str, list[float]], path: Path) -> bool:
    """Save the learning curves of ``history`` as a PNG at ``path``; False when matplotlib is missing."""
    plt = _pyplot()
    if plt is None:
        return False
    from neurona import plot

    figure = plot.learning_curves(history)
    figure.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(figure)
    return True


def diagnosis(history: dict[str, list[float]]) -> str:
    """The regime of the learning curves (good fit, high bias, high variance) and its remedies, as text."""
    from neurona import plot

    return str(plot.diagnose(history))


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, labels: tuple[str, ...] | None, path: Path) -> bool:
    """Save the confusion matrix as a PNG at ``path``; False when matplotlib is missing."""
    plt = _pyplot()
    if plt is None:
        return False
    from neurona import plot

    figure = plot.confusion_matrix(y_true, y_pred, labels=None if labels is None else list(labels))
    figure.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(figure)
    return True


def write_run_figures(folder: Path, history: dict[str, list[float]], y_true: np.ndarray,
                      y_pred: np.ndarray | None, labels: tuple[str, ...] | None) -> tuple[list[str], str]:
    """Write a run's figures and ``diagnosis.txt`` into ``folder``; return the files written and the diagnosis."""
    text = diagnosis(history)
    (folder / DIAGNOSIS).write_text(text + "\n", encoding="utf-8")
    written = [DIAGNOSIS]
    if learning_curves(history, folder / LEARNING_CURVES):
        written.append(LEARNING_CURVES)
    if y_pred is not None and confusion_matrix(y_true, y_pred, labels, folder / CONFUSION_MATRIX):
        written.append(CONFUSION_MATRIX)
    return written, text
