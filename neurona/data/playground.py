"""The 2-D toy datasets of the TensorFlow Playground (playground.tensorflow.org).

The generators follow the playground's own (``src/dataset.ts``): same shapes, radii,
noise model and labelling, with labels mapped from {-1, +1} to {0, 1} for the
classification sets. ``noise`` is the playground's noise slider divided by 100
(0 to 0.5 there). Points come in generation order (for the two-class sets, class 1
first); shuffle them with ``DataLoader(..., shuffle=True)`` or a split.
"""

from __future__ import annotations

import numpy as np

from neurona.random import Seed, as_rng

__all__ = [
    "make_circle", "make_xor", "make_gaussians", "make_spiral",
    "make_plane", "make_multi_gaussian",
]

XY = tuple[np.ndarray, np.ndarray]
_GAUSSIAN_CENTERS = np.array([[-4, 2.5], [0, 2.5], [4, 2.5], [-4, -2.5], [0, -2.5], [4, -2.5]])
_GAUSSIAN_SIGNS = np.array([1, -1, 1, -1, 1, -1])


def _check(func: str, n_samples: int, noise: float) -> None:
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"{func}: n_samples must be a positive int, got {n_samples!r}")
    if not noise >= 0:
        raise ValueError(f"{func}: noise must be >= 0, got {noise!r}")


def _classes(n_samples: int) -> np.ndarray:
    """Labels of the two-class sets: ceil(n/2) ones, then floor(n/2) zeros."""
    return np.repeat(np.array([1, 0], dtype=np.int64), [n_samples - n_samples // 2, n_samples // 2])


def _points(*columns: np.ndarray) -> np.ndarray:
    return np.column_stack(columns).astype(np.float32)


def make_circle(n_samples: int = 500, noise: float = 0.0, seed: Seed = None) -> XY:
    """A disc of class 1 (radius < 2.5) inside a ring of class 0 (radius 3.5 to 5).

    The label is taken at the point shifted by uniform noise of up to
    ``5 * noise`` per axis, so noise puts points on the wrong side.

    Returns
    -------
    x : numpy.ndarray
        float32, shape (n_samples, 2).
    y : numpy.ndarray
        int64, shape (n_samples,), in {0, 1}.

    Examples
    --------
    >>> x, y = make_circle(100, seed=0)
    >>> x.shape, int(y.sum())
    ((100, 2), 50)
    """
    _check("make_circle", n_samples, noise)
    rng = as_rng(seed)
    inside = _classes(n_samples) == 1
    radius = np.where(inside, rng.uniform(0.0, 2.5, n_samples), rng.uniform(3.5, 5.0, n_samples))
    angle = rng.uniform(0.0, 2 * np.pi, n_samples)
    x, y = radius * np.sin(angle), radius * np.cos(angle)
    shift = rng.uniform(-5.0, 5.0, (n_samples, 2)) * noise
    label = np.hypot(x + shift[:, 0], y + shift[:, 1]) < 2.5
    return _points(x, y), label.astype(np.int64)


def make_xor(n_samples: int = 500, noise: float = 0.0, seed: Seed = None) -> XY:
    """Four quadrants, class 1 where x and y have the same sign.

    Coordinates are uniform in (-5, 5), pushed 0.3 away from the axes; the label
    is taken at the point shifted by uniform noise of up to ``5 * noise`` per axis.

    Returns
    -------
    x : numpy.ndarray
        float32, shape (n_samples, 2).
    y : numpy.ndarray
        int64, shape (n_samples,), in {0, 1}.

    Examples
    --------
    >>> x, y = make_xor(200, seed=0)
    >>> bool(np.all((x[:, 0] * x[:, 1] >= 0) == (y == 1)))
    True
    """
    _check("make_xor", n_samples, noise)
    rng = as_rng(seed)
    xy = rng.uniform(-5.0, 5.0, (n_samples, 2))
    xy += np.where(xy > 0, 0.3, -0.3)
    shifted = xy + rng.uniform(-5.0, 5.0, (n_samples, 2)) * noise
    label = shifted[:, 0] * shifted[:, 1] >= 0
    return _points(xy[:, 0], xy[:, 1]), label.astype(np.int64)


def make_gaussians(n_samples: int = 500, noise: float = 0.0, seed: Seed = None) -> XY:
    """Two Gaussian blobs: class 1 around (2, 2), class 0 around (-2, -2).

    The variance grows linearly with noise: 0.5 at ``noise=0``, 4 at ``noise=0.5``.

    Returns
    -------
    x : numpy.ndarray
        float32, shape (n_samples, 2).
    y : numpy.ndarray
        int64, shape (n_samples,), in {0, 1}.

    Examples
    --------
    >>> x, y = make_gaussians(100, seed=0)
    >>> bool(x[y == 1].mean() > 0 > x[y == 0].mean())
    True
    """
    _check("make_gaussians", n_samples, noise)
    rng = as_rng(seed)
    label = _classes(n_samples)
    centre = np.where(label == 1, 2.0, -2.0)[:, None]
    std = np.sqrt(0.5 + 7.0 * noise)
    xy = centre + rng.normal(0.0, std, (n_samples, 2))
    return _points(xy[:, 0], xy[:, 1]), label


def make_spiral(n_samples: int = 500, noise: float = 0.0, seed: Seed = None) -> XY:
    """Two interleaved spirals (1.75 turns, radius 0 to 5), class 1 and class 0.

    Each coordinate gets uniform noise in ``(-noise, noise)``; with ``noise=0`` the
    points do not depend on the seed.

    Returns
    -------
    x : numpy.ndarray
        float32, shape (n_samples, 2).
    y : numpy.ndarray
        int64, shape (n_samples,), in {0, 1}.

    Examples
    --------
    >>> x, y = make_spiral(100)
    >>> x[0].tolist(), int(y[0])
    ([0.0, 0.0], 1)
    """
    _check("make_spiral", n_samples, noise)
    rng = as_rng(seed)
    label = _classes(n_samples)
    step = np.concatenate([np.arange(np.count_nonzero(label)), np.arange(n_samples // 2)])
    fraction = step / (n_samples / 2)
    radius = 5.0 * fraction
    angle = 1.75 * 2 * np.pi * fraction + np.where(label == 1, 0.0, np.pi)
    jitter = rng.uniform(-1.0, 1.0, (n_samples, 2)) * noise
    x = radius * np.sin(angle) + jitter[:, 0]
    y = radius * np.cos(angle) + jitter[:, 1]
    return _points(x, y), label


def make_plane(n_samples: int = 1200, noise: float = 0.0, seed: Seed = None) -> XY:
    """Regression on a tilted plane: target ``(x + y) / 10``, points uniform in (-6, 6)^2.

    The target is taken at the point shifted by uniform noise of up to
    ``6 * noise`` per axis.

    Returns
    -------
    x : numpy.ndarray
        float32, shape (n_samples, 2).
    y : numpy.ndarray
        float32, shape (n_samples,), in about (-1.2, 1.2) without noise.

    Examples
    --------
    >>> x, y = make_plane(10, seed=0)
    >>> bool(np.allclose(y, x.sum(axis=1) / 10))
    True
    """
    _check("make_plane", n_samples, noise)
    rng = as_rng(seed)
    xy = rng.uniform(-6.0, 6.0, (n_samples, 2))
    shifted = xy + rng.uniform(-6.0, 6.0, (n_samples, 2)) * noise
    return _points(xy[:, 0], xy[:, 1]), (shifted.sum(axis=1) / 10.0).astype(np.float32)


def make_multi_gaussian(n_samples: int = 1200, noise: float = 0.0, seed: Seed = None) -> XY:
    """Regression on six signed bumps at (-4|0|4, +-2.5), alternating +1 and -1.

    Each bump contributes ``sign * max(0, 1 - distance / 2)``; the target is the
    contribution largest in absolute value. Points are uniform in (-6, 6)^2 and
    the target is taken at the point shifted by uniform noise of up to
    ``6 * noise`` per axis.

    Returns
    -------
    x : numpy.ndarray
        float32, shape (n_samples, 2).
    y : numpy.ndarray
        float32, shape (n_samples,), in [-1, 1].

    Examples
    --------
    >>> x, y = make_multi_gaussian(50, seed=0)
    >>> x.shape, y.dtype
    ((50, 2), dtype('float32'))
    """
    _check("make_multi_gaussian", n_samples, noise)
    rng = as_rng(seed)
    xy = rng.uniform(-6.0, 6.0, (n_samples, 2))
    shifted = xy + rng.uniform(-6.0, 6.0, (n_samples, 2)) * noise
    distance = np.linalg.norm(shifted[:, None, :] - _GAUSSIAN_CENTERS[None], axis=-1)
    bumps = _GAUSSIAN_SIGNS * np.clip(1.0 - distance / 2.0, 0.0, 1.0)
    strongest = np.abs(bumps).argmax(axis=1)
    target = bumps[np.arange(n_samples), strongest]
    return _points(xy[:, 0], xy[:, 1]), target.astype(np.float32)
