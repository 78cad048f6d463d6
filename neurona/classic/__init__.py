"""Classic estimators on the autograd core, with scikit-learn's conventions.

Linear, logistic and softmax regression: the loss is a neurona loss on tensors,
its gradient comes from ``backward()`` and the update from a neurona optimizer
(``LinearRegression`` can also solve the normal equation in closed form).

Examples
--------
>>> import numpy as np
>>> from neurona.classic import LinearRegression
>>> X, y = np.array([[1.0], [2.0], [3.0]]), np.array([2.0, 4.0, 6.0])
>>> LinearRegression().fit(X, y).predict([[4.0]]).round(6)
array([8.])
"""
from neurona.classic.base import ConvergenceWarning, NotFittedError
from neurona.classic.linear_regression import LinearRegression
from neurona.classic.logistic_regression import LogisticRegression
from neurona.classic.softmax_regression import SoftmaxRegression

__all__ = ["ConvergenceWarning", "LinearRegression", "LogisticRegression", "NotFittedError", "SoftmaxRegression"]
