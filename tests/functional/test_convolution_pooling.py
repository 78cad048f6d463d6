"""Pooling ops beyond the op table: ties and NaN as PyTorch handles them, padding, bad inputs."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona import accelerate
from neurona.function import ShapeError

from . import op_table  # noqa: F401  (the table first: its last line loads op_table_conv)
from .op_table_conv import nchw, nhwc, t_max_pool2d, t_pool1d

TIES = [
    ("2x2", lambda x: F.max_pool2d(x), t_max_pool2d(2), (2, 6, 4, 3)),
    ("overlapping-same", lambda x: F.max_pool2d(x, 3, 2, "same"), t_max_pool2d(3, 2, pad=(0, 1, 1, 1)), (2, 7, 6, 2)),
    ("stride-1", lambda x: F.max_pool2d(x, 2, 1), t_max_pool2d(2, 1), (1, 5, 5, 2)),
    ("1d", lambda x: F.max_pool1d(x, 3, 2), t_pool1d("max", 3, 2), (2, 9, 2)),
    ("global", F.global_max_pool2d, lambda x: __import__("torch").nn.functional.adaptive_max_pool2d(nchw(x), 1).flatten(1), (2, 3, 4, 3)),
]


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("name, ours, theirs, shape", TIES, ids=[t[0] for t in TIES])
def test_ties_send_the_gradient_where_torch_does(name, ours, theirs, shape, dtype):
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(0).integers(0, 2, size=shape).astype(dtype)
    mine = nr.tensor(x, requires_grad=True, dtype=dtype)
    ref = torch.tensor(x, requires_grad=True)
    out, expected = ours(mine), theirs(ref)
    np.testing.assert_array_equal(out.numpy(), expected.detach().numpy())
    weight = np.random.default_rng(1).standard_normal(out.shape).astype(dtype)
    out.backward(weight)
    expected.backward(torch.tensor(weight))
    np.testing.assert_array_equal(mine.grad, ref.grad.numpy())


def test_all_equal_window_gives_its_first_pixel_the_gradient():
    x = nr.tensor(np.zeros((1, 2, 2, 1)), requires_grad=True)
    F.max_pool2d(x).sum().backward()
    np.testing.assert_array_equal(x.grad[0, :, :, 0], [[1.0, 0.0], [0.0, 0.0]])


@pytest.mark.parametrize("pool", [F.max_pool2d, lambda x: F.max_pool2d(x, 3, 1, "same"), F.global_max_pool2d])
def test_nan_is_the_maximum_of_its_window(pool):
    x = np.arange(16.0).reshape(1, 4, 4, 1)
    x[0, 1, 0, 0] = np.nan
    t = nr.tensor(x, requires_grad=True)
    out = pool(t)
    assert np.isnan(out.numpy()).any()
    out.backward(np.ones(out.shape, dtype=np.float32))
    assert np.isfinite(t.grad).all() and t.grad[0, 1, 0, 0] > 0


@pytest.mark.parametrize("pool", [lambda x: F.max_pool2d(x), lambda x: F.max_pool2d(x, 3, 1, "same")])
def test_an_infinite_gradient_stays_at_the_maximum(pool):
    x = nr.tensor(np.arange(16.0).reshape(1, 4, 4, 1), requires_grad=True)
    out = pool(x)
    weight = np.zeros(out.shape, dtype=np.float32)
    weight.flat[0] = np.inf
    out.backward(weight)
    assert np.isinf(x.grad).sum() == 1 and not np.isnan(x.grad).any()


def test_nan_in_average_pooling_stays_in_its_window():
    x = np.ones((1, 4, 4, 1))
    x[0, 0, 0, 0] = np.nan
    out = F.avg_pool2d(nr.tensor(x)).numpy()[0, :, :, 0]
    assert np.isnan(out[0, 0]) and np.isfinite(out.ravel()[1:]).all()


def test_same_average_pooling_counts_only_pixels_inside():
    x = nr.tensor(np.arange(1.0, 6.0).reshape(1, 5, 1))
    np.testing.assert_allclose(F.avg_pool1d(x, 2, padding="same").numpy().ravel(), [1.5, 3.5, 5.0])
    np.testing.assert_allclose(F.max_pool1d(-x, 2, padding="same").numpy().ravel(), [-1.0, -3.0, -5.0])


def test_pooling_empty_batch():
    x = nr.tensor(np.zeros((0, 4, 4, 2)), requires_grad=True)
    out = F.max_pool2d(x) + F.avg_pool2d(x)
    assert out.shape == (0, 2, 2, 2)
    out.sum().backward()
    assert x.grad.shape == x.shape
    for pool in (F.global_max_pool2d, F.global_avg_pool2d):
        assert pool(x).shape == (0, 2)


def test_upsample_gradient_sums_each_block():
    x = nr.tensor(np.ones((1, 2, 3, 1)), requires_grad=True)
    y = F.upsample2d(x, (2, 3))
    assert y.shape == (1, 4, 9, 1)
    y.sum().backward()
    np.testing.assert_array_equal(x.grad, 6.0)


def test_global_pooling_torch_layout_round_trip():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(0).standard_normal((2, 3, 4, 5))
    ours = F.global_max_pool2d(nr.tensor(x, dtype="float64"), keepdims=True).numpy()
    np.testing.assert_array_equal(ours, nhwc(torch.tensor(x).amax((1, 2), keepdim=True).permute(0, 3, 1, 2)).numpy())


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.max_pool2d(np.zeros((4, 4, 1))), ShapeError, r"max_pool2d: expected a 4-D input .* got shape \(4, 4, 1\)"),
    (lambda: F.avg_pool1d(np.zeros((1, 4, 4, 1))), ShapeError, r"avg_pool1d: expected a 3-D input"),
    (lambda: F.max_pool2d(np.zeros((1, 4, 4, 1)), 0), ValueError, r"max_pool2d: pool_size must be"),
    (lambda: F.max_pool2d(np.zeros((1, 4, 4, 1)), 2, (2, 0)), ValueError, r"max_pool2d: strides must be"),
    (lambda: F.max_pool2d(np.zeros((1, 1, 4, 1)), 2), ShapeError, r"max_pool2d: a kernel spanning 2 pixels does not fit"),
    (lambda: F.avg_pool2d(np.zeros((1, 4, 4, 1)), 2, padding=2), ValueError, r"avg_pool2d: padding .* smaller than the pool size"),
    (lambda: F.max_pool2d(np.zeros((1, 4, 4, 1)), padding="full"), ValueError, r"max_pool2d: padding must be"),
    (lambda: F.max_pool2d(np.zeros((1, 4, 4, 1), dtype=np.uint8)), TypeError, r"max_pool2d: expected a floating input, got uint8"),
    (lambda: F.global_max_pool2d(np.zeros((2, 0, 3, 1))), ShapeError, r"global_max_pool2d: .* no pixels"),
    (lambda: F.global_avg_pool1d(np.zeros((2, 3))), ShapeError, r"global_avg_pool1d: expected a 3-D input"),
    (lambda: F.upsample2d(np.zeros((1, 2, 2, 1)), 0), ValueError, r"upsample2d: size must be"),
    (lambda: F.upsample2d(np.zeros((1, 2, 2, 1)), data_format="channels_middle"), ValueError, r"upsample2d: data_format"),
])
def test_bad_inputs_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("compiled", [False, True], ids=["numpy", "compiled"])
def test_max_pooling_output_changed_in_place_is_refused_not_a_wrong_gradient(compiled):
    """The NumPy backward compares the input with the saved output: an output changed after the
    forward pass gave an all-zero gradient before the output was saved."""
    accelerate.set_enabled(compiled)
    try:
        x = nr.tensor(np.arange(16.0).reshape(1, 4, 4, 1), requires_grad=True)
        y = F.max_pool2d(x)
        with nr.no_grad():
            y.add_(100.0)
        with pytest.raises(RuntimeError, match="MaxPool needs its output .* changed in place"):
            F.sum(y).backward()
    finally:
        accelerate.set_enabled(None)
