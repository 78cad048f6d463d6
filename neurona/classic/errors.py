"""The warning and the error of the classic estimators.

``NotFittedError`` is built on first use: where scikit-learn is installed it
subclasses scikit-learn's ``NotFittedError`` (so that scikit-learn's tools
recognize it), otherwise ``ValueError`` and ``AttributeError`` as scikit-learn's
does. Importing neurona never imports scikit-learn.

Examples
--------
>>> from neurona.classic import LinearRegression, NotFittedError
>>> try:
...     LinearRegression().predict([[1.0]])
... except NotFittedError as error:
...     print(error)
LinearRegression.predict: this LinearRegression is not fitted yet; call fit(X, y) first
"""
from __future__ import annotations

from functools import cache

from neurona.data.sklearn_compat import extending_sklearn


class ConvergenceWarning(UserWarning):
    """Gradient descent used all ``max_iter`` iterations without meeting ``‖w_t − w_{t−1}‖ < tol``."""


@cache
def not_fitted_error() -> type[Exception]:
    """The class ``NotFittedError`` (the same class on every call), also ``neurona.classic.NotFittedError``."""
    return extending_sklearn(
        "NotFittedError",
        "sklearn.exceptions",
        (ValueError, AttributeError),
        "neurona.classic",
        "An estimator was used before ``fit`` (a ValueError and an AttributeError, as in scikit-learn).",
    )
