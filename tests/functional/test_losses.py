"""The fused loss after a softmax: the same value and gradient as from the logits, by reusing the softmax's work."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F


@pytest.mark.parametrize("target", [np.array([0, 2, 1]), np.eye(3)[[2, 0, 1]]], ids=["labels", "one-hot"])
def test_cross_entropy_after_softmax_equals_cross_entropy_of_the_logits(target):
    from neurona.functional.losses import cross_entropy_after_softmax

    z = np.array([[2.0, 0.5, -1.0], [1e4, -1e4, 0.0], [-3.0, 40.0, 1.0]])  # the second row underflows p to 0
    a, b = nr.tensor(z, requires_grad=True, dtype="float64"), nr.tensor(z, requires_grad=True, dtype="float64")
    fused = cross_entropy_after_softmax(F.softmax(a), target)
    direct = F.cross_entropy(b, target)
    fused.backward()
    direct.backward()
    assert np.isfinite(fused.item()) and fused.item() == pytest.approx(direct.item(), rel=1e-12)
    np.testing.assert_allclose(a.grad, b.grad, rtol=1e-12, atol=1e-15)


def test_cross_entropy_after_softmax_refuses_probabilities_changed_in_place():
    from neurona.functional.losses import cross_entropy_after_softmax

    z = nr.tensor([[2.0, 0.5, -1.0]], requires_grad=True)
    p = F.softmax(z)
    loss = cross_entropy_after_softmax(p, np.array([0]))
    with nr.no_grad():
        p.mul_(2.0)
    with pytest.raises(RuntimeError, match="SoftmaxCrossEntropy"):
        loss.backward()


def test_cross_entropy_after_softmax_needs_a_softmax_over_the_last_axis():
    from neurona.functional.losses import cross_entropy_after_softmax

    z = nr.tensor([[2.0, 0.5], [1.0, 0.0]], requires_grad=True)
    with pytest.raises(ValueError, match="softmax over the last axis"):
        cross_entropy_after_softmax(F.softmax(z, axis=0), np.array([0, 1]))
    with pytest.raises(ValueError, match="softmax over the last axis"):
        cross_entropy_after_softmax(F.sigmoid(z), np.array([0, 1]))


TARGETS = {
    "cross_entropy labels": (F.cross_entropy, lambda rng: rng.integers(0, 3, 6)),
    "cross_entropy one-hot": (F.cross_entropy, lambda rng: np.eye(3, dtype=np.float32)[rng.integers(0, 3, 6)]),
    "categorical_cross_entropy": (lambda p, y: F.categorical_cross_entropy(F.softmax(p), y),
                                  lambda rng: np.eye(3, dtype=np.float32)[rng.integers(0, 3, 6)]),
    "binary_cross_entropy_with_logits": (F.binary_cross_entropy_with_logits,
                                         lambda rng: rng.integers(0, 2, (6, 3)).astype(np.float32)),
}


@pytest.mark.parametrize("name", list(TARGETS))
def test_a_target_array_reused_before_backward_does_not_change_the_gradient(name):
    """A data loader may refill its batch buffer before backward(): the loss keeps its own copy."""
    loss_fn, make = TARGETS[name]
    rng = np.random.default_rng(0)
    logits, target = rng.standard_normal((6, 3)).astype(np.float32), make(rng)
    expected = nr.tensor(logits, requires_grad=True)
    loss_fn(expected, target.copy()).backward()
    x = nr.tensor(logits, requires_grad=True)
    loss = loss_fn(x, target)
    target[...] = target[::-1]  # the buffer is reused
    loss.backward()
    np.testing.assert_array_equal(x.grad, expected.grad)
