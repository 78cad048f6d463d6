"""Watching a logged quantity: which direction is better, and whether a value improves on the best."""
from __future__ import annotations

import math


class Monitor:
    """Tracks the best value of ``monitor`` in ``logs`` (``mode='auto'``: maximize accuracies, minimize the rest)."""

    def __init__(self, monitor: str, mode: str = "auto", min_delta: float = 0.0) -> None:
        if mode not in ("auto", "min", "max"):
            raise ValueError(f"mode must be 'auto', 'min' or 'max', got {mode!r}")
        if mode == "auto":
            mode = "max" if any(k in monitor for k in ("acc", "precision", "recall")) else "min"
        self.monitor, self.mode, self.min_delta = monitor, mode, abs(min_delta)
        self.best = -math.inf if mode == "max" else math.inf

    def value(self, logs: dict, owner: str) -> float:
        if self.monitor not in logs:
            raise KeyError(f"{owner}: monitored quantity {self.monitor!r} is not in the logs; available: {sorted(logs)}")
        return logs[self.monitor]

    def improves(self, value: float) -> bool:
        if self.mode == "max":
            return value > self.best + self.min_delta
        return value < self.best - self.min_delta
