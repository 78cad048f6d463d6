"""``CSVLogger``: one CSV row of logs per epoch."""
from __future__ import annotations

import csv

from neurona.callbacks.base import Callback


class CSVLogger(Callback):
    """Append ``epoch`` and every log value to ``filename`` at each epoch's end.

    Examples
    --------
    >>> from neurona.callbacks import CSVLogger
    >>> logger = CSVLogger("training.csv")
    """

    def __init__(self, filename: str, separator: str = ",", append: bool = False) -> None:
        self.filename, self.separator, self.append = str(filename), separator, append

    def on_train_begin(self, logs=None):
        self.file = open(self.filename, "a" if self.append else "w", newline="")
        self.writer = None

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.writer is None:
            self.writer = csv.DictWriter(self.file, fieldnames=["epoch", *logs], delimiter=self.separator)
            if not self.append or self.file.tell() == 0:
                self.writer.writeheader()
        self.writer.writerow({"epoch": epoch, **logs})
        self.file.flush()

    def on_train_end(self, logs=None):
        self.file.close()
