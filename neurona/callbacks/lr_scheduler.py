"""``LearningRateScheduler``: set the optimizer's learning rate at the start of each epoch."""
from __future__ import annotations

from typing import Callable

from neurona.callbacks.base import Callback


class LearningRateScheduler(Callback):
    """Call ``schedule(epoch, lr) -> new_lr`` before each epoch (epochs counted from 0).

    With several optimizers (``compile(optimizer={...})``) each one is scheduled from its own rate.

    Examples
    --------
    >>> from neurona.callbacks import LearningRateScheduler
    >>> halve = LearningRateScheduler(lambda epoch, lr: lr * 0.5 if epoch else lr)
    """

    def __init__(self, schedule: Callable[[int, float], float], verbose: int = 0) -> None:
        self.schedule, self.verbose = schedule, verbose

    def on_epoch_begin(self, epoch, logs=None):
        for optimizer in self.model.optimizers.values():
            rate = float(self.schedule(epoch, float(optimizer.learning_rate)))
            optimizer.learning_rate = rate
            if self.verbose:
                print(f"LearningRateScheduler: epoch {epoch + 1}, learning rate {rate:.6g}")

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            for name, optimizer in self.model.optimizers.items():
                logs[f"{name}_lr" if name else "lr"] = float(optimizer.learning_rate)
