"""``LearningRateScheduler``: set the optimizer's learning rate at the start of each epoch."""
from __future__ import annotations

from typing import Callable

from neurona.callbacks.base import Callback


class LearningRateScheduler(Callback):
    """Call ``schedule(epoch, lr) -> new_lr`` before each epoch (epochs counted from 0).

    Examples
    --------
    >>> from neurona.callbacks import LearningRateScheduler
    >>> halve = LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch else lr)
    """

    def __init__(self, schedule: Callable[[int, float], float], verbose: int = 0) -> None:
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch, logs=None):
        optimizer = self.model.optimizer
        rate = float(self.schedule(epoch, float(optimizer.learning_rate)))
        optimizer.learning_rate = rate
        if self.verbose:
            print(f"LearningRateScheduler: epoch {epoch + 1}, learning rate {rate:.6g}")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["lr"] = float(self.model.optimizer.learning_rate)
