"""Initializers: registry, serialization, seeded reproducibility and variance statistics."""
import json

import numpy as np
import pytest

import neurona as nr
from neurona import initializers
from neurona.initializers import compute_fans


@pytest.mark.parametrize("name", sorted(initializers.INITIALIZERS))
def test_every_name_gives_an_array_of_the_requested_shape_and_dtype(name):
    init = initializers.get(name)
    for dtype in ("float32", "float64"):
        values = init((6, 4), dtype)
        assert isinstance(values, np.ndarray) and values.shape == (6, 4) and values.dtype == dtype
    if name == "orthogonal":  # a matrix property: Keras refuses a 1-D shape too
        with pytest.raises(ValueError, match="Orthogonal: needs a shape of at least 2 axes"):
            init((3,))
    else:
        assert init((3,)).dtype == nr.get_default_dtype()


@pytest.mark.parametrize("name", sorted(initializers.INITIALIZERS))
def test_seed_reproduces_every_initializer_bit_for_bit(name):
    nr.random.seed(0)
    first = initializers.get(name)((50, 30))
    nr.random.seed(0)
    np.testing.assert_array_equal(initializers.get(name)((50, 30)), first)


def test_different_draws_differ_without_reseeding():
    init = initializers.get("glorot_uniform")
    assert not np.array_equal(init((10, 10)), init((10, 10)))


@pytest.mark.parametrize(
    "name, variance",
    [
        ("glorot_uniform", 2 / (400 + 600)),
        ("glorot_normal", 2 / (400 + 600)),
        ("he_uniform", 2 / 400),
        ("he_normal", 2 / 400),
        ("lecun_uniform", 1 / 400),
        ("lecun_normal", 1 / 400),
        ("random_normal", 0.05**2),
        ("random_uniform", 0.1**2 / 12),
    ],
)
def test_variance_on_a_large_shape(name, variance):
    nr.random.seed(1)
    values = initializers.get(name)((400, 600), "float64")
    assert abs(values.mean()) < 0.01 * np.sqrt(variance)
    assert values.var() == pytest.approx(variance, rel=0.02)


@pytest.mark.parametrize("name, n", [("glorot_uniform", 500), ("he_uniform", 400 / 2), ("lecun_uniform", 400)])
def test_uniform_limits(name, n):
    values = initializers.get(name)((400, 600), "float64")
    limit = np.sqrt(3 / n)
    assert values.min() >= -limit and values.max() <= limit and values.max() > 0.99 * limit


def test_truncated_normals_stay_within_two_standard_deviations():
    values = initializers.TruncatedNormal(mean=1.0, stddev=0.5)((100_000,), "float64")
    assert values.min() >= 0.0 and values.max() <= 2.0
    he = initializers.get("he_normal")((400, 250), "float64")
    assert np.abs(he).max() <= 2 * np.sqrt(2 / 400) / 0.87962566103423978


def test_constant_zeros_ones():
    np.testing.assert_array_equal(initializers.get("zeros")((2,)), [0, 0])
    np.testing.assert_array_equal(initializers.get("ones")((2,)), [1, 1])
    np.testing.assert_array_equal(initializers.Constant(0.5)((2,)), [0.5, 0.5])


@pytest.mark.parametrize(
    "shape, fans", [((), (1, 1)), ((7,), (7, 7)), ((784, 100), (784, 100)), ((3, 3, 16, 32), (144, 288)), ((5, 4, 8), (20, 40))]
)
def test_fans_as_keras(shape, fans):
    assert compute_fans(shape) == fans


def test_convolution_kernel_uses_the_receptive_field():
    nr.random.seed(2)
    values = initializers.get("he_normal")((3, 3, 64, 128), "float64")
    assert values.var() == pytest.approx(2 / (9 * 64), rel=0.03)


@pytest.mark.parametrize(
    "init",
    [initializers.Constant(0.3), initializers.RandomNormal(1.0, 2.0), initializers.VarianceScaling(2.0, "fan_out", "uniform"),
     initializers.HeNormal(), initializers.Zeros()],
    ids=repr,
)
def test_serialize_round_trips_through_json(init):
    config = json.loads(json.dumps(initializers.serialize(init)))
    clone = initializers.get(config)
    assert type(clone) is type(init) and clone.get_config() == init.get_config()


def test_aliases_and_class_names():
    assert type(initializers.get("xavier_normal")) is initializers.GlorotNormal
    assert type(initializers.get("kaiming_uniform")) is initializers.HeUniform
    assert type(initializers.get("LecunNormal")) is initializers.LecunNormal
    custom = lambda shape, dtype: np.zeros(shape, dtype)  # noqa: E731
    assert initializers.get(custom) is custom


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(ValueError, match="unknown initializer 'glorot'; valid names: zeros, ones, .*glorot_uniform"):
        initializers.get("glorot")
    with pytest.raises(ValueError, match="unknown initializer 'os.system'"):
        initializers.get({"class_name": "os.system", "config": {}})
    with pytest.raises(TypeError, match="an initializer is a name"):
        initializers.get(None)
    with pytest.raises(ValueError, match="unknown mode 'fan_sum'"):
        initializers.VarianceScaling(mode="fan_sum")
    with pytest.raises(ValueError, match="cannot be saved"):
        initializers.serialize(lambda shape, dtype: None)
