"""Boston housing by linear regression, solved twice: the normal equation and gradient descent.

The features are standardized (fitted on the training part) so that gradient
descent converges; both solutions are then the same to many digits.
The Boston data carry a known ethical problem (see ``neurona.datasets.load_boston``):
they serve here only to demonstrate regression code.
Run: ``python examples/boston_linear_regression.py``.
"""
from __future__ import annotations

import numpy as np

from neurona.classic import LinearRegression
from neurona.data import StandardScaler, train_test_split
from neurona.datasets import load_boston


def rmse(model: LinearRegression, x: np.ndarray, y: np.ndarray) -> float:
    """Root mean squared error of the model's predictions."""
    return float(np.sqrt(np.mean((model.predict(x) - y) ** 2)))


def main(seed: int = 0) -> dict[str, float]:
    """Fit both solvers; print and return the test RMSEs and the coefficients' max relative difference."""
    x, y = load_boston()
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, seed=seed)
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

    normal = LinearRegression(solver="normal").fit(x_train, y_train)
    gd = LinearRegression(solver="gd", learning_rate=0.1, max_iter=10_000, tol=1e-8).fit(x_train, y_train)
    theta_normal = np.append(normal.coef_, normal.intercept_)
    theta_gd = np.append(gd.coef_, gd.intercept_)
    figures = {
        "rmse_normal": rmse(normal, x_test, y_test),
        "rmse_gd": rmse(gd, x_test, y_test),
        "max_relative_difference": float(np.max(np.abs(theta_gd - theta_normal) / np.abs(theta_normal))),
    }
    print(f"test RMSE, normal equation:   {figures['rmse_normal']:.6f}")
    print(f"test RMSE, gradient descent:  {figures['rmse_gd']:.6f} ({gd.n_iter_} iterations)")
    print(f"max relative difference of the coefficients: {figures['max_relative_difference']:.2e}")
    return figures


if __name__ == "__main__":
    from neurona.cli.args import add_seed, example_parser

    parser = example_parser(__doc__)
    add_seed(parser)
    main(seed=parser.parse_args().seed)
