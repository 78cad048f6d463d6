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
from neurona.layers.base import LAYERS, Layer, deserialize, reset_names, serialize
from neurona.layers.dense import Dense
from neurona.layers.dropout import Dropout
from neurona.layers.input_layer import Input, InputLayer
from neurona.layers.maxout import Maxout
from neurona.layers.merging import Add, Concatenate
from neurona.layers.normalization import BatchNormalization
from neurona.layers.reshaping import Flatten, Reshape

__all__ = [
    "ELU", "LAYERS", "Activation", "Add", "BatchNormalization", "Concatenate", "Dense", "Dropout", "Flatten",
    "Input", "InputLayer", "Layer", "LeakyReLU", "Maxout", "PReLU", "ReLU", "Reshape", "Sigmoid", "Softmax",
    "Tanh", "deserialize", "reset_names", "serialize",
]
