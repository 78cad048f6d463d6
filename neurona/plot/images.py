"""``image_grid``: many images (reconstructions, samples, filters, feature maps) tiled into one picture."""
from __future__ import annotations

import math

import numpy as np

from neurona.plot._figure import one_panel


def as_images(images, what: str = "image_grid") -> np.ndarray:
    """``images`` as float ``(n, h, w)`` or ``(n, h, w, 3|4)``; flat square vectors ``(n, h*h)`` are reshaped.

    Examples
    --------
    >>> as_images(np.zeros((2, 16))).shape
    (2, 4, 4)
    """
    array = np.asarray(images)
    if array.dtype.kind not in "iufb":
        raise TypeError(f"{what}: images must be numbers, got dtype {array.dtype}")
    if array.ndim == 2 and math.isqrt(array.shape[1]) ** 2 == array.shape[1]:
        side = math.isqrt(array.shape[1])
        array = array.reshape(len(array), side, side)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if not (array.ndim == 3 or (array.ndim == 4 and array.shape[-1] in (3, 4))) or array.shape[0] == 0:
        raise ValueError(f"{what}: expected images (n, h, w), (n, h, w, 1|3|4) or flat squares (n, h*h), n > 0; got shape {np.shape(images)}")
    return array


def value_range(images: np.ndarray) -> tuple[float, float]:
    """The range the images' values live in: 0–255 (uint8), 0–1 or −1–1 (when they fit), else their min–max.

    Examples
    --------
    >>> value_range(np.array([-0.5, 0.9]))
    (-1.0, 1.0)
    """
    if images.dtype == np.uint8:
        return 0.0, 255.0
    finite = images[np.isfinite(images)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    for lo, hi in ((0.0, 1.0), (-1.0, 1.0)):
        if lo <= low and high <= hi:
            return lo, hi
    return (low, high) if high > low else (low - 0.5, high + 0.5)


def tile(images: np.ndarray, ncols: int | None = None, pad: int = 1) -> np.ndarray:
    """One array with the images in a grid, separated by ``pad`` pixels of NaN (drawn as background).

    Examples
    --------
    >>> tile(np.ones((3, 2, 2)), ncols=2).shape
    (5, 5)
    """
    n, h, w = images.shape[:3]
    ncols = ncols or math.ceil(math.sqrt(n))
    nrows = math.ceil(n / ncols)
    mosaic = np.full((nrows * (h + pad) - pad, ncols * (w + pad) - pad, *images.shape[3:]), np.nan)
    for i, image in enumerate(images):
        row, col = divmod(i, ncols)
        mosaic[row * (h + pad): row * (h + pad) + h, col * (w + pad): col * (w + pad) + w] = image
    return mosaic


def grid_size(images: np.ndarray, ncols: int | None, min_width: float = 3.0) -> tuple[float, float]:
    """A figure size (inches) that fits the tiled images' shape, ``min_width`` to 10 inches wide.

    Examples
    --------
    >>> grid_size(np.zeros((32, 28, 28)), 8)
    (6.1, 3.5)
    """
    n, h, w = images.shape[:3]
    ncols = ncols or math.ceil(math.sqrt(n))
    rows, cols = math.ceil(n / ncols) * (h + 1), ncols * (w + 1)
    width = float(np.clip(cols / 38, min_width, 10))
    return round(width, 1), round(width * rows / cols + 0.4, 1)


def show_tiles(axes, images: np.ndarray, ncols: int | None, cmap: str, limits: tuple[float, float]):
    """Draw ``images`` tiled on ``axes`` (grey or colour), without ticks; returns the AxesImage."""
    mosaic = tile(images.astype(np.float64), ncols)
    if mosaic.ndim == 3:                                     # colour: scale to 0–1, background white
        mosaic = np.clip((mosaic - limits[0]) / (limits[1] - limits[0]), 0, 1)
        mosaic = np.where(np.isnan(mosaic), 1.0, mosaic)
        shown = axes.imshow(mosaic)
    else:
        from matplotlib import colormaps

        colours = colormaps[cmap].with_extremes(bad="white")
        shown = axes.imshow(np.ma.masked_invalid(mosaic), cmap=colours, vmin=limits[0], vmax=limits[1])
    axes.set_xticks([])
    axes.set_yticks([])
    return shown


def image_grid(images, ncols: int | None = None, ax=None, cmap: str = "gray", title: str | None = None):
    """Draw images in a grid on one panel: reconstructions, generated samples, a batch of data.

    Parameters
    ----------
    images : array-like
        ``(n, h, w)``, ``(n, h, w, 1|3|4)`` (channels last) or flat squares ``(n, h*h)``;
        uint8 in 0–255, or floats (0–1 and −1–1 are recognized; other ranges are scaled to their min–max).
    ncols : int, optional
        Images per row (default: a square grid).
    ax : Axes, optional
    cmap : str
        Colour map of single-channel images.
    title : str, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = image_grid(np.random.default_rng(0).random((6, 8, 8)), ncols=3)
    >>> fig.axes[0].images[0].get_array().shape
    (17, 26)
    """
    array = as_images(images)
    fig, axes = one_panel(ax, "image_grid", *grid_size(array, ncols))
    show_tiles(axes, array, ncols, cmap, value_range(array))
    axes.set_title(title or f"{len(array)} images")
    return fig
