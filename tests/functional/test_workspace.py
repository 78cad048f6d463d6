"""The buffers that convolution and pooling keep between steps are handed out only when unused."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.functional import _workspace as workspace


def test_an_array_in_use_is_not_handed_out_again():
    a = workspace.empty((3, 7, 11), np.float32)
    view = a[1:].reshape(-1)
    del a
    b = workspace.empty((3, 7, 11), np.float32)
    assert not np.shares_memory(b, view)


def test_an_unused_array_is_handed_out_again():
    a = workspace.empty((5, 13), np.float64)
    address = a.ctypes.data
    del a
    assert workspace.empty((5, 13), np.float64).ctypes.data == address
    assert workspace.empty((5, 13), np.float32).dtype == np.float32


def test_zeros_are_zero_after_reuse():
    a = workspace.empty((4, 9), np.float32)
    a.fill(7)
    del a
    assert not workspace.zeros((4, 9), np.float32).any()


def test_outputs_kept_by_the_caller_are_not_overwritten_by_the_next_step():
    rng = np.random.default_rng(0)
    x1, x2 = (nr.tensor(rng.standard_normal((2, 6, 6, 3))) for _ in range(2))
    kernel = nr.tensor(rng.standard_normal((3, 3, 3, 4)), requires_grad=True)
    y1 = F.max_pool2d(F.conv2d(x1, kernel, activation="relu"))
    first = y1.numpy().copy()
    y1.sum().backward()
    y2 = F.max_pool2d(F.conv2d(x2, kernel, activation="relu"))
    y2.sum().backward()
    np.testing.assert_array_equal(y1.numpy(), first)
    assert not np.shares_memory(y1.numpy(), y2.numpy())


def test_only_relu_is_fused():
    x, kernel = nr.tensor(np.zeros((1, 4, 4, 1))), nr.tensor(np.zeros((2, 2, 1, 1)))
    with pytest.raises(ValueError, match="conv2d: activation must be None or 'relu'.*'tanh'"):
        F.conv2d(x, kernel, activation="tanh")
