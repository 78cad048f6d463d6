"""The network and optimizer of a set-up, as specs that both the session and the exported script build.

A spec is ``(class name, keyword arguments)``: :func:`build` makes the objects
from it, and :mod:`neurona.playground.export` writes it as Python source, so
the two cannot differ.
"""
from __future__ import annotations

from neurona import optimizers, regularizers
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.playground.config import Config

Spec = tuple[str, dict]


def layer_specs(config: Config) -> list[Spec]:
    """One ``Dense`` per hidden layer, then the output unit (sigmoid for classification, linear for regression)."""
    penalty = None
    if config.regularization != "none":
        name = config.regularization.upper()
        penalty = (name, {name.lower(): config.regularization_rate})
    specs = []
    for index, units in enumerate(config.hidden):
        options = {"units": units, "activation": config.activation}
        if index == 0:
            options["input_dim"] = len(config.features)
        specs.append(("Dense", {**options, "kernel_regularizer": penalty}))
    output = {"units": 1, "activation": "sigmoid" if config.problem == "classification" else None}
    if not config.hidden:
        output["input_dim"] = len(config.features)
    specs.append(("Dense", {**output, "kernel_regularizer": penalty}))
    return specs


def optimizer_spec(config: Config) -> Spec:
    """The optimizer: the course's rules with the set-up's hyperparameters."""
    rate = {"learning_rate": config.learning_rate}
    return {
        "sgd": ("SGD", rate),
        "momentum": ("SGD", {**rate, "momentum": config.momentum}),
        "nesterov": ("SGD", {**rate, "momentum": config.momentum, "nesterov": True}),
        "adagrad": ("Adagrad", rate),
        "rmsprop": ("RMSprop", {**rate, "rho": config.rho}),
        "adam": ("Adam", {**rate, "beta_1": config.beta_1, "beta_2": config.beta_2}),
    }[config.optimizer]


def loss_name(config: Config) -> str:
    """Binary crossentropy for classification (from the logits), mean squared error for regression."""
    return "binary_crossentropy" if config.problem == "classification" else "mse"


def build(config: Config) -> Sequential:
    """The compiled model of a set-up; its weights come from the global generator (seed it first).

    Examples
    --------
    >>> from neurona.playground.config import Config
    >>> build(Config()).count_params()
    25
    """
    layers = []
    for _, options in layer_specs(config):
        penalty = options["kernel_regularizer"]
        kernel_regularizer = None if penalty is None else getattr(regularizers, penalty[0])(**penalty[1])
        layers.append(Dense(**{**options, "kernel_regularizer": kernel_regularizer}))
    model = Sequential(layers)
    model.build((None, len(config.features)))
    name, options = optimizer_spec(config)
    model.compile(optimizer=getattr(optimizers, name)(**options), loss=loss_name(config))
    return model
