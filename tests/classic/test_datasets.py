"""The classic estimators on the real tables that ship with neurona (seeded splits)."""
import numpy as np
import pytest

from neurona.classic import LinearRegression, LogisticRegression, SoftmaxRegression
from neurona.data import StandardScaler, train_test_split
from neurona.datasets import load_boston, load_breast_cancer, load_iris


def standardized_split(x, y, test_size, stratify=None, seed=0):
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=test_size, stratify=stratify, seed=seed)
    scaler = StandardScaler().fit(x_train)
    return scaler.transform(x_train), scaler.transform(x_test), y_train, y_test


@pytest.mark.slow
def test_boston_normal_equation_and_gradient_descent_agree():
    x_train, x_test, y_train, y_test = standardized_split(*load_boston(), test_size=0.2)
    normal = LinearRegression(solver="normal").fit(x_train, y_train)
    gd = LinearRegression(solver="gd", learning_rate=0.1, max_iter=10_000, tol=1e-8).fit(x_train, y_train)
    assert gd.n_iter_ < gd.max_iter and gd.coef_.dtype == np.float64
    np.testing.assert_allclose(gd.coef_, normal.coef_, rtol=1e-4)
    np.testing.assert_allclose(gd.intercept_, normal.intercept_, rtol=1e-4)
    np.testing.assert_allclose(gd.predict(x_test), normal.predict(x_test), rtol=1e-4)
    rmse = {name: np.sqrt(np.mean((model.predict(x_test) - y_test) ** 2)) for name, model in
            [("normal", normal), ("gd", gd)]}
    print(f"Boston test RMSE: normal equation {rmse['normal']:.6f}, gradient descent {rmse['gd']:.6f}")
    assert rmse["normal"] == pytest.approx(rmse["gd"], rel=1e-6) and rmse["normal"] < 6


@pytest.mark.slow
def test_breast_cancer_logistic_regression_on_standardized_features():
    x, y = load_breast_cancer()
    x_train, x_test, y_train, y_test = standardized_split(x, y, test_size=0.25, stratify=y)
    model = LogisticRegression(learning_rate=1.0, l2=1.0, max_iter=10_000).fit(x_train, y_train)
    assert model.n_iter_ < model.max_iter
    assert model.score(x_test, y_test) >= 0.95


@pytest.mark.slow
def test_iris_softmax_regression_on_a_stratified_30_percent_split():
    x, y = load_iris()
    x_train, x_test, y_train, y_test = standardized_split(x, y, test_size=0.3, stratify=y)
    assert np.bincount(y_test).tolist() == [15, 15, 15]
    model = SoftmaxRegression(learning_rate=1.0, l2=0.1, max_iter=10_000).fit(x_train, y_train)
    assert model.n_iter_ < model.max_iter
    assert model.score(x_test, y_test) >= 0.93
