import numpy as np
import pytest

import neurona as nr
from neurona.layers import Conv2D, Conv2DTranspose, Dense, Flatten, Input, MaxPooling2D
from neurona.models import Model, Sequential
from neurona.plot import feature_maps, filters

from .picture import assert_picture


def built_conv(channels=1, filters_=6, **kwargs):
    layer = Conv2D(filters_, 3, **kwargs)
    layer(nr.tensor(np.zeros((1, 8, 8, channels))))
    return layer


def test_each_filter_is_a_tile_of_its_weights():
    layer = built_conv(channels=2)
    fig = filters(layer, channel=1)
    mosaic = fig.axes[0].images[0].get_array()
    kernel = layer.kernel.data                               # (3, 3, in, out)
    np.testing.assert_allclose(mosaic[0:3, 0:3], kernel[:, :, 1, 0], rtol=1e-6)
    np.testing.assert_allclose(mosaic[0:3, 4:7], kernel[:, :, 1, 1], rtol=1e-6)
    assert np.ma.is_masked(mosaic[3, 0])                      # the padding between tiles
    assert_picture(fig, axes=2)                               # the tiles and the colour bar


def test_three_input_channels_are_drawn_in_colour():
    fig = filters(built_conv(channels=3))
    rgb = fig.axes[0].images[0].get_array()
    assert rgb.ndim == 3 and rgb.shape[2] == 3 and 0 <= rgb.min() and rgb.max() <= 1
    assert_picture(fig, axes=1)


def test_transposed_convolution_filters():
    layer = Conv2DTranspose(4, 3)
    layer(nr.tensor(np.zeros((1, 5, 5, 2))))
    assert "4 filters 3×3" in filters(layer).axes[0].get_title()


def test_filters_refuse_other_layers_and_unbuilt_ones():
    with pytest.raises(TypeError, match="expected a Conv2D"):
        filters(Dense(3))
    with pytest.raises(ValueError, match="is not built yet"):
        filters(Conv2D(4, 3))
    with pytest.raises(ValueError, match="has 1 input channels, no channel 2"):
        filters(built_conv(), channel=2)


def test_feature_maps_are_the_layers_outputs_scaled_per_map():
    conv = Conv2D(4, 3, activation="relu", input_shape=(8, 8, 1))
    model = Sequential([conv, MaxPooling2D(2), Flatten(), Dense(2)])
    model.build()
    image = np.random.default_rng(0).random((8, 8)).astype(np.float32)
    fig = feature_maps(model, image, conv)
    out = conv(nr.tensor(image[None, :, :, None])).data[0]    # (6, 6, 4)
    first = out[..., 0]
    expected = (first - first.min()) / (first.max() - first.min())
    np.testing.assert_allclose(fig.axes[0].images[0].get_array()[:6, :6], expected, atol=1e-6)
    assert "forward" not in conv.__dict__                     # the capture is undone
    assert_picture(fig, axes=1)


def test_feature_maps_in_a_functional_model_by_name():
    inputs = Input(shape=(8, 8, 3))
    hidden = Conv2D(5, 3, name="edges")(inputs)
    model = Model(inputs, Dense(1)(Flatten()(hidden)))
    fig = feature_maps(model, np.ones((1, 8, 8, 3)), "edges")
    assert fig.axes[0].get_title() == "edges: 5 maps 6×6"


def test_feature_maps_refuse_what_they_cannot_draw():
    conv = Conv2D(4, 3, input_shape=(8, 8, 1))
    dense = Dense(2)
    model = Sequential([conv, Flatten(), dense])
    model.build()
    with pytest.raises(ValueError, match="not maps"):
        feature_maps(model, np.ones((8, 8)), dense)
    with pytest.raises(ValueError, match="no layer named 'nope'"):
        feature_maps(model, np.ones((8, 8)), "nope")
    with pytest.raises(ValueError, match="is not used by the model"):
        feature_maps(model, np.ones((8, 8)), Conv2D(2, 3))
    with pytest.raises(ValueError, match="expected one image"):
        feature_maps(model, np.ones((2, 8, 8, 1)), conv)
