"""The compiled softmax and softmax cross-entropy of short batches (``neurona.accelerate``) against the
NumPy reference: the same outputs and gradients, NaN and ±inf included."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona import accelerate
from neurona.functional import _softmax_kernels as kernels
from neurona.functional.losses import cross_entropy_after_softmax

pytest.importorskip("numba")


def _logits(shape, dtype, seed=0):
    z = np.random.default_rng(seed).standard_normal(shape).astype(dtype) * 3
    flat = z.reshape(-1, shape[-1])
    flat[1, 1], flat[2, 0], flat[3] = np.nan, np.inf, -np.inf  # a NaN, a +inf, a row of -inf
    flat[4, :] = 1e30  # equal, huge
    return z


def _run(compiled: bool, z, labels, reduction, head):
    accelerate.set_enabled(compiled)
    try:
        x = nr.tensor(z, requires_grad=True, dtype=z.dtype)
        if head == "logits":
            loss = F.cross_entropy(x, labels, reduction=reduction)
        else:  # a softmax layer, then the loss of its probabilities (the fused path of Keras-style models)
            loss = cross_entropy_after_softmax(F.softmax(x), labels, reduction=reduction)
        F.sum(loss * 1.5).backward()
        return loss.numpy(), x.grad, F.softmax(nr.tensor(z, dtype=z.dtype)).numpy()
    finally:
        accelerate.set_enabled(None)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("head", ["logits", "softmax"])
@pytest.mark.parametrize("shape", [(150, 3), (6, 5, 4), (5, 1)])
def test_compiled_matches_the_numpy_reference(dtype, reduction, head, shape):
    z = _logits(shape, dtype) if shape[-1] > 1 and shape[0] > 4 else np.random.default_rng(1).standard_normal(shape).astype(dtype)
    labels = np.random.default_rng(2).integers(0, shape[-1], shape[:-1])
    with np.errstate(invalid="ignore"):
        compiled, reference = _run(True, z, labels, reduction, head), _run(False, z, labels, reduction, head)
    for got, want in zip(compiled, reference):
        assert got.dtype == want.dtype == dtype
        np.testing.assert_allclose(got, want, rtol=2e-6 if dtype == np.float32 else 1e-13, atol=1e-30, equal_nan=True)


def test_the_kernels_run_on_short_batches_only():
    assert kernels.applies(np.zeros((150, 3), np.float32)) is accelerate.enabled()
    assert not kernels.applies(np.zeros((kernels.SMALL + 1, 1), np.float32))
    assert not kernels.applies(np.zeros((4, 0), np.float32)) and not kernels.applies(np.zeros((), np.float32))
    assert not kernels.applies(np.zeros((4, 3), np.float16))


def test_softmax_gives_the_three_arrays_of_the_reference():
    x = np.float32([[1, 2, 3], [0, 0, np.nan]])
    shifted, total, prob = kernels.softmax(x)
    np.testing.assert_array_equal(shifted[0], [-2, -1, 0])
    assert total.shape == (2, 1) and np.isnan(shifted[1]).all() and np.isnan(prob[1]).all()
    np.testing.assert_allclose(prob[0], np.exp([-2, -1, 0]) / np.exp([-2, -1, 0]).sum(), rtol=1e-6)


def test_an_out_of_range_label_given_to_the_op_itself_is_named_not_read():
    from neurona.functional.losses import SoftmaxCrossEntropy
    logits = nr.tensor(np.zeros((4, 3), np.float32))
    accelerate.set_enabled(True)
    try:
        with pytest.raises(ValueError, match="^cross_entropy: label 3 is out of range for 3 classes"):
            SoftmaxCrossEntropy("mean")(logits, np.array([0, 1, 3, 2]))
    finally:
        accelerate.set_enabled(None)


@pytest.mark.parametrize("compiled", [True, False])
@pytest.mark.parametrize("labels", [[0, 1, 2], [0, 1, 2, 0, 1], [[0, 1, 2, 0]]])
def test_labels_of_another_shape_given_to_the_op_itself_are_refused_not_read(compiled, labels):
    from neurona.functional.losses import SoftmaxCrossEntropy
    logits = nr.tensor(np.zeros((4, 3), np.float32), requires_grad=True)
    accelerate.set_enabled(compiled)
    try:
        with pytest.raises(nr.ShapeError, match=r"^cross_entropy: integer labels of shape .* do not match logits"):
            SoftmaxCrossEntropy("sum")(logits, np.array(labels))
    finally:
        accelerate.set_enabled(None)


def test_the_one_pass_loss_sums_what_the_reference_sums():
    z = np.random.default_rng(3).standard_normal((300, 7)).astype(np.float32)
    labels = np.random.default_rng(4).integers(0, 7, 300)
    prob, loss, summed = kernels.cross_entropy(z, labels)
    shifted, total, reference_prob = kernels.softmax(z)
    np.testing.assert_array_equal(prob, reference_prob)
    np.testing.assert_allclose(loss, np.log(total[:, 0]) - shifted[np.arange(300), labels], rtol=1e-6)
    assert summed == pytest.approx(float(loss.astype(np.float64).sum()), rel=1e-12)
    assert kernels.cross_entropy(z, np.where(labels == 3, 7, labels))[:2] == (None, int(np.argmax(labels == 3)))


def test_a_label_changed_behind_the_version_counter_is_named_in_backward_not_written_with():
    logits = nr.tensor(np.zeros((4, 3), np.float32), requires_grad=True)
    labels = nr.tensor(np.array([0, 1, 2, 0]))
    accelerate.set_enabled(True)
    try:
        loss = F.cross_entropy(logits, labels)
        labels.data[1] = 7  # a NumPy write: no version bump, so only the kernel's own check can see it
        with pytest.raises(ValueError, match="^cross_entropy: label 7 is out of range for 3 classes"):
            loss.backward()
    finally:
        accelerate.set_enabled(None)
