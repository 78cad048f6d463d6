"""Dropout: inverted dropout in training, the identity in evaluation, seeded masks."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import Dropout


def test_training_drops_and_rescales():
    x = nr.tensor(np.ones((200, 50)))
    out = Dropout(0.25)(x).numpy()
    assert set(np.unique(out)) <= {0.0, np.float32(1 / 0.75)}
    assert abs((out == 0).mean() - 0.25) < 0.02


def test_evaluation_is_the_identity():
    x = nr.tensor(np.ones((3, 4)))
    assert Dropout(0.5).eval()(x) is x


def test_masks_follow_the_global_seed():
    x = nr.tensor(np.ones((10, 10)))
    layer = Dropout(0.5)
    nr.random.seed(7)
    first = layer(x).numpy()
    nr.random.seed(7)
    np.testing.assert_array_equal(layer(x).numpy(), first)


@pytest.mark.parametrize("rate", [1.5, -0.1, "0.5", None])
def test_rate_out_of_range_names_the_layer(rate):
    with pytest.raises(ValueError, match=r"drop: rate must be a number in \[0, 1\], got"):
        Dropout(rate, name="drop")


def test_rate_one_drops_everything_while_training_as_keras_allows():
    x = nr.tensor(np.full((3, 4), np.inf), requires_grad=True)
    layer = Dropout(1.0)
    out = layer(x)
    np.testing.assert_array_equal(out.numpy(), 0.0)
    out.sum().backward()
    np.testing.assert_array_equal(x.grad, 0.0)
    assert layer.eval()(x) is x
