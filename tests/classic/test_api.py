"""The scikit-learn conventions: parameters, fitted attributes, errors, labels, probabilities, stopping."""
import numpy as np
import pytest

from neurona.classic import (
    ConvergenceWarning,
    LinearRegression,
    LogisticRegression,
    NotFittedError,
    SoftmaxRegression,
)

ESTIMATORS = [LinearRegression, LogisticRegression, SoftmaxRegression]


def blobs(n_classes=3, n=60, seed=0):
    """Overlapping Gaussian blobs: n samples, 2 features, labels 0..n_classes-1."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % n_classes
    centers = 2.0 * np.stack([np.cos(2 * np.pi * y / n_classes), np.sin(2 * np.pi * y / n_classes)], axis=1)
    return centers + rng.standard_normal((n, 2)), y


def converging(cls):
    """Options under which gradient descent converges on the blobs well within max_iter."""
    return {"solver": "gd", "learning_rate": 0.1} if cls is LinearRegression else {"l2": 1.0, "learning_rate": 0.5}


def fitted(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    return cls(**converging(cls)).fit(X, y)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_constructor_stores_the_hyperparameters_and_nothing_else(cls):
    model = cls(max_iter=7, tol=0.5)
    assert model.get_params()["max_iter"] == 7 and model.get_params()["tol"] == 0.5
    assert set(vars(model)) == set(model.get_params())
    assert not [name for name in vars(model) if name.endswith("_")]


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_set_params_returns_the_estimator_and_rejects_unknown_names(cls):
    model = cls()
    assert model.set_params(learning_rate=0.5, fit_intercept=False) is model
    assert model.learning_rate == 0.5 and model.fit_intercept is False
    with pytest.raises(ValueError, match=rf"{cls.__name__}.set_params: unknown hyperparameter\(s\) \['alpha'\]"):
        model.set_params(alpha=1.0)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_params_rebuild_an_equal_estimator(cls):
    model = cls(max_iter=9, dtype="float32")
    assert cls(**model.get_params()).get_params() == model.get_params()
    assert repr(model) == f"{cls.__name__}(max_iter=9, dtype='float32')"


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_fit_returns_self_and_sets_the_learned_attributes(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    model = cls(**converging(cls))
    assert model.fit(X, y) is model
    assert model.n_features_in_ == 2 and model.n_iter_ == len(model.loss_history_) >= 1
    assert model.coef_.dtype == np.float64


@pytest.mark.parametrize("cls", ESTIMATORS)
@pytest.mark.parametrize("method", ["predict", "score"])
def test_using_an_unfitted_estimator_is_a_clear_error(cls, method):
    args = ([[1.0, 2.0]], [0]) if method == "score" else ([[1.0, 2.0]],)
    with pytest.raises(NotFittedError, match=rf"{cls.__name__}.{method}: this {cls.__name__} is not fitted yet"):
        getattr(cls(), method)(*args)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_a_feature_count_mismatch_names_both_counts(cls):
    model = fitted(cls)
    with pytest.raises(ValueError, match=rf"X has 3 features, but {cls.__name__} is expecting 2 features as input"):
        model.predict(np.zeros((4, 3)))


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_a_length_mismatch_names_both_lengths(cls):
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit: X has 5 samples but y has 4"):
        cls().fit(np.zeros((5, 2)), [0, 1, 0, 1])


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_bad_shapes_and_values_are_clear_errors(cls):
    with pytest.raises(ValueError, match=r"X must be 2-D \(n_samples, n_features\), got shape \(4,\)"):
        cls().fit(np.arange(4.0), [0, 1, 0, 1])
    with pytest.raises(ValueError, match=r"y must be 1-D \(n_samples,\), got shape \(4, 2\)"):
        cls().fit(np.zeros((4, 1)), np.zeros((4, 2)))
    with pytest.raises(ValueError, match="X contains NaN or infinity"):
        cls().fit([[0.0], [np.nan]], [0, 1])
    with pytest.raises(ValueError, match=rf"{cls.__name__}: max_iter must be an integer >= 1, got 0"):
        cls(max_iter=0).fit([[0.0], [1.0]], [0, 1])


def test_logistic_regression_points_to_softmax_regression_for_more_than_two_classes():
    X, y = blobs(3)
    with pytest.raises(ValueError, match=r"y has 3 classes \(\[0, 1, 2\]\).*use neurona.classic.SoftmaxRegression"):
        LogisticRegression().fit(X, y)


@pytest.mark.parametrize("cls", [LogisticRegression, SoftmaxRegression])
def test_a_single_class_is_an_error(cls):
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit: y has 1 class \(\['a'\]\); at least 2 are needed"):
        cls().fit([[0.0], [1.0]], ["a", "a"])


def test_unknown_choices_are_named():
    with pytest.raises(ValueError, match=r"LinearRegression: solver must be one of \('normal', 'gd'\), got 'sgd'"):
        LinearRegression(solver="sgd").fit([[0.0], [1.0]], [0.0, 1.0])
    with pytest.raises(ValueError, match=r"SoftmaxRegression: optimizer must be one of \('gd', 'adam'\), got 'lbfgs'"):
        SoftmaxRegression(optimizer="lbfgs").fit([[0.0], [1.0]], [0, 1])
    with pytest.raises(ValueError, match=r"LogisticRegression: l2 must be >= 0, got -1"):
        LogisticRegression(l2=-1).fit([[0.0], [1.0]], [0, 1])


@pytest.mark.parametrize("cls", [LogisticRegression, SoftmaxRegression])
def test_string_labels_come_back_as_given(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    species = np.array(["setosa", "versicolor", "virginica"])
    names = species[y]
    model = cls(**converging(cls)).fit(X, names)
    assert model.classes_.tolist() == sorted(set(names.tolist()))
    np.testing.assert_array_equal(model.predict(X), species[cls(**converging(cls)).fit(X, y).predict(X)])
    assert model.score(X, names) > 0.7


@pytest.mark.parametrize("cls", [LogisticRegression, SoftmaxRegression])
def test_predict_proba_rows_sum_to_one_and_predict_is_their_argmax(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    model = cls(**converging(cls)).fit(X, y)
    proba = model.predict_proba(X)
    assert proba.shape == (len(X), len(model.classes_))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-12)
    assert ((proba >= 0) & (proba <= 1)).all()
    np.testing.assert_array_equal(model.predict(X), model.classes_[proba.argmax(axis=1)])


def test_logistic_proba_is_the_sigmoid_of_the_decision_function():
    X, y = blobs(2)
    model = LogisticRegression(**converging(LogisticRegression)).fit(X, y)
    z = model.decision_function(X)
    np.testing.assert_allclose(model.predict_proba(X)[:, 1], 1 / (1 + np.exp(-z)), rtol=1e-12)
    assert model.coef_.shape == (1, 2) and model.intercept_.shape == (1,)


def test_logistic_proba_stays_finite_for_huge_logits():
    model = LogisticRegression(learning_rate=1.0, l2=1.0).fit([[0.0], [1.0]], [0, 1])
    proba = model.predict_proba([[1e6], [-1e6]])
    np.testing.assert_array_equal(proba, [[0.0, 1.0], [1.0, 0.0]])


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_the_stopping_rule_stops_and_the_loss_decreases(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    model = cls(max_iter=5000, tol=1e-6, **converging(cls)).fit(X, y)
    assert model.n_iter_ < model.max_iter
    history = model.loss_history_
    assert len(history) == model.n_iter_ and history[-1] < history[0]
    assert (np.diff(history) <= 1e-12 * history[0]).all()


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_max_iter_without_convergence_warns(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    options = {"solver": "gd"} if cls is LinearRegression else {}
    with pytest.warns(ConvergenceWarning, match=rf"{cls.__name__}.fit: no convergence in max_iter=3 iterations"):
        model = cls(max_iter=3, **options).fit(X, y)
    assert model.n_iter_ == 3
    assert issubclass(ConvergenceWarning, UserWarning)


def test_divergence_is_an_error_that_names_the_learning_rate():
    X = np.array([[0.0], [10.0], [20.0]])
    with pytest.raises(FloatingPointError, match=r"diverged, lower learning_rate \(now 10.0\)"), \
            np.errstate(over="ignore", invalid="ignore"):
        LinearRegression(solver="gd", learning_rate=10.0).fit(X, [0.0, 1.0, 2.0])


@pytest.mark.parametrize("optimizer", ["gd", "adam"])
def test_both_optimizers_fit_the_blobs(optimizer):
    X, y = blobs(3)
    model = SoftmaxRegression(optimizer=optimizer, learning_rate=0.5 if optimizer == "gd" else 0.05, l2=1.0).fit(X, y)
    assert model.n_iter_ < model.max_iter and model.score(X, y) > 0.8


@pytest.mark.parametrize("solver", ["normal", "gd"])
def test_without_intercept_the_line_goes_through_the_origin(solver):
    X = np.array([[1.0], [2.0], [3.0]])
    model = LinearRegression(solver=solver, fit_intercept=False, learning_rate=0.1, max_iter=5000).fit(X, [3.0, 6.0, 9.0])
    assert model.intercept_ == 0.0
    np.testing.assert_allclose(model.coef_, [3.0], rtol=1e-5)


def test_regression_score_is_r2():
    X, _ = blobs(3)
    target = X @ np.array([1.5, -2.0]) + 0.1 * np.cos(np.arange(len(X)))
    model = LinearRegression().fit(X, target)
    residual = target - model.predict(X)
    expected = 1 - (residual**2).sum() / ((target - target.mean()) ** 2).sum()
    assert model.score(X, target) == pytest.approx(expected, rel=1e-12)


def test_float32_runs_in_float32():
    X, y = blobs(3)
    model = SoftmaxRegression(dtype="float32", l2=1.0, tol=1e-4).fit(X.astype(np.float64), y)
    assert model.coef_.dtype == np.float32 and model.predict_proba(X).dtype == np.float32


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_a_column_vector_y_is_flattened_with_a_warning(cls):
    from neurona.data.validation import DataConversionWarning

    X, y = blobs(2 if cls is LogisticRegression else 3)
    with pytest.warns(DataConversionWarning, match=rf"A column-vector y was passed.*{cls.__name__}.fit got y of shape"):
        model = cls(**converging(cls)).fit(X, y[:, None])
    np.testing.assert_array_equal(model.coef_, cls(**converging(cls)).fit(X, y).coef_)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_unusual_inputs_are_converted_or_named_in_the_error(cls):
    X, y = blobs(2 if cls is LogisticRegression else 3)
    model = cls(**converging(cls)).fit(X.astype(object), y)            # numbers of dtype object
    np.testing.assert_array_equal(model.predict(X), cls(**converging(cls)).fit(X, y).predict(X))
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit: Complex data not supported"):
        cls().fit(X + 1j, y)
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit: X has 0 feature\(s\) \(shape=\(12, 0\)\)"):
        cls().fit(np.empty((12, 0)), np.arange(12) % 2)
    with pytest.raises(ValueError, match=rf"{cls.__name__}.predict: X must be 2-D .* Reshape your data"):
        model.predict(X[0])
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit requires y to be passed, but the target y is None"):
        cls().fit(X, None)


@pytest.mark.parametrize("cls", ESTIMATORS)
def test_sparse_input_is_a_clear_error(cls):
    sparse = pytest.importorskip("scipy.sparse")
    with pytest.raises(TypeError, match=rf"{cls.__name__}.fit: X is a sparse csr_matrix, but sparse input is not"):
        cls().fit(sparse.csr_matrix(np.eye(4)), [0, 1, 0, 1])


@pytest.mark.parametrize("cls", [LogisticRegression, SoftmaxRegression])
def test_classifiers_refuse_continuous_targets_but_take_whole_float_labels(cls):
    X, y = blobs(2)
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit: Unknown label type: y is continuous \(e.g. 0.5\)"):
        cls().fit(X, y + 0.5)
    with pytest.raises(ValueError, match=rf"{cls.__name__}.fit: y contains NaN or infinity"):
        cls().fit(X, np.where(y == 1, np.nan, 0.0))
    assert cls(**converging(cls)).fit(X, y.astype(float)).classes_.tolist() == [0.0, 1.0]


def test_binary_softmax_decision_function_is_the_log_odds_of_the_second_class():
    X, y = blobs(2)
    model = SoftmaxRegression(**converging(SoftmaxRegression)).fit(X, y)
    z = model.decision_function(X)
    assert z.shape == (len(X),)
    np.testing.assert_allclose(model.predict_proba(X)[:, 1], 1 / (1 + np.exp(-z)), rtol=1e-12)
    np.testing.assert_array_equal(model.predict(X), model.classes_[(z > 0).astype(int)])
    assert fitted(SoftmaxRegression).decision_function(X).shape == (len(X), 3)


def test_the_normal_equation_counts_as_one_iteration():
    model = LinearRegression().fit([[0.0], [1.0], [2.0]], [1.0, 2.0, 3.0])
    assert model.n_iter_ == 1 and len(model.loss_history_) == 0
