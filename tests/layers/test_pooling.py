"""Pooling, upsampling and zero-padding layers: values, Keras's aliases and defaults, errors naming the layer."""
import numpy as np
import pytest

import neurona as nr
from neurona import layers
from neurona.function import ShapeError


def test_course_max_pooling_of_a_feature_map():
    x = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=np.float32).reshape(1, 4, 4, 1)
    out = layers.MaxPool2D(pool_size=(2, 2))(nr.tensor(x)).numpy()[0, :, :, 0]
    np.testing.assert_array_equal(out, [[6, 8], [3, 4]])


def test_aliases_are_the_same_layers():
    assert layers.MaxPool2D is layers.MaxPooling2D and layers.AvgPool1D is layers.AveragePooling1D
    assert layers.GlobalMaxPool2D is layers.GlobalMaxPooling2D and layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D


def test_strides_default_to_pool_size_in_the_config():
    config = layers.MaxPooling2D((3, 2)).get_config()
    assert config["pool_size"] == [3, 2] and config["strides"] == [3, 2] and config["padding"] == "valid"
    assert config["data_format"] == "channels_last"


def test_upsampling_then_padding_values():
    x = nr.tensor(np.array([[1.0, 2.0]]).reshape(1, 1, 2, 1))
    up = layers.UpSampling2D((2, 1))(x)
    padded = layers.ZeroPadding2D(((0, 1), (1, 0)))(up).numpy()[0, :, :, 0]
    np.testing.assert_array_equal(padded, [[0, 1, 2], [0, 1, 2], [0, 0, 0]])


def test_pooling_layers_have_no_weights_and_pass_gradients():
    x = nr.tensor(np.random.default_rng(0).standard_normal((2, 4, 4, 3)), requires_grad=True)
    layer = layers.AveragePooling2D()
    layer(x).sum().backward()
    assert layer.count_params() == 0
    np.testing.assert_allclose(x.grad, 0.25)


@pytest.mark.parametrize("make, message", [
    (lambda: layers.MaxPooling2D(0), r"max_pooling2d: pool_size must be"),
    (lambda: layers.MaxPooling2D(2, padding="causal"), r"max_pooling2d: padding must be 'valid' or 'same'"),
    (lambda: layers.AveragePooling1D(2, strides=(1, 1)), r"average_pooling1d: strides must be"),
    (lambda: layers.GlobalMaxPooling2D(data_format="channels"), r"global_max_pooling2d: data_format"),
    (lambda: layers.UpSampling2D(interpolation="bilinear"), r"up_sampling2d: interpolation must be 'nearest'"),
    (lambda: layers.ZeroPadding2D((1, -1)), r"zero_padding2d: padding must be"),
    (lambda: layers.ZeroPadding2D("same"), r"zero_padding2d: padding must be"),
])
def test_bad_arguments_name_the_layer(make, message):
    layers.reset_names()
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("layer, shape", [
    (lambda: layers.MaxPooling2D(), (4, 4, 2)),
    (lambda: layers.GlobalAveragePooling1D(), (4, 4, 2, 1)),
    (lambda: layers.UpSampling2D(), (4, 4)),
    (lambda: layers.ZeroPadding2D(), (1, 4, 4)),
])
def test_wrong_rank_names_the_layer(layer, shape):
    layer = layer()
    with pytest.raises(ShapeError, match=rf"{layer.name}: expected inputs of rank"):
        layer(nr.tensor(np.zeros(shape)))
