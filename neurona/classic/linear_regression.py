"""Linear regression ``f(x) = w·x + b``: the normal equation or gradient descent on the squared error."""
from __future__ import annotations

from typing import Any

import numpy as np

import neurona.functional as F
from neurona.classic.base import Regressor

SOLVERS = ("normal", "gd")


class LinearRegression(Regressor):
    """Least-squares linear regression ``f(x) = w·x + b``.

    Parameters
    ----------
    solver : {'normal', 'gd'}
        ``'normal'``: solve the normal equation ``(XᵀX) θ = Xᵀy`` in closed form,
        θ = (w, b) with the intercept as a column of ones in X. ``'gd'``: full-batch
        gradient descent on the course's ``L = 1/(2m) Σ (f(x) − y)²``.
    learning_rate : float
        η, the step of gradient descent ``θ ← θ − η ∇L``.
    max_iter : int
        The most gradient-descent iterations.
    tol : float
        ε of the stopping rule ``‖w_t − w_{t−1}‖ < ε``.
    fit_intercept : bool
        Learn b; when False, b = 0.
    l1 : float
        λ₁ of an L1 penalty ``λ₁/m ‖w‖₁`` (solver ``'gd'``), applied after each
        gradient step by soft-thresholding ``w ← sign(w)·max(|w| − η λ₁/m, 0)``
        (ISTA), which sets the weights of irrelevant features to exactly 0.
    dtype : str
        The float type of the computation. float64 (not neurona's float32 default),
        so that gradient descent can reach the normal equation's solution to many
        digits and a tol of 1e-6 is not lost in float32 rounding.

    Attributes
    ----------
    coef_ : numpy.ndarray
        w, shape (n_features,).
    intercept_ : float
        b.
    n_features_in_ : int
        The number of features seen by ``fit``.
    n_iter_ : int
        Gradient-descent iterations run (1 for the normal equation: one solve).
    loss_history_ : numpy.ndarray
        L (plus the L1 penalty) before each gradient-descent update (empty for
        the normal equation).

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.classic import LinearRegression
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> y = 2 * X[:, 0] + 1
    >>> model = LinearRegression().fit(X, y)
    >>> model.coef_.round(6), round(model.intercept_, 6)
    (array([2.]), 1.0)
    >>> gd = LinearRegression(solver="gd", learning_rate=0.1, max_iter=5000).fit(X, y)
    >>> gd.coef_.round(4), gd.n_iter_ < 5000
    (array([2.]), True)
    >>> gd.predict([[4.0]]).round(4)
    array([9.])

    With an L1 penalty, the weights of features that do not matter become exactly 0:

    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((100, 3))
    >>> y = 2 * X[:, 0] + 0.1 * rng.standard_normal(100)            # only feature 0 matters
    >>> sparse = LinearRegression(solver="gd", l1=10.0, learning_rate=0.5).fit(X, y)
    >>> round(float(sparse.coef_[0]), 1), bool((sparse.coef_[1:] == 0).all())
    (1.9, True)
    """

    def __init__(
        self,
        solver: str = "normal",
        learning_rate: float = 0.01,
        max_iter: int = 1000,
        tol: float = 1e-6,
        fit_intercept: bool = True,
        l1: float = 0.0,
        dtype: str = "float64",
    ) -> None:
        self.solver = solver
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept
        self.l1 = l1
        self.dtype = dtype

    def fit(self, X: Any, y: Any) -> LinearRegression:
        """Learn w and b from X (n_samples, n_features) and real targets y (n_samples,)."""
        self._check_hyperparameters({"solver": SOLVERS})
        self._check_l1_solver("solver")
        X, y = self._check_X_y("fit", X, y, fitting=True)
        if self.solver == "normal":
            self.coef_, self.intercept_ = self._normal_equation(X, y)
            self.n_iter_, self.loss_history_ = 1, np.empty(0)
        else:
            target = y[:, None]
            weight, bias = self._descend(X, 1, lambda pred, _: F.mse(pred, target, half=True))
            self.coef_, self.intercept_ = weight[:, 0], float(bias[0])
        self.n_features_in_ = X.shape[1]
        return self

    def _normal_equation(self, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
        ones = np.ones((len(X), int(self.fit_intercept)), X.dtype)
        A = np.hstack([X, ones])                                       # [X | 1]
        theta = np.linalg.lstsq(A.T @ A, A.T @ y, rcond=None)[0]       # (AᵀA) θ = Aᵀy
        n = X.shape[1]
        return theta[:n], float(theta[n]) if self.fit_intercept else 0.0

    def predict(self, X: Any) -> np.ndarray:
        """``f(x) = w·x + b`` for each row of X."""
        X = self._check_X("predict", X)
        return X @ self.coef_ + self.intercept_
