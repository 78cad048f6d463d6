"""Random train/test and train/dev/test splits, optionally stratified."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ._indexing import num_rows, take
from neurona.random import Seed, as_rng

__all__ = ["train_test_split", "train_dev_test_split"]

Size = int | float


def _count(func: str, name: str, size: Size, n: int) -> int:
    """Turn a fraction in (0, 1) or a sample count into a count in [1, n - 1]."""
    numeric = isinstance(size, (int, float, np.integer, np.floating))
    if not numeric or isinstance(size, (bool, np.bool_)):
        raise TypeError(f"{func}: {name} must be a float fraction or an int count, got {size!r}")
    if isinstance(size, (float, np.floating)):
        if not 0.0 < size < 1.0:
            raise ValueError(f"{func}: {name}={size} must be a fraction strictly between 0 and 1")
        count = math.ceil(size * n)
    else:
        count = int(size)
    if not 1 <= count <= n - 1:
        raise ValueError(
            f"{func}: {name}={size} gives {count} of {n} samples; "
            f"it must leave at least 1 sample on each side"
        )
    return count


def _labels(func: str, stratify: Any, n: int) -> np.ndarray:
    """Class index per sample; rows of a 2-D ``stratify`` (e.g. one-hot) count as labels."""
    values = np.asarray(stratify)
    if values.ndim not in (1, 2) or len(values) != n:
        raise ValueError(
            f"{func}: stratify must have one label (or one row) per sample: "
            f"got shape {values.shape} for {n} samples"
        )
    axis = 0 if values.ndim == 2 else None
    return np.unique(values, axis=axis, return_inverse=True)[1].reshape(-1)


def _split(n: int, n_test: int, shuffle: bool, labels: np.ndarray | None,
           rng: np.random.Generator, func: str) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the first ``n - n_test`` (train) and last ``n_test`` (test) samples."""
    if labels is None:
        order = rng.permutation(n) if shuffle else np.arange(n)
        return order[: n - n_test], order[n - n_test:]
    if not shuffle:
        raise ValueError(f"{func}: stratify requires shuffle=True")
    counts = np.bincount(labels)
    if counts.min() < 2:
        raise ValueError(
            f"{func}: stratified split needs at least 2 samples per class; "
            f"class {int(counts.argmin())} (in sorted order) has {int(counts.min())}"
        )
    if not len(counts) <= n_test <= n - len(counts):
        raise ValueError(
            f"{func}: a stratified split of {n} samples into {n - n_test} and {n_test} "
            f"needs at least {len(counts)} (the number of classes) on each side"
        )
    share = counts * n_test
    per_class = share // n
    largest_remainders = np.argsort(-(share % n), kind="stable")[: n_test - per_class.sum()]
    per_class[largest_remainders] += 1
    perm = rng.permutation(n)
    grouped = perm[np.argsort(labels[perm], kind="stable")]
    rank = np.arange(n) - (np.cumsum(counts) - counts)[labels[grouped]]
    is_test = np.zeros(n, dtype=bool)
    is_test[grouped[rank < per_class[labels[grouped]]]] = True
    return perm[~is_test[perm]], perm[is_test[perm]]


def train_test_split(
    *arrays: Any,
    test_size: Size = 0.25,
    shuffle: bool = True,
    stratify: Any = None,
    seed: Seed = None,
) -> list[Any]:
    """Split arrays into random train and test parts, like scikit-learn's.

    Parameters
    ----------
    *arrays : array-like
        Arrays (or lists) with the same length; rows are split together.
    test_size : float or int, default 0.25
        Fraction of the samples (rounded up) or number of samples in the test part.
    shuffle : bool, default True
        False keeps the order: the last ``test_size`` samples are the test part.
    stratify : array-like, optional
        Class labels; each class keeps its proportion in both parts (to within
        one sample).
    seed : int, numpy.random.Generator or None
        Seed or generator of the shuffle.

    Returns
    -------
    list
        ``[a_train, a_test, b_train, b_test, ...]``; NumPy arrays, or lists for
        list inputs.

    Examples
    --------
    >>> x, y = np.arange(20).reshape(10, 2), np.arange(10)
    >>> x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, seed=0)
    >>> x_train.shape, y_test.shape
    ((7, 2), (3,))
    """
    func = "train_test_split"
    n = num_rows(func, arrays)
    labels = None if stratify is None else _labels(func, stratify, n)
    train, test = _split(n, _count(func, "test_size", test_size, n), shuffle, labels,
                         as_rng(seed), func)
    return [part for a in arrays for part in (take(a, train), take(a, test))]


def train_dev_test_split(
    *arrays: Any,
    dev_size: Size = 0.1,
    test_size: Size = 0.1,
    shuffle: bool = True,
    stratify: Any = None,
    seed: Seed = None,
) -> list[Any]:
    """Split arrays into train, dev (validation) and test parts.

    The test part is split off first, then the dev part from the rest; both sizes
    are fractions of (or counts out of) all samples.

    Parameters
    ----------
    *arrays : array-like
        Arrays (or lists) with the same length.
    dev_size, test_size : float or int, default 0.1
        Fraction of all samples (rounded up) or number of samples in each part.
    shuffle : bool, default True
        False keeps the order: train, then dev, then test.
    stratify : array-like, optional
        Class labels whose proportions every part keeps (to within one sample).
    seed : int, numpy.random.Generator or None
        Seed or generator of the shuffle.

    Returns
    -------
    list
        ``[a_train, a_dev, a_test, b_train, b_dev, b_test, ...]``.

    Examples
    --------
    >>> x = np.arange(10)
    >>> train, dev, test = train_dev_test_split(x, dev_size=2, test_size=3, seed=0)
    >>> len(train), len(dev), len(test)
    (5, 2, 3)
    """
    func = "train_dev_test_split"
    n = num_rows(func, arrays)
    n_test = _count(func, "test_size", test_size, n)
    n_dev = _count(func, "dev_size", dev_size, n)
    if n_dev + n_test >= n:
        raise ValueError(
            f"{func}: dev_size={dev_size} ({n_dev}) and test_size={test_size} ({n_test}) "
            f"leave no training samples out of {n}"
        )
    rng = as_rng(seed)
    labels = None if stratify is None else _labels(func, stratify, n)
    rest, test = _split(n, n_test, shuffle, labels, rng, func)
    rest_labels = None if labels is None else labels[rest]
    train, dev = _split(len(rest), n_dev, shuffle, rest_labels, rng, func)
    train, dev = rest[train], rest[dev]
    return [part for a in arrays for part in (take(a, train), take(a, dev), take(a, test))]
