"""Binary logistic regression ``P(y = 1 | x) = σ(w·x + b)``, fitted by gradient descent on the cross-entropy."""
from __future__ import annotations

from typing import Any

import numpy as np

import neurona.functional as F
from neurona.classic.linear_classifier import LinearClassifier


class LogisticRegression(LinearClassifier):
    """Binary logistic regression: ``P(y = 1 | x) = σ(z)``, ``z = w·x + b``.

    Gradient descent minimizes the mean binary cross-entropy plus an optional
    L2 penalty on w (not on b) and an optional L1 penalty (see ``l1``)::

        J = −1/m Σ [y log σ(z) + (1 − y) log(1 − σ(z))] + λ/(2m) ‖w‖² + λ₁/m ‖w‖₁

    computed stably from the logits z as ``softplus(z) − z y``.

    Parameters
    ----------
    learning_rate : float
        η, the step of the optimizer.
    max_iter : int
        The most iterations.
    tol : float
        ε of the stopping rule ``‖w_t − w_{t−1}‖ < ε``.
    fit_intercept : bool
        Learn b; when False, b = 0.
    optimizer : {'gd', 'adam'}
        Plain gradient descent ``θ ← θ − η ∇J`` or Adam.
    l2 : float
        λ of the penalty ``λ/(2m) ‖w‖²``; 0 for none. Without it, linearly
        separable classes have no finite optimum (w grows without bound).
    l1 : float
        λ₁ of an L1 penalty ``λ₁/m ‖w‖₁`` (optimizer ``'gd'``), applied after each
        gradient step by soft-thresholding (ISTA), which sets the weights of
        irrelevant features to exactly 0; 0 for none.
    dtype : str
        The float type of the computation (float64 for agreement with exact solvers).

    Attributes
    ----------
    classes_ : numpy.ndarray
        The two labels, sorted; ``classes_[1]`` is the positive class (y = 1).
    coef_ : numpy.ndarray
        w, shape (1, n_features).
    intercept_ : numpy.ndarray
        b, shape (1,).
    n_features_in_, n_iter_, loss_history_
        As in :class:`~neurona.classic.LinearRegression`.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.classic import LogisticRegression
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array(["no", "no", "yes", "yes"])
    >>> model = LogisticRegression(learning_rate=1.0, l2=1.0).fit(X, y)
    >>> model.n_iter_ < model.max_iter
    True
    >>> model.predict([[0.5], [2.5]])
    array(['no', 'yes'], dtype='<U3')
    >>> model.predict_proba([[1.5]]).round(3)
    array([[0.5, 0.5]])
    """

    multi_class = False

    def fit(self, X: Any, y: Any) -> LogisticRegression:
        """Learn w and b from X (n_samples, n_features) and two-class labels y (n_samples,)."""
        X, labels = self._fit_inputs(X, y)
        if len(self.classes_) > 2:
            raise ValueError(
                f"LogisticRegression.fit: y has {len(self.classes_)} classes ({self.classes_.tolist()}). Only binary "
                "classification is supported: use neurona.classic.SoftmaxRegression for more than two classes"
            )
        target = labels.astype(X.dtype)[:, None]                       # y ∈ {0, 1}
        self._fit_logits(X, 1, lambda z: F.binary_cross_entropy_with_logits(z, target))
        return self

    def _logits(self, X: np.ndarray) -> np.ndarray:
        return X @ self.coef_[0] + self.intercept_[0]                  # z = w·x + b

    def decision_function(self, X: Any) -> np.ndarray:
        """The logits ``z = w·x + b``, shape (n_samples,); z > 0 predicts ``classes_[1]``."""
        return self._logits(self._check_X("decision_function", X))

    def _proba(self, X: np.ndarray) -> np.ndarray:
        z = self._logits(X)
        return F.sigmoid(np.stack([-z, z], axis=1)).data               # [1 − σ(z), σ(z)], 1 − σ(z) = σ(−z)
