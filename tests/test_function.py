"""The Function contract: user-defined ops, saved state, errors that name the op."""
import numpy as np
import pytest

import neurona as nr


class MultiplyGate(nr.Function):
    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, grad):
        return grad * self.y, grad * self.x


def test_a_user_defined_gate_works_and_gradchecks():
    a = nr.tensor(3.0, requires_grad=True)
    b = nr.tensor(-4.0, requires_grad=True)
    MultiplyGate()(a, b).backward()
    assert (a.grad, b.grad) == (-4.0, 3.0)
    assert nr.gradcheck(lambda x, y: MultiplyGate()(x, y), np.random.rand(3, 2), np.random.rand(3, 2))


def test_saved_arrays_are_released_after_backward():
    a = nr.tensor([1.0, 2.0], requires_grad=True)
    out = MultiplyGate()(a, a)
    gate = out.grad_fn
    out.sum().backward()
    assert gate.inputs is None and not hasattr(gate, "x")


def test_constants_get_no_gradient_and_no_graph_without_grad_inputs():
    out = MultiplyGate()(nr.tensor([2.0]), np.array([3.0], dtype=np.float32))
    assert not out.requires_grad and out.grad_fn is None


def test_a_wrong_gradcheck_names_the_worst_element():
    class Broken(nr.Function):
        def forward(self, x):
            return x * x

        def backward(self, grad):
            return grad * 3.0

    with pytest.raises(nr.GradcheckError, match=r"input 0, element \(\d+,\): analytic .* numeric .* relative error"):
        nr.gradcheck(lambda x: Broken()(x), [1.0, 2.0])


def test_directional_gradcheck():
    assert nr.gradcheck(lambda x: (x * x).sum(), np.random.rand(50, 40), directional=True)
