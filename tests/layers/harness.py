"""One test for every layer, after Keras's ``run_layer_test``, and a gradcheck through the Module API."""
from __future__ import annotations

import json

import numpy as np

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


def run_layer_test(cls, init_kwargs: dict, input_shape: tuple, expected_output_shape: tuple | None = None) -> None:
    """Shape, config round trip, build config, state_dict round trip and one training step."""
    rng = np.random.default_rng(0)
    x = nr.tensor(rng.standard_normal(input_shape))
    layer = cls(**init_kwargs)
    assert not layer.built
    y = layer(x)
    assert layer.built

    # the output shape agrees with compute_output_shape, with or without a known batch size
    if expected_output_shape is not None:
        assert y.shape == expected_output_shape
    assert tuple(layer.compute_output_shape(input_shape)) == y.shape
    assert tuple(layer.compute_output_shape((None, *input_shape[1:]))) == (None, *y.shape[1:])

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

    # one training step changes every parameter
    layer.train()
    params = layer.parameters()
    before = [p.data.copy() for p in params]
    weights = rng.standard_normal(y.shape)
    out = layer(x)
    loss = (out * weights).sum()
    for penalty in layer.regularization_losses():
        loss = loss + penalty
    if params:
        loss.backward()
    for param, old in zip(params, before):
        assert param.grad is not None and param.grad.shape == param.shape
        param.data -= 0.1 * param.grad
        assert not np.array_equal(param.data, old), f"{layer.name}: a training step left a parameter unchanged"
    layer.zero_grad()
    assert all(p.grad is None for p in params)
