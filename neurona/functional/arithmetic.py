"""Arithmetic: add, sub, mul, div, pow, neg (NumPy broadcasting; the engine unbroadcasts)."""
from __future__ import annotations

import numpy as np

from neurona.function import Function


class Add(Function):
    saves = ()

    def forward(self, a, b):
        return a + b

    def backward(self, grad):
        return grad, grad


class Sub(Function):
    saves = ()

    def forward(self, a, b):
        return a - b

    def backward(self, grad):
        return grad, -grad if self.needs_input_grad[1] else None


class Mul(Function):
    def forward(self, a, b):
        self.a, self.b = a, b
        return a * b

    def backward(self, grad):
        need_a, need_b = self.needs_input_grad
        return (grad * self.b if need_a else None), (grad * self.a if need_b else None)


class Div(Function):
    saves = (1, "output")

    def forward(self, a, b):
        self.b = b
        self.out = a / b
        return self.out

    def backward(self, grad):
        grad_a = grad / self.b
        grad_b = -grad_a * self.out if self.needs_input_grad[1] else None
        return grad_a, grad_b


class Pow(Function):
    """``a ** p``, with PyTorch's values at the edges.

    d/da = p a^(p-1), and 0 where p = 0 (even at a = 0, where the formula gives NaN).
    d/dp = a^p log(a), and 0 where a = 0 and p >= 0; so 0^p with p < 0 gives -inf
    and a negative base gives NaN (log of a negative number), as in PyTorch.
    """

    saves = ("inputs", "output")

    def forward(self, a, p):
        self.a, self.p = a, p
        self.out = a**p
        return self.out

    def backward(self, grad):
        a, p = self.a, self.p
        need_a, need_p = self.needs_input_grad
        grad_a = grad_p = None
        with np.errstate(divide="ignore", invalid="ignore"):
            if need_a:
                grad_a = grad * np.where(p == 0, 0, p * a ** (p - 1))
            if need_p:
                grad_p = grad * np.where((a == 0) & (p >= 0), 0, self.out * np.log(a))
        return grad_a, grad_p


class Neg(Function):
    saves = ()

    def forward(self, a):
        return -a

    def backward(self, grad):
        return -grad


def add(a, b):
    """Elementwise ``a + b`` with broadcasting.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.add(nr.tensor([1.0, 2.0]), 1.0)
    tensor([2., 3.])
    """
    return Add()(a, b)


def sub(a, b):
    """Elementwise ``a - b`` with broadcasting."""
    return Sub()(a, b)


def mul(a, b):
    """Elementwise ``a * b`` with broadcasting."""
    return Mul()(a, b)


def div(a, b):
    """Elementwise ``a / b`` with broadcasting."""
    return Div()(a, b)


def pow(a, p):
    """Elementwise ``a ** p`` (gradients at ``a = 0`` and ``p = 0`` as in PyTorch, see :class:`Pow`)."""
    return Pow()(a, p)


def neg(a):
    """Elementwise ``-a``."""
    return Neg()(a)
