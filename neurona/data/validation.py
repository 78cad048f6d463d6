"""Checking model inputs: a feature matrix ``(n_samples, n_features)`` and a target vector ``(n_samples,)``.

Both accept what NumPy can turn into an array (lists, read-only or Fortran-ordered
arrays, numbers stored with dtype object) and refuse, with a message naming the
owner, what would silently go wrong: complex numbers, sparse matrices, wrong
shapes, nothing to fit on.
"""
from __future__ import annotations

import sys
import warnings
from functools import cache
from typing import Any

import numpy as np

from neurona.data.sklearn_compat import extending_sklearn


@cache
def data_conversion_warning() -> type[Warning]:
    """The class ``DataConversionWarning`` (the same on every call; also ``validation.DataConversionWarning``).

    Built on first use; it subclasses scikit-learn's ``DataConversionWarning`` where that is installed.
    """
    return extending_sklearn(
        "DataConversionWarning",
        "sklearn.exceptions",
        (UserWarning,),
        __name__,
        "An input was converted to the expected form, e.g. a column vector y flattened to 1-D.",
    )


def __getattr__(name: str) -> type:
    if name == "DataConversionWarning":
        return data_conversion_warning()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _dense(owner: str, values: Any, name: str) -> np.ndarray:
    """``values`` as a NumPy array; sparse and complex input are errors."""
    sparse = sys.modules.get("scipy.sparse")                  # only loaded if the caller could make one
    if sparse is not None and sparse.issparse(values):
        raise TypeError(
            f"{owner}: {name} is a sparse {type(values).__name__}, but sparse input is not supported; "
            f"pass a dense array ({name}.toarray())"
        )
    array = np.asarray(values)
    if array.dtype.kind == "c":
        raise ValueError(f"{owner}: Complex data not supported; {name} has dtype {array.dtype}")
    return array


def as_numeric(owner: str, array: np.ndarray, name: str = "x") -> np.ndarray:
    """``array`` if its dtype is numeric (bool, integer, float); numbers of dtype object become float64.

    Examples
    --------
    >>> as_numeric("demo", np.array([1, 2.5], dtype=object))
    array([1. , 2.5])
    >>> as_numeric("demo", np.array(["a"]))
    Traceback (most recent call last):
    ...
    TypeError: demo: x must be numeric, got dtype <U1
    """
    if array.dtype.kind == "O":
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError) as error:
            raise TypeError(f"{owner}: {name} of dtype object must hold numbers: {error}") from None
    if array.dtype.kind not in "biuf":
        raise TypeError(f"{owner}: {name} must be numeric, got dtype {array.dtype}")
    return array


def as_matrix(owner: str, values: Any, name: str = "x", fitting: bool = False) -> np.ndarray:
    """Return ``values`` as a numeric 2-D array; errors name ``owner`` (e.g. ``'StandardScaler.fit'``).

    Numbers of dtype object become float64.

    Examples
    --------
    >>> as_matrix("demo", [[1, 2], [3, 4]]).shape
    (2, 2)
    >>> as_matrix("demo", [1, 2])
    Traceback (most recent call last):
    ...
    ValueError: demo: x must be 2-D (n_samples, n_features), got shape (2,). Reshape your data: ...
    """
    array = as_numeric(owner, _dense(owner, values, name), name)
    if array.ndim != 2:
        raise ValueError(
            f"{owner}: {name} must be 2-D (n_samples, n_features), got shape {array.shape}. Reshape your data: "
            f"{name}.reshape(-1, 1) for a single feature, {name}.reshape(1, -1) for a single sample"
        )
    if fitting and array.shape[0] == 0:
        raise ValueError(f"{owner}: cannot fit on 0 samples ({name} has shape {array.shape})")
    if array.shape[1] == 0:
        raise ValueError(
            f"{owner}: {name} has 0 feature(s) (shape={array.shape}) while a minimum of 1 is required."
        )
    return array


def as_vector(owner: str, values: Any, name: str = "y") -> np.ndarray:
    """Return ``values`` as a 1-D array (of any dtype: labels may be strings).

    A column vector ``(n, 1)`` is flattened with a ``DataConversionWarning``.

    Examples
    --------
    >>> as_vector("demo", [0, 1, 1])
    array([0, 1, 1])
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     as_vector("demo", [[0.5], [1.5]])
    array([0.5, 1.5])
    >>> print(caught[0].message)
    A column-vector y was passed when a 1d array was expected: demo got y of shape (2, 1), flattened to (2,)
    """
    if values is None:
        raise ValueError(f"{owner} requires {name} to be passed, but the target {name} is None")
    array = _dense(owner, values, name)
    if array.ndim == 2 and array.shape[1] == 1:
        warnings.warn(
            f"A column-vector {name} was passed when a 1d array was expected: {owner} got {name} of shape "
            f"{array.shape}, flattened to ({len(array)},)",
            data_conversion_warning(),
            stacklevel=3,
        )
        array = array.ravel()
    if array.ndim != 1:
        raise ValueError(f"{owner}: {name} must be 1-D (n_samples,), got shape {array.shape}")
    return array
