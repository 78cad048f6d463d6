"""Data utilities on NumPy arrays: splits, one-hot encoding, scalers, batching, toy sets.

Examples
--------
>>> import numpy as np
>>> from neurona.data import DataLoader, train_test_split
>>> x, y = np.arange(20.0).reshape(10, 2), np.arange(10) % 2
>>> x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, seed=0)
>>> len(DataLoader(x_train, y_train, batch_size=3))
3
"""

from .encoding import one_hot, to_categorical
from .loader import DataLoader
from .playground import (
    make_circle,
    make_gaussians,
    make_multi_gaussian,
    make_plane,
    make_spiral,
    make_xor,
)
from .scalers import MinMaxScaler, StandardScaler
from .split import train_dev_test_split, train_test_split

__all__ = [
    "train_test_split",
    "train_dev_test_split",
    "one_hot",
    "to_categorical",
    "StandardScaler",
    "MinMaxScaler",
    "DataLoader",
    "make_circle",
    "make_xor",
    "make_gaussians",
    "make_spiral",
    "make_plane",
    "make_multi_gaussian",
]
