"""``History``: the per-epoch record of losses and metrics that ``fit`` returns."""
from __future__ import annotations

from neurona.callbacks.base import Callback


class History(Callback):
    """``history`` maps each log name (``loss``, ``accuracy``, ``val_loss``, ...) to its per-epoch values.

    Examples
    --------
    >>> from neurona.callbacks import History
    >>> h = History()
    >>> h.on_epoch_end(0, {"loss": 0.5})
    >>> h.history
    {'loss': [0.5]}
    """

    def __init__(self) -> None:
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []

    def on_epoch_end(self, epoch, logs=None):
        self.epoch.append(epoch)
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(value)
