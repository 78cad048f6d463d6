"""Where parameters live: consecutive slices of large blocks, one series of blocks per dtype.

A :class:`~neurona.nn.Parameter` takes its storage from here when it is created,
so the parameters of a model (built in order) lie one after another in memory. An
optimizer finds such runs and updates each as one flat slice, in place: nothing is
copied or rebound, and every handle on ``param.data`` sees every update.

A block is freed when the last parameter in it is; unused room at the end of a
block is the price of contiguity (blocks are mapped lazily, so untouched pages of
a block cost no memory).

Examples
--------
>>> import numpy as np
>>> a = place(np.ones((2, 3), np.float32))
>>> b = place(np.zeros(3, np.float32))
>>> a.base is b.base, a.shape, b.shape    # one block, a then b
(True, (2, 3), (3,))
"""
from __future__ import annotations

import numpy as np

BLOCK_BYTES = 1 << 22
"""The size of a fresh block (4 MiB); a larger array gets a block of its own size."""

_open: dict[np.dtype, list] = {}
"""For each dtype, the block being filled and how many of its elements are taken."""


def place(values: np.ndarray) -> np.ndarray:
    """Return a copy of ``values`` (same shape and dtype) whose storage follows the previous one's."""
    dtype, size = values.dtype, values.size
    entry = _open.get(dtype)
    if entry is None or entry[1] + size > entry[0].size:
        entry = _open[dtype] = [np.empty(max(BLOCK_BYTES // dtype.itemsize, size), dtype), 0]
    block, used = entry
    entry[1] = used + size
    storage = block[used : used + size].reshape(values.shape)
    np.copyto(storage, values)
    return storage
