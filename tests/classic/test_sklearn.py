"""scikit-learn's own estimator checks and tools on the classic estimators; neurona never imports scikit-learn."""
import os
import pickle
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import neurona
from neurona.classic import ConvergenceWarning, LinearRegression, LogisticRegression, SoftmaxRegression

ESTIMATORS = [LinearRegression, LogisticRegression, SoftmaxRegression]
REPO = Path(neurona.__file__).parents[1]


def run_python(code):
    """Run ``code`` in a fresh interpreter that imports this checkout's neurona."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def problem(cls, n=120, seed=0):
    """A linear regression problem, or overlapping blobs with 2 (logistic) or 3 classes."""
    rng = np.random.default_rng(seed)
    scale, offset = np.array([1.0, 3.0, 0.5]), np.array([0.0, 5.0, -1.0])          # not standardized
    X = rng.standard_normal((n, 3)) * scale + offset
    if cls is LinearRegression:
        return X, X @ [1.0, -0.2, 5.0] + 3.0 + 0.1 * rng.standard_normal(n)
    y = np.arange(n) % (2 if cls is LogisticRegression else 3)
    return X + 2.0 * np.eye(3)[y] * scale, y


def test_importing_and_using_neurona_does_not_import_sklearn():
    """(Only raising NotFittedError or warning DataConversionWarning loads scikit-learn, for their base class.)"""
    run_python(
        "import sys, neurona, neurona.classic, neurona.data\n"
        "from neurona.classic import LinearRegression, SoftmaxRegression\n"
        "LinearRegression().fit([[0.0], [1.0]], [0.0, 1.0]).predict([[2.0]])\n"
        "SoftmaxRegression(max_iter=5).fit([[0.0], [1.0]], [0, 1]).decision_function([[2.0]])\n"
        "assert 'sklearn' not in sys.modules, 'neurona imported sklearn'\n"
    )


def test_without_sklearn_the_errors_are_plain_python_ones():
    run_python(
        "import sys, warnings\n"
        "sys.modules['sklearn'] = None                       # import sklearn now fails\n"
        "from neurona.classic import LinearRegression, NotFittedError\n"
        "from neurona.data.validation import DataConversionWarning\n"
        "assert NotFittedError.__bases__ == (ValueError, AttributeError), NotFittedError.__bases__\n"
        "assert DataConversionWarning.__bases__ == (UserWarning,), DataConversionWarning.__bases__\n"
        "try:\n"
        "    LinearRegression().predict([[1.0]])\n"
        "except NotFittedError as error:\n"
        "    assert 'not fitted yet' in str(error)\n"
    )


def test_not_fitted_error_is_sklearns():
    exceptions = pytest.importorskip("sklearn.exceptions")
    validation = pytest.importorskip("sklearn.utils.validation")
    from neurona.classic import NotFittedError

    assert issubclass(NotFittedError, exceptions.NotFittedError) and issubclass(NotFittedError, ValueError)
    with pytest.raises(exceptions.NotFittedError, match="LinearRegression.predict: this LinearRegression is not"):
        LinearRegression().predict([[1.0]])
    with pytest.raises(exceptions.NotFittedError):
        validation.check_is_fitted(SoftmaxRegression())
    validation.check_is_fitted(LinearRegression().fit([[0.0], [1.0]], [0.0, 1.0]))
    error = pickle.loads(pickle.dumps(NotFittedError("not yet")))
    assert type(error) is NotFittedError and str(error) == "not yet"


@pytest.mark.filterwarnings("ignore:Estimator .* does not inherit from `sklearn.base.BaseEstimator`")  # by design
@pytest.mark.parametrize("cls", ESTIMATORS)
def test_check_estimator_passes(cls):
    pytest.importorskip("sklearn", minversion="1.6")
    from sklearn.utils.estimator_checks import check_estimator

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        results = check_estimator(cls(), on_fail=None, on_skip=None)
    failed = [f"{r['check_name']}: {r['exception']!r}" for r in results if r["status"] == "failed"]
    assert not failed, "\n".join(failed)
    assert sum(r["status"] == "passed" for r in results) >= 45


@pytest.mark.filterwarnings("ignore::neurona.classic.ConvergenceWarning")     # some grid points stop at max_iter
@pytest.mark.parametrize("cls", ESTIMATORS)
def test_cross_val_score_pipeline_and_grid_search(cls):
    pytest.importorskip("sklearn", minversion="1.6")
    from sklearn.base import is_classifier, is_regressor
    from sklearn.model_selection import GridSearchCV, cross_val_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    X, y = problem(cls)
    assert is_regressor(cls()) == (cls is LinearRegression) and is_classifier(cls()) == (cls is not LinearRegression)
    good = 0.95 if cls is LinearRegression else 0.75                  # R², accuracy
    assert cross_val_score(cls(), X, y, cv=3).mean() > good

    pipeline = make_pipeline(StandardScaler(), cls())
    assert cross_val_score(pipeline, X, y, cv=3).mean() > good

    name = type(pipeline[-1]).__name__.lower()
    grid = {"solver": ["normal", "gd"]} if cls is LinearRegression else {"l2": [0.1, 1.0], "learning_rate": [0.1, 0.5]}
    search = GridSearchCV(pipeline, {f"{name}__{key}": values for key, values in grid.items()}, cv=3).fit(X, y)
    assert search.best_score_ > good and search.score(X, y) > good
    assert set(search.best_params_) == {f"{name}__{key}" for key in grid}
    assert search.predict(X[:5]).shape == (5,)
