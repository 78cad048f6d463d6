"""``embedding``: rows of a weight matrix looked up by integer ids, with a fast exact scatter-add backward.

The gradient of a lookup adds each output row's gradient into the row it came from. ``np.add.at``
does this one element at a time; here the ids are sorted (stably) and added in rounds: the first
occurrence of every id, then the second, and so on. Within a round the ids are distinct, so each
round is one vectorized gather-add-scatter, and the rounds are as many as the most repeated id
occurs (a handful for text), so the sum runs near memory speed, in a fixed order. Where
:mod:`neurona.accelerate` is on, one compiled loop adds the rows in the order they come (the
reference's order for every id repeated up to 8 times).
"""
from __future__ import annotations

import numpy as np

from neurona import accelerate
from neurona.function import Function


def check_ids(owner: str, ids, input_dim: int) -> np.ndarray:
    """``ids`` as an integer array, or an error naming ``owner``, the offending id and ``input_dim``.

    Floating ids are accepted when every value is a whole number (Keras casts them).

    Examples
    --------
    >>> check_ids("embedding", [[1, 2]], 3).dtype.kind
    'i'
    """
    ids = np.asarray(ids)
    if ids.dtype.kind == "f":
        if not np.all(np.isfinite(ids)) or np.any(ids != np.round(ids)):
            bad = ids[~np.isfinite(ids) | (ids != np.round(ids))].flat[0]
            raise ValueError(f"{owner}: ids must be integers, got {float(bad)} (dtype {ids.dtype})")
        ids = ids.astype(np.int64)
    elif ids.dtype.kind not in "iu":
        raise TypeError(f"{owner}: ids must be integers, got dtype {ids.dtype}")
    if ids.size and (ids.min() < 0 or ids.max() >= input_dim):
        bad = ids.min() if ids.min() < 0 else ids.max()
        raise ValueError(f"{owner}: id {int(bad)} is out of range for input_dim={input_dim} (ids must be in [0, {input_dim}))")
    return ids


class Embedding(Function):
    """``weights[ids]``. The node keeps its own copy of the ids: a batch buffer that the caller
    reuses before ``backward()`` must not move the gradient to other rows (or, in the compiled
    scatter, which does not check bounds, outside the array)."""

    saves = ()

    def __init__(self, ids: np.ndarray) -> None:
        self.ids = np.array(ids, copy=True)

    def forward(self, weights):
        self.rows = weights.shape
        return weights[self.ids]

    def backward(self, grad):
        flat_ids = self.ids.reshape(-1)
        out = np.zeros((self.rows[0], int(np.prod(self.rows[1:]))), grad.dtype)
        grad = grad.reshape(len(flat_ids), out.shape[1])
        if len(flat_ids) and accelerate.enabled_for(out):
            _scatter_add_compiled(out, flat_ids, np.ascontiguousarray(grad))
        elif len(flat_ids):
            _scatter_add(out, flat_ids, grad)
        return out if out.shape == self.rows else out.reshape(self.rows)


def _scatter_add(out: np.ndarray, ids: np.ndarray, rows: np.ndarray, rounds: int = 8) -> None:
    """``out[ids[k]] += rows[k]`` for every k, duplicates included.

    The ids are sorted stably; occurrence r of every id is added in round r (distinct ids, one
    vectorized gather-add-scatter). The occurrences past ``rounds`` (ids repeated more often, as
    padding is) are summed per id with ``np.add.reduceat``, whose cost is per distinct id.
    """
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    position = np.arange(len(ids))
    first = np.empty(len(ids), bool)
    first[0] = True
    np.not_equal(sorted_ids[1:], sorted_ids[:-1], out=first[1:])
    rank = position - np.maximum.accumulate(np.where(first, position, 0))  # occurrence number of each id
    out[sorted_ids[first]] = rows[order[first]]
    for r in range(1, min(int(rank.max()), rounds - 1) + 1):
        pick = np.flatnonzero(rank == r)
        out[sorted_ids[pick]] += rows[order[pick]]
    rest = np.flatnonzero(rank >= rounds)
    if len(rest):
        starts = np.flatnonzero(np.r_[True, sorted_ids[rest[1:]] != sorted_ids[rest[:-1]]])
        out[sorted_ids[rest[starts]]] += np.add.reduceat(rows[order[rest]], starts, axis=0)


@accelerate.jit
def _scatter_add_compiled(out, ids, rows):
    """``out[ids[k]] += rows[k]`` for k in order: one pass over the rows."""
    for k in range(ids.size):
        target = out[ids[k]]
        source = rows[k]
        for j in range(source.size):
            target[j] += source[j]


def embedding(ids, weights):
    """``weights[ids]``: one row of ``weights`` (input_dim, ...) per id; ids of any shape.

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> w = nr.tensor(np.arange(6.0).reshape(3, 2), requires_grad=True)
    >>> out = nr.functional.embedding(np.array([[2, 0, 2]]), w)
    >>> out.sum().backward()
    >>> out.shape, w.grad.tolist()
    ((1, 3, 2), [[1.0, 1.0], [0.0, 0.0], [2.0, 2.0]])
    """
    ids = check_ids("embedding", getattr(ids, "_data", ids), weights.shape[0])
    return Embedding(ids)(weights)
