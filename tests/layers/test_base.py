"""The Layer contract: names, lazy build, declared input shapes, clear shape errors."""
import numpy as np
import pytest

import neurona as nr
from neurona import layers
from neurona.layers import BatchNormalization, Dense, Layer, PReLU


def test_default_names_count_per_class_like_keras():
    layers.reset_names()
    assert [Dense(1).name, Dense(1).name, BatchNormalization().name, Dense(1).name] == [
        "dense", "dense_1", "batch_normalization", "dense_2",
    ]
    assert PReLU().name == "p_re_lu"
    assert Dense(1, name="output").name == "output"


def test_build_is_lazy_and_uses_the_first_input():
    layer = Dense(3)
    assert not layer.built and layer.parameters() == []
    with pytest.raises(ValueError, match=f"{layer.name}: count_params needs a built layer"):
        layer.count_params()
    layer(nr.tensor(np.zeros((2, 7))))
    assert layer.kernel.shape == (7, 3) and layer.count_params() == 7 * 3 + 3
    assert layer.get_build_config() == {"input_shape": [2, 7]}


def test_explicit_build_then_call_does_not_rebuild():
    layer = Dense(3)
    layer.build((None, 4))
    kernel = layer.kernel
    layer(nr.tensor(np.ones((5, 4))))
    assert layer.kernel is kernel


def test_input_dim_is_input_shape():
    layer = Dense(3, input_dim=5)
    assert layer.input_shape == (5,) and layer.batch_input_shape == (None, 5)
    assert layer.get_config()["input_shape"] == [5]
    with pytest.raises(ValueError, match="input_dim=5 contradicts input_shape=\\(4,\\)"):
        Dense(3, input_dim=5, input_shape=(4,))


def test_declared_input_shape_is_checked_on_the_first_call():
    layer = Dense(3, input_shape=(784,), name="hidden")
    with pytest.raises(ValueError, match=r"hidden: expected inputs of shape \(None, 784\).*got \(2, 100\)"):
        layer(nr.tensor(np.zeros((2, 100))))


def test_feature_mismatch_names_the_layer_and_both_sizes():
    layer = Dense(10, name="dense_1")
    layer(nr.tensor(np.zeros((2, 784))))
    with pytest.raises(ValueError, match=r"dense_1: expected 784 input features, got 100 \(input shape \(32, 100\)\)"):
        layer(nr.tensor(np.zeros((32, 100))))


@pytest.mark.parametrize("make", [lambda: PReLU(name="p"), lambda: BatchNormalization(name="p")])
def test_feature_mismatch_for_other_layers_with_weights(make):
    layer = make()
    layer(nr.tensor(np.ones((4, 3))))
    with pytest.raises(ValueError, match="p: expected 3 input features, got 5"):
        layer(nr.tensor(np.ones((4, 5))))


def test_numpy_inputs_become_tensors():
    out = Dense(2)(np.ones((3, 4)))
    assert isinstance(out, nr.Tensor) and out.dtype == np.float32


def test_add_weight_makes_parameters_and_buffers():
    layer = Layer(name="custom")
    scale = layer.add_weight("scale", (3,), "ones", regularizer="l2")
    count = layer.add_weight("count", (1,), "zeros", trainable=False)
    assert layer.parameters() == [scale]
    assert isinstance(count, np.ndarray) and sorted(layer.state_dict()) == ["count", "scale"]
    assert len(layer.regularization_losses()) == 1


def test_a_layer_that_forgets_super_build_is_still_built_once():
    class Forgetful(Layer):
        def build(self, input_shape):
            self.add_weight("w", (input_shape[-1],))

        def forward(self, x):
            return x * self.w

    layer = Forgetful()
    layer(nr.tensor(np.ones((2, 3))))
    w = layer.w
    layer(nr.tensor(np.ones((2, 3))))
    assert layer.built and layer.w is w


def test_dtype_option_sets_the_weight_dtype():
    layer = Dense(2, dtype="float64")
    layer(nr.tensor(np.ones((1, 3))))
    assert layer.kernel.dtype == np.float64 and layer.get_config()["dtype"] == "float64"


def test_deserialize_accepts_only_registered_layers():
    with pytest.raises(ValueError, match="unknown layer 'Lambda'; valid names: .*Dense.*register_serializable"):
        layers.deserialize({"class_name": "Lambda", "config": {}})


def test_repr_shows_the_scalar_options():
    assert repr(Dense(3, activation="relu", name="d")) == "Dense(name='d', units=3, activation='relu', use_bias=True)"
