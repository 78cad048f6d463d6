"""Multinomial (softmax) regression ``P(y = k | x) = softmax(W x + b)_k``, fitted by gradient descent."""
from __future__ import annotations

from typing import Any

import numpy as np

import neurona.functional as F
from neurona.classic.linear_classifier import LinearClassifier


class SoftmaxRegression(LinearClassifier):
    """Multinomial logistic regression: ``P(y = k | x) = softmax(z)_k``, ``z = W x + b``, one row of W per class.

    Gradient descent minimizes the mean cross-entropy plus an optional L2
    penalty on W (not on b) and an optional L1 penalty (see ``l1``)::

        J = −1/m Σ log softmax(z)_y + λ/(2m) ‖W‖² + λ₁/m ‖W‖₁

    computed from the logits through logsumexp, ``log softmax(z)_y = z_y − log Σ_k e^{z_k}``.

    Parameters
    ----------
    learning_rate, max_iter, tol, fit_intercept, optimizer, l2, l1, dtype
        As in :class:`~neurona.classic.LogisticRegression`.

    Attributes
    ----------
    classes_ : numpy.ndarray
        The labels, sorted; column k of ``predict_proba`` is ``classes_[k]``.
    coef_ : numpy.ndarray
        W, shape (n_classes, n_features).
    intercept_ : numpy.ndarray
        b, shape (n_classes,).
    n_features_in_, n_iter_, loss_history_
        As in :class:`~neurona.classic.LinearRegression`.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.classic import SoftmaxRegression
    >>> X = np.array([[0.0, 0.0], [0.0, 1.0], [4.0, 0.0], [4.0, 1.0], [0.0, 4.0], [1.0, 4.0]])
    >>> y = np.array(["a", "a", "b", "b", "c", "c"])
    >>> model = SoftmaxRegression(learning_rate=1.0, l2=1.0).fit(X, y)
    >>> model.n_iter_ < model.max_iter
    True
    >>> model.predict([[0.2, 0.3], [3.5, 0.5], [0.5, 3.5]])
    array(['a', 'b', 'c'], dtype='<U1')
    >>> model.predict_proba(X).sum(axis=1).round(12)
    array([1., 1., 1., 1., 1., 1.])
    """

    def fit(self, X: Any, y: Any) -> SoftmaxRegression:
        """Learn W and b from X (n_samples, n_features) and labels y (n_samples,) of two or more classes."""
        X, labels = self._fit_inputs(X, y)                             # y as class indices 0..K−1
        self._fit_logits(X, len(self.classes_), lambda z: F.cross_entropy(z, labels))
        return self

    def _logits(self, X: np.ndarray) -> np.ndarray:
        return X @ self.coef_.T + self.intercept_                      # z = W x + b, row by row

    def decision_function(self, X: Any) -> np.ndarray:
        """The logits ``z = W x + b`` of each row of X, shape (n_samples, n_classes).

        With two classes, the log-odds ``z₁ − z₀`` of ``classes_[1]``, shape (n_samples,),
        as for :class:`~neurona.classic.LogisticRegression`: > 0 predicts ``classes_[1]``.
        """
        z = self._logits(self._check_X("decision_function", X))
        return z[:, 1] - z[:, 0] if len(self.classes_) == 2 else z

    def _proba(self, X: np.ndarray) -> np.ndarray:
        return F.softmax(self._logits(X), axis=1).data
