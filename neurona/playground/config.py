"""The playground's set-up (what the page's controls choose) and its validation.

Every value that comes from the page goes through :func:`parse_config`: a wrong
type, a value out of range or an unknown key raises :class:`MessageError` with
a message for the page, and nothing is changed.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from neurona.playground.features import FEATURES

CLASSIFICATION_SETS = ("circle", "xor", "gaussian", "spiral")
REGRESSION_SETS = ("plane", "multi_gaussian")
ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
REGULARIZATIONS = ("none", "l1", "l2")
OPTIMIZERS = ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
MAX_LAYERS, MAX_NEURONS = 6, 8


class MessageError(ValueError):
    """A message from the page that the server refuses; its text is shown in the page."""


@dataclass(frozen=True)
class Config:
    """One set-up of the playground (the defaults are TensorFlow Playground's)."""

    problem: str = "classification"
    dataset: str = "circle"
    train_percent: int = 50
    noise: int = 0
    batch_size: int = 10
    seed: int = 1
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    learning_rate: float = 0.03
    regularization: str = "none"
    regularization_rate: float = 0.0
    optimizer: str = "sgd"
    momentum: float = 0.9
    rho: float = 0.9
    beta_1: float = 0.9
    beta_2: float = 0.999

    def to_json(self) -> dict:
        """The set-up as JSON-able data (the shape :func:`parse_config` reads)."""
        data = dataclasses.asdict(self)
        return {**data, "features": list(self.features), "hidden": list(self.hidden)}


def _shown(value) -> str:
    """A short repr of a value for an error message (a page may send anything)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _int(name: str, value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise MessageError(f"config: {name} must be an integer in [{low}, {high}], got {_shown(value)}")
    return value


def _float(name: str, value, low: float, high: float, low_open: bool = False) -> float:
    ok = not isinstance(value, bool) and isinstance(value, (int, float)) and math.isfinite(value)
    if not ok or not (low < value if low_open else low <= value) or value > high:
        bracket = "(" if low_open else "["
        raise MessageError(f"config: {name} must be a number in {bracket}{low}, {high}], got {_shown(value)}")
    return float(value)


def _choice(name: str, value, choices) -> str:
    if not isinstance(value, str) or value not in choices:
        raise MessageError(f"config: {name} must be one of {list(choices)}, got {_shown(value)}")
    return value


def _features(value) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= len(FEATURES):
        raise MessageError(f"config: features must be a list of 1 to {len(FEATURES)} names, got {_shown(value)}")
    for name in value:
        _choice("each feature", name, FEATURES)
    if len(set(value)) != len(value):
        raise MessageError(f"config: features repeat a name: {_shown(value)}")
    return tuple(name for name in FEATURES if name in value)


def _hidden(value) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > MAX_LAYERS:
        raise MessageError(f"config: hidden must be a list of at most {MAX_LAYERS} layer sizes, got {_shown(value)}")
    return tuple(_int("each hidden layer size", units, 1, MAX_NEURONS) for units in value)


_CHECKS = {
    "problem": lambda v: _choice("problem", v, ("classification", "regression")),
    "dataset": lambda v: _choice("dataset", v, CLASSIFICATION_SETS + REGRESSION_SETS),
    "train_percent": lambda v: _int("train_percent", v, 10, 90),
    "noise": lambda v: _int("noise", v, 0, 50),
    "batch_size": lambda v: _int("batch_size", v, 1, 30),
    "seed": lambda v: _int("seed", v, 0, 2**31 - 1),
    "features": _features,
    "hidden": _hidden,
    "activation": lambda v: _choice("activation", v, ACTIVATIONS),
    "learning_rate": lambda v: _float("learning_rate", v, 0.0, 10.0, low_open=True),
    "regularization": lambda v: _choice("regularization", v, REGULARIZATIONS),
    "regularization_rate": lambda v: _float("regularization_rate", v, 0.0, 10.0),
    "optimizer": lambda v: _choice("optimizer", v, OPTIMIZERS),
    "momentum": lambda v: _float("momentum", v, 0.0, 0.999),
    "rho": lambda v: _float("rho", v, 0.0, 0.999),
    "beta_1": lambda v: _float("beta_1", v, 0.0, 0.999),
    "beta_2": lambda v: _float("beta_2", v, 0.0, 0.9999),
}


def parse_config(changes, base: Config | None = None) -> Config:
    """``base`` (default: the defaults) with the validated ``changes`` (a dict of some or all keys).

    Examples
    --------
    >>> parse_config({"dataset": "spiral", "hidden": [8, 8]}).hidden
    (8, 8)
    >>> parse_config({"hidden": [9]})
    Traceback (most recent call last):
    ...
    neurona.playground.config.MessageError: config: each hidden layer size must be an integer in [1, 8], got 9
    """
    if not isinstance(changes, dict):
        raise MessageError(f"config: expected an object of settings, got {type(changes).__name__}")
    unknown = sorted(key for key in changes if key not in _CHECKS)
    if unknown:
        raise MessageError(f"config: unknown settings {_shown(unknown)}; known: {list(_CHECKS)}")
    config = dataclasses.replace(base or Config(), **{key: _CHECKS[key](v) for key, v in changes.items()})
    sets = CLASSIFICATION_SETS if config.problem == "classification" else REGRESSION_SETS
    if config.dataset not in sets:
        raise MessageError(f"config: the {config.problem} data sets are {list(sets)}, got dataset {config.dataset!r}")
    return config
