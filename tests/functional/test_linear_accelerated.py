"""The compiled bias, ReLU and derivative passes of the dense layer (``neurona.accelerate``) against
the NumPy reference: the same outputs and gradients, NaN and ±inf included."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona import accelerate

pytest.importorskip("numba")


def _run(compiled: bool, x, w, b, activation, upstream):
    accelerate.set_enabled(compiled)
    try:
        tensors = [nr.tensor(a, requires_grad=True, dtype=a.dtype) for a in (x, w, b)]
        out = F.linear(*tensors, activation=activation)
        out.backward(upstream)
        return out.numpy(), *(t.grad for t in tensors)
    finally:
        accelerate.set_enabled(None)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("activation", [None, "relu", "tanh"])
@pytest.mark.parametrize("shape", [(150, 4), (6, 5, 7), (1, 3), (3,)])
def test_compiled_matches_the_numpy_reference(dtype, activation, shape):
    rng = np.random.default_rng(0)
    x = rng.standard_normal(shape).astype(dtype)
    w = rng.standard_normal((shape[-1], 10)).astype(dtype)
    b = rng.standard_normal(10).astype(dtype)
    upstream = rng.standard_normal((*shape[:-1], 10)).astype(dtype)
    if x.ndim == 2 and len(x) > 3:
        x[0, 0], x[1, 1], x[2, :] = np.nan, np.inf, 0.0  # NaN and inf through the product; exact zeros
        upstream[2, 0], upstream[3, 1] = np.inf, np.nan  # an infinite gradient times a zero mask is NaN
    with np.errstate(invalid="ignore", over="ignore"):
        compiled, reference = _run(True, x, w, b, activation, upstream), _run(False, x, w, b, activation, upstream)
    for got, want in zip(compiled, reference):
        assert got.dtype == want.dtype == dtype
        np.testing.assert_array_equal(got, want)


def test_a_bias_of_another_dtype_or_shape_takes_the_numpy_path():
    x = nr.tensor(np.ones((4, 3), np.float32))
    w = nr.tensor(np.ones((3, 2), np.float32))
    for bias in (np.ones(2, np.float64), np.ones((1, 2), np.float32)):
        out = F.linear(x, w, nr.tensor(bias, dtype=bias.dtype), activation="relu")
        np.testing.assert_array_equal(out.numpy(), np.full((4, 2), 4.0))


def test_a_strided_upstream_gradient_is_read_as_it_lies():
    x = nr.tensor(np.arange(12.0).reshape(4, 3), requires_grad=True)
    w = nr.tensor(np.ones((3, 2)), requires_grad=True)
    b = nr.tensor(np.zeros(2), requires_grad=True)
    out = F.linear(x, w, b, activation="relu")
    wide = np.arange(16.0, dtype=np.float32).reshape(4, 4)
    out.backward(wide[:, ::2])  # the engine passes what backward() is given: a strided view
    np.testing.assert_array_equal(b.grad, wide[:, ::2].sum(axis=0))


@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("shape", [((0, 3), (3, 2)), ((4, 3), (3, 0))])
def test_empty_batches_and_layers_of_no_units(compiled, shape):
    accelerate.set_enabled(compiled)
    try:
        x, w = (nr.tensor(np.ones(s, np.float32), requires_grad=True) for s in shape)
        b = nr.tensor(np.ones(shape[1][1], np.float32), requires_grad=True)
        out = F.linear(x, w, b, activation="relu")
        out.sum().backward()
        assert out.shape == (shape[0][0], shape[1][1])
        assert x.grad.shape == shape[0] and w.grad.shape == shape[1] and b.grad.shape == (shape[1][1],)
    finally:
        accelerate.set_enabled(None)


@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("activation", [None, "relu", "tanh"])
def test_a_bias_that_broadcasts_is_broadcast_and_one_that_does_not_is_refused(compiled, activation):
    x, w = nr.tensor(np.ones((4, 3), np.float32)), nr.tensor(np.ones((3, 2), np.float32))
    accelerate.set_enabled(compiled)
    try:
        out = F.linear(x, w, nr.tensor(np.ones(1, np.float32)), activation=activation)
        expected = np.full((4, 2), 4.0, np.float32)
        np.testing.assert_array_equal(out.numpy(), np.tanh(expected) if activation == "tanh" else expected)
        with pytest.raises(ValueError, match=r"inputs of shapes \(4, 3\) and \(3, 2\) and \(5,\) do not fit"):
            F.linear(x, w, nr.tensor(np.ones(5, np.float32)), activation=activation)
    finally:
        accelerate.set_enabled(None)
