import numpy as np
import pytest

from neurona.data import MinMaxScaler, StandardScaler

SCALERS = [StandardScaler, lambda: MinMaxScaler(feature_range=(-1, 2))]


@pytest.mark.parametrize("make", SCALERS)
def test_round_trip(make):
    x = np.random.default_rng(0).normal(3.0, 2.0, (50, 4))
    scaler = make().fit(x)
    np.testing.assert_allclose(scaler.inverse_transform(scaler.transform(x)), x)


def test_standard_scaler_statistics():
    x = np.random.default_rng(1).normal(5.0, 3.0, (200, 3))
    z = StandardScaler().fit_transform(x)
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(z.std(axis=0), 1)


def test_min_max_range():
    x = np.random.default_rng(2).uniform(-7, 9, (100, 2))
    z = MinMaxScaler(feature_range=(-1, 2)).fit_transform(x)
    np.testing.assert_allclose(z.min(axis=0), -1)
    np.testing.assert_allclose(z.max(axis=0), 2)


@pytest.mark.parametrize("make", SCALERS)
def test_fit_on_train_only(make):
    rng = np.random.default_rng(3)
    train, test = rng.normal(0, 1, (100, 2)), rng.normal(10, 1, (20, 2))
    scaler = make().fit(train)
    reference = make().fit(train)
    np.testing.assert_allclose(scaler.transform(test), reference.transform(test))
    assert not np.allclose(scaler.transform(test), make().fit(test).transform(test))


@pytest.mark.parametrize("make", SCALERS)
def test_constant_columns_stay_finite(make):
    x = np.column_stack([np.full(10, 4.0), np.arange(10.0)])
    z = make().fit_transform(x)
    assert np.isfinite(z).all()
    np.testing.assert_allclose(make().fit(x).inverse_transform(z), x)


def test_dtype_is_kept_for_floats():
    x = np.arange(6, dtype=np.float32).reshape(3, 2)
    assert StandardScaler().fit_transform(x).dtype == np.float32
    assert MinMaxScaler().fit_transform(x.astype(np.int64)).dtype == np.float64


@pytest.mark.parametrize("make", SCALERS)
def test_transform_before_fit(make):
    with pytest.raises(RuntimeError, match="not fitted yet"):
        make().transform(np.zeros((2, 2)))


@pytest.mark.parametrize("make", SCALERS)
def test_feature_count_mismatch(make):
    scaler = make().fit(np.zeros((3, 4)))
    with pytest.raises(ValueError, match="x has 3 features, but the scaler was fitted on 4"):
        scaler.transform(np.zeros((2, 3)))


def test_bad_inputs():
    with pytest.raises(ValueError, match="2-D"):
        StandardScaler().fit(np.arange(5.0))
    with pytest.raises(ValueError, match="low < high"):
        MinMaxScaler(feature_range=(1, 0))
    with pytest.raises(ValueError, match="0 samples"):
        MinMaxScaler().fit(np.zeros((0, 2)))
