"""Keras-style layers: configured by keyword, built lazily from the first input's shape.

Examples
--------
>>> import numpy as np
>>> import neurona as nr
>>> from neurona import layers
>>> hidden = layers.Dense(64, activation="relu")
>>> hidden(nr.tensor(np.zeros((8, 20)))).shape
(8, 64)
"""
from neurona.layers.activation import ELU, Activation, LeakyReLU, PReLU, ReLU, Sigmoid, Softmax, Tanh
from neurona.layers.activity_regularization import ActivityRegularization
from neurona.layers.base import LAYERS, Layer, call_masked, deserialize, reset_names, serialize
from neurona.layers.convolutional import Conv1D, Conv2D, Conv2DTranspose
from neurona.layers.dense import Dense
from neurona.layers.dropout import Dropout
from neurona.layers.embedding import Embedding
from neurona.layers.input_layer import Input, InputLayer
from neurona.layers.masking import Masking
from neurona.layers.maxout import Maxout
from neurona.layers.merging import Add, Concatenate
from neurona.layers.noise import GaussianDropout, GaussianNoise
from neurona.layers.normalization import BatchNormalization
from neurona.layers.padding import ZeroPadding2D
from neurona.layers.pooling import (
    AveragePooling1D,
    AveragePooling2D,
    AvgPool1D,
    AvgPool2D,
    GlobalAveragePooling1D,
    GlobalAveragePooling2D,
    GlobalAvgPool1D,
    GlobalAvgPool2D,
    GlobalMaxPool1D,
    GlobalMaxPool2D,
    GlobalMaxPooling1D,
    GlobalMaxPooling2D,
    MaxPool1D,
    MaxPool2D,
    MaxPooling1D,
    MaxPooling2D,
)
from neurona.layers.recurrent import GRU, LSTM, SimpleRNN
from neurona.layers.reshaping import Flatten, Reshape
from neurona.layers.sampling import Sampling
from neurona.layers.upsampling import UpSampling2D
from neurona.layers.wrappers import Bidirectional, TimeDistributed

LAYERS.provided_by("neurona.text.vectorization", "TextVectorization")  # a layer of neurona.text, found on loading

__all__ = [
    "ELU", "LAYERS", "Activation", "Add", "BatchNormalization", "Concatenate", "Dense", "Dropout", "Flatten",
    "Input", "InputLayer", "Layer", "LeakyReLU", "Maxout", "PReLU", "ReLU", "Reshape", "Sigmoid", "Softmax",
    "Tanh", "call_masked", "deserialize", "reset_names", "serialize",
    "AveragePooling1D", "AveragePooling2D", "AvgPool1D", "AvgPool2D", "Conv1D", "Conv2D", "Conv2DTranspose",
    "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAvgPool1D", "GlobalAvgPool2D", "GlobalMaxPool1D",
    "GlobalMaxPool2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "MaxPool1D", "MaxPool2D", "MaxPooling1D",
    "MaxPooling2D", "UpSampling2D", "ZeroPadding2D",
    "Bidirectional", "Embedding", "GRU", "LSTM", "Masking", "SimpleRNN", "TimeDistributed",
    "ActivityRegularization", "GaussianDropout", "GaussianNoise",
    "Sampling",
]
