"""``ModelCheckpoint``: save the weights after each epoch, or only the best ones."""
from __future__ import annotations

from neurona.callbacks.base import Callback
from neurona.callbacks.monitor import Monitor


class ModelCheckpoint(Callback):
    """Write the model's weights to ``filepath`` (``.npz``, atomically) at the end of epochs.

    ``filepath`` may hold format fields such as ``"w-{epoch:02d}-{val_loss:.3f}.npz"``
    (epochs are numbered from 1). With ``save_best_only`` a file is written only when
    ``monitor`` improves.

    Examples
    --------
    >>> from neurona.callbacks import ModelCheckpoint
    >>> checkpoint = ModelCheckpoint("best.npz", monitor="val_loss", save_best_only=True)
    """

    def __init__(self, filepath: str, monitor: str = "val_loss", save_best_only: bool = False,
                 mode: str = "auto", verbose: int = 0) -> None:
        self.filepath, self.save_best_only, self.verbose = str(filepath), save_best_only, verbose
        self.watch = Monitor(monitor, mode)

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.save_best_only:
            value = self.watch.value(logs, "ModelCheckpoint")
            if not self.watch.improves(value):
                return
            self.watch.best = value
        path = self.filepath.format(epoch=epoch + 1, **logs)
        self.model.save_weights(path)
        if self.verbose:
            print(f"ModelCheckpoint: saved weights to {path}")
