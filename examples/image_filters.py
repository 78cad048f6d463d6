"""The slides' filters on a real image, and what the first layer of the MNIST CNN learned.

Two PNG files (matplotlib):
- ``filters.png``: a Fashion-MNIST image and its feature map under each kernel of
  :data:`neurona.vision.KERNELS` (identity, sharpen, edge detection, blurs);
- ``cnn_layer1.png``: the 32 learned 3x3 filters of the first Conv2D of
  ``examples/mnist_cnn.py`` and their 32 feature maps (after ReLU) of one test digit.

The CNN comes from a model file written by ``mnist_cnn.py --save PATH`` (``--model
PATH``), or is trained here on a slice of MNIST (``--epochs``, ``--limit``).

Run: ``python examples/image_filters.py [--out DIR] [--model PATH]`` (the data comes
from ``$NEURONA_DATA`` or is downloaded once).
"""
from __future__ import annotations

import argparse
import importlib.util
from pathlib import Path

import numpy as np

import neurona as nr
from neurona.datasets import load_fashion_mnist, load_mnist
from neurona.vision import KERNELS, apply_filter


def filter_maps(image: np.ndarray) -> dict[str, np.ndarray]:
    """Each slide kernel's feature map of ``image`` (``'same'`` padding keeps its size)."""
    return {name: apply_filter(image, name, padding="same") for name in KERNELS}


def plot_filters(image: np.ndarray, path: Path) -> None:
    """The image and its feature maps side by side, one PNG."""
    import matplotlib.pyplot as plt

    maps = {"image": image, **filter_maps(image)}
    fig, axes = plt.subplots(1, len(maps), figsize=(2 * len(maps), 2.4))
    for ax, (name, values) in zip(axes, maps.items()):
        ax.imshow(values, cmap="gray")
        ax.set_title(name.replace("_", " "), fontsize=9)
        ax.axis("off")
    fig.savefig(path, dpi=80, bbox_inches="tight")
    plt.close(fig)


def layer1(model, digit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first Conv2D's kernels ``(filters, kh, kw)`` and its activations ``(filters, h, w)`` of ``digit``."""
    conv = model.layers[0]
    with nr.no_grad():
        maps = conv(nr.tensor(digit[None, :, :, None])).numpy()[0]
    return conv.kernel.numpy()[:, :, 0].transpose(2, 0, 1), maps.transpose(2, 0, 1)


def plot_layer1(kernels: np.ndarray, maps: np.ndarray, path: Path, columns: int = 8) -> None:
    """Kernels in the top rows, their feature maps below, one PNG."""
    import matplotlib.pyplot as plt

    rows = -(-len(kernels) // columns)
    fig, axes = plt.subplots(2 * rows, columns, figsize=(columns * 1.2, 2 * rows * 1.25))
    for k, ax in enumerate(axes.ravel()):
        group, index = divmod(k, rows * columns)
        ax.axis("off")
        if index < len(kernels):
            ax.imshow((kernels if group == 0 else maps)[index], cmap="gray")
    fig.suptitle("first Conv2D: 3x3 filters (top) and feature maps of a test digit (bottom)", fontsize=9)
    fig.savefig(path, dpi=80, bbox_inches="tight")
    plt.close(fig)


def mnist_cnn_model(model_path: str | None, epochs: int, limit: int, seed: int):
    """The trained CNN of ``mnist_cnn.py``: loaded from ``model_path``, or trained now."""
    if model_path:
        from neurona.models import load_model

        return load_model(model_path)
    spec = importlib.util.spec_from_file_location("mnist_cnn", Path(__file__).with_name("mnist_cnn.py"))
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    return example.fit(epochs=epochs, limit=limit, seed=seed, verbose=0)


def main(out: str = ".", model: str | None = None, epochs: int = 1, limit: int = 12_000, seed: int = 0) -> dict[str, Path]:
    """Write both PNG files into ``out`` and return their paths."""
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"filters": out_dir / "filters.png", "cnn": out_dir / "cnn_layer1.png"}
    (_, _), (fashion, _) = load_fashion_mnist()
    plot_filters(fashion[0] / np.float32(255), paths["filters"])
    (_, _), (digits, _) = load_mnist()
    kernels, maps = layer1(mnist_cnn_model(model, epochs, limit, seed), digits[0] / np.float32(255))
    plot_layer1(kernels, maps, paths["cnn"])
    for path in paths.values():
        print(f"wrote {path}")
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=".", help="folder of the two PNG files (default: here)")
    parser.add_argument("--model", default=None, help="a model file of mnist_cnn.py --save (default: train one now)")
    parser.add_argument("--epochs", type=int, default=1, help="epochs when training here (default 1)")
    parser.add_argument("--limit", type=int, default=12_000, help="training images when training here (default 12,000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    main(args.out, args.model, args.epochs, args.limit, args.seed)
