"""Maxout: the largest of each group of affine units."""
import numpy as np

import neurona as nr
from neurona.layers import Maxout

from .harness import check_layer_gradients


def test_forward_is_the_max_of_consecutive_pieces():
    layer = Maxout(units=2, pieces=3, bias_initializer="random_normal")
    x = np.random.default_rng(0).standard_normal((4, 5)).astype(np.float32)
    out = layer(nr.tensor(x))
    z = x @ layer.kernel.data + layer.bias.data
    np.testing.assert_allclose(out.numpy(), z.reshape(4, 2, 3).max(axis=-1), rtol=1e-6)


def test_gradcheck_input_and_parameters():
    x = np.random.default_rng(1).standard_normal((5, 4))
    check_layer_gradients(Maxout(units=3, pieces=2, bias_initializer="random_normal", dtype="float64"), x)
