"""The Keras-style harness applied to every layer of neurona.layers."""
import pytest

from neurona import layers

from .harness import Ids, run_layer_test

L1 = {"class_name": "L1", "config": {"l1": 0.01}}

CASES = [
    (layers.Dense, {"units": 3}, (4, 5), (4, 3)),
    (layers.Dense, {"units": 4, "activation": "tanh", "use_bias": False, "kernel_regularizer": "l2"}, (2, 3, 5), (2, 3, 4)),
    (layers.Dense, {"units": 2, "kernel_initializer": "he_normal", "bias_regularizer": L1, "input_dim": 5}, (4, 5), (4, 2)),
    (layers.Activation, {"activation": "softplus"}, (4, 5), (4, 5)),
    (layers.Activation, {"activation": None}, (4, 5), (4, 5)),
    (layers.ReLU, {}, (4, 5), (4, 5)),
    (layers.Sigmoid, {}, (4, 5), (4, 5)),
    (layers.Tanh, {}, (4, 5), (4, 5)),
    (layers.LeakyReLU, {"negative_slope": 0.2}, (4, 5), (4, 5)),
    (layers.ELU, {"alpha": 0.5}, (4, 5), (4, 5)),
    (layers.Softmax, {"axis": 1}, (2, 3, 4), (2, 3, 4)),
    (layers.PReLU, {}, (4, 5), (4, 5)),
    (layers.PReLU, {"alpha_initializer": "ones", "alpha_regularizer": "l1_l2"}, (2, 3, 5), (2, 3, 5)),
    (layers.Maxout, {"units": 3, "pieces": 2}, (4, 5), (4, 3)),
    (layers.Maxout, {"units": 2, "pieces": 3, "use_bias": False, "kernel_regularizer": "l1"}, (4, 5), (4, 2)),
    (layers.Dropout, {"rate": 0.3}, (4, 5), (4, 5)),
    (layers.Flatten, {}, (2, 3, 4), (2, 12)),
    (layers.Reshape, {"target_shape": (2, -1)}, (2, 6), (2, 2, 3)),
    (layers.Reshape, {"target_shape": (3, 2), "input_shape": (6,)}, (2, 6), (2, 3, 2)),
    (layers.BatchNormalization, {}, (8, 5), (8, 5)),
    (layers.BatchNormalization, {"momentum": 0.9, "center": False, "gamma_regularizer": "l2"}, (4, 3, 5), (4, 3, 5)),
    (layers.BatchNormalization, {"scale": False, "dtype": "float64"}, (8, 5), (8, 5)),
    (layers.Concatenate, {}, [(4, 2), (4, 3)], (4, 5)),
    (layers.Concatenate, {"axis": 1}, [(2, 1, 3), (2, 2, 3)], (2, 3, 3)),
    (layers.Add, {}, [(4, 3), (4, 3), (4, 3)], (4, 3)),
    # convolution, pooling, padding, upsampling
    (layers.Conv2D, {"filters": 4, "kernel_size": 3}, (2, 6, 5, 3), (2, 4, 3, 4)),
    (layers.Conv2D, {"filters": 2, "kernel_size": (2, 3), "strides": 2, "padding": "same", "activation": "relu",
                     "kernel_regularizer": "l2", "bias_initializer": "ones"}, (2, 5, 7, 1), (2, 3, 4, 2)),
    (layers.Conv2D, {"filters": 3, "kernel_size": 3, "dilation_rate": 2, "use_bias": False, "data_format": "channels_first",
                     "input_shape": (2, 7, 6)}, (2, 2, 7, 6), (2, 3, 3, 2)),
    (layers.Conv1D, {"filters": 3, "kernel_size": 3, "padding": "causal", "dilation_rate": 2}, (2, 7, 2), (2, 7, 3)),
    (layers.Conv1D, {"filters": 2, "kernel_size": 2, "strides": 2, "data_format": "channels_first"}, (2, 3, 7), (2, 2, 3)),
    (layers.Conv2DTranspose, {"filters": 2, "kernel_size": 3, "strides": 2, "padding": "same"}, (2, 3, 4, 3), (2, 6, 8, 2)),
    (layers.Conv2DTranspose, {"filters": 3, "kernel_size": 3, "strides": 2, "output_padding": 1, "activation": "tanh"},
     (2, 3, 3, 2), (2, 8, 8, 3)),
    (layers.MaxPooling2D, {}, (2, 5, 6, 3), (2, 2, 3, 3)),
    (layers.MaxPooling2D, {"pool_size": 3, "strides": 2, "padding": "same", "data_format": "channels_first"}, (2, 3, 5, 6), (2, 3, 3, 3)),
    (layers.MaxPooling1D, {"pool_size": 3, "strides": 1}, (2, 7, 2), (2, 5, 2)),
    (layers.AveragePooling2D, {"pool_size": (2, 3), "padding": "same"}, (2, 5, 7, 2), (2, 3, 3, 2)),
    (layers.AveragePooling1D, {}, (2, 7, 3), (2, 3, 3)),
    (layers.GlobalMaxPooling2D, {}, (2, 4, 5, 3), (2, 3)),
    (layers.GlobalMaxPooling1D, {"keepdims": True}, (2, 6, 3), (2, 1, 3)),
    (layers.GlobalAveragePooling2D, {"keepdims": True, "data_format": "channels_first"}, (2, 3, 4, 5), (2, 3, 1, 1)),
    (layers.GlobalAveragePooling1D, {}, (2, 6, 3), (2, 3)),
    (layers.UpSampling2D, {"size": (2, 3)}, (2, 3, 2, 2), (2, 6, 6, 2)),
    (layers.ZeroPadding2D, {"padding": ((1, 0), (2, 1))}, (2, 3, 4, 2), (2, 4, 7, 2)),
    (layers.ZeroPadding2D, {"padding": 1, "data_format": "channels_first"}, (2, 2, 3, 3), (2, 2, 5, 5)),
    # embedding and recurrent layers
    (layers.Embedding, {"input_dim": 7, "output_dim": 3}, Ids((2, 5), 7), (2, 5, 3)),
    (layers.Embedding, {"input_dim": 9, "output_dim": 2, "mask_zero": True, "embeddings_regularizer": "l2"},
     Ids((3, 4), 9), (3, 4, 2)),
    (layers.SimpleRNN, {"units": 3}, (2, 4, 5), (2, 3)),
    (layers.SimpleRNN, {"units": 2, "activation": "relu", "return_sequences": True, "go_backwards": True,
                        "recurrent_regularizer": "l2"}, (2, 4, 3), (2, 4, 2)),
    (layers.LSTM, {"units": 3}, (2, 4, 5), (2, 3)),
    (layers.LSTM, {"units": 2, "return_sequences": True, "unit_forget_bias": False, "kernel_regularizer": "l2",
                   "dropout": 0.2, "recurrent_dropout": 0.3}, (2, 4, 3), (2, 4, 2)),
    (layers.GRU, {"units": 3}, (2, 4, 5), (2, 3)),
    (layers.GRU, {"units": 2, "reset_after": False, "go_backwards": True, "use_bias": False}, (2, 4, 3), (2, 2)),
    (layers.Bidirectional, {"layer": layers.LSTM(3, return_sequences=True)}, (2, 4, 5), (2, 4, 6)),
    (layers.Bidirectional, {"layer": layers.GRU(2), "merge_mode": "sum"}, (2, 4, 3), (2, 2)),
    (layers.TimeDistributed, {"layer": layers.Dense(3, activation="relu")}, (2, 4, 5), (2, 4, 3)),
    (layers.Masking, {}, (2, 4, 3), (2, 4, 3)),
    # noise and activity penalties (autoencoders)
    (layers.GaussianNoise, {"stddev": 0.5}, (4, 5), (4, 5)),
    (layers.GaussianNoise, {"stddev": 0.1, "input_shape": (2, 3)}, (4, 2, 3), (4, 2, 3)),
    (layers.GaussianDropout, {"rate": 0.3}, (4, 5), (4, 5)),
    (layers.ActivityRegularization, {}, (4, 5), (4, 5)),
    (layers.Sampling, {}, [(4, 3), (4, 3)], (4, 3)),
]

NOT_CALLED_ON_DATA = {layers.InputLayer}  # it makes the symbolic tensor a model starts from (tests/training)
NOT_CALLED_ON_DATA |= {layers.LAYERS.lookup("TextVectorization")}  # strings in, no weights: tests/text/test_vectorization.py


@pytest.mark.parametrize("cls, kwargs, input_shape, output_shape", CASES, ids=lambda v: getattr(v, "__name__", None))
def test_layer(cls, kwargs, input_shape, output_shape):
    run_layer_test(cls, kwargs, input_shape, output_shape)


def test_every_layer_has_a_case():
    exported = [getattr(layers, name) for name in layers.__all__]
    classes = {c for c in exported if isinstance(c, type) and issubclass(c, layers.Layer) and c is not layers.Layer}
    missing = sorted(c.__name__ for c in classes - {cls for cls, *_ in CASES} - NOT_CALLED_ON_DATA)
    assert not missing, f"layers with no case in tests/layers/test_every_layer.py: {missing}"
