"""Convolution ops beyond the op table: float32, the course's formula, output sizes, adjointness, bad inputs."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import neurona as nr
import neurona.functional as F
from neurona.function import ShapeError

from . import op_table  # noqa: F401  (the table first: its last line loads op_table_conv)
from .conv_geometry import GEOMETRY, fits
from .op_table_conv import CONV_ROWS


def _run(row, dtype):
    arrays = row.make_inputs(np.random.default_rng(0))
    tensors = [nr.tensor(a, requires_grad=True, dtype=dtype) for a in arrays]
    out = row.fn(*tensors)
    out.backward(np.random.default_rng(1).standard_normal(out.shape).astype(dtype))
    return out, tensors


@pytest.mark.parametrize("row", CONV_ROWS, ids=lambda r: r.id)
def test_float32_matches_float64(row):
    out32, in32 = _run(row, np.float32)
    out64, in64 = _run(row, np.float64)
    assert out32.dtype == np.float32
    np.testing.assert_allclose(out32.numpy(), out64.numpy(), rtol=1e-5, atol=1e-5)
    for a, b in zip(in32, in64):
        assert a.grad.dtype == np.float32
        np.testing.assert_allclose(a.grad, b.grad, rtol=1e-5, atol=1e-5)


def naive_conv2d(x, w, b, strides, pads, dilation):
    """The course's formula, one output pixel at a time: sum_ij w_ij x_(p*s+i*d, q*s+j*d) + b."""
    (sh, sw), (dh, dw) = strides, dilation
    xp = np.pad(x, ((0, 0), *pads, (0, 0)))
    kh, kw, _, f = w.shape
    oh = (xp.shape[1] - (kh - 1) * dh - 1) // sh + 1
    ow = (xp.shape[2] - (kw - 1) * dw - 1) // sw + 1
    y = np.zeros((x.shape[0], oh, ow, f))
    for p in range(oh):
        for q in range(ow):
            for i in range(kh):
                for j in range(kw):
                    y[:, p, q] += xp[:, p * sh + i * dh, q * sw + j * dw] @ w[i, j]
    return y + b


@settings(max_examples=40, deadline=None)
@given(**GEOMETRY, channels=st.tuples(st.integers(1, 3), st.integers(1, 3)))
def test_conv2d_is_the_course_formula(size, kernel, strides, dilation, pads, channels):
    if not fits(size, kernel, dilation, pads):
        with pytest.raises(ShapeError, match="does not fit"):
            F.conv2d(nr.tensor(np.zeros((1, *size, channels[0]))), nr.tensor(np.zeros((*kernel, *channels))), padding=pads,
                     dilation_rate=dilation)
        return
    rng = np.random.default_rng(0)
    x = rng.standard_normal((2, *size, channels[0]))
    w = rng.standard_normal((*kernel, *channels))
    b = rng.standard_normal(channels[1])
    y = F.conv2d(nr.tensor(x, dtype="float64"), nr.tensor(w, dtype="float64"), nr.tensor(b, dtype="float64"),
                 strides, pads, dilation)
    np.testing.assert_allclose(y.numpy(), naive_conv2d(x, w, b, strides, pads, dilation), rtol=1e-10, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    size=st.tuples(st.integers(1, 5), st.integers(1, 5)),
    kernel=st.tuples(st.integers(1, 4), st.integers(1, 4)),
    strides=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    dilation=st.tuples(st.integers(1, 2), st.integers(1, 2)),
    padding=st.sampled_from(["valid", "same"]),
)
def test_conv2d_transpose_is_the_adjoint_of_conv2d(size, kernel, strides, dilation, padding):
    """<conv2d(y), x> == <y, conv2d_transpose(x)> with the same kernel, strides and padding."""
    rng = np.random.default_rng(0)
    x = nr.tensor(rng.standard_normal((2, *size, 3)), dtype="float64")
    w = nr.tensor(rng.standard_normal((*kernel, 2, 3)), dtype="float64")
    up = F.conv2d_transpose(x, w, strides=strides, padding=padding, dilation_rate=dilation)
    keras = [n * s if padding == "same" else n * s + max((k - 1) * d + 1 - s, 0)
             for n, k, s, d in zip(size, kernel, strides, dilation)]
    assert up.shape == (2, *keras, 2)
    y = nr.tensor(rng.standard_normal(up.shape), dtype="float64")
    down = F.conv2d(y, w, strides=strides, padding=padding, dilation_rate=dilation)
    assert down.shape == x.shape
    np.testing.assert_allclose(np.sum(down.numpy() * x.numpy()), np.sum(y.numpy() * up.numpy()), rtol=1e-10)


@pytest.mark.parametrize("channels", [1, 3, 8])
@pytest.mark.parametrize("strides, dilation, padding", [((1, 1), (1, 1), "same"), ((2, 1), (1, 2), "valid"),
                                                        ((1, 3), (2, 1), ((1, 0), (2, 1)))])
def test_im2col_lays_out_each_window_as_a_row(channels, strides, dilation, padding):
    """Both fills (transposed below 8 channels, row by row from 8) give row ``(n, p, q)`` = the window's
    values in (i, j, c) order, then the bias's 1."""
    from neurona.functional.convolution import im2col
    from neurona.functional._windows import windows

    x = np.random.default_rng(0).standard_normal((1, 6, 7, channels)).astype(np.float32)
    win = windows("conv2d", (6, 7), (2, 3), strides, padding, dilation)
    xp = win.pad(x)
    (sh, sw), (dh, dw) = strides, dilation
    want = [np.append(xp[0, p * sh : p * sh + dh * 2 : dh, q * sw : q * sw + dw * 3 : dw].ravel(), 1)
            for p in range(win.out[0]) for q in range(win.out[1])]
    np.testing.assert_array_equal(im2col(xp, win, ones=True), want)


def test_same_padding_keeps_ceil_of_size_over_stride():
    x = nr.tensor(np.zeros((1, 7, 8, 1)))
    w = nr.tensor(np.zeros((3, 4, 1, 2)))
    assert F.conv2d(x, w, padding="same").shape == (1, 7, 8, 2)
    assert F.conv2d(x, w, strides=(2, 3), padding="same").shape == (1, 4, 3, 2)
    assert F.conv1d(nr.tensor(np.zeros((1, 7, 1))), nr.tensor(np.zeros((4, 1, 2))), padding="causal").shape == (1, 7, 2)


def test_conv1d_is_conv2d_of_height_one():
    rng = np.random.default_rng(0)
    x, w, b = rng.standard_normal((2, 9, 3)), rng.standard_normal((3, 3, 4)), rng.standard_normal(4)
    one = F.conv1d(nr.tensor(x), nr.tensor(w), nr.tensor(b), strides=2, padding="same", dilation_rate=2)
    two = F.conv2d(nr.tensor(x[:, None]), nr.tensor(w[None]), nr.tensor(b), strides=(1, 2), padding="same", dilation_rate=(1, 2))
    np.testing.assert_allclose(one.numpy(), two.numpy()[:, 0], rtol=1e-6)


def test_channels_first_is_the_transposed_layout():
    rng = np.random.default_rng(0)
    x, w = rng.standard_normal((2, 6, 5, 3)), rng.standard_normal((3, 2, 3, 4))
    last = F.conv2d(nr.tensor(x), nr.tensor(w), strides=2, padding="same")
    first = F.conv2d(nr.tensor(x.transpose(0, 3, 1, 2)), nr.tensor(w), strides=2, padding="same", data_format="channels_first")
    np.testing.assert_allclose(first.numpy(), last.numpy().transpose(0, 3, 1, 2), rtol=1e-6)


def test_empty_batch():
    x = nr.tensor(np.zeros((0, 5, 5, 2)), requires_grad=True)
    w = nr.tensor(np.ones((3, 3, 2, 4)), requires_grad=True)
    y = F.conv2d(x, w, padding="same")
    assert y.shape == (0, 5, 5, 4)
    y.sum().backward()
    assert x.grad.shape == x.shape
    np.testing.assert_array_equal(w.grad, 0)


def test_only_the_needed_gradients():
    x = nr.tensor(np.ones((1, 4, 4, 1)))
    w = nr.tensor(np.ones((2, 2, 1, 1)), requires_grad=True)
    F.conv2d(x, w).sum().backward()
    assert x.grad is None
    np.testing.assert_array_equal(w.grad.ravel(), [9.0, 9.0, 9.0, 9.0])


def test_nan_reaches_only_the_windows_that_hold_it():
    x = np.zeros((1, 5, 5, 1))
    x[0, 0, 0, 0] = np.nan
    y = F.conv2d(nr.tensor(x), nr.tensor(np.ones((3, 3, 1, 1)))).numpy()[0, :, :, 0]
    assert np.isnan(y[0, 0]) and np.isfinite(y[1:, :]).all() and np.isfinite(y[:, 1:]).all()


def test_mixed_dtypes_promote():
    x = nr.tensor(np.ones((1, 3, 3, 1)), dtype="float32")
    w = nr.tensor(np.ones((2, 2, 1, 1)), dtype="float64")
    b = nr.tensor(np.ones(1), dtype="float64")
    assert F.conv2d(x, w.astype("float32"), b).dtype == np.float64
    assert F.conv2d_transpose(x, w.astype("float32"), b).dtype == np.float64
    assert F.conv2d(x, w).dtype == np.float64


@pytest.mark.parametrize("call, error, message", [
    (lambda: F.conv2d(np.zeros((5, 5, 1)), np.zeros((3, 3, 1, 1))), ShapeError, r"conv2d: expected a 4-D input .* got shape \(5, 5, 1\)"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 2)), np.zeros((3, 3, 1, 4))), ShapeError, r"conv2d: the input of shape \(1, 5, 5, 2\) has 2 channels .* expects 1"),
    (lambda: F.conv2d(np.zeros((1, 2, 5, 1)), np.zeros((3, 3, 1, 1))), ShapeError, r"conv2d: a kernel spanning 3 pixels does not fit .* \(2, 5\)"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), strides=0), ValueError, r"conv2d: strides must be"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), strides=(1, -2)), ValueError, r"conv2d: strides must be"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), dilation_rate=1.5), ValueError, r"conv2d: dilation_rate must be"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), padding="full"), ValueError, r"conv2d: padding must be 'valid' or 'same'"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), padding=-1), ValueError, r"conv2d: padding must be"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), data_format="NHWC"), ValueError, r"conv2d: data_format"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1))), ShapeError, r"conv2d: expected a 4-D kernel"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 2)), np.zeros(3)), ShapeError, r"conv2d: the bias of shape \(3,\) does not fit 2 filters"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1), dtype=int), np.zeros((3, 3, 1, 1))), TypeError, r"conv2d: expected a floating input, got int64"),
    (lambda: F.conv1d(np.zeros((1, 5, 5, 1)), np.zeros((3, 1, 1))), ShapeError, r"conv1d: expected a 3-D input"),
    (lambda: F.conv1d(np.zeros((1, 5, 2)), np.zeros((3, 1, 1))), ShapeError, r"conv1d: the input .* has 2 channels"),
    (lambda: F.conv2d(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), padding="causal"), ValueError, r"conv2d: padding must be 'valid' or 'same'"),
    (lambda: F.conv2d_transpose(np.zeros((1, 5, 5, 2)), np.zeros((3, 3, 1, 4))), ShapeError, r"conv2d_transpose: the input .* has 2 channels .* expects 4"),
    (lambda: F.conv2d_transpose(np.zeros((1, 5, 5, 1)), np.zeros((3, 3, 1, 1)), strides=2, output_padding=2), ValueError, r"conv2d_transpose: output_padding"),
    (lambda: F.conv2d_transpose(np.zeros((1, 2, 2, 1)), np.zeros((3, 3, 1, 1)), padding=3), ShapeError, r"conv2d_transpose: no output size"),
])
def test_bad_inputs_are_named(call, error, message):
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("size, kernel, strides, padding, output_padding, expected", [
    (5, 3, 2, "valid", None, 11),
    (5, 3, 2, "same", None, 10),
    (5, 2, 3, "valid", None, 15),
    (5, 3, 2, "valid", 1, 12),
    (5, 3, 2, "same", 1, 10),
    (5, 3, 2, 1, 1, 10),
    (5, 4, 1, (1, 2), None, 5),
])
def test_conv2d_transpose_output_sizes_are_keras(size, kernel, strides, padding, output_padding, expected):
    pad = padding if isinstance(padding, str) else (padding, padding)
    x = nr.tensor(np.zeros((1, size, size, 1)))
    y = F.conv2d_transpose(x, nr.tensor(np.zeros((kernel, kernel, 2, 1))), strides=strides, padding=pad, output_padding=output_padding)
    assert y.shape == (1, expected, expected, 2)


@pytest.mark.parametrize("batch", [1, 7, 300])
def test_inference_without_graph_equals_training_forward(batch, monkeypatch):
    """Under no_grad the windows are built a few images at a time; the result is the same."""
    import neurona.functional.convolution as conv

    monkeypatch.setattr(conv, "CHUNK", 2000)
    rng = np.random.default_rng(0)
    x, w, b = rng.standard_normal((batch, 9, 8, 3)), rng.standard_normal((3, 3, 3, 5)), rng.standard_normal(5)
    args = [nr.tensor(x), nr.tensor(w, requires_grad=True), nr.tensor(b)]
    expected = F.conv2d(*args, strides=(2, 1), padding="same").numpy()
    with nr.no_grad():
        out = F.conv2d(*args, strides=(2, 1), padding="same")
        unbiased = F.conv2d(*args[:2], strides=(2, 1), padding="same")
    np.testing.assert_array_equal(out.numpy(), expected)
    np.testing.assert_allclose(unbiased.numpy(), expected - b.astype(np.float32), rtol=1e-5, atol=1e-5)
