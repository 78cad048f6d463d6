"""``TerminateOnNaN``: stop as soon as the loss is NaN or infinite."""
from __future__ import annotations

import math

from neurona.callbacks.base import Callback


class TerminateOnNaN(Callback):
    """Stop training at the first batch whose loss is not finite, saying which epoch and batch.

    Examples
    --------
    >>> from neurona.callbacks import TerminateOnNaN
    >>> guard = TerminateOnNaN()
    """

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch

    def on_train_batch_end(self, batch, logs=None):
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(loss):
            self.message = f"TerminateOnNaN: epoch {self.epoch + 1}, batch {batch + 1}: invalid loss {loss}; training stopped"
            print(self.message)
            self.model.stop_training = True
