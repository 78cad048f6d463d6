"""Recurrent ops: gradients through time (float64 gradcheck and torch parity), masks, go_backwards,
one graph node per call, dtypes and bad inputs; each test with the compiled steps of
``neurona.accelerate`` (where numba is installed) and with the NumPy reference."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.function import ShapeError

from .op_table import ROWS  # imported first: it appends the recurrent rows
from .op_table_recurrent import torch_recurrent

SPECS = {  # op → (gates, bias shape for units u, number of states)
    "simple_rnn": (1, lambda u: (u,), 1),
    "lstm": (4, lambda u: (4 * u,), 2),
    "gru": (3, lambda u: (2, 3 * u), 1),
    "gru-reset-before": (3, lambda u: (3 * u,), 1),
}


@pytest.fixture(autouse=True)
def both_paths(compiled):
    """Every test here runs with the compiled steps and with the NumPy reference (``compiled``)."""
    yield


def test_the_op_table_has_every_recurrent_op():
    assert {"simple_rnn", "lstm", "gru"} <= {row.name for row in ROWS}


def _op(name, **options):
    if name == "gru-reset-before":
        return lambda *a, **kw: F.gru(*a, reset_after=False, **kw, **options)
    return lambda *a, **kw: getattr(F, name)(*a, **kw, **options)


def _inputs(name, batch=3, time=5, features=2, units=4, seed=0, dtype=np.float64):
    gates, bias_shape, n_states = SPECS[name]
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal((batch, time, features)), *(rng.standard_normal((batch, units)) for _ in range(n_states)),
              rng.standard_normal((features, gates * units)) * 0.5, rng.standard_normal((units, gates * units)) * 0.5,
              rng.standard_normal(bias_shape(units)) * 0.5]
    return [a.astype(dtype) for a in arrays]


def _joined(outputs):
    batch = outputs[0].shape[0]
    return F.concatenate([F.reshape(o, (batch, -1)) for o in outputs], axis=1)


OPS = [("simple_rnn", {}), ("simple_rnn", {"activation": "relu"}), ("lstm", {}), ("gru", {}), ("gru-reset-before", {})]


@pytest.mark.parametrize("name, options", OPS, ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
@pytest.mark.parametrize("go_backwards", [False, True], ids=["forwards", "backwards"])
@pytest.mark.parametrize("return_sequences", [False, True], ids=["last", "sequences"])
def test_gradcheck_through_time_with_mask(name, options, go_backwards, return_sequences):
    mask = np.array([[1, 1, 0, 1, 0], [1, 1, 1, 1, 1], [0, 0, 0, 0, 0]], bool)  # gaps, full, empty
    op = _op(name, **options)
    fn = lambda *a: _joined(op(*a, mask=mask, go_backwards=go_backwards, return_sequences=return_sequences))
    assert nr.gradcheck(fn, *_inputs(name))


@pytest.mark.parametrize("name, options", OPS, ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
def test_gradcheck_without_mask_nor_bias(name, options):
    op = _op(name, **options)
    assert nr.gradcheck(lambda *a: _joined(op(*a, None, return_sequences=True)), *_inputs(name)[:-1])


TORCH = [("simple_rnn", "RNN", {}), ("simple_rnn", "RNN", {"activation": "relu"}), ("lstm", "LSTM", {}), ("gru", "GRU", {})]


@pytest.mark.parametrize("name, kind, options", TORCH, ids=lambda v: v if isinstance(v, str) else "-".join(v.values()))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("go_backwards", [False, True], ids=["forwards", "backwards"])
def test_matches_torch_outputs_and_every_gradient(name, kind, options, dtype, go_backwards):
    torch = pytest.importorskip("torch")
    arrays = _inputs(name, batch=4, time=7, features=3, units=5, dtype=dtype)
    ours = [nr.tensor(a, requires_grad=True, dtype=dtype) for a in arrays]
    theirs = [torch.tensor(a, requires_grad=True) for a in arrays]
    n_states = SPECS[name][2]
    out = _op(name, **options)(*ours, go_backwards=go_backwards, return_sequences=True)
    torch_options = {"nonlinearity": options["activation"]} if options else {}
    expected = torch_recurrent(kind, theirs[0], theirs[1 : 1 + n_states], *theirs[1 + n_states :],
                               go_backwards=go_backwards, **torch_options)
    tol = dict(rtol=2e-5, atol=2e-6) if dtype == np.float32 else dict(rtol=1e-10, atol=1e-12)
    weights = [np.random.default_rng(k).standard_normal(o.shape).astype(dtype) for k, o in enumerate(out)]
    for mine, reference in zip(out, expected):
        assert mine.dtype == dtype
        np.testing.assert_allclose(mine.numpy(), reference.detach().numpy(), **tol)
    F.sum(_joined([o * w for o, w in zip(out, weights)])).backward()
    sum((e * torch.tensor(w)).sum() for e, w in zip(expected, weights)).backward()
    for mine, reference in zip(ours, theirs):
        assert mine.grad.dtype == dtype
        np.testing.assert_allclose(mine.grad, reference.grad.numpy(), **tol)


def _padded(name, length, go_backwards, fill=0.0):
    """The same 6-step sequences padded to ``length`` (at the end), with their mask."""
    arrays = _inputs(name, batch=2, time=6, dtype=np.float32)
    x = np.full((2, length, arrays[0].shape[2]), fill, np.float32)
    x[:, :6] = arrays[0]
    mask = np.zeros((2, length), bool)
    mask[:, :6] = True
    mask[1, 4:] = False  # the second sequence is shorter
    return [nr.tensor(a, requires_grad=True) for a in [x, *arrays[1:]]], mask


@pytest.mark.parametrize("name", list(SPECS))
@pytest.mark.parametrize("go_backwards", [False, True], ids=["forwards", "backwards"])
def test_padding_changes_neither_final_state_nor_gradients(name, go_backwards):
    results = []
    for length, fill in [(10, 0.0), (50, np.nan)]:  # NaN padding must not leak either
        inputs, mask = _padded(name, length, go_backwards, fill)
        outputs = _op(name)(*inputs, mask=mask, go_backwards=go_backwards)
        F.sum(_joined(outputs[1:])).backward()
        results.append(([o.numpy() for o in outputs[1:]], [t.grad for t in inputs[1:]], inputs[0].grad))
    (states10, grads10, dx10), (states50, grads50, dx50) = results
    for a, b in zip(states10 + grads10, states50 + grads50):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(dx10[:, :6], dx50[:, :6], rtol=1e-5, atol=1e-6)
    assert not dx50[:, 6:].any() and not dx50[1, 4:].any()


@pytest.mark.parametrize("name", list(SPECS))
def test_masked_steps_carry_the_state(name):
    inputs = [nr.tensor(a) for a in _inputs(name)]
    mask = np.ones((3, 5), bool)
    mask[:, 2] = False
    mask[1] = False
    seq, *states = _op(name)(*inputs, mask=mask, return_sequences=True)
    np.testing.assert_array_equal(seq.numpy()[:, 2], seq.numpy()[:, 1])
    np.testing.assert_array_equal(states[0].numpy()[1], inputs[1].numpy()[1])  # nothing seen: h0
    np.testing.assert_array_equal(seq.numpy()[:, -1], states[0].numpy())


@pytest.mark.parametrize("name", list(SPECS))
def test_go_backwards_is_the_reversed_sequence_in_processing_order(name):
    inputs = _inputs(name)
    backwards = _op(name)(*[nr.tensor(a) for a in inputs], go_backwards=True, return_sequences=True)
    flipped = _op(name)(nr.tensor(inputs[0][:, ::-1]), *[nr.tensor(a) for a in inputs[1:]], return_sequences=True)
    for a, b in zip(backwards, flipped):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_one_graph_node_per_call_whatever_the_length():
    inputs = [nr.tensor(a, requires_grad=True) for a in _inputs("lstm", time=40)]
    out, h, c = F.lstm(*inputs)
    packed = h.grad_fn.inputs[0]
    assert c.grad_fn.inputs[0] is packed and type(packed.grad_fn).__name__ in ("LSTM", "CompiledLSTM")
    assert all(t.is_leaf for t in packed.grad_fn.inputs)


@pytest.mark.parametrize("name", list(SPECS))
def test_zero_steps_return_the_initial_state(name):
    inputs = [nr.tensor(a, requires_grad=True) for a in _inputs(name, time=0)]
    seq, *states = _op(name)(*inputs, return_sequences=True)
    assert seq.shape == (3, 0, 4)
    for state, initial in zip(states, inputs[1:]):
        np.testing.assert_array_equal(state.numpy(), initial.numpy())
    F.sum(_joined(states)).backward()
    np.testing.assert_array_equal(inputs[1].grad, np.ones((3, 4)))
    assert not inputs[-2].grad.any()


@pytest.mark.parametrize("name", list(SPECS))
def test_inputs_are_not_modified_and_calls_repeat(name):
    arrays = _inputs(name, dtype=np.float32)
    copies = [a.copy() for a in arrays]
    mask = np.ones((3, 5), bool)
    mask[0, 3:] = False
    first = _op(name)(*arrays, mask=mask, go_backwards=True)
    second = _op(name)(*arrays, mask=mask, go_backwards=True)
    for a, b in zip(arrays, copies):
        np.testing.assert_array_equal(a, b)
    for a, b in zip(first, second):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_none_initial_state_is_zeros():
    x, h0, c0, *weights = _inputs("lstm")
    zeros = np.zeros_like(h0)
    for a, b in zip(F.lstm(x, None, None, *weights), F.lstm(x, zeros, zeros, *weights)):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


def test_float32_stays_float32_and_float64_promotes():
    x, h0, c0, k, r, b = _inputs("lstm", dtype=np.float32)
    assert F.lstm(x, h0, c0, k, r, b)[0].dtype == np.float32
    assert F.lstm(x.astype(np.float64), h0, c0, k, r, b)[0].dtype == np.float64


@pytest.mark.parametrize("change, message", [
    (lambda a: {**a, "x": a["x"][0]}, r"lstm: x must have shape \(batch, time, features\), got \(5, 2\)"),
    (lambda a: {**a, "kernel": a["kernel"][:, :8]}, r"lstm: kernel must have shape \(features, 4\*units\) = \(2, 16\)"),
    (lambda a: {**a, "recurrent_kernel": a["recurrent_kernel"][:, :12]}, r"recurrent_kernel must have shape \(units, 4\*units\)"),
    (lambda a: {**a, "bias": a["bias"][:4]}, r"lstm: bias must have shape \(16,\), got \(4,\)"),
    (lambda a: {**a, "h0": a["h0"][:2]}, r"initial state must have shape \(batch, units\) = \(3, 4\), got \(2, 4\)"),
    (lambda a: {**a, "mask": np.ones((3, 5))}, r"mask must be a boolean array of shape \(batch, time\) = \(3, 5\), got float64"),
    (lambda a: {**a, "mask": np.ones((3, 4), bool)}, r"got bool of shape \(3, 4\)"),
])
def test_bad_inputs_name_the_op_and_the_shapes(change, message):
    x, h0, c0, k, r, b = _inputs("lstm")
    args = change(dict(x=x, h0=h0, c0=c0, kernel=k, recurrent_kernel=r, bias=b, mask=None))
    with pytest.raises(ShapeError, match=message):
        F.lstm(**args)


def test_bad_dtype_and_activation_are_refused():
    x, h0, k, r, b = _inputs("simple_rnn")
    with pytest.raises(TypeError, match="simple_rnn: x, the weights and the states must be floating"):
        F.simple_rnn(x.astype(np.int64), h0.astype(np.int64), k.astype(np.int64), r.astype(np.int64))
    with pytest.raises(ValueError, match="simple_rnn: activation must be 'tanh' or 'relu', got 'sigmoid'"):
        F.simple_rnn(x, h0, k, r, b, activation="sigmoid")
    with pytest.raises(ShapeError, match=r"gru: bias must have shape \(2, 12\)"):
        F.gru(*_inputs("gru-reset-before"))


@pytest.mark.parametrize("name", list(SPECS))
def test_an_empty_batch_gives_empty_outputs_and_zero_weight_gradients(name):
    inputs = [nr.tensor(a, requires_grad=True, dtype=np.float32) for a in _inputs(name, batch=0)]
    seq, *states = _op(name)(*inputs, return_sequences=True)
    assert seq.shape == (0, 5, 4) and all(s.shape == (0, 4) for s in states)
    sum((F.sum(o) for o in states), F.sum(seq)).backward()
    assert inputs[0].grad.shape == (0, 5, 2) and not inputs[-2].grad.any() and not inputs[-1].grad.any()


@pytest.mark.parametrize("name", ["simple_rnn", "lstm", "gru"])
def test_a_recurrent_mask_changed_after_the_forward_pass_does_not_change_the_gradient(name):
    """The caller's dropout mask array may be refilled before backward(): the op keeps its own copy."""
    def gradient(mask, refill):
        inputs = [nr.tensor(a, requires_grad=True) for a in _inputs(name, dtype=np.float32)]
        out = _op(name)(*inputs, recurrent_mask=mask)[0]
        if refill:
            mask[...] = 1
        F.sum(out).backward()
        return [t.grad for t in inputs]

    mask = (np.random.default_rng(3).random((3, 4)) > 0.5).astype(np.float32) * 2
    for got, want in zip(gradient(mask.copy(), True), gradient(mask.copy(), False)):
        np.testing.assert_array_equal(got, want)
