"""MNIST and Fashion-MNIST, returned the way ``keras.datasets`` returns them."""

from __future__ import annotations

import os

import numpy as np

from .fetch import get_data_file
from .idx import read_idx

__all__ = ["FASHION_MNIST_CLASS_NAMES", "load_mnist", "load_fashion_mnist"]

FASHION_MNIST_CLASS_NAMES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)

Split = tuple[np.ndarray, np.ndarray]


def _load_idx_set(folder: str, data_home: str | os.PathLike[str] | None) -> tuple[Split, Split]:
    def part(prefix: str) -> Split:
        images = get_data_file(f"{folder}/{prefix}-images-idx3-ubyte.gz", data_home)
        labels = get_data_file(f"{folder}/{prefix}-labels-idx1-ubyte.gz", data_home)
        images, labels = read_idx(images, (-1, 28, 28)), read_idx(labels, (-1,))
        if len(images) != len(labels):
            raise ValueError(
                f"load_{folder.replace('-', '_')}: {prefix} has {len(images)} images "
                f"but {len(labels)} labels"
            )
        return images, labels

    return part("train"), part("t10k")


def load_mnist(data_home: str | os.PathLike[str] | None = None) -> tuple[Split, Split]:
    """Load the MNIST handwritten digits (LeCun, Cortes and Burges).

    Parameters
    ----------
    data_home : str or os.PathLike, optional
        Offline data directory (else ``$NEURONA_DATA``, else the user cache,
        downloading on first use).

    Returns
    -------
    (x_train, y_train), (x_test, y_test)
        ``x`` is uint8 of shape (60000, 28, 28) and (10000, 28, 28), pixels 0..255;
        ``y`` is uint8 of shape (60000,) and (10000,), digits 0..9. Same layout and
        dtypes as ``keras.datasets.mnist.load_data()``.

    Examples
    --------
    >>> (x_train, y_train), (x_test, y_test) = load_mnist()  # doctest: +SKIP
    >>> x_train.shape, x_train.dtype, int(y_train[0])  # doctest: +SKIP
    ((60000, 28, 28), dtype('uint8'), 5)
    """
    return _load_idx_set("mnist", data_home)


def load_fashion_mnist(data_home: str | os.PathLike[str] | None = None) -> tuple[Split, Split]:
    """Load Fashion-MNIST (Zalando Research): 10 classes of clothing, MNIST-shaped.

    Parameters
    ----------
    data_home : str or os.PathLike, optional
        Offline data directory (else ``$NEURONA_DATA``, else the user cache,
        downloading on first use).

    Returns
    -------
    (x_train, y_train), (x_test, y_test)
        ``x`` is uint8 of shape (60000, 28, 28) and (10000, 28, 28); ``y`` is uint8,
        class indices 0..9 named by ``FASHION_MNIST_CLASS_NAMES``. Same layout and
        dtypes as ``keras.datasets.fashion_mnist.load_data()``.

    Examples
    --------
    >>> (x_train, y_train), _ = load_fashion_mnist()  # doctest: +SKIP
    >>> FASHION_MNIST_CLASS_NAMES[y_train[0]]  # doctest: +SKIP
    'Ankle boot'
    """
    return _load_idx_set("fashion-mnist", data_home)
