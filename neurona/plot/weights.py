"""``weights_histogram``: the distribution of each weight array of a model (dead, saturated or exploding layers show)."""
from __future__ import annotations

import numpy as np

from neurona.plot._figure import panels


def weights_histogram(model, ax=None, bins: int = 40):
    """Draw one histogram per parameter array (kernels and biases), titled with its name, shape, mean and std.

    Parameters
    ----------
    model : Model or Module
        A built model or layer.
    ax : Axes or sequence of Axes, optional
        One Axes per parameter array.
    bins : int

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> from neurona.layers import Dense
    >>> from neurona.models import Sequential
    >>> model = Sequential([Dense(8, input_dim=4), Dense(1)])
    >>> _ = model.build()
    >>> [a.get_title().split(" ")[0] for a in weights_histogram(model).axes]
    ['0.kernel', '0.bias', '1.kernel', '1.bias']
    """
    named = model.named_parameters() if hasattr(model, "named_parameters") else None
    if named is None:
        raise TypeError(f"weights_histogram: expected a model or layer, got {type(model).__name__}")
    named = [(name, p.data.shape, np.asarray(p.data, dtype=np.float64).ravel()) for name, p in named if p.data.size]
    if not named:
        raise ValueError(f"weights_histogram: {getattr(model, 'name', type(model).__name__)} has no weights yet "
                         "(build it, or call it on data first)")
    fig, axes = panels(len(named), ax, "weights_histogram", width=3.4, height=2.6, ncols=4)
    for axes_i, (name, shape, values) in zip(axes, named):
        finite = values[np.isfinite(values)]
        axes_i.hist(finite, bins=bins, color="tab:orange" if "bias" in name else "tab:blue")
        bad = values.size - finite.size
        summary = f"μ={finite.mean():.3g} σ={finite.std():.3g}" if finite.size else "no finite value"
        axes_i.set_title(f"{name} {shape}: {summary}" + (f", {bad} not finite" if 0 < bad < values.size else ""),
                         fontsize="small")
        axes_i.tick_params(labelsize="small")
    return fig
