"""Classic small tables: iris, breast cancer, Boston and California housing, wine, digits.

Each loader returns ``(x, y)``: ``x`` float64 of shape (n_samples, n_features) and
``y`` int64 class indices or float64 regression targets. Column and class names
are in :mod:`neurona.datasets.names`.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from .fetch import get_data_file

__all__ = [
    "load_iris", "load_breast_cancer", "load_boston",
    "load_wine", "load_digits", "load_california_housing",
]

DataHome = str | os.PathLike[str] | None
_DIGITS_FILES = {"train": ("optdigits.tra",), "test": ("optdigits.tes",),
                 "all": ("optdigits.tra", "optdigits.tes")}


def _loadtxt(func: str, path: Path, **kwargs) -> np.ndarray:
    """``np.loadtxt`` on the file's non-blank lines, with errors that name the file."""
    lines = [line for line in path.read_text(encoding="ascii").split("\n") if line.strip()]
    try:
        return np.loadtxt(lines, ndmin=2, **kwargs)
    except ValueError as exc:
        raise ValueError(f"{func}: cannot parse {path}: {exc}") from exc


def _class_index(func: str, path: Path, values: np.ndarray, tokens: tuple[str, ...]) -> np.ndarray:
    """Map each value to the index of its token in ``tokens``; unknown values raise."""
    matches = values[:, None] == np.asarray(tokens)[None, :]
    unknown = np.flatnonzero(~matches.any(axis=1))
    if unknown.size:
        row = int(unknown[0])
        raise ValueError(
            f"{func}: {path} row {row + 1} has class {str(values[row])!r}, "
            f"expected one of {tokens}"
        )
    return matches.argmax(axis=1).astype(np.int64)


def load_iris(data_home: DataHome = None) -> tuple[np.ndarray, np.ndarray]:
    """Load Fisher's iris data (UCI copy; ships with the package).

    Returns
    -------
    x : numpy.ndarray
        float64, shape (150, 4): sepal length, sepal width, petal length, petal
        width in cm.
    y : numpy.ndarray
        int64, shape (150,): 0 setosa, 1 versicolor, 2 virginica (file order),
        50 rows each.

    Examples
    --------
    >>> x, y = load_iris()
    >>> x.shape, y.dtype, np.bincount(y).tolist()
    ((150, 4), dtype('int64'), [50, 50, 50])
    """
    path = get_data_file("tabular/iris/iris.data", data_home)
    table = _loadtxt("load_iris", path, delimiter=",", dtype=str)
    tokens = ("Iris-setosa", "Iris-versicolor", "Iris-virginica")
    return table[:, :4].astype(np.float64), _class_index("load_iris", path, table[:, 4], tokens)


def load_breast_cancer(data_home: DataHome = None) -> tuple[np.ndarray, np.ndarray]:
    """Load the Wisconsin Diagnostic Breast Cancer data (``wdbc.data``; ships with the package).

    Returns
    -------
    x : numpy.ndarray
        float64, shape (569, 30): the 30 real-valued features (the ID column is dropped).
    y : numpy.ndarray
        int64, shape (569,): 1 malignant (212 rows), 0 benign (357 rows). Note that
        scikit-learn's ``load_breast_cancer`` uses the opposite coding.

    Examples
    --------
    >>> x, y = load_breast_cancer()
    >>> x.shape, np.bincount(y).tolist()
    ((569, 30), [357, 212])
    """
    path = get_data_file("tabular/breast_cancer_wisconsin/wdbc.data", data_home)
    table = _loadtxt("load_breast_cancer", path, delimiter=",", dtype=str)
    y = _class_index("load_breast_cancer", path, table[:, 1], ("B", "M"))
    return table[:, 2:].astype(np.float64), y


def load_boston(data_home: DataHome = None) -> tuple[np.ndarray, np.ndarray]:
    """Load the Boston housing data, for regression demos only.

    The data has a known ethical problem: the ``B`` column encodes
    ``1000 (Bk - 0.63)^2`` where ``Bk`` is the proportion of Black residents, built
    on the assumption that racial self-segregation raises house prices. It was
    removed from scikit-learn in version 1.2 and withdrawn by UCI. Use it only to
    demonstrate regression code, never to study or predict house prices.

    Returns
    -------
    x : numpy.ndarray
        float64, shape (506, 13), columns named by ``names.BOSTON_FEATURE_NAMES``.
    y : numpy.ndarray
        float64, shape (506,): MEDV, median home value in $1000s.

    Examples
    --------
    >>> x, y = load_boston()
    >>> x.shape, float(y[0])
    ((506, 13), 24.0)
    """
    table = _loadtxt("load_boston", get_data_file("tabular/boston_housing/housing.data", data_home))
    return table[:, :13], table[:, 13]


def load_wine(data_home: DataHome = None) -> tuple[np.ndarray, np.ndarray]:
    """Load the UCI wine recognition data (ships with the package).

    Returns
    -------
    x : numpy.ndarray
        float64, shape (178, 13), columns named by ``names.WINE_FEATURE_NAMES``.
    y : numpy.ndarray
        int64, shape (178,): cultivar 1..3 in the file, returned as 0..2
        (59, 71 and 48 rows).

    Examples
    --------
    >>> x, y = load_wine()
    >>> x.shape, np.bincount(y).tolist()
    ((178, 13), [59, 71, 48])
    """
    path = get_data_file("tabular/wine/wine.data", data_home)
    table = _loadtxt("load_wine", path, delimiter=",", dtype=str)
    y = _class_index("load_wine", path, table[:, 0], ("1", "2", "3"))
    return table[:, 1:].astype(np.float64), y


def load_digits(split: str = "test", data_home: DataHome = None) -> tuple[np.ndarray, np.ndarray]:
    """Load the UCI optical handwritten digits (optdigits), 8x8 blocks of counts 0..16.

    Parameters
    ----------
    split : {"test", "train", "all"}, default "test"
        ``"test"`` is ``optdigits.tes`` (1797 rows), the set scikit-learn's
        ``load_digits`` returns; ``"train"`` is ``optdigits.tra`` (3823 rows);
        ``"all"`` is both, train first (5620 rows).
    data_home : str or os.PathLike, optional
        Offline data directory (else ``$NEURONA_DATA``, else the user cache).

    Returns
    -------
    x : numpy.ndarray
        float64, shape (n, 64), values 0..16, rows of the 8x8 image in order.
    y : numpy.ndarray
        int64, shape (n,), digits 0..9.

    Examples
    --------
    >>> x, y = load_digits()  # doctest: +SKIP
    >>> x.shape, int(x.max()), y.dtype  # doctest: +SKIP
    ((1797, 64), 16, dtype('int64'))
    """
    if split not in _DIGITS_FILES:
        raise ValueError(f"load_digits: split must be one of {tuple(_DIGITS_FILES)}, got {split!r}")
    paths = [get_data_file(f"digits/{name}", data_home) for name in _DIGITS_FILES[split]]
    table = np.concatenate(
        [_loadtxt("load_digits", path, delimiter=",", dtype=np.int64) for path in paths]
    )
    return table[:, :64].astype(np.float64), table[:, 64]


def load_california_housing(
    data_home: DataHome = None, raw: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Load the California housing data (Pace and Barry, 1997; 1990 census block groups).

    Parameters
    ----------
    data_home : str or os.PathLike, optional
        Offline data directory (else ``$NEURONA_DATA``, else the user cache).
    raw : bool, default False
        False: the 8 features scikit-learn derives (``names.CALIFORNIA_FEATURE_NAMES``:
        rooms, bedrooms and occupants per household) and the target in units of
        $100,000, as ``sklearn.datasets.fetch_california_housing``. True: the 8 raw
        StatLib columns (``names.CALIFORNIA_RAW_FEATURE_NAMES``) and the target in
        dollars.

    Returns
    -------
    x : numpy.ndarray
        float64, shape (20640, 8).
    y : numpy.ndarray
        float64, shape (20640,): median house value.

    Examples
    --------
    >>> x, y = load_california_housing()  # doctest: +SKIP
    >>> x.shape, float(y[0])  # doctest: +SKIP
    ((20640, 8), 4.526)
    """
    path = get_data_file("tabular/california_housing/cal_housing.data", data_home)
    table = _loadtxt("load_california_housing", path, delimiter=",")
    if raw:
        return table[:, :8], table[:, 8]
    lon, lat, age, rooms, bedrooms, population, households, income, value = table.T
    x = np.column_stack([
        income, age, rooms / households, bedrooms / households,
        population, population / households, lat, lon,
    ])
    return x, value / 100000.0
