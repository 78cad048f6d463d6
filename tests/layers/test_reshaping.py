"""Flatten and Reshape keep the batch axis."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import Flatten, Reshape


def test_flatten_keeps_the_batch_axis():
    x = np.arange(24.0).reshape(2, 3, 4)
    np.testing.assert_array_equal(Flatten()(nr.tensor(x)).numpy(), x.reshape(2, 12))
    assert Flatten().compute_output_shape((None, 3, None)) == (None, None)


def test_reshape_resolves_minus_one_in_output_shapes():
    assert Reshape((-1, 4)).compute_output_shape((None, 12)) == (None, 3, 4)
    assert Reshape((-1, 4)).compute_output_shape((None, None)) == (None, None, 4)


def test_reshape_error_names_the_layer_and_the_shapes():
    with pytest.raises(ValueError, match=r"unfold: cannot reshape inputs of shape \(2, 10\) to \(batch, \*\(3, 3\)\)"):
        Reshape((3, 3), name="unfold")(nr.tensor(np.zeros((2, 10))))


def test_reshape_rejects_bad_targets():
    with pytest.raises(ValueError, match="at most one -1"):
        Reshape((-1, -1))
