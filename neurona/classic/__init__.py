"""Classic estimators on the autograd core, with scikit-learn's conventions.

Linear, logistic and softmax regression: the loss is a neurona loss on tensors,
its gradient comes from ``backward()`` and the update from a neurona optimizer
(``LinearRegression`` can also solve the normal equation in closed form). They
pass scikit-learn's ``check_estimator`` and work in its pipelines and searches,
without neurona importing scikit-learn.

Examples
--------
>>> import numpy as np
>>> from neurona.classic import LinearRegression
>>> X, y = np.array([[1.0], [2.0], [3.0]]), np.array([2.0, 4.0, 6.0])
>>> LinearRegression().fit(X, y).predict([[4.0]]).round(6)
array([8.])
"""
from neurona.classic.errors import ConvergenceWarning, not_fitted_error
from neurona.classic.linear_regression import LinearRegression
from neurona.classic.logistic_regression import LogisticRegression
from neurona.classic.softmax_regression import SoftmaxRegression

__all__ = ["ConvergenceWarning", "LinearRegression", "LogisticRegression", "NotFittedError", "SoftmaxRegression"]


def __getattr__(name: str) -> type:
    """``NotFittedError``, built on first use (see :mod:`neurona.classic.errors`)."""
    if name == "NotFittedError":
        return not_fitted_error()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
