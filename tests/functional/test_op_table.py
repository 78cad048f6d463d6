"""Every differentiable op: gradcheck in float64, and forward/backward parity with torch."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F

from .op_table import NO_GRADIENT, ROWS


def _inputs(row):
    """The row's differentiable inputs, and the function of them alone (targets bound)."""
    arrays = row.make_inputs(np.random.default_rng(0))
    split = len(arrays) - row.constants
    variables, constants = arrays[:split], arrays[split:]
    return variables, lambda *xs: row.fn(*xs, *constants), constants


def test_every_public_op_has_a_row():
    covered = {row.name for row in ROWS} | NO_GRADIENT
    missing = sorted(set(F.__all__) - covered)
    assert not missing, f"ops with no row in tests/functional/op_table.py: {missing}"


def test_ops_without_gradient_record_no_graph():
    x = nr.tensor([-1.0, 0.0, 2.0], requires_grad=True)
    for name in NO_GRADIENT:
        out = getattr(F, name)(x)
        assert not out.requires_grad
        np.testing.assert_array_equal(out.numpy(), [0.0, 0.0, 1.0])


@pytest.mark.parametrize("row", ROWS, ids=lambda r: r.id)
def test_gradcheck(row):
    variables, fn, _ = _inputs(row)
    assert nr.gradcheck(fn, *variables)


@pytest.mark.parametrize("row", [r for r in ROWS if r.torch_fn is not None], ids=lambda r: r.id)
def test_matches_torch(row):
    torch = pytest.importorskip("torch")
    variables, fn, constants = _inputs(row)
    ours = [nr.tensor(a, requires_grad=a.dtype.kind == "f", dtype=a.dtype) for a in variables]
    theirs = [torch.tensor(a, requires_grad=a.dtype.kind == "f") for a in variables]
    out = fn(*ours)
    expected = row.torch_fn(*theirs, *(torch.tensor(c) for c in constants))
    np.testing.assert_allclose(out.numpy(), expected.detach().numpy(), rtol=1e-10, atol=1e-12)
    weight = np.random.default_rng(1).standard_normal(out.shape)
    out.backward(weight)
    expected.backward(torch.tensor(weight))
    for mine, reference in zip(ours, theirs):
        if reference.requires_grad:
            np.testing.assert_allclose(mine.grad, reference.grad.numpy(), rtol=1e-9, atol=1e-12)
