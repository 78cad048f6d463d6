"""The data of ``fit`` / ``evaluate`` / ``predict``: checked once, then cut into batches.

``x`` and ``y`` may be one array, a list of arrays (one per model input or output,
in order) or a dict keyed by input or output name. Float arrays become the
model's float dtype; integer and boolean arrays (token ids, labels) keep theirs.
NaN or infinity in float data is refused, naming the first bad sample.
"""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from neurona import backend
from neurona.tensor import Tensor

DEFAULT_BATCH_SIZE = 32


def check_batch_size(batch_size, method: str) -> int:
    """A positive int; None means 32 (Keras's default).

    Examples
    --------
    >>> check_batch_size(None, "fit"), check_batch_size(8, "fit")
    (32, 8)
    """
    if batch_size is None:
        return DEFAULT_BATCH_SIZE
    if isinstance(batch_size, bool) or not isinstance(batch_size, (int, np.integer)) or batch_size < 1:
        raise ValueError(f"{method}: batch_size must be a positive integer (or None for 32), got {batch_size!r}")
    return int(batch_size)


def check_epochs(epochs, initial_epoch) -> None:
    """``epochs >= 0`` and ``0 <= initial_epoch < epochs`` (``epochs=0`` trains nothing, as in Keras)."""
    for name, value in (("epochs", epochs), ("initial_epoch", initial_epoch)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"fit: {name} must be a non-negative integer, got {value!r}")
    if epochs and initial_epoch >= epochs:
        raise ValueError(
            f"fit: initial_epoch={initial_epoch} leaves no epoch to train (epochs={epochs} is the index of the "
            "last epoch plus one, not a number of further epochs)"
        )


def first_non_finite(array: np.ndarray) -> int | None:
    """The index of the first sample (row) holding NaN or inf, or None if every value is finite.

    The common case costs one BLAS pass and no temporary: ``x·x`` is finite exactly when
    every value is, unless the squares overflow, and only then is each row checked.

    Examples
    --------
    >>> first_non_finite(np.ones((3, 2))), first_non_finite(np.array([[1.0], [np.nan], [np.inf]]))
    (None, 1)
    """
    if array.flags.c_contiguous and array.size:
        flat = array.reshape(-1)
        with np.errstate(over="ignore", invalid="ignore"):
            if np.isfinite(np.dot(flat, flat)):
                return None
    finite = np.isfinite(array.reshape(len(array), -1)).all(axis=1)
    return None if finite.all() else int(np.argmin(finite))


def _check_array(value, what: str, method: str, float_dtype) -> np.ndarray:
    array = value.data if isinstance(value, Tensor) else np.asarray(value)
    if array.ndim == 0 or len(array) == 0:
        raise ValueError(f"{method}: {what} is empty or a scalar (shape {array.shape}); expected one row per sample")
    if array.dtype.kind == "f":
        array = array.astype(float_dtype or backend.get_default_dtype(), copy=False)
        bad = first_non_finite(array)
        if bad is not None:
            raise ValueError(f"{method}: {what} contains NaN or inf (first at sample {bad}); clean or impute it first")
    elif array.dtype.kind not in "iub" and what.startswith("x"):
        raise ValueError(f"{method}: {what} must hold numbers, got dtype {array.dtype}")
    return array


def _is_array_list(value) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, (np.ndarray, Tensor)) for v in value)


def as_arrays(value, names: list[str] | None, what: str, method: str, float_dtypes: list | None = None) -> list[np.ndarray]:
    """One checked array per name (model input or output), from an array, a list or a dict.

    ``names`` is None when the model's inputs are not declared: then a list of
    arrays is several inputs and anything else is one.
    """
    if isinstance(value, dict):
        if names is None or len(names) < 1:
            raise ValueError(f"{method}: {what} is a dict, but this model's {what}s have no names; pass arrays")
        missing = [name for name in names if name not in value]
        unknown = [key for key in value if key not in names]
        if missing or unknown:
            raise ValueError(f"{method}: {what} has keys {sorted(value)}; expected {names}")
        value = [value[name] for name in names]
    elif (names is not None and len(names) > 1) or (names is None and _is_array_list(value)):
        if not isinstance(value, (list, tuple)) or (names is not None and len(value) != len(names)):
            expected = f"{len(names)} arrays ({', '.join(names)})" if names else "arrays"
            raise ValueError(f"{method}: {what} must be a list of {expected} or a dict of them, got {type(value).__name__}")
    else:
        value = [value]
    dtypes = float_dtypes or [None] * len(value)
    label = (lambda i: what) if len(value) == 1 else (lambda i: f"{what}[{names[i] if names else i}]")
    return [_check_array(v, label(i), method, dtypes[i]) for i, v in enumerate(value)]


class Data:
    """Checked inputs ``xs`` and targets ``ys`` (None without targets), all with the same number of rows."""

    def __init__(self, xs: list[np.ndarray], ys: list[np.ndarray] | None, method: str) -> None:
        self.xs, self.ys = xs, ys
        self.n = len(xs[0])
        for array in [*xs, *(ys or [])]:
            if len(array) != self.n:
                raise ValueError(f"{method}: x has {self.n} samples but {'y' if ys and array is ys[0] else 'an array'} "
                                 f"has {len(array)}; they must match")

    def rows(self, rows) -> tuple:
        """``(x, y, count)`` of the rows ``rows`` (a slice or an index array): x as Tensors, y as arrays."""
        if isinstance(rows, slice):
            xs = [Tensor._wrap(a[rows]) for a in self.xs]
            ys = None if self.ys is None else [a[rows] for a in self.ys]
        else:
            xs = [Tensor._wrap(a.take(rows, axis=0)) for a in self.xs]
            ys = None if self.ys is None else [a.take(rows, axis=0) for a in self.ys]
        x = xs[0] if len(xs) == 1 else xs
        y = None if ys is None else ys[0] if len(ys) == 1 else ys
        return x, y, len(xs[0])

    def batches(self, batch_size: int, order: np.ndarray | None = None) -> Iterator[tuple]:
        """The batches in row order, or in ``order`` (a permutation) when given."""
        for start in range(0, self.n, batch_size):
            yield self.rows(slice(start, start + batch_size) if order is None else order[start : start + batch_size])

    def split(self, fraction: float) -> tuple["Data", "Data"]:
        """Hold out the last ``fraction`` of the rows (before any shuffling) as validation data, as Keras does."""
        if isinstance(fraction, bool) or not isinstance(fraction, (int, float)) or not 0.0 < fraction < 1.0:
            raise ValueError(f"fit: validation_split must be a number in (0, 1), got {fraction!r}")
        cut = int(self.n * (1.0 - fraction))
        if cut < 1 or cut >= self.n:
            raise ValueError(
                f"fit: validation_split={fraction} of {self.n} samples leaves {cut} for training and "
                f"{self.n - cut} for validation; both need at least one"
            )
        head = Data([a[:cut] for a in self.xs], None if self.ys is None else [a[:cut] for a in self.ys], "fit")
        tail = Data([a[cut:] for a in self.xs], None if self.ys is None else [a[cut:] for a in self.ys], "fit")
        return head, tail
