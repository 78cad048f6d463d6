"""The under/over-fitting diagnosis of the live loss curves, by :func:`neurona.plot.diagnose`."""
from __future__ import annotations

from neurona.plot.diagnosis import diagnose as plot_diagnose

MIN_EPOCHS = 10


def diagnose(history: dict[str, list[float]]) -> dict | None:
    """``{"regime", "remedies", "text"}`` for a history of ``loss`` and ``val_loss``; None with fewer
    than ``MIN_EPOCHS`` epochs (too short to judge).

    Examples
    --------
    >>> diagnose({"loss": [1.0], "val_loss": [1.0]}) is None
    True
    >>> diagnose({"loss": [1.0 - 0.08 * i for i in range(12)], "val_loss": [1.0 - 0.01 * i for i in range(12)]})["regime"]
    'over-fitting'
    """
    if len(history["loss"]) < MIN_EPOCHS:
        return None
    result = plot_diagnose({key: list(values) for key, values in history.items()})
    return {"regime": result.regime, "remedies": list(result.remedies), "text": str(result)}
