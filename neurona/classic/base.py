"""What every classic estimator shares: hyperparameters, input checks, scores, and
full-batch gradient descent with the course's stopping rule ``‖w_t − w_{t−1}‖ < ε``.

The conventions are scikit-learn's: the constructor only stores the
hyperparameters, ``fit(X, y)`` returns the estimator, and what is learned ends
with an underscore (``coef_``, ``intercept_``, ``n_iter_``, ``loss_history_``).
"""
from __future__ import annotations

import inspect
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

import neurona.functional as F
from neurona.classic.errors import ConvergenceWarning, not_fitted_error
from neurona.classic.proximal import soft_threshold
from neurona.classic.tags import sklearn_tags
from neurona.data.validation import as_matrix, as_numeric, as_vector
from neurona.optimizers import SGD, Adam
from neurona.tensor import Tensor

OPTIMIZERS = {"gd": SGD, "adam": Adam}
"""The update rules gradient descent can use: plain ``θ ← θ − η ∇L`` or Adam."""

Loss = Callable[[Tensor, Tensor], Tensor]
"""``loss(f(X), W)``: the scalar loss of the predictions ``f(X) = X W + b`` (W for a penalty)."""


class Estimator:
    """Base class: ``get_params``/``set_params``, input checks and the gradient-descent loop.

    A subclass lists its hyperparameters as the arguments of ``__init__`` and
    stores each under the same name.
    """

    @classmethod
    def _param_names(cls) -> list[str]:
        return [name for name in inspect.signature(cls.__init__).parameters if name != "self"]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The hyperparameters by name (``deep`` is accepted for scikit-learn's tools; there is nothing nested).

        Examples
        --------
        >>> from neurona.classic import LinearRegression
        >>> LinearRegression(solver="gd").get_params()["solver"]
        'gd'
        """
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> Estimator:
        """Set hyperparameters by name and return the estimator.

        Examples
        --------
        >>> from neurona.classic import LinearRegression
        >>> LinearRegression().set_params(solver="gd", max_iter=50)
        LinearRegression(solver='gd', max_iter=50)
        """
        valid = self._param_names()
        unknown = sorted(set(params) - set(valid))
        if unknown:
            raise ValueError(
                f"{type(self).__name__}.set_params: unknown hyperparameter(s) {unknown}; valid ones are {valid}"
            )
        for name, value in params.items():
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        changed = [f"{name}={value!r}" for name, value in self.get_params().items() if value != defaults[name].default]
        return f"{type(self).__name__}({', '.join(changed)})"

    # ----------------------------------------------------------------- checks
    def _check_X(self, method: str, X: Any, fitting: bool = False) -> np.ndarray:
        """X as a finite 2-D array of ``self.dtype``; outside fit, also fitted and of the fitted width."""
        name = f"{type(self).__name__}.{method}"
        if not fitting and not hasattr(self, "n_features_in_"):
            raise not_fitted_error()(f"{name}: this {type(self).__name__} is not fitted yet; call fit(X, y) first")
        X = as_matrix(name, X, "X", fitting)
        if not fitting and X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"{name}: X has {X.shape[1]} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input (the number it was fitted with)"
            )
        X = X.astype(self.dtype, copy=False)
        if not np.isfinite(X).all():
            raise ValueError(f"{name}: X contains NaN or infinity")
        return X

    def _check_X_y(self, method: str, X: Any, y: Any, fitting: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """X as in ``_check_X``, and y as a 1-D array with one entry per row of X (see ``_check_target``)."""
        X = self._check_X(method, X, fitting)
        y = self._check_target(method, as_vector(f"{type(self).__name__}.{method}", y, "y"))
        if len(y) != len(X):
            raise ValueError(
                f"{type(self).__name__}.{method}: X has {len(X)} samples but y has {len(y)}; "
                "give one target per sample"
            )
        return X, y

    def _check_target(self, method: str, y: np.ndarray) -> np.ndarray:
        """The targets y (1-D) as the estimator learns from them; subclasses check their kind."""
        return y

    def _check_hyperparameters(self, choices: dict[str, tuple], non_negative: tuple[str, ...] = ()) -> None:
        """Validate (at fit time) the gradient-descent hyperparameters, each ``choices`` entry and
        the ``non_negative`` ones."""
        name = type(self).__name__
        for param, allowed in choices.items():
            if getattr(self, param) not in allowed:
                raise ValueError(f"{name}: {param} must be one of {allowed}, got {getattr(self, param)!r}")
        for param in ("tol", "l1", *non_negative):
            if not getattr(self, param) >= 0:
                raise ValueError(f"{name}: {param} must be >= 0, got {getattr(self, param)!r}")
        if not self.learning_rate > 0:
            raise ValueError(f"{name}: learning_rate must be > 0, got {self.learning_rate!r}")
        if isinstance(self.max_iter, bool) or not isinstance(self.max_iter, (int, np.integer)) or self.max_iter < 1:
            raise ValueError(f"{name}: max_iter must be an integer >= 1, got {self.max_iter!r}")
        if np.dtype(self.dtype).kind != "f":
            raise ValueError(f"{name}: dtype must be a floating dtype, got {self.dtype!r}")

    def _check_l1_solver(self, param: str) -> None:
        """The L1 penalty is applied by proximal gradient descent: ``param`` (the update rule) must be 'gd'."""
        if self.l1 and getattr(self, param) != "gd":
            raise ValueError(
                f"{type(self).__name__}: l1 > 0 needs {param}='gd' (proximal gradient descent), "
                f"got {param}={getattr(self, param)!r}"
            )

    # ------------------------------------------------------- gradient descent
    def _descend(self, X: np.ndarray, n_outputs: int, loss: Loss, optimizer: str = "gd") -> tuple[np.ndarray, np.ndarray]:
        """Minimize ``loss(X W + b, W) + λ₁/m ‖W‖₁`` over W (n_features, n_outputs) and b (n_outputs,).

        From zeros, each iteration is one full-batch step: the loss on tensors, its
        gradient from ``backward()``, the update from a neurona optimizer; with ``l1`` > 0,
        the L1 penalty follows by soft-thresholding W (ISTA). It stops when the step
        ``‖w_t − w_{t−1}‖`` (over W and b together) falls below ``tol``; otherwise it
        warns after ``max_iter`` iterations. Sets ``loss_history_`` (the objective
        before each update) and ``n_iter_``; returns W and b (zeros when not fitted).
        """
        weight = Tensor(np.zeros((X.shape[1], n_outputs)), requires_grad=True, dtype=X.dtype)
        bias = Tensor(np.zeros(n_outputs), requires_grad=True, dtype=X.dtype) if self.fit_intercept else None
        params = [weight] if bias is None else [weight, bias]
        rule = OPTIMIZERS[optimizer](params, lr=self.learning_rate)
        lam1 = self.l1 / len(X)                                        # λ₁/m
        history = np.empty(self.max_iter)
        previous = np.concatenate([p.data.ravel() for p in params])
        for t in range(self.max_iter):
            rule.zero_grad()
            value = loss(F.linear(X, weight, bias), weight)
            value.backward()
            history[t] = value.item() + lam1 * np.abs(weight.data).sum()
            self._check_finite(history[t], t)
            rule.step()
            if lam1:                                                   # prox of η λ₁/m ‖W‖₁ (ISTA)
                weight.data[...] = soft_threshold(weight.data, self.learning_rate * lam1)
            current = np.concatenate([p.data.ravel() for p in params])
            step = np.linalg.norm(current - previous)                 # ‖w_t − w_{t−1}‖
            previous = current
            if step < self.tol:
                break
        else:
            warnings.warn(
                f"{type(self).__name__}.fit: no convergence in max_iter={self.max_iter} iterations "
                f"(last step ‖w_t − w_t-1‖ = {step:.3g} >= tol = {self.tol}); raise max_iter or "
                "learning_rate, or standardize X",
                ConvergenceWarning,
                stacklevel=3,
            )
        self.n_iter_ = t + 1
        self.loss_history_ = history[: t + 1].copy()
        return weight.data.copy(), np.zeros(n_outputs, X.dtype) if bias is None else bias.data.copy()

    def _check_finite(self, loss: float, t: int) -> None:
        """Gradient descent diverged if the loss at iteration t is NaN or infinite."""
        if not np.isfinite(loss):
            raise FloatingPointError(
                f"{type(self).__name__}.fit: the loss became {loss} at iteration {t + 1}; "
                f"gradient descent diverged, lower learning_rate (now {self.learning_rate}) or scale X"
            )


class Regressor(Estimator):
    """An estimator of real targets, scored by R²."""

    def __sklearn_tags__(self) -> Any:
        """scikit-learn's tags: a regressor (see :mod:`neurona.classic.tags`)."""
        return sklearn_tags("regressor")

    def _check_target(self, method: str, y: np.ndarray) -> np.ndarray:
        """Real targets: numeric, finite, of ``self.dtype``."""
        y = as_numeric(f"{type(self).__name__}.{method}", y, "y").astype(self.dtype, copy=False)
        if not np.isfinite(y).all():
            raise ValueError(f"{type(self).__name__}.{method}: y contains NaN or infinity")
        return y

    def score(self, X: Any, y: Any) -> float:
        """R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)² on (X, y); 1 is a perfect fit.

        Examples
        --------
        >>> from neurona.classic import LinearRegression
        >>> X, y = [[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0]
        >>> round(LinearRegression().fit(X, y).score(X, y), 6)
        1.0
        """
        X, y = self._check_X_y("score", X, y)
        residual = np.sum((y - self.predict(X)) ** 2)
        total = np.sum((y - y.mean()) ** 2)
        return float(1.0 - residual / total) if total > 0 else float(residual == 0)
