"""``filters`` and ``feature_maps``: what a convolution layer has learned, and what it sees in one image."""
from __future__ import annotations

import numpy as np

from neurona.plot._figure import one_panel
from neurona.plot.images import grid_size, show_tiles


def _kernel(layer) -> np.ndarray:
    """The kernel as ``(filters, kh, kw, in_channels)``."""
    from neurona.layers import Conv2D, Conv2DTranspose

    if not isinstance(layer, (Conv2D, Conv2DTranspose)):
        raise TypeError(f"filters: expected a Conv2D or Conv2DTranspose layer, got {type(layer).__name__}")
    if getattr(layer, "kernel", None) is None:
        raise ValueError(f"filters: layer '{layer.name}' is not built yet (call it on data first)")
    kernel = np.asarray(layer.kernel.data, dtype=np.float64)           # (kh, kw, in, out); transposed: (kh, kw, out, in)
    return np.moveaxis(kernel, 2 if isinstance(layer, Conv2DTranspose) else 3, 0)


def filters(layer, ax=None, channel: int | None = None):
    """Draw each filter of a 2-D convolution layer as a small image, on one panel.

    A filter over 3 input channels is drawn in colour (each filter scaled to
    0–1 on its own); otherwise the weights of input ``channel`` (default 0) are
    drawn with a diverging map centred on 0 (red positive, blue negative).

    Parameters
    ----------
    layer : Conv2D or Conv2DTranspose
        A built layer.
    ax : Axes, optional
    channel : int, optional
        The input channel to draw (default: colour for 3 channels, else channel 0).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> from neurona.layers import Conv2D
    >>> layer = Conv2D(8, 3)
    >>> _ = layer(nr.tensor(np.zeros((1, 6, 6, 1))))
    >>> filters(layer).axes[0].get_title()
    'conv2d...: 8 filters 3×3, input channel 0'
    """
    kernel = _kernel(layer)
    if channel is None and kernel.shape[-1] == 3:
        low = kernel.min(axis=(1, 2, 3), keepdims=True)
        span = np.maximum(kernel.max(axis=(1, 2, 3), keepdims=True) - low, 1e-12)
        images, limits, cmap, what = (kernel - low) / span, (0.0, 1.0), "gray", "RGB"
    else:
        channel = 0 if channel is None else channel
        if not 0 <= channel < kernel.shape[-1]:
            raise ValueError(f"filters: layer '{layer.name}' has {kernel.shape[-1]} input channels, no channel {channel}")
        images = kernel[..., channel]
        bound = float(np.abs(images).max()) or 1.0
        limits, cmap, what = (-bound, bound), "RdBu_r", f"input channel {channel}"
    width, height = grid_size(images, None, min_width=4.5)
    fig, axes = one_panel(ax, "filters", width + 1.2, height)
    shown = show_tiles(axes, images, None, cmap, limits)
    if images.ndim == 3:
        fig.colorbar(shown, ax=axes, shrink=0.8, label="weight")
    axes.set_title(f"{layer.name}: {len(kernel)} filters {kernel.shape[1]}×{kernel.shape[2]}, {what}")
    return fig


def _find(model, layer):
    if not isinstance(layer, str):
        return layer
    for _, module in model.named_modules():
        if getattr(module, "name", None) == layer:
            return module
    raise ValueError(f"feature_maps: the model has no layer named {layer!r}")


def layer_output(model, x, layer) -> np.ndarray:
    """What ``layer`` outputs when ``model`` predicts ``x`` (inference mode, no graph).

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import Dense
    >>> from neurona.models import Sequential
    >>> hidden = Dense(3, input_dim=2)
    >>> model = Sequential([hidden, Dense(1)])
    >>> layer_output(model, np.ones((4, 2)), hidden).shape
    (4, 3)
    """
    layer = _find(model, layer)
    seen = []
    own = layer.__dict__.get("forward")
    original = layer.forward

    def forward(*args, **kwargs):
        out = original(*args, **kwargs)
        seen.append(np.asarray(out.data))
        return out

    object.__setattr__(layer, "forward", forward)
    try:
        model.predict(x)
    finally:
        object.__delattr__(layer, "forward")
        if own is not None:
            object.__setattr__(layer, "forward", own)
    if not seen:
        raise ValueError(f"feature_maps: layer '{getattr(layer, 'name', layer)}' is not used by the model")
    return np.concatenate(seen)


def feature_maps(model, image, layer, ax=None, ncols: int | None = None):
    """Draw the maps a convolution (or pooling) layer outputs for one image, one tile per channel.

    Each map is scaled on its own (black: its lowest value, white: its highest),
    so weak channels are visible too.

    Parameters
    ----------
    model : Model
        The model that contains ``layer``.
    image : array-like
        One input, ``(h, w)`` or ``(h, w, channels)``, or a batch of one ``(1, h, w, channels)``.
    layer : Module or str
        The layer, or its name.
    ax : Axes, optional
    ncols : int, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import Conv2D
    >>> from neurona.models import Sequential
    >>> conv = Conv2D(4, 3, activation="relu", input_shape=(8, 8, 1))
    >>> model = Sequential([conv])
    >>> fig = feature_maps(model, np.random.default_rng(0).random((8, 8)), conv)
    >>> fig.axes[0].get_title()
    'conv2d...: 4 maps 6×6'
    """
    x = np.asarray(image, dtype=np.float32)
    x = x[None, ..., None] if x.ndim == 2 else x[None] if x.ndim == 3 else x
    if x.ndim != 4 or x.shape[0] != 1:
        raise ValueError(f"feature_maps: expected one image (h, w), (h, w, c) or (1, h, w, c), got shape {np.shape(image)}")
    layer = _find(model, layer)
    out = layer_output(model, x, layer)
    if out.ndim != 4:
        raise ValueError(f"feature_maps: layer '{layer.name}' outputs shape {out.shape}, not maps (1, h, w, channels)")
    maps = np.moveaxis(out[0], 0, -1) if getattr(layer, "channels_first", False) else out[0]
    maps = np.moveaxis(maps, -1, 0).astype(np.float64)
    low, high = maps.min(axis=(1, 2), keepdims=True), maps.max(axis=(1, 2), keepdims=True)
    maps = (maps - low) / np.where(high > low, high - low, 1.0)
    fig, axes = one_panel(ax, "feature_maps", *grid_size(maps, ncols, min_width=4.0))
    show_tiles(axes, maps, ncols, "gray", (0.0, 1.0))
    axes.set_title(f"{layer.name}: {len(maps)} maps {maps.shape[1]}×{maps.shape[2]}")
    return fig
