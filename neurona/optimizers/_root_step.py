"""The step that Adagrad and RMSProp share: the gradient divided by the root of the accumulated squares."""
from __future__ import annotations

import numpy as np


def step_by_root(theta: np.ndarray, g: np.ndarray, tmp: np.ndarray, s: np.ndarray, lr: float,
                 epsilon: float, epsilon_inside_sqrt: bool) -> None:
    """``θ ← θ − η g / √(s + ε)`` (Keras), or ``θ ← θ − η g / (√s + ε)`` (the course); ``g`` and ``tmp`` are scratch.

    Examples
    --------
    >>> theta, s = np.array([1.0]), np.array([4.0])
    >>> step_by_root(theta, np.array([2.0]), np.empty(1), s, 0.5, 0.0, True)
    >>> theta
    array([0.5])
    """
    if epsilon_inside_sqrt:
        np.add(s, epsilon, out=tmp)
        np.sqrt(tmp, out=tmp)                      # √(s + ε)
    else:
        np.sqrt(s, out=tmp)
        tmp += epsilon                             # √s + ε
    g /= tmp
    g *= lr
    theta -= g                                     # θ ← θ − η g / (the root with ε)
