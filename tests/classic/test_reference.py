"""The estimators reach the optimum an exact solver finds, to 1e-4 relative.

Logistic regression is checked twice: unregularized on a synthetic problem whose
classes overlap (the optimum is finite and well conditioned), and with an L2
penalty on the standardized breast-cancer data, whose classes are linearly
separable, so that without a penalty the cross-entropy has no minimum (w grows
without bound). The reference is Newton's method written here in NumPy.
"""
import numpy as np
import pytest

from neurona.classic import LinearRegression, LogisticRegression, SoftmaxRegression
from neurona.data import StandardScaler
from neurona.datasets import load_breast_cancer, load_iris

RTOL = 1e-4


def with_ones(X):
    return np.hstack([X, np.ones((len(X), 1))])


def newton_logistic(X, y, l2=0.0, steps=30):
    """Minimize −1/m Σ [y log σ(z) + (1−y) log(1−σ(z))] + λ/(2m)‖w‖² by Newton's method; θ = (w, b)."""
    A, m = with_ones(X), len(X)
    penalty = np.diag(np.r_[np.full(X.shape[1], l2 / m), 0.0])
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-A @ theta))
        gradient = A.T @ (p - y) / m + penalty @ theta
        hessian = (A * (p * (1 - p))[:, None]).T @ A / m + penalty
        theta -= np.linalg.solve(hessian, gradient)
    assert np.linalg.norm(gradient) < 1e-12
    return theta


def logistic_problem(n=400, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3))
    p = 1 / (1 + np.exp(-(X @ np.array([1.0, -2.0, 0.5]) + 0.3)))
    return X, (rng.random(n) < p).astype(np.int64)


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_linear_regression_matches_lstsq(solver):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((200, 4)) @ np.array([[1, 0.3, 0, 0], [0, 1, 0.2, 0], [0, 0, 1, 0.5], [0, 0, 0, 1]])
    y = X @ np.array([2.0, -1.0, 0.5, 3.0]) - 1.5 + rng.standard_normal(200)
    model = LinearRegression(solver=solver, learning_rate=0.3, max_iter=10_000, tol=1e-10).fit(X, y)
    reference = np.linalg.lstsq(with_ones(X), y, rcond=None)[0]
    np.testing.assert_allclose(np.append(model.coef_, model.intercept_), reference, rtol=RTOL)
    np.testing.assert_allclose(model.predict(X), with_ones(X) @ reference, rtol=RTOL)


def test_logistic_regression_matches_newton_without_penalty():
    X, y = logistic_problem()
    model = LogisticRegression(learning_rate=1.0, tol=1e-10, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(np.append(model.coef_, model.intercept_), newton_logistic(X, y), rtol=RTOL)


def test_logistic_regression_with_adam_matches_newton():
    X, y = logistic_problem()
    model = LogisticRegression(optimizer="adam", learning_rate=0.05, tol=1e-9, max_iter=10_000).fit(X, y)
    np.testing.assert_allclose(np.append(model.coef_, model.intercept_), newton_logistic(X, y), rtol=RTOL)


@pytest.mark.slow
def test_logistic_regression_matches_newton_on_breast_cancer_with_l2():
    x, y = load_breast_cancer()
    X = StandardScaler().fit_transform(x)
    model = LogisticRegression(learning_rate=1.0, l2=1.0, tol=1e-9, max_iter=20_000).fit(X, y)
    reference = newton_logistic(X, y, l2=1.0)
    np.testing.assert_allclose(np.append(model.coef_, model.intercept_), reference, rtol=RTOL)
    np.testing.assert_allclose(model.predict_proba(X)[:, 1], 1 / (1 + np.exp(-with_ones(X) @ reference)), rtol=RTOL)


@pytest.mark.slow
def test_softmax_regression_matches_scipy_on_iris_with_l2():
    optimize = pytest.importorskip("scipy.optimize")
    x, y = load_iris()
    X = StandardScaler().fit_transform(x)
    A, (m, d), k, l2 = with_ones(X), X.shape, 3, 0.1
    onehot = np.eye(k)[y]

    def objective(flat):
        theta = flat.reshape(d + 1, k)
        z = A @ theta
        z = z - z.max(axis=1, keepdims=True)
        log_softmax = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        w = theta[:-1]
        loss = -np.mean(log_softmax[np.arange(m), y]) + l2 / (2 * m) * np.sum(w * w)
        gradient = A.T @ (np.exp(log_softmax) - onehot) / m
        gradient[:-1] += l2 / m * w
        return loss, gradient.ravel()

    result = optimize.minimize(objective, np.zeros((d + 1) * k), jac=True, method="L-BFGS-B",
                               options={"gtol": 1e-12, "ftol": 1e-15, "maxiter": 10_000})
    reference = result.x.reshape(d + 1, k)
    assert np.linalg.norm(objective(result.x)[1]) < 1e-8

    model = SoftmaxRegression(learning_rate=1.0, l2=l2, tol=1e-9, max_iter=30_000).fit(X, y)
    # b is unpenalized and only fixed up to a constant; both methods start at 0 and keep Σ_k b_k = 0
    np.testing.assert_allclose(np.vstack([model.coef_.T, model.intercept_]), reference, rtol=RTOL)
