"""Feature scaling fitted on training data: standardization and min-max."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from neurona.data.validation import as_matrix

__all__ = ["StandardScaler", "MinMaxScaler"]


class _Scaler(ABC):
    """Shared checks; subclasses set ``scale_`` and ``offset_`` so that y = x * scale_ + offset_."""

    scale_: np.ndarray | None = None
    offset_: np.ndarray | None = None
    n_features_in_: int | None = None

    def _check(self, method: str, x: Any, fitting: bool = False) -> np.ndarray:
        name = f"{type(self).__name__}.{method}"
        values = as_matrix(name, x, "x", fitting)
        if not fitting and self.n_features_in_ is None:
            raise RuntimeError(
                f"{name}: this {type(self).__name__} is not fitted yet; call fit(x) first"
            )
        if not fitting and values.shape[1] != self.n_features_in_:
            raise ValueError(
                f"{name}: x has {values.shape[1]} features, but the scaler was fitted "
                f"on {self.n_features_in_}"
            )
        return values if values.dtype.kind == "f" else values.astype(np.float64)

    def _set(self, scale: np.ndarray, offset: np.ndarray) -> None:
        self.scale_, self.offset_ = scale, offset
        self.n_features_in_ = scale.shape[0]

    def transform(self, x: Any) -> np.ndarray:
        """Scale ``x`` with the statistics learned by ``fit``."""
        values = self._check("transform", x)
        return (values * self.scale_ + self.offset_).astype(values.dtype, copy=False)

    def inverse_transform(self, x: Any) -> np.ndarray:
        """Undo ``transform``."""
        values = self._check("inverse_transform", x)
        return ((values - self.offset_) / self.scale_).astype(values.dtype, copy=False)

    def fit_transform(self, x: Any) -> np.ndarray:
        """Fit on ``x``, then transform it."""
        return self.fit(x).transform(x)

    @abstractmethod
    def fit(self, x: Any) -> _Scaler:
        """Learn the scaling from training data ``x`` (n_samples, n_features)."""


class StandardScaler(_Scaler):
    """Scale each feature to zero mean and unit variance (population std).

    Constant features get a scale of 1, so they become 0 rather than NaN.

    Attributes
    ----------
    mean_, std_ : numpy.ndarray
        Per-feature mean and standard deviation seen by ``fit``.

    Examples
    --------
    >>> x = np.array([[1.0, 5.0], [3.0, 5.0]])
    >>> scaler = StandardScaler().fit(x)
    >>> scaler.transform(x)
    array([[-1.,  0.],
           [ 1.,  0.]])
    >>> scaler.inverse_transform(scaler.transform(x))
    array([[1., 5.],
           [3., 5.]])
    """

    def fit(self, x: Any) -> StandardScaler:
        """Learn the per-feature mean and standard deviation of ``x`` (n_samples, n_features)."""
        values = self._check("fit", x, fitting=True).astype(np.float64)
        self.mean_ = values.mean(axis=0)
        self.std_ = values.std(axis=0)
        scale = 1.0 / np.where(self.std_ > 0, self.std_, 1.0)
        self._set(scale, -self.mean_ * scale)
        return self


class MinMaxScaler(_Scaler):
    """Scale each feature linearly so its training range maps to ``feature_range``.

    Constant features map to ``feature_range[0]`` rather than NaN.

    Parameters
    ----------
    feature_range : (float, float), default (0, 1)
        Target range; the first value must be below the second.

    Attributes
    ----------
    data_min_, data_max_ : numpy.ndarray
        Per-feature minimum and maximum seen by ``fit``.

    Examples
    --------
    >>> x = np.array([[0.0, 10.0], [5.0, 20.0], [10.0, 30.0]])
    >>> MinMaxScaler(feature_range=(-1, 1)).fit_transform(x)
    array([[-1., -1.],
           [ 0.,  0.],
           [ 1.,  1.]])
    """

    def __init__(self, feature_range: tuple[float, float] = (0.0, 1.0)) -> None:
        low, high = feature_range
        if not low < high:
            raise ValueError(
                f"MinMaxScaler: feature_range must be (low, high) with low < high, "
                f"got {feature_range}"
            )
        self.feature_range = (float(low), float(high))

    def fit(self, x: Any) -> MinMaxScaler:
        """Learn the per-feature minimum and maximum of ``x`` (n_samples, n_features)."""
        values = self._check("fit", x, fitting=True).astype(np.float64)
        self.data_min_ = values.min(axis=0)
        self.data_max_ = values.max(axis=0)
        spread = self.data_max_ - self.data_min_
        low, high = self.feature_range
        scale = (high - low) / np.where(spread > 0, spread, 1.0)
        self._set(scale, low - self.data_min_ * scale)
        return self
