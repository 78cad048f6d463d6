"""The progress display of ``fit``: a tqdm bar per epoch (verbose=1) or one line per epoch (verbose=2)."""
from __future__ import annotations

import sys
import time

from neurona.callbacks.base import Callback


def format_logs(logs: dict) -> str:
    return " - ".join(f"{key}: {value:.4f}" for key, value in logs.items())


class ProgressBar(Callback):
    """Shows training progress with loss, metrics and ETA.

    With ``verbose=1`` each epoch gets a tqdm bar (the ``progress`` extra); without
    tqdm it falls back to one line per epoch. ``verbose=2`` prints one line per epoch.
    """

    def __init__(self, verbose: int, epochs: int, steps: int, refresh_every: int = 25) -> None:
        self.verbose, self.epochs, self.steps = verbose, epochs, steps
        self.refresh_every = refresh_every
        self.bar = None
        if verbose == 1:
            try:
                import tqdm
            except ImportError:
                self.verbose = 2
            else:
                self._tqdm = tqdm.tqdm

    def on_epoch_begin(self, epoch, logs=None):
        self.start = time.perf_counter()
        if self.verbose == 1:
            self.bar = self._tqdm(total=self.steps, desc=f"Epoch {epoch + 1}/{self.epochs}", unit="batch",
                                  file=sys.stdout, leave=True, dynamic_ncols=True)

    def on_train_batch_end(self, batch, logs=None):
        if self.bar is not None:
            self.bar.update(1)
            if batch % self.refresh_every == 0:
                self.bar.set_postfix_str(format_logs(logs), refresh=False)

    def on_epoch_end(self, epoch, logs=None):
        if self.bar is not None:
            self.bar.set_postfix_str(format_logs(logs), refresh=False)
            self.bar.close()
            self.bar = None
        elif self.verbose == 2:
            seconds = time.perf_counter() - self.start
            print(f"Epoch {epoch + 1}/{self.epochs} - {seconds:.1f}s - {format_logs(logs)}", flush=True)
