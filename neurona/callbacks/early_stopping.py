"""``EarlyStopping``: stop when a monitored quantity has stopped improving."""
from __future__ import annotations

from neurona.callbacks.base import Callback
from neurona.callbacks.monitor import Monitor


class EarlyStopping(Callback):
    """Stop training after ``patience`` epochs without an improvement of at least ``min_delta``.

    With ``restore_best_weights`` the model ends with the weights of its best epoch,
    whether or not the patience ran out.

    Examples
    --------
    >>> from neurona.callbacks import EarlyStopping
    >>> stop = EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)
    """

    def __init__(self, monitor: str = "val_loss", min_delta: float = 0.0, patience: int = 0,
                 mode: str = "auto", restore_best_weights: bool = False, verbose: int = 0) -> None:
        self.watch = Monitor(monitor, mode, min_delta)
        self.patience, self.restore_best_weights, self.verbose = patience, restore_best_weights, verbose

    def on_train_begin(self, logs=None):
        self.watch.best = Monitor(self.watch.monitor, self.watch.mode).best
        self.wait, self.best_epoch, self.best_weights, self.stopped_epoch = 0, None, None, None

    def on_epoch_end(self, epoch, logs=None):
        value = self.watch.value(logs, "EarlyStopping")
        if self.watch.improves(value):
            self.watch.best, self.best_epoch, self.wait = value, epoch, 0
            if self.restore_best_weights:
                self.best_weights = self.model.get_weights()
            return
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_epoch = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        if self.restore_best_weights and self.best_weights is not None:
            self.model.set_weights(self.best_weights)
            if self.verbose:
                print(f"EarlyStopping: restored the weights of epoch {self.best_epoch + 1}")
        if self.stopped_epoch is not None and self.verbose:
            print(f"EarlyStopping: stopped at epoch {self.stopped_epoch + 1}")
