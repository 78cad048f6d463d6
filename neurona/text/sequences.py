"""Padding: sequences of different lengths become one rectangular array (Keras's ``pad_sequences``)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from neurona.text._checks import cast_exactly, check_int

SIDES = ("pre", "post")


def _lengths(sequences: Any) -> tuple[list[Sequence], np.ndarray]:
    if isinstance(sequences, (str, bytes)) or not hasattr(sequences, "__len__"):
        raise TypeError(f"pad_sequences: sequences must be a list of sequences, got {type(sequences).__name__}")
    rows = list(sequences)
    for i, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not hasattr(row, "__len__"):
            raise TypeError(
                f"pad_sequences: sequences[{i}] is of type {type(row).__name__} ({row!r}); each entry must be a "
                "sequence of indices (for one sequence, pass [sequence])"
            )
    return rows, np.fromiter(map(len, rows), dtype=np.intp, count=len(rows))


def _values(rows: list[Sequence], dtype: np.dtype) -> np.ndarray:
    """All the rows' items, concatenated, as ``dtype``; an item the dtype cannot hold is an error."""
    flat = np.asarray([item for row in rows for item in row])
    if flat.size == 0:
        return np.zeros(0, dtype)
    if flat.ndim != 1:
        raise ValueError(f"pad_sequences: the items must be scalars, got items of shape {flat.shape[1:]}")
    if flat.dtype.kind not in "biuf":
        raise TypeError(f"pad_sequences: the items must be numbers, got dtype {flat.dtype}")
    return cast_exactly("pad_sequences", flat, dtype)


def pad_sequences(
    sequences: Sequence[Sequence[float]],
    maxlen: int | None = None,
    dtype: Any = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: float = 0,
) -> np.ndarray:
    """Pad (or cut) each sequence to ``maxlen`` items: an array of shape ``(len(sequences), maxlen)``.

    Parameters
    ----------
    sequences : list of sequences of numbers
        E.g. :meth:`Vocabulary.texts_to_sequences` output.
    maxlen : int, optional
        The length of every row; None: the longest sequence's.
    dtype : dtype, default "int32"
    padding : {"pre", "post"}, default "pre"
        Fill ``value`` before (pre) or after (post) each shorter sequence.
    truncating : {"pre", "post"}, default "pre"
        Drop the beginning (pre: keep the last ``maxlen`` items) or the end of each longer sequence.
    value : number, default 0
        The filler (0 is the vocabulary's padding index).

    Examples
    --------
    >>> pad_sequences([[1, 2, 3], [4, 5], [6]], maxlen=2)
    array([[2, 3],
           [4, 5],
           [0, 6]], dtype=int32)
    >>> pad_sequences([[1, 2, 3], [6]], padding="post", truncating="post", maxlen=2)
    array([[1, 2],
           [6, 0]], dtype=int32)
    """
    for name, side in (("padding", padding), ("truncating", truncating)):
        if side not in SIDES:
            raise ValueError(f"pad_sequences: {name} must be one of {SIDES}, got {side!r}")
    rows, lengths = _lengths(sequences)
    maxlen = int(lengths.max(initial=0)) if maxlen is None else check_int("pad_sequences", "maxlen", maxlen, 0)
    if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"pad_sequences: value must be a number, got {value!r}")
    filler = cast_exactly("pad_sequences", np.asarray([value]), dtype, "value")[0]
    flat = _values(rows, filler.dtype)
    out = np.full((len(rows), maxlen), filler)
    row = np.repeat(np.arange(len(rows)), lengths)
    position = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)   # index within its sequence
    kept = np.minimum(lengths, maxlen)
    offset = position - (lengths - kept)[row] if truncating == "pre" else position     # index within the kept part
    keep = (offset >= 0) & (offset < kept[row])
    column = offset + ((maxlen - kept)[row] if padding == "pre" else 0)
    out[row[keep], column[keep]] = flat[keep]
    return out
