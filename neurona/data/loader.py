"""Mini-batch iteration over NumPy arrays."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from ._indexing import num_rows
from neurona.random import Seed, as_rng

__all__ = ["DataLoader"]


class DataLoader:
    """Iterate over aligned arrays in mini-batches.

    Parameters
    ----------
    *arrays : array-like
        Arrays with the same length; batch ``i`` holds the same rows of each.
    batch_size : int, default 32
        Rows per batch; the last batch may be smaller unless ``drop_last``.
    shuffle : bool, default False
        Draw a new permutation at the start of every epoch (every ``iter()``).
    seed : int, numpy.random.Generator or None
        Seed or generator of the shuffles; a seed makes the sequence of epochs
        reproducible.
    drop_last : bool, default False
        Skip the final batch when it is smaller than ``batch_size``.

    Yields
    ------
    tuple of numpy.ndarray
        One batch per array, always as a tuple (``for (xb,) in DataLoader(x)``).

    Examples
    --------
    >>> x, y = np.arange(10).reshape(5, 2), np.arange(5)
    >>> loader = DataLoader(x, y, batch_size=2)
    >>> len(loader)
    3
    >>> [yb.tolist() for _, yb in loader]
    [[0, 1], [2, 3], [4]]
    """

    def __init__(
        self,
        *arrays: Any,
        batch_size: int = 32,
        shuffle: bool = False,
        seed: Seed = None,
        drop_last: bool = False,
    ) -> None:
        self.num_samples = num_rows("DataLoader", arrays)
        is_int = isinstance(batch_size, (int, np.integer)) and not isinstance(batch_size, bool)
        if not is_int or batch_size < 1:
            raise ValueError(f"DataLoader: batch_size must be a positive int, got {batch_size!r}")
        self.arrays = tuple(np.asarray(a) for a in arrays)
        self.batch_size = int(batch_size)
        self.shuffle = shuffle
        self.drop_last = drop_last
        self._rng = as_rng(seed)

    def __len__(self) -> int:
        """Number of batches per epoch."""
        if self.drop_last:
            return self.num_samples // self.batch_size
        return -(-self.num_samples // self.batch_size)

    def __iter__(self) -> Iterator[tuple[np.ndarray, ...]]:
        order = self._rng.permutation(self.num_samples) if self.shuffle else None
        for start in range(0, len(self) * self.batch_size, self.batch_size):
            rows = slice(start, start + self.batch_size)
            if order is not None:
                rows = order[rows]
            yield tuple(a[rows] for a in self.arrays)
