"""The under/over-fitting diagnosis of the loss curves, by :func:`neurona.plot.diagnose` when it exists."""
from __future__ import annotations

import importlib.util

MIN_EPOCHS = 10


def available() -> bool:
    """Whether ``neurona.plot.diagnosis`` is installed (the plot module's diagnosis)."""
    try:
        return importlib.util.find_spec("neurona.plot.diagnosis") is not None
    except (ImportError, ValueError):  # no neurona.plot, or a module without a spec
        return False


def diagnose(history: dict[str, list[float]]) -> dict | None:
    """``{"regime", "remedies", "text"}`` for a history of ``loss`` and ``val_loss``; None without the plot module
    or with fewer than ``MIN_EPOCHS`` epochs.

    Examples
    --------
    >>> diagnose({"loss": [1.0], "val_loss": [1.0]}) is None
    True
    """
    if len(history["loss"]) < MIN_EPOCHS or not available():
        return None
    from neurona.plot import diagnose as plot_diagnose

    result = plot_diagnose({key: list(values) for key, values in history.items()})
    return {"regime": str(getattr(result, "regime", "")), "remedies": [str(r) for r in getattr(result, "remedies", [])],
            "text": str(result)}
