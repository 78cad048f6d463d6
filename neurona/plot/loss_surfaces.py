"""Loss surfaces of two parameters for :func:`~neurona.plot.optimizer_paths` (seed 004's comparison).

Each is written with ``w[0]``, ``w[1]`` and arithmetic, so one formula serves a
Tensor of shape ``(2,)`` (the path, by autograd) and a grid ``(2, h, w)`` (the contours).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


def elongated(w):
    """An elongated bowl, ``0.1 x² + 2 y²``: 20 times steeper across than along; minimum at (0, 0).

    Examples
    --------
    >>> import numpy as np
    >>> float(elongated(np.array([1.0, 1.0])))
    2.1
    """
    return 0.1 * w[0] ** 2 + 2 * w[1] ** 2


def rosenbrock(w):
    """Rosenbrock's banana valley, ``(1 − x)² + 100 (y − x²)²``; minimum at (1, 1).

    Examples
    --------
    >>> import numpy as np
    >>> float(rosenbrock(np.array([1.0, 1.0])))
    0.0
    """
    return (1 - w[0]) ** 2 + 100 * (w[1] - w[0] ** 2) ** 2


def saddle(w):
    """A saddle, ``x² − y²``: a minimum along x, a maximum along y; no minimum at all.

    Examples
    --------
    >>> import numpy as np
    >>> float(saddle(np.array([1.0, 2.0])))
    -3.0
    """
    return w[0] ** 2 - w[1] ** 2


@dataclass(frozen=True)
class Surface:
    """A named surface: its function, a start, the window drawn and its minimum (None for the saddle)."""

    fn: Callable
    start: tuple[float, float]
    bounds: tuple[float, float, float, float]
    minimum: tuple[float, float] | None


SURFACES = {
    "elongated": Surface(elongated, (-4.0, 1.0), (-4.5, 4.5, -1.5, 1.5), (0.0, 0.0)),
    "rosenbrock": Surface(rosenbrock, (-1.5, 2.0), (-2.0, 2.0, -1.0, 3.0), (1.0, 1.0)),
    "saddle": Surface(saddle, (-1.5, 0.01), (-2.0, 2.0, -2.0, 2.0), None),
}
"""The surfaces :func:`~neurona.plot.optimizer_paths` accepts by name."""
