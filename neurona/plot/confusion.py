"""``confusion_matrix``: counts of true class against predicted class, coloured by the rate per true class."""
from __future__ import annotations

import numpy as np

from neurona.plot._figure import one_panel


def _classes(y, name: str) -> np.ndarray:
    array = np.asarray(y)
    if array.ndim == 2 and array.shape[1] > 1:           # one-hot rows or probabilities
        return array.argmax(axis=1)
    if array.ndim == 2:
        array = array[:, 0]
        if array.dtype.kind == "f":                      # one sigmoid output: P(class 1)
            return (array > 0.5).astype(np.int64)
    if array.ndim != 1:
        raise ValueError(f"confusion_matrix: {name} must be labels (n,) or scores (n, classes), got shape {np.shape(y)}")
    return array


def _indices(y_true: np.ndarray, y_pred: np.ndarray, labels) -> tuple[np.ndarray, np.ndarray, list]:
    both = np.concatenate([y_true, y_pred])
    if both.dtype.kind in "iub" or (both.dtype.kind == "f" and np.all(both == np.round(both))):
        both = both.astype(np.int64)
        if both.min(initial=0) < 0:
            raise ValueError(f"confusion_matrix: class indices must be >= 0, got {both.min()}")
        k = max(int(both.max(initial=-1)) + 1, len(labels) if labels is not None else 0)
        names = list(labels) if labels is not None else list(range(k))
        if len(names) < k:
            raise ValueError(f"confusion_matrix: {len(names)} labels for class indices up to {k - 1}")
        return both[: y_true.size], both[y_true.size:], names
    names = list(labels) if labels is not None else sorted(set(both.tolist()))
    lookup = {name: i for i, name in enumerate(names)}
    missing = sorted(set(both.tolist()) - set(lookup), key=str)
    if missing:
        raise ValueError(f"confusion_matrix: classes {missing[:5]} are not in labels {names[:10]}")
    codes = np.array([lookup[v] for v in both.tolist()], dtype=np.int64)
    return codes[: y_true.size], codes[y_true.size:], names


def confusion_counts(y_true, y_pred, labels=None) -> tuple[np.ndarray, list]:
    """``(counts, class names)``: ``counts[i, j]`` samples of true class i predicted as j.

    ``y_true`` and ``y_pred`` are class indices, class values (strings), one-hot
    rows or scores (the argmax is taken; one sigmoid column is thresholded at 0.5).

    Examples
    --------
    >>> counts, names = confusion_counts([0, 1, 1, 2], [0, 2, 1, 2], labels=["a", "b", "c"])
    >>> counts
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    """
    true, pred = _classes(y_true, "y_true"), _classes(y_pred, "y_pred")
    if true.shape != pred.shape:
        raise ValueError(f"confusion_matrix: y_true has {true.size} samples, y_pred {pred.size}")
    if true.size == 0:
        raise ValueError("confusion_matrix: no samples (y_true is empty)")
    true, pred, names = _indices(true, pred, labels)
    k = len(names)
    return np.bincount(true * k + pred, minlength=k * k).reshape(k, k), names


def confusion_matrix(y_true, y_pred, labels=None, ax=None):
    """Draw the confusion matrix: each cell's count, coloured by its share of the true class (the row).

    Parameters
    ----------
    y_true, y_pred : array-like
        Class indices, class values, one-hot rows or scores (see :func:`confusion_counts`).
    labels : sequence, optional
        The class names, in index order (for indices) or the classes' order (for values).
    ax : Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = confusion_matrix([0, 1, 1, 0], [0, 1, 0, 0], labels=["cat", "dog"])
    >>> fig.axes[0].get_title()
    'accuracy 0.750 (3/4)'
    """
    counts, names = confusion_counts(y_true, y_pred, labels)
    rows = counts.sum(axis=1, keepdims=True)
    rates = np.divide(counts, rows, out=np.zeros(counts.shape), where=rows > 0)
    fig, axes = one_panel(ax, "confusion_matrix", width=max(4.0, 0.5 * len(names) + 2), height=max(3.5, 0.5 * len(names) + 1.5))
    image = axes.imshow(rates, cmap="Blues", vmin=0, vmax=1)
    fig.colorbar(image, ax=axes, label="share of the true class")
    for (i, j), count in np.ndenumerate(counts):
        axes.text(j, i, str(count), ha="center", va="center", fontsize="small",
                  color="white" if rates[i, j] > 0.5 else "black")
    ticks = np.arange(len(names))
    axes.set_xticks(ticks, [str(n) for n in names], rotation=45 if len(names) > 4 else 0)
    axes.set_yticks(ticks, [str(n) for n in names])
    correct, total = int(np.trace(counts)), int(counts.sum())
    axes.set(xlabel="predicted", ylabel="true", title=f"accuracy {correct / total:.3f} ({correct}/{total})")
    return fig
