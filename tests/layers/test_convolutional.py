"""Conv1D, Conv2D, Conv2DTranspose: gradients through the Module API, torch parity, Keras's shapes and errors."""
import numpy as np
import pytest

import neurona as nr
from neurona import layers
from neurona.function import ShapeError
from neurona.layers import Conv1D, Conv2D, Conv2DTranspose, Dense, Dropout, Flatten, MaxPool2D, MaxPooling2D
from neurona.models import Sequential

from .harness import check_layer_gradients


@pytest.mark.parametrize("layer, shape", [
    (lambda: Conv2D(2, 3, padding="same", activation="tanh", dtype="float64"), (2, 4, 5, 3)),
    (lambda: Conv2D(2, (2, 3), strides=(2, 1), data_format="channels_first", dtype="float64"), (2, 2, 5, 4)),
    (lambda: Conv1D(3, 2, dilation_rate=2, padding="causal", dtype="float64"), (2, 6, 2)),
    (lambda: Conv2DTranspose(2, 3, strides=2, padding="same", dtype="float64"), (2, 3, 2, 3)),
])
def test_gradcheck_input_and_parameters(layer, shape):
    check_layer_gradients(layer(), np.random.default_rng(0).standard_normal(shape))


def test_conv2d_matches_torch():
    torch = pytest.importorskip("torch")
    layer = Conv2D(4, 3, strides=2, padding="same", activation="relu", dtype="float64")
    x = np.random.default_rng(0).standard_normal((2, 8, 8, 3))
    ours = layer(nr.tensor(x, dtype="float64")).numpy()
    ref = torch.nn.Conv2d(3, 4, 3, stride=2, padding=0).double()
    with torch.no_grad():
        ref.weight.copy_(torch.tensor(layer.kernel.data).permute(3, 2, 0, 1))
        ref.bias.copy_(torch.tensor(layer.bias.data))
        expected = torch.relu(ref(torch.nn.functional.pad(torch.tensor(x).permute(0, 3, 1, 2), (0, 1, 0, 1))))
    np.testing.assert_allclose(ours, expected.permute(0, 2, 3, 1).numpy(), rtol=1e-10, atol=1e-12)


def test_kernel_layout_and_initial_values():
    layer = Conv2D(32, 3)
    layer.build((None, 28, 28, 1))
    assert layer.kernel.shape == (3, 3, 1, 32) and layer.kernel.dtype == np.float32
    limit = np.sqrt(6 / (9 * 1 + 9 * 32))  # Glorot: fans are kh*kw*in and kh*kw*out
    assert np.abs(layer.kernel.data).max() <= limit and layer.kernel.data.std() > limit / 3
    np.testing.assert_array_equal(layer.bias.data, 0)
    transposed = Conv2DTranspose(8, (2, 3))
    transposed.build((None, 7, 7, 16))
    assert transposed.kernel.shape == (2, 3, 8, 16) and transposed.bias.shape == (8,)


def test_keras_mnist_convnet_summary():
    layers.reset_names()
    model = Sequential([
        Conv2D(32, kernel_size=(3, 3), activation="relu", input_shape=(28, 28, 1)),
        MaxPooling2D(pool_size=(2, 2)),
        Conv2D(64, kernel_size=(3, 3), activation="relu"),
        MaxPool2D(pool_size=(2, 2)),
        Flatten(),
        Dropout(0.5),
        Dense(10, activation="softmax"),
    ])
    lines = []
    model.summary(print_fn=lines.append)
    table = [" ".join(line.split()) for line in lines[0].splitlines()]
    for row in ["conv2d (Conv2D)                 (None, 26, 26, 32)           320",
                "max_pooling2d (MaxPooling2D)    (None, 13, 13, 32)             0",
                "conv2d_1 (Conv2D)               (None, 11, 11, 64)        18,496",
                "max_pooling2d_1 (MaxPooling2D)  (None, 5, 5, 64)               0",
                "flatten (Flatten)               (None, 1600)                   0",
                "dense (Dense)                   (None, 10)                16,010",
                "Total params: 34,826"]:
        assert " ".join(row.split()) in table
    assert model.count_params() == 34_826


def test_unknown_spatial_sizes_stay_unknown():
    assert Conv2D(4, 3, strides=2).compute_output_shape((None, None, 9, 3)) == (None, None, 4, 4)
    assert Conv2DTranspose(4, 3, strides=2).compute_output_shape((None, 5, None, 3)) == (None, 11, None, 4)


def test_final_softmax_convolution_trains_from_logits():
    model = Sequential([Conv2D(3, 2, input_shape=(4, 4, 1)), layers.GlobalAveragePooling2D(), layers.Activation("softmax")])
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    x = np.random.default_rng(0).standard_normal((8, 4, 4, 1)).astype(np.float32)
    history = model.fit(x, np.arange(8) % 3, epochs=2, verbose=0)
    assert np.isfinite(history.history["loss"]).all()
    assert model.predict(x).shape == (8, 3)


@pytest.mark.parametrize("make, message", [
    (lambda: Conv2D(0, 3), "conv2d: filters must be a positive integer"),
    (lambda: Conv2D(True, 3), "conv2d: filters must be a positive integer"),
    (lambda: Conv2D(2.7, 3), "conv2d: filters must be a positive integer"),
    (lambda: Conv2D(2, 0), r"conv2d: kernel_size must be"),
    (lambda: Conv2D(2, (3, 3, 3)), r"conv2d: kernel_size must be"),
    (lambda: Conv2D(2, 3, strides=0), r"conv2d: strides must be"),
    (lambda: Conv2D(2, 3, padding="causal"), r"conv2d: padding must be one of \('valid', 'same'\)"),
    (lambda: Conv2D(2, 3, data_format="NCHW"), r"conv2d: data_format"),
    (lambda: Conv2DTranspose(2, 3, strides=2, output_padding=2), r"conv2d_transpose: output_padding \(2, 2\) must be smaller"),
])
def test_bad_arguments_name_the_layer(make, message):
    layers.reset_names()
    with pytest.raises(ValueError, match=message):
        make()


def test_bad_inputs_name_the_layer():
    layers.reset_names()
    layer = Conv2D(2, 3)
    with pytest.raises(ShapeError, match=r"conv2d: expected inputs of rank 4 \(batch, \*spatial, channels\), got shape \(5, 5, 1\)"):
        layer(nr.tensor(np.zeros((5, 5, 1))))
    layer(nr.tensor(np.zeros((1, 5, 5, 1))))
    with pytest.raises(ValueError, match=r"conv2d: expected 1 input features, got 3"):
        layer(nr.tensor(np.zeros((1, 5, 5, 3))))
    with pytest.raises(ShapeError, match=r"a kernel spanning 3 pixels does not fit"):
        layer(nr.tensor(np.zeros((1, 2, 5, 1))))
    first = Conv1D(2, 3, data_format="channels_first")
    first(nr.tensor(np.zeros((1, 2, 5))))
    with pytest.raises(ShapeError, match=r"conv1d: the input of shape \(1, 3, 5\) has 3 channels but the kernel"):
        first(nr.tensor(np.zeros((1, 3, 5))))
    with pytest.raises(ShapeError, match=r"conv2d_1: a kernel spanning 5 pixels does not fit"):
        Sequential([Conv2D(2, 5, input_shape=(4, 8, 1))]).build()
