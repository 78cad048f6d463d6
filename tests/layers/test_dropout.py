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


def test_rate_out_of_range_names_the_layer():
    with pytest.raises(ValueError, match="drop: rate must be in \\[0, 1\\), got 1.0"):
        Dropout(1.0, name="drop")
