"""``save_model`` and ``load_model``: one zip with the architecture (JSON), the weights (safetensors) and the optimizer.

The zip holds ``config.json`` (the model's ``{"class_name", "config"}``, the input
shape each layer was built for, the file format and neurona versions),
``model.weights.safetensors`` (``state_dict()``: weights and buffers) and, with
``include_optimizer``, ``optimizer.json`` (optimizer, loss and metrics) and
``optimizer.safetensors`` (the optimizer's state).
"""
from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping

from neurona import backend, layers
from neurona import random as nr_random
from neurona.layers import Layer
from neurona.nn import Module
from neurona.registry import custom_object_scope
from neurona.saving import compile_state
from neurona.saving.archive import (
    CONFIG,
    OPTIMIZER,
    OPTIMIZER_STATE,
    WEIGHTS,
    ModelFileError,
    json_bytes,
    read_archive,
    read_json,
    read_tensors,
    write_archive,
)
from neurona.serialization import safetensors_bytes

FORMAT_VERSION = 1


def save_model(model: Module, path: str | os.PathLike, include_optimizer: bool = True) -> None:
    """Write ``model`` to one file at ``path``, atomically; :func:`load_model` reads it back.

    With ``include_optimizer`` (and a compiled model) the optimizer, the loss, the
    metrics and the optimizer's state are saved too, so that training resumes
    exactly where it stopped. See the module docstring for the file's contents.
    """
    from neurona import __version__

    config = {
        **layers.serialize(model),
        "build_config": {
            name: module.get_build_config()
            for name, module in model.named_modules() if isinstance(module, Layer) and module.built
        },
        "default_dtype": backend.get_default_dtype().name,
        "format_version": FORMAT_VERSION,
        "neurona_version": __version__,
    }
    members = {CONFIG: json_bytes(config, "the model config"), WEIGHTS: safetensors_bytes(model.state_dict())}
    optimizers = getattr(model, "optimizers", None) or {}
    if include_optimizer and optimizers and getattr(model, "compiled", None) is not None:
        members[OPTIMIZER] = json_bytes(compile_state.compile_config(model), "the compile config")
        state = {key: value for opt in optimizers.values() if opt.params for key, value in opt.state_dict().items()}
        if state:
            members[OPTIMIZER_STATE] = safetensors_bytes(state)
    write_archive(path, members)


def load_model(path: str | os.PathLike, custom_objects: Mapping[str, object] | None = None,
               compile: bool = True) -> Module:
    """Rebuild the model saved by :func:`save_model`; nothing stored in the file is run.

    Everything is read and checked (the config parses, every class is known, the
    weights fit the rebuilt model in names, shapes and dtypes) before the model is
    returned. Classes from outside neurona are found through
    :func:`~neurona.saving.register_serializable` or ``custom_objects={"Name": cls}``.
    With ``compile`` the model is compiled as it was saved, optimizer state included.
    Loading leaves neurona's random generator where it was.
    """
    members = read_archive(path)
    config = read_json(members, CONFIG, path)
    _check_format(config, path)
    weights = read_tensors(members, WEIGHTS, path)
    compiled = read_json(members, OPTIMIZER, path) if compile and OPTIMIZER in members else None
    state = read_tensors(members, OPTIMIZER_STATE, path) if compiled and OPTIMIZER_STATE in members else None
    with custom_object_scope(custom_objects), _loading_context(config, path):
        model = _rebuild(config, path)
        try:
            model.load_state_dict(weights)
        except ValueError as error:
            raise ModelFileError(f"{path}: the weights do not fit the model in {CONFIG}: {error}") from None
        if compiled is not None:
            compile_state.restore(model, compiled, state, path)
    return model


def _check_format(config: dict, path) -> None:
    version = config.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ModelFileError(f"not a neurona model file: {path} ({CONFIG} has no valid format_version)")
    if version > FORMAT_VERSION:
        raise ModelFileError(
            f"{path} has format version {version}, written by neurona {config.get('neurona_version')}; "
            f"this neurona reads format {FORMAT_VERSION}: upgrade neurona"
        )


@contextlib.contextmanager
def _loading_context(config: dict, path) -> Iterator[None]:
    """Build under the default dtype of the saving session, without drawing from the global generator."""
    dtype, rng = backend.get_default_dtype(), nr_random.get_rng()
    saved = rng.bit_generator.state
    try:
        backend.set_default_dtype(config.get("default_dtype", dtype.name))
    except TypeError as error:
        raise ModelFileError(f"{path}: {CONFIG} has a bad default_dtype: {error}") from None
    try:
        yield
    finally:
        backend.set_default_dtype(dtype)
        rng.bit_generator.state = saved


def _rebuild(config: dict, path) -> Module:
    """The model of ``config``, with every layer built for the input shape it was saved with."""
    try:
        model = layers.deserialize({"class_name": config.get("class_name"), "config": config.get("config", {})})
    except (TypeError, ValueError) as error:
        raise ModelFileError(f"cannot load {path}: {error}") from None
    pending = config.get("build_config") or {}
    if not isinstance(pending, dict):
        raise ModelFileError(f"{path}: the build_config of {CONFIG} must be an object, got {type(pending).__name__}")
    pending = dict(pending)
    for name, module in model.named_modules():
        if name in pending and isinstance(module, Layer):
            build_config = pending.pop(name)
            if not module.built:
                try:
                    module.build_from_config(build_config)
                except (KeyError, TypeError, ValueError) as error:
                    raise ModelFileError(f"{path}: layer '{name}' cannot be built from {build_config!r}: {error}") from None
    if pending:
        raise ModelFileError(f"{path}: {CONFIG} builds layers the model does not have: {', '.join(sorted(pending))}")
    return model
