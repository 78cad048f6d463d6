"""The linear classifiers' shared part: hyperparameters, labels, the fit of penalized logits, predictions."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

import neurona.functional as F
from neurona.classic.base import OPTIMIZERS, Estimator
from neurona.classic.tags import sklearn_tags
from neurona.tensor import Tensor


class LinearClassifier(Estimator):
    """A classifier of logits ``z = X Wᵀ + b`` (any labels: numbers, strings), scored by accuracy.

    It holds the hyperparameters the linear classifiers share, and fits by gradient
    descent on a cross-entropy of the logits plus ``λ/(2m) ‖W‖²`` (and, with ``l1``,
``λ₁/m ‖W‖₁`` by soft-thresholding). A subclass gives
    that cross-entropy to :meth:`_fit_logits` and defines ``_proba(X)``, the class
    probabilities of checked rows X.
    """

    multi_class = True
    """Whether the classifier handles more than two classes (scikit-learn's tag)."""

    def __init__(
        self,
        learning_rate: float = 0.1,
        max_iter: int = 1000,
        tol: float = 1e-6,
        fit_intercept: bool = True,
        optimizer: str = "gd",
        l2: float = 0.0,
        l1: float = 0.0,
        dtype: str = "float64",
    ) -> None:
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.optimizer = optimizer
        self.l2 = l2
        self.l1 = l1
        self.dtype = dtype

    def __sklearn_tags__(self) -> Any:
        """scikit-learn's tags: a classifier (see :mod:`neurona.classic.tags`)."""
        return sklearn_tags("classifier", multi_class=self.multi_class)

    def _fit_inputs(self, X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        """Check the hyperparameters and the data; return X and y as class indices (setting ``classes_``)."""
        self._check_hyperparameters({"optimizer": tuple(OPTIMIZERS)}, non_negative=("l2",))
        self._check_l1_solver("optimizer")
        X, y = self._check_X_y("fit", X, y, fitting=True)
        return X, self._encode(y)

    def _fit_logits(self, X: np.ndarray, n_outputs: int, cross_entropy: Callable[[Tensor], Tensor]) -> None:
        """Minimize ``cross_entropy(z) + λ/(2m) ‖W‖²`` over W and b; set ``coef_``, ``intercept_``."""
        penalty = self.l2 / (2 * len(X))                               # λ/(2m)

        def loss(z: Tensor, w: Tensor) -> Tensor:
            return cross_entropy(z) + F.l2_penalty(w, penalty) if penalty else cross_entropy(z)

        weight, bias = self._descend(X, n_outputs, loss, self.optimizer)
        self.coef_, self.intercept_ = weight.T, bias
        self.n_features_in_ = X.shape[1]

    def _encode(self, y: np.ndarray, min_classes: int = 2) -> np.ndarray:
        """Set ``classes_`` (sorted unique labels) and return each label's index in it."""
        self._check_labels(y)
        self.classes_, index = np.unique(y, return_inverse=True)
        if len(self.classes_) < min_classes:
            raise ValueError(
                f"{type(self).__name__}.fit: y has {len(self.classes_)} class ({self.classes_.tolist()}); "
                f"at least {min_classes} are needed"
            )
        return index.reshape(-1)

    def _check_labels(self, y: np.ndarray) -> None:
        """Float labels must be whole numbers: other floats are a regression target, not classes."""
        if y.dtype.kind != "f":
            return
        name = f"{type(self).__name__}.fit"
        if not np.isfinite(y).all():
            raise ValueError(f"{name}: y contains NaN or infinity")
        fractional = y[y != np.round(y)]
        if len(fractional):
            raise ValueError(
                f"{name}: Unknown label type: y is continuous (e.g. {fractional[0]}); a classifier needs "
                "class labels (integers, strings or whole-number floats), for real targets use a regressor"
            )

    def predict_proba(self, X: Any) -> np.ndarray:
        """The probability of each class for each row of X, shape (n_samples, n_classes), columns as ``classes_``."""
        return self._proba(self._check_X("predict_proba", X))

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row of X, as one of ``classes_``."""
        proba = self._proba(self._check_X("predict", X))
        return self.classes_[np.argmax(proba, axis=1)]

    def score(self, X: Any, y: Any) -> float:
        """Accuracy: the fraction of rows of X whose predicted class is y."""
        X, y = self._check_X_y("score", X, y)
        return float(np.mean(self.predict(X) == y))
