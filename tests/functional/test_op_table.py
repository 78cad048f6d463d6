"""Every differentiable op: gradcheck in float64, and forward/backward parity with torch in float64 and float32."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F

from .op_table import EXTREME_ROWS, NO_GRADIENT, ROWS

# (forward rtol, forward atol, gradient rtol, gradient atol); float32 atols are scaled by the
# largest finite magnitude of the reference, as in tinygrad's helper_test_op.
TOLERANCES = {np.float64: (1e-10, 1e-12, 1e-9, 1e-12), np.float32: (1e-3, 1e-6, 1e-3, 1e-5)}


def _inputs(row, dtype=np.float64):
    """The row's differentiable inputs in ``dtype``, the function of them alone (targets bound), the targets."""
    arrays = [np.asarray(a) for a in row.make_inputs(np.random.default_rng(0))]
    arrays = [a.astype(dtype) if a.dtype.kind == "f" else a for a in arrays]
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


def _scaled(atol: float, reference: np.ndarray) -> float:
    finite = np.abs(reference[np.isfinite(reference)])
    return atol * max(1.0, float(finite.max(initial=0.0)))


def _check_against_torch(row, dtype) -> None:
    torch = pytest.importorskip("torch")
    rtol, atol, grad_rtol, grad_atol = TOLERANCES[dtype]
    variables, fn, constants = _inputs(row, dtype)
    ours = [nr.tensor(a, requires_grad=a.dtype.kind == "f", dtype=a.dtype) for a in variables]
    theirs = [torch.tensor(a, requires_grad=a.dtype.kind == "f") for a in variables]
    out = fn(*ours)
    expected = row.torch_fn(*theirs, *(torch.tensor(c) for c in constants))
    reference = expected.detach().numpy()
    assert out.dtype == reference.dtype and out.shape == reference.shape
    np.testing.assert_allclose(out.numpy(), reference, rtol=rtol, atol=_scaled(atol, reference))
    weight = np.random.default_rng(1).standard_normal(out.shape).astype(dtype)
    out.backward(weight)
    expected.backward(torch.tensor(weight))
    for index, (mine, theirs_x) in enumerate(zip(ours, theirs)):
        if theirs_x.grad is not None:
            wanted = theirs_x.grad.numpy()
            assert mine.grad is not None, f"input {index} got no gradient"
            assert mine.grad.dtype == wanted.dtype
            np.testing.assert_allclose(mine.grad, wanted, rtol=grad_rtol, atol=_scaled(grad_atol, wanted),
                                       err_msg=f"gradient of input {index}")


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("row", [r for r in ROWS if r.torch_fn is not None], ids=lambda r: r.id)
def test_matches_torch(row, dtype):
    _check_against_torch(row, dtype)


@pytest.mark.parametrize("dtype", [np.float64, np.float32], ids=["float64", "float32"])
@pytest.mark.parametrize("row", EXTREME_ROWS, ids=lambda r: r.id)
def test_extreme_inputs_match_torch(row, dtype):
    with np.errstate(all="ignore"):
        _check_against_torch(row, dtype)
