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
