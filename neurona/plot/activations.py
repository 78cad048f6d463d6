"""``activations``: the gallery of activation functions, each with its derivative (computed by autograd)."""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from neurona.plot._figure import panels

GALLERY = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "maxout", "step", "identity")
"""The slides' gallery, the default of :func:`activations`."""
_MAXOUT_PIECES = np.array([[-1.0, -0.5], [0.5, 0.0], [1.5, -1.0]])
"""Maxout of three affine pieces ``a x + b`` (rows ``(a, b)``): a convex, piecewise-linear unit."""


def maxout_example(x):
    """``max(−x − 0.5, 0.5 x, 1.5 x − 1)``: maxout of three lines, the shape a maxout unit learns.

    Examples
    --------
    >>> import neurona as nr
    >>> maxout_example(nr.tensor([-2.0, 0.0, 2.0])).data
    array([1.5, 0. , 2. ])
    """
    import neurona.functional as F

    pieces = x.reshape(-1, 1) * _MAXOUT_PIECES[:, 0] + _MAXOUT_PIECES[:, 1]
    return F.maxout(pieces, 3).reshape(-1)


def _resolve(item: str | Callable) -> tuple[str, Callable]:
    from neurona import activations as registry

    if callable(item):
        return getattr(item, "__name__", type(item).__name__), item
    if isinstance(item, str) and item.lower() == "maxout":
        return "maxout", maxout_example
    if not isinstance(item, str):
        raise TypeError(f"activations: expected names or functions, got {type(item).__name__}")
    return item, registry.get(item)


def value_and_derivative(fn: Callable, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``fn(x)`` and ``fn'(x)`` elementwise, the derivative by backpropagation (0 where ``fn`` records no graph).

    Examples
    --------
    >>> import neurona.functional as F
    >>> value_and_derivative(F.relu, np.array([-1.0, 2.0]))[1]
    array([0., 1.])
    """
    import neurona as nr

    t = nr.tensor(x, requires_grad=True, dtype="float64")
    out = fn(t)
    if out.shape != t.shape:
        raise ValueError(f"activations: {getattr(fn, '__name__', fn)} must act elementwise, got shape {out.shape} for {t.shape}")
    if not out.requires_grad:                       # the step: flat on both sides, no gradient recorded
        return np.asarray(out.data, dtype=np.float64), np.zeros_like(x, dtype=np.float64)
    out.sum().backward()
    return np.asarray(out.data, dtype=np.float64), np.asarray(t.grad, dtype=np.float64)


def activations(functions: Sequence[str | Callable] = GALLERY, ax=None, x_range: tuple[float, float] = (-4.0, 4.0)):
    """Draw each activation function (solid) with its derivative (dashed), one panel each.

    Parameters
    ----------
    functions : sequence of str or callable
        Registry names (``'sigmoid'``, ``'relu'``, ...), ``'maxout'`` (an
        example unit of three pieces) or functions of a Tensor; default :data:`GALLERY`.
    ax : Axes or sequence of Axes, optional
        One Axes per function.
    x_range : (float, float)

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = activations(["sigmoid", "relu"])
    >>> [a.get_title() for a in fig.axes], [len(a.lines) for a in fig.axes]
    (['sigmoid', 'relu'], [2, 2])
    """
    if isinstance(functions, str) or callable(functions):
        functions = [functions]
    resolved = [_resolve(item) for item in functions]
    if not resolved:
        raise ValueError("activations: no functions to draw")
    fig, axes = panels(len(resolved), ax, "activations", width=3.2, height=2.6, ncols=4)
    x = np.linspace(*x_range, 801)
    for axes_i, (name, fn) in zip(axes, resolved):
        value, slope = value_and_derivative(fn, x)
        axes_i.plot(x, value, label="f(x)")
        axes_i.plot(x, slope, "--", label="f'(x)")
        axes_i.set_title(name)
        axes_i.grid(alpha=0.3)
    axes[0].legend(fontsize="small", loc="upper left")
    return fig
