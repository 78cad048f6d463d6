"""Every registered layer round-trips through a model file: same config, same weights, same outputs."""
import numpy as np
import pytest

import neurona
from neurona import layers
from neurona.models import Model, Sequential
from neurona.saving import load_model, save_model

from ..layers.test_every_layer import CASES

REGISTERED = [cls for cls in map(layers.LAYERS.lookup, layers.LAYERS.names())
              if not issubclass(cls, Model) and cls is not layers.InputLayer]
"""Models (Sequential, Functional, VAE, GAN, ...) and the functional API's input placeholder are tested as models
(tests/saving/test_model_file.py, tests/generative)."""


def test_every_registered_layer_has_a_case():
    missing = sorted({cls.__name__ for cls in REGISTERED} - {cls.__name__ for cls, *_ in CASES})
    assert not missing, f"registered layers with no case in tests/layers/test_every_layer.py: {missing}"


@pytest.mark.parametrize("cls, kwargs, input_shape, output_shape", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_layer_round_trips_through_a_model_file(tmp_path, cls, kwargs, input_shape, output_shape):
    if isinstance(input_shape, list):
        pytest.skip("a layer of several inputs cannot stand in a Sequential: test_model_file saves one in a functional model")
    neurona.random.seed(0)
    x = np.random.default_rng(0).standard_normal(input_shape)
    model = Sequential([cls(**kwargs)])
    model.compile(optimizer="sgd", loss="mse")
    target = np.ones_like(model.predict(x))
    if model.parameters():
        model.fit(x, target, batch_size=len(x), epochs=1, verbose=0)
    save_model(model, tmp_path / "layer.neurona")
    again = load_model(tmp_path / "layer.neurona")
    assert type(again.layers[0]) is cls and again.get_config() == model.get_config()
    for name, array in model.state_dict().items():
        assert again.state_dict()[name].dtype == array.dtype
        np.testing.assert_array_equal(again.state_dict()[name], array)
    np.testing.assert_array_equal(again.predict(x), model.predict(x))
