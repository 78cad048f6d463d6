import numpy as np
import pytest

from neurona.datasets import (
    load_boston,
    load_breast_cancer,
    load_california_housing,
    load_digits,
    load_iris,
    load_wine,
    names,
    tabular,
)


def _check(x, y, shape, y_dtype):
    assert x.shape == shape and x.dtype == np.float64
    assert y.shape == (shape[0],) and y.dtype == y_dtype
    assert np.isfinite(x).all()


def test_iris(data_dir):
    x, y = load_iris(data_home=data_dir)
    _check(x, y, (150, 4), np.int64)
    assert np.bincount(y).tolist() == [50, 50, 50]
    assert (y[:50] == 0).all() and (y[50:100] == 1).all() and (y[100:] == 2).all()
    assert x[0].tolist() == [5.1, 3.5, 1.4, 0.2]
    assert len(names.IRIS_FEATURE_NAMES) == 4 and names.IRIS_CLASS_NAMES[0] == "setosa"


def test_bundled_iris_equals_the_offline_copy(data_dir):
    for a, b in zip(load_iris(), load_iris(data_home=data_dir), strict=True):
        np.testing.assert_array_equal(a, b)


def test_breast_cancer(data_dir):
    x, y = load_breast_cancer(data_home=data_dir)
    _check(x, y, (569, 30), np.int64)
    assert np.bincount(y).tolist() == [357, 212]
    assert y[0] == 1
    assert x[0, 0] == 17.99 and x[0, -1] == 0.1189
    assert len(names.BREAST_CANCER_FEATURE_NAMES) == 30
    assert names.BREAST_CANCER_CLASS_NAMES[1] == "malignant"


def test_boston(data_dir):
    x, y = load_boston(data_home=data_dir)
    _check(x, y, (506, 13), np.float64)
    assert x[0, 0] == 0.00632 and y[0] == 24.0 and y[-1] == 11.9
    assert names.BOSTON_FEATURE_NAMES[11] == "B"
    assert "ethical" in load_boston.__doc__ and "1.2" in load_boston.__doc__


def test_wine(data_dir):
    x, y = load_wine(data_home=data_dir)
    _check(x, y, (178, 13), np.int64)
    assert np.bincount(y).tolist() == [59, 71, 48]
    assert x[0, 0] == 14.23 and x[0, -1] == 1065
    assert len(names.WINE_FEATURE_NAMES) == 13


@pytest.mark.parametrize("split, rows", [("test", 1797), ("train", 3823), ("all", 5620)])
def test_digits(data_dir, split, rows):
    x, y = load_digits(split, data_home=data_dir)
    _check(x, y, (rows, 64), np.int64)
    assert x.min() == 0 and x.max() == 16
    assert set(np.unique(y).tolist()) == set(range(10))


def test_digits_test_split_matches_scikit_learn_sizes(data_dir):
    x, y = load_digits(data_home=data_dir)
    assert np.bincount(y).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert y[:3].tolist() == [0, 1, 2]


def test_digits_rejects_unknown_split():
    with pytest.raises(ValueError, match="'train'"):
        load_digits("validation")


def test_california_housing(data_dir):
    x, y = load_california_housing(data_home=data_dir)
    _check(x, y, (20640, 8), np.float64)
    expected = [8.3252, 41.0, 6.984127, 1.02381, 322.0, 2.555556, 37.88, -122.23]
    np.testing.assert_allclose(x[0], expected, rtol=1e-6)
    assert y[0] == pytest.approx(4.526)
    assert len(names.CALIFORNIA_FEATURE_NAMES) == 8


def test_california_housing_raw(data_dir):
    x, y = load_california_housing(data_home=data_dir, raw=True)
    _check(x, y, (20640, 8), np.float64)
    assert x[0].tolist() == [-122.23, 37.88, 41.0, 880.0, 129.0, 322.0, 126.0, 8.3252]
    assert y[0] == 452600.0


def test_unknown_class_is_an_error(tmp_path):
    with pytest.raises(ValueError, match="iris.data row 2 has class 'Iris-unknown'"):
        values = np.array(["Iris-setosa", "Iris-unknown"])
        tabular._class_index("load_iris", tmp_path / "iris.data", values, ("Iris-setosa",))
