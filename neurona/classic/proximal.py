"""The L1 penalty by proximal gradient descent (ISTA): a gradient step, then soft-thresholding.

A plain gradient step on ``λ‖w‖₁`` moves each weight by ``±ηλ`` and jumps over
zero, so the weights oscillate around 0 without reaching it. The proximal step
solves ``argmin_v ½‖v − w‖² + t‖v‖₁`` exactly instead: it shrinks each weight
towards 0 by ``t = ηλ`` and stops at 0 — irrelevant weights become exactly zero.
"""
from __future__ import annotations

import numpy as np


def soft_threshold(w: np.ndarray, t: float) -> np.ndarray:
    """``sign(w) · max(|w| − t, 0)``: the proximal operator of ``t‖w‖₁``.

    Examples
    --------
    >>> soft_threshold(np.array([-3.0, -0.5, 0.2, 2.0]), 1.0)
    array([-2., -0.,  0.,  1.])
    """
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)
