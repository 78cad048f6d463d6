"""Configs of the modules inside models: layers through :func:`neurona.layers.serialize`, models through theirs."""
from __future__ import annotations

from neurona import layers


def _model_classes() -> dict:
    from neurona.training.functional import Functional
    from neurona.training.sequential import Sequential

    return {"Functional": Functional, "Sequential": Sequential}


def serialize_module(module) -> dict:
    """``{'class_name': ..., 'config': ...}`` of a layer or a nested Sequential / functional model.

    Examples
    --------
    >>> from neurona.layers import Dense
    >>> serialize_module(Dense(2))["class_name"]
    'Dense'
    """
    name = type(module).__name__
    if name in _model_classes() and type(module) is _model_classes()[name]:
        return {"class_name": name, "config": module.get_config()}
    if not isinstance(module, layers.Layer):
        raise TypeError(f"cannot serialize {name}: only layers and Sequential / functional models have configs")
    return layers.serialize(module)


def deserialize_module(config: dict):
    """Rebuild a layer or nested model from :func:`serialize_module` (registered classes only, no code)."""
    models = _model_classes()
    if config.get("class_name") in models:
        return models[config["class_name"]].from_config(config.get("config", {}))
    return layers.deserialize(config)
