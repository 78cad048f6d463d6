"""``learning_curves``: loss and metrics per epoch, training against validation."""
from __future__ import annotations

import numpy as np

from neurona.plot._figure import panels
from neurona.plot.history_data import quantities, read_history


def learning_curves(history, ax=None):
    """Draw one panel per quantity (loss first, then each metric): training and validation per epoch.

    The epoch of the best validation value (lowest loss, highest accuracy-like
    metric) is marked with a dot.

    Parameters
    ----------
    history : History, dict or path
        What ``fit`` returned, its ``.history``, or a ``CSVLogger`` file.
    ax : Axes or sequence of Axes, optional
        Where to draw: one Axes per quantity (the default makes a new figure).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = learning_curves({"loss": [1.0, 0.6, 0.4], "val_loss": [1.1, 0.8, 0.7],
    ...                        "accuracy": [0.5, 0.7, 0.8], "val_accuracy": [0.45, 0.6, 0.65]})
    >>> [len(a.lines) for a in fig.axes]
    [2, 2]
    """
    columns = read_history(history)
    pairs = quantities(columns)
    fig, axes = panels(len(pairs), ax, "learning_curves")
    epochs = np.arange(1, next(iter(columns.values())).size + 1)
    for axes_i, (train, val) in zip(axes, pairs):
        axes_i.plot(epochs, columns[train], marker="." if epochs.size < 30 else None, label="training" if val else train)
        if val:
            values = columns[val]
            axes_i.plot(epochs, values, marker="." if epochs.size < 30 else None, label="validation")
            if np.isfinite(values).any():
                best = np.nanargmin(values) if _lower_is_better(train) else np.nanargmax(values)
                axes_i.scatter(epochs[best], values[best], color="black", zorder=3, s=20,
                               label=f"best validation (epoch {epochs[best]})")
        axes_i.set(title=train.replace("_", " "), xlabel="epoch", ylabel=train)
        axes_i.xaxis.get_major_locator().set_params(integer=True)
        axes_i.grid(alpha=0.3)
        axes_i.legend(fontsize="small")
    return fig


def _lower_is_better(name: str) -> bool:
    return not any(word in name for word in ("acc", "auc", "precision", "recall", "f1", "r2"))
