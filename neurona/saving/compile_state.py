"""The compile settings (optimizer, loss, metrics) and the optimizer's state, saved and restored so that training resumes exactly."""
from __future__ import annotations

import numpy as np

from neurona import optimizers
from neurona.registry import Registry
from neurona.saving.archive import ModelFileError
from neurona.training import losses

LOSS_FUNCTIONS = Registry("loss", functions=True)
"""Custom loss functions, found through ``register_serializable`` or ``custom_objects`` (neurona's own are named)."""


def compile_config(model) -> dict:
    """``{"optimizer", "loss", "metrics", "parameter_names"}`` of a compiled model, JSON-able."""
    optimizer = model.optimizer
    names = {id(param): name for name, param in model.named_parameters()}
    foreign = [index for index, param in enumerate(optimizer.params) if id(param) not in names]
    if foreign:
        raise ValueError(f"save_model: the optimizer updates parameters {foreign} that are not the model's")
    return {
        "optimizer": optimizers.serialize(optimizer),
        "loss": _loss_name(model.loss_name, model.loss_fn),
        "metrics": [_metric_name(metric) for metric in model.metric_names],
        "parameter_names": [names[id(param)] for param in optimizer.params],
    }


def _loss_name(name: str, fn) -> str:
    if losses.LOSSES.get(name) is fn:
        return name
    return LOSS_FUNCTIONS.name_of(fn)


def _metric_name(metric) -> str:
    if not isinstance(metric, str):
        raise ValueError(
            f"save_model: the metric {metric!r} is not a name, so the compile settings cannot be saved; "
            "compile with metric names, or save with include_optimizer=False"
        )
    return metric


def restore(model, config: dict, state: dict[str, np.ndarray] | None, path) -> None:
    """Compile ``model`` as :func:`compile_config` says and load the optimizer's ``state`` (if any)."""
    try:
        optimizer = optimizers.get(config["optimizer"])
        loss = config["loss"] if config["loss"] in losses.LOSSES else LOSS_FUNCTIONS.get(config["loss"])
        metrics, names = _strings(config, "metrics"), _strings(config, "parameter_names")
    except (KeyError, TypeError, ValueError) as error:
        raise ModelFileError(f"{path}: optimizer.json cannot be used: {_reason(error)}") from None
    model.compile(optimizer=optimizer, loss=loss, metrics=metrics)
    if state is None:
        return
    params = dict(model.named_parameters())
    unknown = [name for name in names if name not in params]
    if unknown or not names:
        raise ModelFileError(f"{path}: optimizer.json names parameters the model does not have: {unknown or names}")
    optimizer.set_parameters([(name, params[name]) for name in names])
    _check_state(optimizer, state, path)
    optimizer.load_state_dict(state)


def _check_state(optimizer, state: dict[str, np.ndarray], path) -> None:
    expected = optimizer.state_dict()
    problems = [f"missing {key}" for key in expected if key not in state]
    problems += [f"unexpected {key}" for key in state if key not in expected]
    problems += [
        f"'{key}': expected {want.dtype}{want.shape}, got {state[key].dtype}{state[key].shape}"
        for key, want in expected.items()
        if key in state and (state[key].dtype != want.dtype or state[key].shape != want.shape)
    ]
    if problems:
        raise ModelFileError(f"{path}: the optimizer state does not fit the model: " + "; ".join(problems))


def _strings(config: dict, key: str) -> list[str]:
    values = config.get(key, [])
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError(f"{key} must be a list of names, got {values!r}")
    return values


def _reason(error: Exception) -> str:
    return f"no {error}" if isinstance(error, KeyError) else str(error)
