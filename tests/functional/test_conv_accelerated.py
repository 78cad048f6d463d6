"""The compiled convolution and pooling kernels give the NumPy reference's outputs and gradients.

Every convolution and pooling row of the op table (each padding, stride, dilation and
layout it covers) runs with :mod:`neurona.accelerate` off and on, in float32 and float64;
a few more cases add what the rows do not: the benchmark's shapes, ties, NaN and
infinities, an infinite upstream gradient, an empty batch.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neurona as nr
import neurona.functional as F
from neurona import accelerate

from .conv_geometry import GEOMETRY, fits
from .op_table import ROWS
from .op_table_conv import CONV_ROWS

pytest.importorskip("numba")

TOLERANCE = {np.float32: 2e-5, np.float64: 1e-12}


@pytest.fixture(autouse=True)
def restore_accelerate():
    yield
    accelerate.set_enabled(None)


def _run(fn, arrays, upstream_seed: int, enabled: bool):
    """Outputs and input gradients of ``fn`` with the kernels ``enabled`` or not."""
    accelerate.set_enabled(enabled)
    inputs = [nr.tensor(a, requires_grad=True, dtype=a.dtype) for a in arrays]
    out = fn(*inputs)
    weight = np.random.default_rng(upstream_seed).standard_normal(out.shape).astype(out.dtype)
    out.backward(weight)
    return [out.numpy().copy()] + [np.array(t.grad) for t in inputs]


def _same(fn, arrays, dtype=np.float32, upstream_seed: int = 1) -> None:
    reference = _run(fn, arrays, upstream_seed, False)
    compiled = _run(fn, arrays, upstream_seed, True)
    for want, got in zip(reference, compiled):
        assert got.shape == want.shape and got.dtype == want.dtype
        scale = max(1.0, float(np.abs(want[np.isfinite(want)]).max(initial=0.0)))
        np.testing.assert_allclose(got, want, rtol=TOLERANCE[dtype], atol=TOLERANCE[dtype] * scale)


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("row", CONV_ROWS, ids=lambda r: f"{r.name}-{r.variant}" if r.variant else r.name)
def test_op_table_rows_agree(row, dtype):
    arrays = [np.asarray(a).astype(dtype) for a in row.make_inputs(np.random.default_rng(0))]
    _same(row.fn, arrays, dtype)


WIDE = [  # the rows' variants with enough channels for the compiled im2col and col2im
    ("same-stride2", lambda x, w, b: F.conv2d(x, w, b, strides=2, padding="same"), (2, 7, 6, 8), (3, 3, 8, 5)),
    ("valid-strides-2-3", lambda x, w, b: F.conv2d(x, w, b, strides=(2, 3)), (1, 9, 10, 8), (3, 4, 8, 2)),
    ("dilation-explicit-padding", lambda x, w, b: F.conv2d(x, w, b, dilation_rate=2, padding=((1, 2), (0, 1))),
     (1, 7, 8, 9), (3, 2, 9, 3)),
    ("same-even-kernel-relu", lambda x, w, b: F.conv2d(x, w, b, padding="same", activation="relu"), (2, 5, 5, 8), (2, 2, 8, 16)),
    ("channels-first-relu", lambda x, w, b: F.conv2d(x, w, b, strides=(1, 2), padding=1, data_format="channels_first",
                                                     activation="relu"), (2, 8, 5, 6), (3, 3, 8, 4)),
    ("conv1d-causal-dilation", lambda x, w, b: F.conv1d(x, w, b, padding="causal", dilation_rate=2), (2, 7, 8), (3, 8, 3)),
    ("conv1d-same-stride2-channels-first", lambda x, w, b: F.conv1d(x, w, b, strides=2, padding="same",
                                                                    data_format="channels_first"), (2, 8, 7), (3, 8, 3)),
]


@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["float32", "float64"])
@pytest.mark.parametrize("case", WIDE, ids=lambda c: c[0])
def test_wide_convolutions_agree(case, dtype):
    _, fn, x_shape, w_shape = case
    rng = np.random.default_rng(2)
    arrays = [rng.standard_normal(shape).astype(dtype) for shape in (x_shape, w_shape, w_shape[-1:])]
    _same(fn, arrays, dtype)


@settings(max_examples=30, deadline=None)
@given(**GEOMETRY, channels=st.sampled_from([8, 9]), batch=st.integers(1, 3))
def test_any_geometry_agrees(size, kernel, strides, dilation, pads, channels, batch):
    """The compiled im2col and col2im over random sizes, kernels, strides, dilations and paddings."""
    if not fits(size, kernel, dilation, pads):
        return
    rng = np.random.default_rng(5)
    shapes = ((batch, *size, channels), (*kernel, channels, 3), (3,))
    arrays = [rng.standard_normal(shape).astype(np.float32) for shape in shapes]
    _same(lambda x, w, b: F.conv2d(x, w, b, strides, pads, dilation), arrays)


def test_the_benchmark_layers_agree():
    rng = np.random.default_rng(3)
    x = rng.random((5, 28, 28, 1), dtype=np.float32)
    w1, b1 = rng.standard_normal((3, 3, 1, 8), dtype=np.float32), rng.standard_normal(8, dtype=np.float32)
    w2, b2 = rng.standard_normal((3, 3, 8, 16), dtype=np.float32) * 0.3, rng.standard_normal(16, dtype=np.float32)

    def net(x, w1, b1, w2, b2):
        h = F.max_pool2d(F.conv2d(x, w1, b1, padding="same", activation="relu"))
        return F.max_pool2d(F.conv2d(h, w2, b2, padding="same", activation="relu"))

    _same(net, [x, w1, b1, w2, b2])


def _conv_relu(x, w, b):
    return F.conv2d(x, w, b, padding="same", activation="relu")


@pytest.mark.parametrize("net", [
    lambda x, w, b: F.max_pool2d(_conv_relu(x, w, b)),
    lambda x, w, b: F.max_pool2d(_conv_relu(x, w, b)) * 2 + F.max_pool2d(_conv_relu(x, w, b), 3, 3).sum(),
    lambda x, w, b: (lambda h: F.max_pool2d(h).sum() + (h * h).sum())(_conv_relu(x, w, b)),
    lambda x, w, b: F.max_pool1d(F.conv1d(x[:, 0], w[0], b, activation="relu"), 2),
], ids=["pool", "two-pools", "pool-and-another-use", "1d"])
def test_the_relu_mask_applied_by_max_pooling_agrees(net):
    """Max pooling masks the gradient of the ReLU it reads; summed with another gradient, the ReLU masks it."""
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 6, 6, 8)).astype(np.float32)
    w = rng.standard_normal((3, 3, 8, 8)).astype(np.float32) * 0.3
    _same(net, [x, w, rng.standard_normal(8).astype(np.float32) - 1])  # many windows with no positive pixel


@pytest.mark.filterwarnings("ignore:invalid value:RuntimeWarning")  # inf * 0 where the ReLU is off
def test_an_infinite_gradient_through_max_pooling_and_relu_agrees():
    x = np.random.default_rng(8).standard_normal((1, 4, 4, 8)).astype(np.float32)
    w = np.random.default_rng(9).standard_normal((3, 3, 8, 8)).astype(np.float32)
    outs = []
    for enabled in (False, True):
        accelerate.set_enabled(enabled)
        t = nr.tensor(x, requires_grad=True)
        (F.max_pool2d(_conv_relu(t, nr.tensor(w), nr.tensor(np.full(8, -3.0, np.float32)))) * np.inf).sum().backward()
        outs.append(np.asarray(t.grad))
    np.testing.assert_array_equal(*outs)


def test_max_pooling_masks_the_relu_gradient_in_its_own_pass(monkeypatch):
    """No ReLU mask pass runs after a max pooling, except for an output that keeps its gradient:
    that one is the gradient of the ReLU's output, not masked."""
    from neurona.functional import _conv_kernels

    accelerate.set_enabled(True)
    calls = []
    mask = _conv_kernels.relu_mask
    monkeypatch.setattr(_conv_kernels, "relu_mask", lambda *a: calls.append(1) or mask(*a))
    rng = np.random.default_rng(10)
    x = nr.tensor(rng.standard_normal((2, 4, 4, 8)).astype(np.float32))
    w = nr.tensor(np.ones((3, 3, 8, 8), np.float32), requires_grad=True)
    F.max_pool2d(_conv_relu(x, w, nr.tensor(np.zeros(8, np.float32)))).sum().backward()
    assert not calls
    h = _conv_relu(x, w, nr.tensor(np.full(8, -1e3, np.float32)))  # no positive pixel: every gradient masked
    h.retain_grad()
    F.max_pool2d(h).sum().backward()
    assert calls and np.asarray(h.grad).sum() == 2 * 2 * 2 * 8


@pytest.mark.parametrize("pool", [(2, None, "valid"), (3, 2, "same"), (2, 1, "valid"), ((2, 3), (2, 3), "same"),
                                  (2, 3, "valid"), ((3, 2), (4, 2), "same")])
def test_max_pool_ties_nan_and_infinities(pool):
    rng = np.random.default_rng(4)
    x = rng.integers(-2, 3, size=(2, 7, 9, 3)).astype(np.float32)  # many ties
    x[0, 1, 1, 0] = np.nan
    x[1, 2:5, 3:6, 1] = -np.inf
    x[1, 0, 0, 2] = np.inf
    size, strides, padding = pool
    _same(lambda t: F.max_pool2d(t, size, strides, padding), [x])


@pytest.mark.parametrize("pool, shape", [
    (lambda t: F.max_pool2d(t, 2, data_format="channels_first"), (1, 1, 5, 7)),
    (lambda t: F.max_pool2d(t, (1, 3), (2, 4), padding="same"), (1, 5, 7, 1)),
    (lambda t: F.max_pool1d(t, 3, padding="same"), (1, 7, 1)),
], ids=["channels-first", "gaps-same", "1d-same"])
def test_pools_of_one_image_and_one_channel_agree(pool, shape):
    _same(pool, [np.random.default_rng(6).standard_normal(shape).astype(np.float32)])


def test_an_infinite_upstream_gradient_reaches_only_the_maximum():
    x = np.arange(16, dtype=np.float32).reshape(1, 4, 4, 1)
    for enabled in (False, True):
        accelerate.set_enabled(enabled)
        t = nr.tensor(x, requires_grad=True)
        (F.max_pool2d(t) * np.inf).sum().backward()
        grad = np.asarray(t.grad)[0, :, :, 0]
        assert np.isinf(grad).sum() == 4 and not np.isnan(grad).any(), enabled


def test_an_empty_batch_pools_and_convolves():
    accelerate.set_enabled(True)
    x = nr.tensor(np.zeros((0, 6, 6, 8), np.float32), requires_grad=True)
    w = nr.tensor(np.ones((3, 3, 8, 4), np.float32), requires_grad=True)
    y = F.max_pool2d(F.conv2d(x, w, padding="same", activation="relu"))
    y.sum().backward()
    assert y.shape == (0, 3, 3, 4) and np.shape(x.grad) == (0, 6, 6, 8)
    np.testing.assert_array_equal(w.grad, 0)


def test_the_kernels_run_when_enabled():
    accelerate.set_enabled(True)
    x = nr.tensor(np.ones((1, 6, 6, 8), np.float32), requires_grad=True)
    w = nr.tensor(np.ones((3, 3, 8, 8), np.float32), requires_grad=True)
    h = F.conv2d(x, w, padding="same", activation="relu")
    (F.max_pool2d(F.max_pool2d(h), 3, 1).sum() + h.sum()).backward()  # two gradients of h: the ReLU masks their sum
    ran = {name.split(" ")[0] for name in accelerate.compile_report()}  # "im2col (parallel)": the parallel build
    kernels = {"max_pool_2x2", "max_pool", "max_pool_grad", "max_pool_grad_tiles", "im2col", "col2im", "relu", "relu_mask"}
    assert kernels <= ran, ran


def test_float16_takes_the_numpy_path():
    accelerate.set_enabled(True)
    x = nr.tensor(np.ones((1, 4, 4, 8), np.float16), dtype=np.float16, requires_grad=True)
    w = nr.tensor(np.ones((3, 3, 8, 8), np.float16), dtype=np.float16)
    y = F.max_pool2d(F.conv2d(x, w, padding="same", activation="relu"))
    y.sum().backward()
    assert y.dtype == np.float16 and x.grad.dtype == np.float16
    np.testing.assert_array_equal(y.numpy(), 72)
