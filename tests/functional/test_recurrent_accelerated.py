"""The compiled LSTM steps (``neurona.accelerate``) against the NumPy reference: the same outputs and
gradients within float32 rounding, with every option of the op; and their float32 tanh against NumPy's."""
import itertools

import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona import accelerate

pytest.importorskip("numba")
from neurona.functional import _recurrent_kernels as kernels  # noqa: E402  (imports numba)


def _ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distance in float32 units in the last place (ordered as integers, ±0 the same)."""
    def ordered(x):
        bits = x.view(np.int32).astype(np.int64)
        return np.where(bits < 0, -(bits & 0x7FFFFFFF), bits)
    return np.abs(ordered(a) - ordered(b))


def test_tanh32_is_within_one_ulp_of_tanh_everywhere():
    dense = np.linspace(-20, 20, 4_000_001, dtype=np.float32)
    tiny = np.logspace(-45, 0, 200_000).astype(np.float32)
    edges = np.float32([0.625, np.nextafter(np.float32(0.625), np.float32(0)), 9, np.nextafter(np.float32(9), np.float32(10)),
                        8.99, 44.0, 1e30, np.finfo(np.float32).max, np.finfo(np.float32).tiny, 1e-45])
    x = np.concatenate([dense, tiny, -tiny, edges, -edges])
    out = np.empty_like(x)
    kernels.tanh_array(x, out)
    expected = np.tanh(x.astype(np.float64)).astype(np.float32)
    worst = int(np.argmax(_ulps(out, expected)))
    assert _ulps(out, expected).max() <= 1, f"tanh32({x[worst]!r}) = {out[worst]!r}, tanh = {expected[worst]!r}"


def test_tanh32_keeps_nan_infinities_and_the_sign_of_zero():
    x = np.float32([np.nan, np.inf, -np.inf, 0.0, -0.0, -np.nan])
    out = np.empty_like(x)
    kernels.tanh_array(x, out)
    np.testing.assert_array_equal(out, np.tanh(x))
    assert np.signbit(out[4]) and not np.signbit(out[3])


def _run(arrays, compiled: bool, **options):
    """Outputs and the gradients of every input of ``lstm`` on float32 ``arrays``."""
    accelerate.set_enabled(compiled)
    try:
        tensors = [None if a is None else nr.tensor(a, requires_grad=True, dtype=a.dtype) for a in arrays]
        outputs = F.lstm(*tensors, **options)
        weights = [np.random.default_rng(k).standard_normal(o.shape).astype(o.dtype) for k, o in enumerate(outputs)]
        sum(F.sum(o * w) for o, w in zip(outputs, weights)).backward()
        return [o.numpy() for o in outputs], [None if t is None else t.grad for t in tensors]
    finally:
        accelerate.set_enabled(None)


def _arrays(batch=5, time=9, features=3, units=6, states=True, seed=0):
    rng = np.random.default_rng(seed)
    return [rng.standard_normal((batch, time, features)).astype(np.float32) * 2,
            *((rng.standard_normal((batch, units)).astype(np.float32) if states else None) for _ in range(2)),
            (rng.standard_normal((features, 4 * units)) * 0.6).astype(np.float32),
            (rng.standard_normal((units, 4 * units)) * 0.6).astype(np.float32),
            (rng.standard_normal(4 * units) * 0.5).astype(np.float32)]


OPTIONS = list(itertools.product([False, True], repeat=5))


@pytest.mark.parametrize("masked, dropout, sequences, states, backwards", OPTIONS,
                         ids=lambda v: "on" if v else "off")
def test_compiled_steps_match_the_numpy_reference(masked, dropout, sequences, states, backwards):
    arrays = _arrays(states=states)
    options = dict(return_sequences=sequences, go_backwards=backwards)
    if masked:  # gaps, a full row, an empty row
        mask = np.random.default_rng(1).random((5, 9)) > 0.3
        mask[1], mask[2] = True, False
        options["mask"] = mask
    if dropout:
        options["recurrent_mask"] = (np.random.default_rng(2).random((5, 6)) > 0.4).astype(np.float32) / 0.6
    (out_c, grads_c), (out_n, grads_n) = _run(arrays, True, **options), _run(arrays, False, **options)
    assert "lstm_forward_step" in accelerate.compile_report() and "lstm_backward_step" in accelerate.compile_report()
    for compiled, reference in zip(out_c + grads_c, out_n + grads_n):
        if reference is None:
            assert compiled is None
            continue
        assert compiled.dtype == np.float32
        np.testing.assert_allclose(compiled, reference, rtol=2e-5, atol=2e-6)


def test_compiled_steps_propagate_nan_as_the_reference():
    arrays = _arrays()
    arrays[0][1, 4, 0] = np.nan
    (out_c, grads_c), (out_n, grads_n) = _run(arrays, True), _run(arrays, False)
    for compiled, reference in zip(out_c + grads_c, out_n + grads_n):
        np.testing.assert_array_equal(np.isnan(compiled), np.isnan(reference))
    assert np.isnan(out_c[0][1]).all() and not np.isnan(out_c[0][0]).any()


def test_float64_runs_the_numpy_reference():
    arrays = [a.astype(np.float64) for a in _arrays()]
    (out_c, grads_c), (out_n, grads_n) = _run(arrays, True), _run(arrays, False)
    for compiled, reference in zip(out_c + grads_c, out_n + grads_n):
        assert compiled.dtype == np.float64
        np.testing.assert_array_equal(compiled, reference)
