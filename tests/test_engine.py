"""The reverse-mode walk: deep graphs, memory, unbroadcasting."""
import gc
import weakref

import numpy as np
import pytest

import neurona as nr
from neurona.engine import unbroadcast


def test_a_chain_of_100000_ops_backpropagates_and_is_freed():
    x = nr.tensor(1.0, requires_grad=True, dtype="float64")
    y = x
    for _ in range(100_000):
        y = y * 1.0
    middle = weakref.ref(y.grad_fn)
    y.backward()
    assert x.grad == 1.0
    del y
    gc.collect()
    assert middle() is None


def test_an_unused_deep_graph_is_collected_without_recursion_error():
    x = nr.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y + 1.0
    probe = weakref.ref(y)
    del y
    gc.collect()
    assert probe() is None


def test_every_tensor_is_numbered_after_the_inputs_of_its_operation():
    a = nr.tensor(1.0, requires_grad=True)
    b = a * 2
    c = nr.functional.maximum(b, a)
    assert a._seq < b._seq < c._seq


def test_a_tensor_reached_by_paths_of_different_lengths_is_visited_once_all_are_summed():
    a = nr.tensor(2.0, requires_grad=True)
    b = a * 3
    c = (b * b) * b + b + a  # b feeds three ops at different depths
    c.backward()
    assert a.grad == 3 * (3 * 36.0 + 1) + 1


@pytest.mark.parametrize(
    "grad_shape, shape, expected",
    [((4, 3), (3,), [4.0] * 3), ((4, 3), (4, 1), [[3.0]] * 4), ((2, 4, 3), (1, 3), [[8.0] * 3]), ((3,), (3,), [1.0] * 3)],
)
def test_unbroadcast_sums_stretched_and_added_axes(grad_shape, shape, expected):
    np.testing.assert_array_equal(unbroadcast(np.ones(grad_shape), shape), expected)


def test_unbroadcast_rejects_a_gradient_of_the_wrong_shape():
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(5,\)"):
        unbroadcast(np.ones((4, 3)), (5,))


def test_backward_on_a_leaf_gives_it_the_seed_gradient():
    x = nr.tensor([2.0, 3.0], requires_grad=True)
    x.backward(np.array([1.0, 5.0]))
    np.testing.assert_array_equal(x.grad, [1.0, 5.0])


def test_retained_and_leaf_gradients_never_share_memory():
    a = nr.tensor([1.0, 2.0], requires_grad=True)
    b = a + 0.0
    b.retain_grad()
    c = b + a
    c.sum().backward()
    assert not np.shares_memory(a.grad, b.grad)
    np.testing.assert_array_equal(a.grad, [2.0, 2.0])


# ------------------------------------------------------------ in-place changes after the forward pass
def test_the_issue_example_an_in_place_change_before_backward_is_refused():
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    x = nr.tensor([3.0, 4.0], requires_grad=True)
    y = (w * x).sum()
    w.data *= 5
    with pytest.raises(RuntimeError, match=r"Mul needs input 0 \(shape \(2,\), dtype float32\).*version 0.*now version 1"):
        y.backward()


def test_the_error_names_the_tensor_and_says_how_to_fix_it():
    class Named(nr.Tensor):  # a Parameter-like tensor with a name
        pass

    w = Named([[1.0, 2.0]], requires_grad=True)
    w.name = "dense/kernel"
    y = (nr.tensor([[1.0], [1.0]]) @ w).sum()
    w.bump_version()
    with pytest.raises(RuntimeError, match=r"MatMul needs input 1 'dense/kernel'.*after backward\(\), or on a copy"):
        y.backward()


def test_an_optimizer_like_step_between_forward_and_backward_is_refused():
    w = nr.tensor(np.ones((3, 2)), requires_grad=True)
    loss = nr.functional.linear(nr.tensor(np.ones((4, 3))), w).sum()
    with nr.no_grad():
        w.sub_(0.1)  # what a discriminator step does while the generator's graph is alive
    with pytest.raises(RuntimeError, match="Linear needs input 1"):
        loss.backward()


@pytest.mark.parametrize("op", [nr.functional.exp, nr.functional.tanh, nr.functional.sigmoid, nr.functional.sqrt])
def test_a_saved_output_changed_in_place_is_refused(op):
    x = nr.tensor([0.5, 1.0], requires_grad=True)
    y = op(x)
    with nr.no_grad():
        y.mul_(2.0)
    with pytest.raises(RuntimeError, match=rf"{type(y.grad_fn).__name__} needs its output"):
        y.sum().backward()


@pytest.mark.parametrize(
    "build",
    [lambda w: w + 1.0, lambda w: w - 1.0, lambda w: -w, lambda w: w.reshape(2, 1), lambda w: w.T,
     lambda w: w[0], lambda w: w.sum(), lambda w: nr.functional.relu(w), lambda w: nr.functional.maximum(w, 0.0)],
    ids=["add", "sub", "neg", "reshape", "transpose", "getitem", "sum", "relu", "maximum"],
)
def test_ops_whose_backward_reads_no_values_allow_in_place_changes(build):
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    y = build(w).sum()
    with nr.no_grad():
        w.mul_(5.0)
    y.backward()
    assert w.grad is not None


def test_a_write_through_a_view_or_to_the_base_of_a_view_is_seen():
    w = nr.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    x = nr.tensor([[1.0], [1.0]], requires_grad=True)
    y = (w.T @ x).sum()  # MatMul saved the transposed view of w
    with nr.no_grad():
        w.mul_(2.0)
    with pytest.raises(RuntimeError, match="MatMul needs input 0"):
        y.backward()
    base = nr.tensor([1.0, 2.0, 3.0])
    view = base[1:]
    z = (view * x[0]).sum()
    base[2] = 10.0
    with pytest.raises(RuntimeError, match="Mul needs input 0"):
        z.backward()


def test_a_second_backward_after_an_in_place_change_is_refused():
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    y = (w * w).sum()
    y.backward(retain_graph=True)
    with nr.no_grad():
        w.add_(1.0)
    with pytest.raises(RuntimeError, match="Mul needs input 0"):
        y.backward()


def test_rebinding_data_counts_and_gradients_stay_right_without_changes():
    w = nr.tensor([1.0, 2.0], requires_grad=True)
    x = nr.tensor([3.0, 4.0])
    y = (w * x).sum()
    y.backward()
    np.testing.assert_array_equal(w.grad, [3.0, 4.0])
    y = (w * x).sum()
    x.data = np.array([5.0, 6.0], dtype=np.float32)
    with pytest.raises(RuntimeError, match="Mul needs input 1"):
        y.backward()


# ------------------------------------------------------------ what backward returns
def test_unbroadcast_refuses_a_broadcast_the_forward_could_not_have_made():
    np.testing.assert_array_equal(unbroadcast(np.ones((4, 3)), (3,), (4, 3)), [4.0] * 3)
    with pytest.raises(ValueError, match=r"input 1 of shape \(3,\).*output of shape \(3,\)"):
        unbroadcast(np.ones((4, 3)), (3,), (3,), index=1)
    with pytest.raises(ValueError, match=r"\(4, 3\).*\(4, 1\).*output of shape \(4, 1\)"):
        unbroadcast(np.ones((4, 3)), (4, 1), (4, 1))


@pytest.mark.parametrize(
    "loss",
    [nr.functional.binary_cross_entropy, nr.functional.binary_cross_entropy_with_logits,
     nr.functional.categorical_cross_entropy, nr.functional.kl_divergence, nr.functional.cross_entropy],
)
def test_a_loss_target_changed_in_place_before_backward_is_refused(loss):
    pred = nr.tensor([[0.2, 0.8], [0.6, 0.4]], requires_grad=True)
    target = nr.tensor([[0.0, 1.0], [1.0, 0.0]])
    out = loss(pred, target)
    target.fill_(0.5)
    with pytest.raises(RuntimeError, match="needs input 1"):
        out.backward()


def test_where_keeps_the_mask_of_the_forward_pass():
    condition = nr.tensor([True, False])
    a = nr.tensor([1.0, 2.0], requires_grad=True)
    out = nr.functional.where(condition, a, 0.0)
    condition.fill_(True)
    out.sum().backward()
    np.testing.assert_array_equal(a.grad, [1.0, 0.0])
