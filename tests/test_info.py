"""The course's weather-antenna example of entropy and cross-entropy."""
import math

import pytest

from neurona import info

CITY_A = [0.25, 0.45, 0.2, 0.09, 0.01]
CITY_B = [0.3, 0.2, 0.2, 0.25, 0.05]


def test_entropy_of_the_weather_is_1_86_bits():
    assert info.entropy(CITY_A) == pytest.approx(1.86, abs=0.005)


def test_cross_entropy_of_city_b_under_city_a_code_is_2_5_bits():
    assert info.cross_entropy(CITY_B, CITY_A) == pytest.approx(2.5, abs=0.01)


def test_kl_is_cross_entropy_minus_entropy_and_nats_scale_by_ln2():
    kl = info.kl_divergence(CITY_B, CITY_A)
    assert kl == pytest.approx(info.cross_entropy(CITY_B, CITY_A) - info.entropy(CITY_B))
    assert info.entropy(CITY_A, unit="nats") == pytest.approx(info.entropy(CITY_A) * math.log(2))
    assert info.kl_divergence(CITY_A, CITY_A) == pytest.approx(0.0)


def test_bad_probability_vectors_are_refused():
    with pytest.raises(ValueError, match="probability vector"):
        info.entropy([0.5, 0.6])
    with pytest.raises(ValueError, match="unit"):
        info.entropy([1.0], unit="bytes")
