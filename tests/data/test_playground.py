import numpy as np
import pytest

from neurona.data import (
    make_circle,
    make_gaussians,
    make_multi_gaussian,
    make_plane,
    make_spiral,
    make_xor,
)

CLASSIFIERS = [make_circle, make_xor, make_gaussians, make_spiral]
REGRESSORS = [make_plane, make_multi_gaussian]


@pytest.mark.parametrize("make", CLASSIFIERS)
def test_classification_shapes_and_labels(make):
    x, y = make(301, noise=0.2, seed=0)
    assert x.shape == (301, 2) and x.dtype == np.float32
    assert y.shape == (301,) and y.dtype == np.int64
    assert set(np.unique(y).tolist()) <= {0, 1}


@pytest.mark.parametrize("make", [make_circle, make_gaussians, make_spiral])
def test_two_class_sets_are_balanced(make):
    _, y = make(500, seed=0)
    assert np.bincount(y).tolist() == [250, 250]


def test_xor_is_roughly_balanced():
    _, y = make_xor(2000, seed=0)
    assert abs(y.mean() - 0.5) < 0.05


@pytest.mark.parametrize("make", REGRESSORS)
def test_regression_shapes(make):
    x, y = make(123, noise=0.1, seed=0)
    assert x.shape == (123, 2) and x.dtype == np.float32
    assert y.shape == (123,) and y.dtype == np.float32
    assert np.abs(x).max() <= 6


@pytest.mark.parametrize("make", CLASSIFIERS + REGRESSORS)
def test_seeded_determinism(make):
    for a, b in zip(make(100, noise=0.3, seed=5), make(100, noise=0.3, seed=5), strict=True):
        np.testing.assert_array_equal(a, b)


def test_noise_zero_labels_follow_the_geometry():
    x, y = make_circle(400, noise=0.0, seed=1)
    radius = np.hypot(x[:, 0], x[:, 1])
    assert np.all(radius[y == 1] < 2.5) and np.all(radius[y == 0] >= 3.5)
    x, y = make_xor(400, noise=0.0, seed=1)
    np.testing.assert_array_equal(y, (x[:, 0] * x[:, 1] >= 0).astype(np.int64))
    assert np.abs(x).min() >= 0.3
    x, y = make_plane(50, noise=0.0, seed=1)
    np.testing.assert_allclose(y, x.sum(axis=1) / 10, atol=1e-6)


def test_noise_zero_spiral_does_not_depend_on_the_seed():
    a, b = make_spiral(200, noise=0.0, seed=1), make_spiral(200, noise=0.0, seed=2)
    np.testing.assert_array_equal(a[0], b[0])
    radius = np.hypot(a[0][:, 0], a[0][:, 1])
    np.testing.assert_allclose(radius[:100], np.arange(100) / 100 * 5, atol=1e-5)


def test_noise_flips_some_labels():
    x, y = make_circle(1000, noise=0.5, seed=0)
    radius = np.hypot(x[:, 0], x[:, 1])
    assert np.any((radius < 2.5) & (y == 0))


def test_multi_gaussian_values():
    x, y = make_multi_gaussian(2000, seed=0)
    assert y.min() >= -1 and y.max() <= 1
    centre = np.hypot(x[:, 0] - 4, x[:, 1] - 2.5) < 0.2
    assert np.all(y[centre] > 0.8)
    far = np.abs(x[:, 1]) > 5.5
    np.testing.assert_array_equal(y[far], 0)


def test_gaussian_variance_grows_with_noise():
    x0, y0 = make_gaussians(4000, noise=0.0, seed=0)
    x1, y1 = make_gaussians(4000, noise=0.5, seed=0)
    assert x0[y0 == 1].var(axis=0) == pytest.approx([0.5, 0.5], rel=0.1)
    assert x1[y1 == 1].var(axis=0) == pytest.approx([4.0, 4.0], rel=0.1)


@pytest.mark.parametrize("kwargs", [{"n_samples": 0}, {"n_samples": 2.5}, {"noise": -0.1}])
def test_bad_arguments(kwargs):
    with pytest.raises(ValueError, match="make_circle"):
        make_circle(**kwargs)
