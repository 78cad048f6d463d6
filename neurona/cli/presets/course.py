"""The course's models, built once here and used by the presets and by ``examples/``.

Examples
--------
>>> mnist_mlp().count_params()
101770
"""
from __future__ import annotations

from neurona.layers import Dense, Flatten
from neurona.models import Sequential


def mnist_mlp(input_shape: tuple[int, ...] = (28, 28)) -> Sequential:
    """The course's MNIST network: Flatten, 128 tanh, 10 sigmoid (trained with MSE and Adam, batches of 32)."""
    return Sequential([Flatten(input_shape=input_shape), Dense(128, activation="tanh"), Dense(10, activation="sigmoid")])


def softmax_regression(n_features: int, n_classes: int) -> Sequential:
    """``softmax(x W + b)``: multinomial logistic regression as a one-layer network."""
    return Sequential([Dense(n_classes, activation="softmax", input_dim=n_features)])


def logistic_regression(n_features: int, l2: float = 0.0) -> Sequential:
    """``sigmoid(x w + b)``, with an optional L2 penalty on ``w``."""
    regularizer = {"class_name": "L2", "config": {"l2": l2}} if l2 else None
    return Sequential([Dense(1, activation="sigmoid", input_dim=n_features, kernel_regularizer=regularizer)])


def linear_regression(n_features: int) -> Sequential:
    """``x w + b``: linear regression as a one-layer network."""
    return Sequential([Dense(1, input_dim=n_features)])


def playground_mlp(hidden: tuple[int, ...] = (16, 16)) -> Sequential:
    """The playground's 2-16-16-1 tanh network ending in a sigmoid."""
    layers = [Dense(units, activation="tanh", **({"input_dim": 2} if i == 0 else {})) for i, units in enumerate(hidden)]
    return Sequential([*layers, Dense(1, activation="sigmoid")])
