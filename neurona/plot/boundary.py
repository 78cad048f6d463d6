"""``decision_boundary``: what a 2-D classifier predicts over the plane, with the data on top."""
from __future__ import annotations

import numpy as np

from neurona.plot._figure import one_panel


def predict_scores(model, points: np.ndarray) -> np.ndarray:
    """The model's scores for ``points``: ``predict_proba``, else ``predict``, else a call; as ``(n, k)``.

    Examples
    --------
    >>> predict_scores(lambda p: p[:, 0] > 0, np.array([[1.0, 0.0], [-1.0, 0.0]]))
    array([[1.],
           [0.]])
    """
    for method in ("predict_proba", "predict"):
        if hasattr(model, method):
            scores = getattr(model, method)(points)
            break
    else:
        if not callable(model):
            raise TypeError(f"decision_boundary: the model must have predict() or be callable, got {type(model).__name__}")
        scores = model(points)
    scores = np.asarray(getattr(scores, "data", scores), dtype=np.float64)
    scores = scores.reshape(len(points), -1) if scores.size % max(len(points), 1) == 0 else scores
    if scores.ndim != 2 or scores.shape[0] != len(points):
        raise ValueError(f"decision_boundary: the model returned shape {np.shape(scores)} for {len(points)} points")
    return scores


def _grid(x: np.ndarray, resolution: int) -> tuple[np.ndarray, np.ndarray]:
    low, high = x.min(axis=0), x.max(axis=0)
    margin = 0.1 * np.maximum(high - low, 1e-6)
    axes = [np.linspace(lo - m, hi + m, resolution) for lo, hi, m in zip(low, high, margin)]
    return np.meshgrid(*axes)


def decision_boundary(model, x, y, ax=None, resolution: int = 200):
    """Draw the class probabilities of a 2-D classifier as a colour field, its boundary and the points.

    With two classes (one sigmoid output, or two columns) the field is
    P(class 1), the boundary its 0.5 contour. With more, each region takes its
    predicted class's colour, paler where the model is less sure.

    Parameters
    ----------
    model : Model, estimator or callable
        Anything with ``predict_proba`` or ``predict`` (a neurona ``Model``, a
        scikit-learn classifier) or a function of an ``(n, 2)`` array.
    x : array-like, shape (n, 2)
    y : array-like
        Class indices ``(n,)`` or one-hot rows.
    ax : Axes, optional
    resolution : int
        Grid points per axis.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    >>> fig = decision_boundary(lambda p: p.sum(axis=1) > 1, x, [0, 1, 0, 0], resolution=20)
    >>> len(fig.axes)                     # the field and its colour bar
    2
    """
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != 2 or len(x) == 0:
        raise ValueError(f"decision_boundary: x must be (n, 2) points, n > 0, got shape {x.shape}")
    y = np.asarray(y)
    y = y.argmax(axis=1) if y.ndim == 2 and y.shape[1] > 1 else y.reshape(-1)
    if y.shape != (len(x),):
        raise ValueError(f"decision_boundary: y has {y.size} labels for {len(x)} points")
    xx, yy = _grid(x, int(resolution))
    scores = predict_scores(model, np.column_stack([xx.ravel(), yy.ravel()]).astype(np.float32))
    fig, axes = one_panel(ax, "decision_boundary")
    if scores.shape[1] <= 2:
        field = scores[:, -1].reshape(xx.shape)
        image = axes.contourf(xx, yy, field, levels=np.linspace(0, 1, 21), cmap="RdBu_r")
        fig.colorbar(image, ax=axes, label="P(class 1)")
        axes.contour(xx, yy, field, levels=[0.5], colors="black", linewidths=1.5)
        axes.scatter(x[:, 0], x[:, 1], c=y, cmap="RdBu_r", vmin=0, vmax=1, edgecolors="black", linewidths=0.6, s=20)
    else:
        _multiclass(fig, axes, xx, yy, scores, x, y)
    axes.set(xlabel="$x_1$", ylabel="$x_2$", title="decision boundary")
    return fig


def _multiclass(fig, axes, xx, yy, scores, x, y) -> None:
    from matplotlib import colormaps

    colours = colormaps["tab10"](np.arange(scores.shape[1]) % 10)
    best = scores.argmax(axis=1)
    rgba = colours[best].copy()
    rgba[:, 3] = 0.15 + 0.6 * np.clip(scores.max(axis=1), 0, 1)
    axes.imshow(rgba.reshape(*xx.shape, 4), origin="lower", aspect="auto",
                extent=(xx.min(), xx.max(), yy.min(), yy.max()))
    for k in range(scores.shape[1]):
        mask = y == k
        axes.scatter(x[mask, 0], x[mask, 1], color=colours[k], edgecolors="black", linewidths=0.6, s=20, label=f"class {k}")
    axes.legend(fontsize="small", loc="best")
    fig.colorbar(_alpha_scale(), ax=axes, label="confidence (max probability)")


def _alpha_scale():
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize

    return ScalarMappable(Normalize(0, 1), "Greys")
