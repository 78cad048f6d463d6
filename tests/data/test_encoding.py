import numpy as np
import pytest

from neurona.data import one_hot, to_categorical


def test_one_hot_basic():
    out = one_hot(np.array([2, 0, 1]))
    assert out.dtype == np.float32 and out.shape == (3, 3)
    np.testing.assert_array_equal(out, np.eye(3)[[2, 0, 1]])


def test_num_classes_dtype_and_shape():
    out = one_hot([[1, 0], [3, 2]], num_classes=5, dtype=np.int64)
    assert out.shape == (2, 2, 5) and out.dtype == np.int64
    assert out.sum() == 4 and out[1, 0, 3] == 1


def test_integral_floats_are_accepted():
    np.testing.assert_array_equal(one_hot(np.array([1.0, 0.0])), [[0, 1], [1, 0]])


def test_alias():
    assert to_categorical is one_hot


@pytest.mark.parametrize(
    "labels, match", [([0, 3], "label 3 .* num_classes=3"), ([0, -1], "label -1")]
)
def test_out_of_range_labels(labels, match):
    with pytest.raises(ValueError, match=match):
        one_hot(labels, num_classes=3)


def test_non_integer_labels():
    with pytest.raises(ValueError, match="integers"):
        one_hot([0.5, 1.0])
    with pytest.raises(ValueError, match="num_classes is required"):
        one_hot(np.array([], dtype=np.int64))
