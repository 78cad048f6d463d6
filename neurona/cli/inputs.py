"""Read the INPUT of ``neurona predict``: a ``.npy`` array, a ``.csv`` table, or an image (Pillow).

Examples
--------
>>> import numpy as np, os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "rows.csv")
>>> _ = open(path, "w").write("a,b\\n1,2\\n3,4\\n")
>>> read_input(path, None)
array([[1., 2.],
       [3., 4.]])
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

from neurona.cli.errors import CLIError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")


def read_csv(path: Path) -> np.ndarray:
    """The numbers of a comma-separated table, skipping one header line if there is one."""
    for header in (0, 1):
        try:
            return np.loadtxt(path, delimiter=",", ndmin=2, skiprows=header)
        except ValueError as error:
            problem = error
    raise CLIError(f"{path} is not a CSV table of numbers: {problem}")


def read_image(path: Path, shape: tuple[int, ...] | None, invert: bool = False) -> np.ndarray:
    """A grey image resized to ``shape`` (height, width), pixel values 0..255 (inverted with ``invert``)."""
    if shape is None or len(shape) != 2:
        raise CLIError(f"{path} is an image, but the model does not take grey images (its input shape is {shape})")
    try:
        from PIL import Image, UnidentifiedImageError
    except ImportError:
        raise CLIError("reading images needs Pillow: pip install 'neurona[image]'") from None
    try:
        with Image.open(path) as image:
            grey = image.convert("L").resize((shape[1], shape[0]), Image.Resampling.LANCZOS)
    except UnidentifiedImageError:
        raise CLIError(f"{path} is not an image Pillow can read") from None
    pixels = np.asarray(grey, dtype=np.float64)
    return (255.0 - pixels if invert else pixels)[None]


def read_input(path: str | Path, image_shape: tuple[int, ...] | None, invert: bool = False) -> np.ndarray:
    """The examples in ``path``: an array with the examples along the first axis."""
    path = Path(path)
    if not path.is_file():
        raise CLIError(f"no such input file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".npy":
        try:
            return np.load(path, allow_pickle=False)
        except ValueError as error:
            raise CLIError(f"{path} is not a NumPy array file without objects: {error}") from None
    if suffix == ".csv":
        return read_csv(path)
    if suffix in IMAGE_SUFFIXES:
        return read_image(path, image_shape, invert)
    raise CLIError(f"{path}: INPUT must be .npy, .csv or an image ({', '.join(IMAGE_SUFFIXES)})")


def model_input_shape(model) -> tuple[int, ...] | None:
    """The shape of one example the model was built for (batch axis left out), or None if unknown."""
    first = next((layer for layer in model.modules() if getattr(layer, "built", False)
                  and hasattr(layer, "get_build_config")), None)
    shape = None if first is None else first.get_build_config().get("input_shape")
    return None if shape is None or not isinstance(shape[0], (int, type(None))) else tuple(shape[1:])


def fit_to_model(x: np.ndarray, shape: tuple[int, ...] | None, source: str) -> np.ndarray:
    """``x`` with a batch axis; an array whose examples do not have the model's ``shape`` is a :class:`CLIError`."""
    if shape is not None and x.shape == shape:
        x = x[None]
    if shape is not None and x.shape[1:] != shape:
        raise CLIError(f"the model takes examples of shape {shape}, but {source} holds an array of shape {x.shape}")
    return x
