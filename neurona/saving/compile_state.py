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
    """``{"optimizers", "loss", "loss_weights", "metrics", "parameter_names"}`` of a compiled model, JSON-able.

    ``optimizers`` and ``parameter_names`` are keyed by the sub-module each optimizer
    is tied to (``""`` for the whole model).
    """
    compiled = model.compiled
    names = {id(param): name for name, param in model.named_parameters()}
    parameter_names = {}
    for owner, optimizer in model.optimizers.items():
        foreign = [index for index, param in enumerate(optimizer.params) if id(param) not in names]
        if foreign:
            raise ValueError(f"save_model: the optimizer updates parameters {foreign} that are not the model's")
        parameter_names[owner] = [names[id(param)] for param in optimizer.params]
    return {
        "optimizers": {owner: optimizers.serialize(opt) for owner, opt in model.optimizers.items()},
        "loss": _map_spec(compiled.loss_spec, _loss_name),
        "loss_weights": compiled.weight_spec,
        "metrics": _map_spec(compiled.metric_spec, _metric_name),
        "parameter_names": parameter_names,
    }


def _map_spec(spec, name_of):
    """Apply ``name_of`` to every entry of a compile argument (one value, a list, a list of lists or a dict)."""
    if isinstance(spec, dict):
        return {key: _map_spec(value, name_of) for key, value in spec.items()}
    if isinstance(spec, (list, tuple)):
        return [_map_spec(value, name_of) for value in spec]
    return None if spec is None else name_of(spec)


def _loss_name(fn) -> str:
    if isinstance(fn, str):
        return losses.get(fn)[0]
    return LOSS_FUNCTIONS.name_of(fn)


def _metric_name(metric) -> str:
    if not isinstance(metric, str):
        raise ValueError(
            f"save_model: the metric {metric!r} is not a name, so the compile settings cannot be saved; "
            "compile with metric names, or save with include_optimizer=False"
        )
    return metric


def _loss_of(name: str):
    return name if name.lower() in losses.LOSSES else LOSS_FUNCTIONS.get(name)


def restore(model, config: dict, state: dict[str, np.ndarray] | None, path) -> None:
    """Compile ``model`` as :func:`compile_config` says and load the optimizers' ``state`` (if any)."""
    try:
        resolved = {owner: optimizers.get(cfg) for owner, cfg in dict(config["optimizers"]).items()}
        loss = _map_spec(config["loss"], _loss_of)
        names = {owner: _strings(config["parameter_names"], owner) for owner in resolved}
        model.compile(optimizer=resolved[""] if list(resolved) == [""] else resolved, loss=loss,
                      metrics=config.get("metrics"), loss_weights=config.get("loss_weights"))
    except (KeyError, TypeError, ValueError) as error:
        raise ModelFileError(f"{path}: optimizer.json cannot be used: {_reason(error)}") from None
    if state is None:
        return
    params = dict(model.named_parameters())
    unknown = [name for owned in names.values() for name in owned if name not in params]
    if unknown or not any(names.values()):
        raise ModelFileError(f"{path}: optimizer.json names parameters the model does not have: {unknown or names}")
    for owner, optimizer in model.optimizers.items():
        optimizer.set_parameters([(name, params[name]) for name in names[owner]])
    expected = {key: value for opt in model.optimizers.values() for key, value in opt.state_dict().items()}
    _check_state(expected, state, path)
    for optimizer in model.optimizers.values():
        optimizer.load_state_dict({key: state[key] for key in optimizer.state_dict()})


def _check_state(expected: dict[str, np.ndarray], state: dict[str, np.ndarray], path) -> None:
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
    values = config[key]
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError(f"{key} must be a list of names, got {values!r}")
    return values


def _reason(error: Exception) -> str:
    return f"no {error}" if isinstance(error, KeyError) else str(error)
