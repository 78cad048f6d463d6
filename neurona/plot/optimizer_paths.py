"""``optimizer_paths``: the library's optimizers run on two parameters, drawn over the loss's contours."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from neurona.plot._figure import one_panel
from neurona.plot.loss_surfaces import SURFACES, Surface


def _optimizers(specs) -> list[tuple[str, object]]:
    from neurona import optimizers

    items = specs.items() if isinstance(specs, Mapping) else [(None, spec) for spec in specs]
    resolved = []
    for label, spec in items:
        fresh = optimizers.get(optimizers.serialize(optimizers.get(spec)))   # a copy: the caller's is untouched
        resolved.append((str(label) if label is not None else _label(fresh), fresh))
    if not resolved:
        raise ValueError("optimizer_paths: no optimizers given")
    return resolved


def _label(optimizer) -> str:
    name = type(optimizer).__name__
    if getattr(optimizer, "nesterov", False):
        name = "NAG"
    elif getattr(optimizer, "momentum", 0):
        name = "momentum"
    elif name == "SGD":
        name = "GD"
    return f"{name} (η={optimizer.get_config()['learning_rate']:g})"


def run_path(loss_fn: Callable, optimizer, start, steps: int) -> np.ndarray:
    """The points ``(steps + 1, 2)`` that ``optimizer`` visits from ``start`` (cut where they stop being finite).

    Examples
    --------
    >>> from neurona.optimizers import SGD
    >>> from neurona.plot.loss_surfaces import elongated
    >>> run_path(elongated, SGD(lr=0.1), (1.0, 1.0), 2)
    array([[1.   , 1.   ],
           [0.98 , 0.6  ],
           [0.9604, 0.36  ]])
    """
    import neurona as nr

    w = nr.tensor(np.asarray(start, dtype=np.float64).reshape(2), requires_grad=True, dtype="float64")
    optimizer.set_parameters([w])
    points = [w.data.copy()]
    with np.errstate(over="ignore", invalid="ignore"):       # a diverging run is an answer, not a warning
        _steps(loss_fn, optimizer, w, steps, points)
    return np.array(points)


def _steps(loss_fn: Callable, optimizer, w, steps: int, points: list) -> None:
    for _ in range(steps):
        w.grad = None
        loss = loss_fn(w)
        if getattr(loss, "shape", None) != ():
            raise ValueError(f"optimizer_paths: loss_fn_2d must return a scalar Tensor for w of shape (2,), got {loss!r:.80}")
        loss.backward()
        optimizer.step()
        if not np.isfinite(w.data).all():
            break
        points.append(w.data.copy())


def _contours(axes, loss_fn: Callable, bounds) -> None:
    import neurona as nr

    xs, ys = np.linspace(bounds[0], bounds[1], 200), np.linspace(bounds[2], bounds[3], 200)
    grid = np.stack(np.meshgrid(xs, ys))
    with nr.no_grad():
        z = loss_fn(nr.tensor(grid, dtype="float64"))
    z = np.asarray(getattr(z, "data", z), dtype=np.float64)
    if z.shape != grid.shape[1:]:
        raise ValueError(f"optimizer_paths: loss_fn_2d must give one loss per point of a grid (2, h, w), got shape {z.shape}")
    levels = np.unique(np.quantile(z[np.isfinite(z)], np.linspace(0, 1, 30) ** 1.5))
    axes.contour(xs, ys, z, levels=levels, colors="grey", linewidths=0.6, alpha=0.7)


def _bounds(paths: list[np.ndarray], start: np.ndarray) -> tuple[float, float, float, float]:
    points = np.concatenate([start[None], *paths])
    near = points[np.abs(points - start).max(axis=1) <= 10 * (1 + np.abs(start).max())]
    low, high = near.min(axis=0), near.max(axis=0)
    pad = 0.1 * np.maximum(high - low, 1.0)
    return low[0] - pad[0], high[0] + pad[0], low[1] - pad[1], high[1] + pad[1]


def optimizer_paths(loss_fn_2d: str | Callable, optimizers: Mapping | Sequence, start=None, steps: int = 100,
                    ax=None, bounds: tuple[float, float, float, float] | None = None):
    """Run each optimizer from ``start`` for ``steps`` steps on a 2-parameter loss and draw the paths over its contours.

    Parameters
    ----------
    loss_fn_2d : str or callable
        ``'elongated'``, ``'rosenbrock'`` or ``'saddle'`` (see
        :mod:`~neurona.plot.loss_surfaces`), or a function of ``w`` written
        with ``w[0]``, ``w[1]`` that gives a scalar Tensor for ``w`` of shape
        ``(2,)`` and one loss per point for a grid ``(2, h, w)``.
    optimizers : mapping of label to optimizer, or sequence of optimizers
        Optimizers, names (``'sgd'``, ``'momentum'``, ``'nesterov'``, ``'adagrad'``,
        ``'rmsprop'``, ``'adam'``) or configs; each is run on a copy.
    start : (float, float), optional
        Default: the named surface's start.
    steps : int
    ax : Axes, optional
    bounds : (xmin, xmax, ymin, ymax), optional
        The window drawn; default: the named surface's, else the paths' box.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from neurona.optimizers import SGD, Adam
    >>> fig = optimizer_paths("elongated", {"GD": SGD(lr=0.4), "Adam": Adam(lr=0.3)}, steps=30)
    >>> [line.get_label() for line in fig.axes[0].lines]
    ['GD', 'Adam']
    """
    surface = SURFACES.get(loss_fn_2d) if isinstance(loss_fn_2d, str) else Surface(loss_fn_2d, None, None, None)
    if surface is None:
        raise ValueError(f"optimizer_paths: unknown surface {loss_fn_2d!r}; use one of {sorted(SURFACES)} or a function")
    start = np.asarray(surface.start if start is None else start, dtype=np.float64)
    if start.shape != (2,) or not np.isfinite(start).all():
        raise ValueError(f"optimizer_paths: start must be 2 finite numbers, got {start.tolist()}")
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"optimizer_paths: steps must be a positive int, got {steps!r}")
    runs = [(label, run_path(surface.fn, opt, start, int(steps))) for label, opt in _optimizers(optimizers)]
    bounds = bounds or surface.bounds or _bounds([path for _, path in runs], start)
    fig, axes = one_panel(ax, "optimizer_paths", width=6.5, height=4.5)
    _contours(axes, surface.fn, bounds)
    for label, path in runs:
        diverged = len(path) <= steps
        axes.plot(path[:, 0], path[:, 1], marker=".", markersize=3, linewidth=1.2, label=label + (" (diverged)" if diverged else ""))
    axes.scatter(*start, color="black", marker="o", zorder=3, label="start")
    if surface.minimum is not None:
        axes.scatter(*surface.minimum, color="gold", edgecolors="black", marker="*", s=150, zorder=3, label="minimum")
    axes.set(xlim=bounds[:2], ylim=bounds[2:], xlabel="$w_1$", ylabel="$w_2$",
             title=f"{getattr(surface.fn, '__name__', 'loss')}: {steps} steps")
    axes.legend(fontsize="small", loc="best")
    return fig
