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


class ListGate(nr.Function):
    """The course's MultiplyGate, whose backward returns a list."""

    def forward(self, x, y):
        self.x, self.y = x, y
        return x * y

    def backward(self, dz):
        return [dz * self.y, dz * self.x]


def test_a_backward_that_returns_a_list_is_read_as_one_gradient_per_input():
    x = nr.tensor(3.0, requires_grad=True)
    y = nr.tensor(5.0, requires_grad=True)
    ListGate()(x, y).backward()
    assert (x.grad, y.grad) == (5.0, 3.0)


def test_a_backward_with_the_wrong_number_of_gradients_names_the_function():
    class TooFew(nr.Function):
        def forward(self, x, y):
            return x * y

        def backward(self, grad):
            return grad

    out = TooFew()(nr.tensor([1.0], requires_grad=True), nr.tensor([2.0], requires_grad=True))
    with pytest.raises(RuntimeError, match=r"TooFew.backward returned 1 gradient\(s\) for 2 input\(s\)"):
        out.sum().backward()


def test_a_gradient_of_the_wrong_shape_that_happens_to_broadcast_names_the_function():
    class WrongShape(nr.Function):
        def forward(self, x):
            return x * 2

        def backward(self, grad):
            return np.ones((2,) + grad.shape)  # a stray batch axis

    out = WrongShape()(nr.tensor([1.0, 2.0, 3.0], requires_grad=True))
    with pytest.raises(ValueError, match=r"WrongShape.backward returned a gradient of shape \(2, 3\) for input 0 of shape \(3,\)"):
        out.sum().backward()


def test_a_function_instance_called_twice_makes_two_nodes():
    f = MultiplyGate()
    a, b = nr.tensor(2.0, requires_grad=True), nr.tensor(3.0, requires_grad=True)
    c, d = nr.tensor(5.0, requires_grad=True), nr.tensor(7.0, requires_grad=True)
    ya, yb = f(a, b), f(c, d)
    assert ya.grad_fn is not yb.grad_fn
    ya.backward()
    yb.backward()
    assert (a.grad, b.grad, c.grad, d.grad) == (3.0, 2.0, 7.0, 5.0)


def test_a_reused_instance_keeps_its_options_for_every_call():
    from neurona.functional.reductions import Sum
    from neurona.functional.shape import Transpose

    total = Sum(axis=0)
    x = nr.tensor(np.ones((2, 3)), requires_grad=True)
    first, second = total(x), total(x * 2)
    (first.sum() + second.sum()).backward()
    np.testing.assert_array_equal(x.grad, np.full((2, 3), 3.0))
    flip = Transpose()
    assert flip(nr.tensor(np.ones((2, 3, 4)))).shape == (4, 3, 2)
    assert flip(nr.tensor(np.ones((2, 3)))).shape == (3, 2)  # forward does not overwrite the option


def test_calling_an_instance_released_by_backward_names_the_fix():
    from neurona.functional.reductions import Sum

    total = Sum(axis=0)
    x = nr.tensor(np.ones((2, 3)), requires_grad=True)
    total(x).sum().backward()
    with pytest.raises(RuntimeError, match=r"Sum: this instance was released by backward\(\).*new Sum\(...\)"):
        total(x)
    x.grad = None
    gate = MultiplyGate()  # an op without options can be called again
    gate(x, x).sum().backward()
    gate(x, x).sum().backward()
    np.testing.assert_array_equal(x.grad, np.full((2, 3), 4.0))
