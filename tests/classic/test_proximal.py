"""The L1 penalty by soft-thresholding (ISTA): irrelevant features get weights of exactly 0."""
import numpy as np
import pytest

from neurona.classic import LinearRegression, LogisticRegression, SoftmaxRegression
from neurona.classic.proximal import soft_threshold

RELEVANT, IRRELEVANT = [0, 1], [2, 3, 4, 5]


def features(n=300, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 6)), rng


def regression(seed=0):
    """y depends on features 0 and 1 only."""
    X, rng = features(seed=seed)
    return X, 3.0 * X[:, 0] - 2.0 * X[:, 1] + 1.0 + 0.5 * rng.standard_normal(len(X))


def classification(n_classes, seed=0):
    """Labels from the logits of features 0 and 1 only (with label noise, so the optimum is finite)."""
    X, rng = features(seed=seed)
    W = np.array([[2.0, -1.0], [-1.0, 2.0], [-1.0, -1.0]])[:n_classes]
    logits = X[:, RELEVANT] @ W.T + rng.gumbel(size=(len(X), n_classes))
    return X, logits.argmax(axis=1)


def test_soft_threshold_zeroes_small_weights_and_shrinks_the_others():
    w = np.array([-3.0, -1.0, -0.5, 0.0, 0.2, 1.0, 2.5])
    np.testing.assert_array_equal(soft_threshold(w, 1.0), [-2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.5])
    np.testing.assert_array_equal(soft_threshold(w, 0.0), w)


def fit(cls, l1):
    if cls is LinearRegression:
        X, y = regression()
        return cls(solver="gd", l1=l1, learning_rate=0.5, max_iter=10_000, tol=1e-10).fit(X, y)
    X, y = classification(2 if cls is LogisticRegression else 3)
    return cls(l1=l1, learning_rate=1.0, max_iter=10_000, tol=1e-7).fit(X, y)


@pytest.mark.parametrize("cls", [LinearRegression, LogisticRegression, SoftmaxRegression])
def test_l1_sets_the_weights_of_irrelevant_features_exactly_to_zero(cls):
    coef = np.atleast_2d(fit(cls, l1=20.0).coef_)                       # (n_outputs, n_features)
    assert (coef[:, IRRELEVANT] == 0.0).all(), coef
    assert (np.abs(coef[:, RELEVANT]).max(axis=0) > 0.1).all(), coef
    plain = np.atleast_2d(fit(cls, l1=0.0).coef_)                       # gradient steps alone: no exact zeros
    assert (plain != 0.0).all()


def test_l1_linear_regression_reaches_the_lasso_optimum():
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y = regression(seed=1)
    l1 = 30.0
    model = LinearRegression(solver="gd", l1=l1, learning_rate=0.5, max_iter=10_000, tol=1e-12).fit(X, y)
    # scikit-learn's Lasso minimizes 1/(2m) ‖y − Xw − b‖² + α ‖w‖₁: α = λ₁/m
    lasso = linear_model.Lasso(alpha=l1 / len(X), tol=1e-14, max_iter=100_000).fit(X, y)
    np.testing.assert_allclose(model.coef_, lasso.coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_array_equal(model.coef_ == 0, lasso.coef_ == 0)
    assert model.intercept_ == pytest.approx(lasso.intercept_, rel=1e-6)


def test_the_loss_history_includes_the_l1_penalty_and_decreases():
    X, y = regression()
    model = LinearRegression(solver="gd", l1=20.0, learning_rate=0.5, max_iter=10_000, tol=1e-10).fit(X, y)
    residual = X @ model.coef_ + model.intercept_ - y
    objective = np.mean(residual**2) / 2 + 20.0 / len(X) * np.abs(model.coef_).sum()
    assert model.loss_history_[-1] == pytest.approx(objective, rel=1e-9)
    assert (np.diff(model.loss_history_) <= 1e-12).all()


def test_l1_needs_plain_gradient_descent_and_a_non_negative_strength():
    X, y = classification(2)
    with pytest.raises(ValueError, match=r"LinearRegression: l1 > 0 needs solver='gd' .*got solver='normal'"):
        LinearRegression(l1=1.0).fit(X, y)
    with pytest.raises(ValueError, match=r"LogisticRegression: l1 > 0 needs optimizer='gd' .*got optimizer='adam'"):
        LogisticRegression(l1=1.0, optimizer="adam").fit(X, y)
    with pytest.raises(ValueError, match=r"SoftmaxRegression: l1 must be >= 0, got -1.0"):
        SoftmaxRegression(l1=-1.0).fit(X, y)
