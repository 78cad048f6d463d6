"""Embedding: lookup, the scatter-add gradient, masks, Keras defaults and clear errors."""
import numpy as np
import pytest

import neurona as nr
from neurona.layers import Embedding


def test_gradient_is_the_scatter_add_of_np_add_at():
    rng = np.random.default_rng(0)
    layer = Embedding(50, 6)
    ids = rng.integers(0, 50, size=(8, 30))  # many repeated ids
    out = layer(ids)
    grad = rng.standard_normal(out.shape).astype("float32")
    out.backward(nr.tensor(grad))
    expected = np.zeros((50, 6), "float32")
    np.add.at(expected, ids.reshape(-1), grad.reshape(-1, 6))
    np.testing.assert_allclose(layer.embeddings.grad, expected, rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(out.numpy(), layer.embeddings.data[ids])


def test_empty_ids_give_an_empty_output_and_a_zero_gradient():
    layer = Embedding(5, 3)
    out = layer(np.zeros((0, 4), int))
    out.sum().backward()
    assert out.shape == (0, 4, 3) and not layer.embeddings.grad.any()


def test_keras_defaults_and_mask():
    layer = Embedding(1000, 16)
    ids = np.array([[1, 0, 3]])
    layer(ids)
    w = layer.embeddings.data
    assert w.dtype == np.float32 and -0.05 <= w.min() and w.max() <= 0.05 and w.std() > 0.02
    assert layer.compute_mask(ids) is None
    np.testing.assert_array_equal(Embedding(10, 2, mask_zero=True).compute_mask(ids), [[True, False, True]])


def test_whole_float_ids_are_accepted_as_keras_casts_them():
    layer = Embedding(5, 2)
    np.testing.assert_array_equal(layer(np.array([[1.0, 4.0]])).numpy(), layer(np.array([[1, 4]])).numpy())


@pytest.mark.parametrize("ids, error, message", [
    (np.array([[1, 7]]), ValueError, r"words: id 7 is out of range for input_dim=5"),
    (np.array([[-1, 2]]), ValueError, r"words: id -1 is out of range for input_dim=5"),
    (np.array([[1.5, 2.0]]), ValueError, r"words: ids must be integers, got 1.5"),
    (np.array([[np.nan]]), ValueError, r"words: ids must be integers, got nan"),
    (np.array([["a"]]), TypeError, r"words: ids must be integers, got dtype <U1"),
])
def test_bad_ids_are_refused_with_the_layer_name(ids, error, message):
    with pytest.raises(error, match=message):
        Embedding(5, 2, name="words")(ids)


@pytest.mark.parametrize("kwargs", [{"input_dim": 0, "output_dim": 2}, {"input_dim": 3, "output_dim": 2.5}])
def test_bad_sizes_are_refused(kwargs):
    with pytest.raises(ValueError, match="must be a positive integer"):
        Embedding(**kwargs)
