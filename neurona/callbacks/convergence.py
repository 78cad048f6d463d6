"""``Convergence``: the course's stopping rule ``‖w_t − w_{t−1}‖ < ε``."""
from __future__ import annotations

import numpy as np

from neurona.callbacks.base import Callback


class Convergence(Callback):
    """Stop when the weights moved less than ``epsilon`` (Euclidean norm over all parameters) in an epoch.

    The distance of the last epoch is kept in ``self.last_step``.

    Examples
    --------
    >>> from neurona.callbacks import Convergence
    >>> rule = Convergence(epsilon=1e-6)
    """

    def __init__(self, epsilon: float = 1e-6, verbose: int = 0) -> None:
        self.epsilon, self.verbose = epsilon, verbose

    def _flat(self) -> np.ndarray:
        return np.concatenate([p.data.ravel() for p in self.model.parameters()]).astype(np.float64)

    def on_train_begin(self, logs=None):
        self.previous, self.last_step, self.converged_epoch = self._flat(), None, None

    def on_epoch_end(self, epoch, logs=None):
        current = self._flat()
        self.last_step = float(np.linalg.norm(current - self.previous))
        self.previous = current
        if self.last_step < self.epsilon:
            self.converged_epoch = epoch
            self.model.stop_training = True
            if self.verbose:
                print(f"Convergence: ‖w_t − w_t-1‖ = {self.last_step:.3g} < {self.epsilon} at epoch {epoch + 1}")
