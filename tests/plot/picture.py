"""Render a figure to PNG and check that it is a real picture."""
import io

import numpy as np
from PIL import Image

from neurona.plot._figure import pyplot


def png(fig) -> np.ndarray:
    """The figure as an RGB array, read back from its PNG bytes (the figure is closed)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=60)
    pyplot().close(fig)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def assert_picture(fig, axes: int | None = None, lines: list[int] | None = None, min_size: int = 150) -> np.ndarray:
    """Check the number of axes and of lines per axes, then that the PNG is large and not blank."""
    if axes is not None:
        assert len(fig.axes) == axes, [a.get_title() for a in fig.axes]
    if lines is not None:
        assert [len(a.lines) for a in fig.axes[: len(lines)]] == lines
    pixels = png(fig)
    assert min(pixels.shape[:2]) >= min_size, pixels.shape
    colours = np.unique(pixels.reshape(-1, 3), axis=0)
    assert len(colours) > 20, f"only {len(colours)} colours: a blank picture"
    ink = (pixels.sum(axis=2) < 600).mean()              # share of pixels that are not near-white
    assert 0.01 < ink < 0.95, ink
    return pixels
