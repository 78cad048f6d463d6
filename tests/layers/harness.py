"""One test for every layer, after Keras's ``run_layer_test``, and a gradcheck through the Module API."""
from __future__ import annotations

import json

import numpy as np
import pytest

import neurona as nr
from neurona import layers


def call_with(layer, x, **weights):
    """Call ``layer`` on ``x`` with some parameters replaced by the given tensors.

    The tensors go straight into the instance dict (bypassing registration), so
    the graph reaches them and ``gradcheck`` can vary them.
    """
    saved = {name: layer.__dict__[name] for name in weights}
    layer.__dict__.update(weights)
    try:
        return layer(x)
    finally:
        layer.__dict__.update(saved)


def check_layer_gradients(layer, x: np.ndarray) -> None:
    """Gradcheck ``layer`` (built in float64) with respect to its input and each parameter."""
    layer(nr.tensor(x, dtype="float64"))
    names = [name for name, _ in layer.named_parameters()]
    arrays = [param.data for _, param in layer.named_parameters()]
    assert names, f"{layer.name} has no parameters to check"
    assert nr.gradcheck(lambda inputs, *ws: call_with(layer, inputs, **dict(zip(names, ws))), x, *arrays)


class Ids(tuple):
    """An input shape whose data are integer ids in ``[0, high)`` (the inputs of Embedding)."""

    def __new__(cls, shape: tuple, high: int):
        made = super().__new__(cls, shape)
        made.high = high
        return made


def _inputs(shapes):
    from neurona.layers import Input

    if isinstance(shapes, Ids):
        return Input(shapes[1:], dtype="int64")
    return [Input(s[1:]) for s in shapes] if isinstance(shapes, list) else Input(shapes[1:])


def _model(cls, init_kwargs, input_shape, head: bool = False):
    """A functional model of one fresh layer (and a trainable Dense head when ``head``)."""
    from neurona.models import Model

    layer = cls(**init_kwargs)
    inputs = _inputs(input_shape)
    outputs = layer(inputs)
    return layer, Model(inputs, layers.Dense(2)(outputs) if head else outputs)


def make_data(rng, input_shape):
    """Random inputs of ``input_shape`` (a list of shapes gives a list; :class:`Ids` gives ids)."""
    if isinstance(input_shape, Ids):
        return rng.integers(0, input_shape.high, size=input_shape)
    if isinstance(input_shape, list):
        return [rng.standard_normal(s) for s in input_shape]
    return rng.standard_normal(input_shape)


def check_fit_trains_every_parameter(cls, init_kwargs, input_shape) -> None:
    """``compile``/``fit`` with a real optimizer moves every parameter of the layer."""
    from neurona.optimizers import SGD

    rng = np.random.default_rng(1)
    layer, model = _model(cls, init_kwargs, input_shape)
    x = make_data(rng, input_shape)
    y = rng.standard_normal(model.predict(x).shape)
    before = {name: p.data.copy() for name, p in layer.named_parameters()}
    model.compile(optimizer=SGD(learning_rate=0.1), loss="mse")
    history = model.fit(x, y, batch_size=len(y), epochs=2, shuffle=False, verbose=0)
    assert np.all(np.isfinite(history.history["loss"]))
    for name, param in layer.named_parameters():
        assert not np.array_equal(param.data, before[name]), f"{layer.name}: fit left '{name}' unchanged"


def check_frozen_layer_is_bit_identical_after_fit(cls, init_kwargs, input_shape) -> None:
    """A frozen layer (weights and buffers) does not change while the head after it trains."""
    rng = np.random.default_rng(2)
    layer, model = _model(cls, {**init_kwargs, "trainable": False}, input_shape, head=True)
    assert layer.trainable_parameters() == [] and not layer.trainable
    assert layers.deserialize(layers.serialize(layer)).trainable is False
    x = make_data(rng, input_shape)
    y = rng.standard_normal(model.predict(x).shape)
    frozen = layer.state_dict()
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y, batch_size=2, epochs=2, verbose=0)
    for name, array in layer.state_dict().items():
        np.testing.assert_array_equal(array, frozen[name], err_msg=f"{layer.name}: frozen '{name}' changed")


def check_activity_regularizer_is_added(cls, init_kwargs, input_shape) -> None:
    """``activity_regularizer`` adds ``l1 * Σ|output|`` to ``losses``, and ``evaluate`` reports it."""
    from neurona.optimizers import SGD

    rng = np.random.default_rng(3)
    l1 = {"class_name": "L1", "config": {"l1": 0.01}}
    layer, model = _model(cls, {**init_kwargs, "activity_regularizer": l1}, input_shape)
    assert layers.deserialize(json.loads(json.dumps(layers.serialize(layer)))).get_config() == layer.get_config()
    x = make_data(rng, input_shape)
    out = model.predict(x).astype(np.float64)
    y = rng.standard_normal(out.shape)
    model.compile(optimizer=SGD(learning_rate=0.0), loss="mse")
    penalties = sum(float(p.item()) for p in layer.regularization_losses())
    expected = np.mean((out - y) ** 2) + 0.01 * np.abs(out).sum() + penalties
    assert model.evaluate(x, y, batch_size=len(y)) == pytest.approx(expected, rel=1e-4)
    activity = [t for t in model.losses if t.ndim == 0][0]
    assert activity.item() == pytest.approx(0.01 * np.abs(out).sum(), rel=1e-4)


def run_layer_test(cls, init_kwargs: dict, input_shape, expected_output_shape: tuple | None = None) -> None:
    """Shape, config round trip, build config, state_dict round trip, training through fit, freezing, added loss."""
    rng = np.random.default_rng(0)
    several = isinstance(input_shape, list)
    x = [nr.tensor(a) for a in make_data(rng, input_shape)] if several else nr.tensor(make_data(rng, input_shape))
    layer = cls(**init_kwargs)
    assert not layer.built
    y = layer(x)
    assert layer.built

    # the output shape agrees with compute_output_shape, with or without a known batch size
    if expected_output_shape is not None:
        assert y.shape == expected_output_shape
    assert tuple(layer.compute_output_shape(input_shape)) == y.shape
    unknown = [(None, *s[1:]) for s in input_shape] if several else (None, *input_shape[1:])
    assert tuple(layer.compute_output_shape(unknown)) == (None, *y.shape[1:])

    # the config is JSON and rebuilds an equivalent layer
    config = json.loads(json.dumps(layer.get_config()))
    clone = cls.from_config(config)
    assert json.loads(json.dumps(clone.get_config())) == config
    assert type(layers.deserialize(json.loads(json.dumps(layers.serialize(layer))))) is cls

    # a clone built from the build config takes the weights and computes the same outputs
    clone.build_from_config(json.loads(json.dumps(layer.get_build_config())))
    assert clone.built
    clone.load_state_dict(layer.state_dict())
    layer.eval(), clone.eval()
    np.testing.assert_array_equal(clone(x).numpy(), layer(x).numpy())
    np.testing.assert_array_equal(layer(x).numpy(), layer(x).numpy())

    # state_dict holds copies, and load_state_dict restores them in place
    saved = layer.state_dict()
    live = {name: param.data for name, param in layer.named_parameters()}
    for param in layer.parameters():
        param.data += 1.0
    layer.load_state_dict(saved)
    for name, param in layer.named_parameters():
        assert param.data is live[name]
        np.testing.assert_array_equal(param.data, saved[name])
    assert layer.count_params() == sum(a.size for a in saved.values())
    assert repr(layer).startswith(cls.__name__)

    if layer.parameters():
        check_fit_trains_every_parameter(cls, init_kwargs, input_shape)
    check_frozen_layer_is_bit_identical_after_fit(cls, init_kwargs, input_shape)
    check_activity_regularizer_is_added(cls, init_kwargs, input_shape)
