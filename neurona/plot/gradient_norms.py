"""``gradient_norms_through_time``: how the gradient's norm shrinks (vanishes) or grows (explodes) over the steps of a recurrent network."""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from neurona.plot._figure import one_panel


def _series(norms) -> dict[str, np.ndarray]:
    if isinstance(norms, Mapping):
        series = {str(k): np.asarray(v, dtype=np.float64) for k, v in norms.items()}
    else:
        array = np.asarray(norms, dtype=np.float64)
        array = array[:, None] if array.ndim == 1 else array
        if array.ndim != 2:
            raise ValueError(f"gradient_norms_through_time: expected (steps,) or (steps, models), got shape {array.shape}")
        series = {f"model {i}" if array.shape[1] > 1 else "gradient": array[:, i] for i in range(array.shape[1])}
    for name, values in series.items():
        if values.ndim != 1 or values.size == 0:
            raise ValueError(f"gradient_norms_through_time: '{name}' must be a non-empty list of norms per step, got shape {values.shape}")
        if (values < 0).any():
            raise ValueError(f"gradient_norms_through_time: '{name}' has negative norms (min {values.min():g})")
    if not series:
        raise ValueError("gradient_norms_through_time: no norms given")
    return series


def gradient_norms_through_time(norms, ax=None):
    """Draw the norm of the loss's gradient with respect to each time step's hidden state, per model, on a log scale.

    Parameters
    ----------
    norms : array-like or mapping
        ``(steps,)`` or ``(steps, models)``, or a dict name → per-step norms
        (e.g. ``{"SimpleRNN": ..., "LSTM": ...}``); step 1 is the first input.
    ax : Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> steps = np.arange(20)
    >>> fig = gradient_norms_through_time({"SimpleRNN": 0.7 ** (19 - steps), "LSTM": 0.98 ** (19 - steps)})
    >>> len(fig.axes[0].lines), fig.axes[0].get_yscale()
    (2, 'log')
    """
    series = _series(norms)
    fig, axes = one_panel(ax, "gradient_norms_through_time", width=6.0, height=4.0)
    for name, values in series.items():
        axes.plot(np.arange(1, values.size + 1), values, marker="." if values.size < 60 else None, label=name)
    positive = np.concatenate([v[np.isfinite(v)] for v in series.values()])
    if positive.size and (positive > 0).all():
        axes.set_yscale("log")
    axes.set(xlabel="time step", ylabel="‖∂loss / ∂h_t‖", title="gradient norm through time")
    axes.xaxis.get_major_locator().set_params(integer=True)
    axes.grid(alpha=0.3, which="both")
    axes.legend(fontsize="small")
    return fig
