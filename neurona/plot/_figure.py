"""The conventions every plot shares: lazy matplotlib, a headless backend, panels and ``ax=``.

matplotlib is imported only when a figure is drawn. Where no display is set
(no ``DISPLAY`` or ``WAYLAND_DISPLAY`` on Linux) and the user chose no backend
(no ``MPLBACKEND``, no ``matplotlib.use``, pyplot not yet imported), the Agg
backend is selected, so plots work on servers and in CI. Each function returns
the :class:`~matplotlib.figure.Figure`; ``ax=`` draws into the user's axes
instead of a new figure: one Axes where the plot has one panel, a sequence of
as many Axes as panels otherwise.
"""
from __future__ import annotations

import math
import os
import sys


def _headless() -> bool:
    return sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def pyplot():
    """``matplotlib.pyplot``, imported on first use (Agg when headless and no backend was chosen).

    Examples
    --------
    >>> plt = pyplot()
    >>> plt.__name__
    'matplotlib.pyplot'
    """
    if "matplotlib.pyplot" not in sys.modules and "MPLBACKEND" not in os.environ and _headless():
        import matplotlib

        chosen = getattr(matplotlib.rcParams, "_get_backend_or_none", lambda: None)()
        if chosen is None:                       # no matplotlibrc chose one either
            matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def panels(n: int, ax, what: str, width: float = 4.0, height: float = 3.2, ncols: int | None = None):
    """``(figure, list of n Axes)``: a new grid of panels, or the caller's ``ax`` checked.

    Examples
    --------
    >>> fig, axes = panels(3, None, "example")
    >>> len(axes), len(fig.axes)
    (3, 3)
    >>> pyplot().close(fig)
    """
    if ax is not None:
        axes = list(ax) if isinstance(ax, (list, tuple)) or hasattr(ax, "flat") else [ax]
        axes = [a for item in axes for a in (item.flat if hasattr(item, "flat") else [item])]
        if len(axes) != n:
            raise ValueError(f"{what}: draws {n} panel(s) but ax= gives {len(axes)} Axes")
        return axes[0].figure, axes
    ncols = ncols or min(n, 3)
    nrows = math.ceil(n / ncols)
    fig, grid = pyplot().subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False)
    flat = list(grid.flat)
    for extra in flat[n:]:
        extra.remove()
    fig.set_layout_engine("constrained")
    return fig, flat[:n]


def one_panel(ax, what: str, width: float = 5.0, height: float = 4.0):
    """``(figure, Axes)`` for a plot of one panel.

    Examples
    --------
    >>> fig, ax = one_panel(None, "example")
    >>> ax in fig.axes
    True
    >>> pyplot().close(fig)
    """
    fig, (axes,) = panels(1, ax, what, width, height)
    return fig, axes
