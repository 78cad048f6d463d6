"""The set-up's validation: every key, every class of bad value, and the problem/data set rule."""
import math

import pytest

from neurona.playground.config import Config, MessageError, parse_config

GOOD = {
    "problem": "regression", "dataset": "plane", "train_percent": 70, "noise": 25, "batch_size": 30, "seed": 2**31 - 1,
    "features": ["sin_x2", "x1"], "hidden": [8, 1, 3, 4, 5, 6], "activation": "relu", "learning_rate": 10,
    "regularization": "l1", "regularization_rate": 0.003, "optimizer": "adam", "momentum": 0.5, "rho": 0.99,
    "beta_1": 0.0, "beta_2": 0.9999,
}
BAD = {
    "problem": ["clustering", 1, None],
    "dataset": ["moons", "", ["spiral"]],
    "train_percent": [9, 91, 50.0, True, "50"],
    "noise": [-1, 51, 2.5],
    "batch_size": [0, 31, None],
    "seed": [-1, 2**31, 1e3],
    "features": [[], ["x3"], ["x1", "x1"], "x1", [1], ["x1"] * 8],
    "hidden": [[0], [9], [1] * 7, [2.0], "4,2", [True], None],
    "activation": ["softmax", "ReLU", 0],
    "learning_rate": [0, -0.1, 10.5, math.inf, math.nan, "0.1", False],
    "regularization": ["l3", None],
    "regularization_rate": [-1e-9, 11, math.nan],
    "optimizer": ["adamw", "SGD"],
    "momentum": [1.0, -0.5], "rho": [1.0], "beta_1": [1], "beta_2": [1.0, math.inf],
}


def test_defaults_are_tensorflow_playground_s():
    config = parse_config({})
    assert config == Config()
    assert (config.dataset, config.hidden, config.activation, config.learning_rate, config.batch_size) == (
        "circle", (4, 2), "tanh", 0.03, 10)


def test_every_setting_is_read():
    config = parse_config(GOOD)
    assert config.to_json() == {**GOOD, "features": ["x1", "sin_x2"], "learning_rate": 10.0, "beta_1": 0.0}


def test_changes_merge_over_a_base():
    base = parse_config({"dataset": "spiral", "hidden": [8, 8]})
    assert parse_config({"noise": 5}, base) == Config(dataset="spiral", hidden=(8, 8), noise=5)


def test_zero_hidden_layers_is_allowed():
    assert parse_config({"hidden": []}).hidden == ()


@pytest.mark.parametrize("key,value", [(k, v) for k, values in BAD.items() for v in values])
def test_a_bad_value_is_refused_with_its_name(key, value):
    with pytest.raises(MessageError, match=key if key not in ("features", "hidden") else "feature|hidden"):
        parse_config({key: value})


@pytest.mark.parametrize("changes", [[], "config", None, {"unknown": 1}, {"__class__": 1}])
def test_not_an_object_or_an_unknown_key_is_refused(changes):
    with pytest.raises(MessageError, match="config"):
        parse_config(changes)


def test_the_data_set_must_fit_the_problem():
    with pytest.raises(MessageError, match="regression data sets"):
        parse_config({"problem": "regression"})
    with pytest.raises(MessageError, match="classification data sets"):
        parse_config({"dataset": "plane"})


def test_an_error_shows_a_huge_value_shortened():
    with pytest.raises(MessageError) as error:
        parse_config({"noise": 10**200})
    assert len(str(error.value)) < 150
