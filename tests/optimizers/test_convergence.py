"""Every optimizer reaches the minimum of a convex quadratic and trains an MLP on XOR."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.optimizers import SGD, Adagrad, Adam, AdamW, ExponentialDecay, RMSprop

QUADRATIC = {
    "sgd": lambda p: SGD(p, lr=0.2),
    "momentum": lambda p: SGD(p, lr=0.05, momentum=0.9),
    "nesterov": lambda p: SGD(p, lr=0.05, momentum=0.9, nesterov=True),
    "adagrad": lambda p: Adagrad(p, lr=0.5),
    "rmsprop": lambda p: RMSprop(p, lr=ExponentialDecay(0.01, decay_rate=0.1, decay_steps=1000)),
    "adam": lambda p: Adam(p, lr=0.05),
    "adamw": lambda p: AdamW(p, lr=0.05, weight_decay=0.0),
}

XOR = {
    "sgd": lambda p: SGD(p, lr=0.5),
    "momentum": lambda p: SGD(p, lr=0.1, momentum=0.9),
    "nesterov": lambda p: SGD(p, lr=0.1, momentum=0.9, nesterov=True),
    "adagrad": lambda p: Adagrad(p, lr=0.1),
    "rmsprop": lambda p: RMSprop(p, lr=0.01),
    "adam": lambda p: Adam(p, lr=0.05),
    "adamw": lambda p: AdamW(p, lr=0.05),
}


@pytest.mark.parametrize("name", list(QUADRATIC))
def test_reaches_the_minimum_of_a_convex_quadratic(name):
    # f(w) = ½ wᵀAw − bᵀw with A symmetric positive definite: the minimum is A⁻¹b.
    a = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 1.0]])
    b = np.array([1.0, 2.0, 3.0])
    w = nr.tensor(np.zeros(3), requires_grad=True)
    opt = QUADRATIC[name]([w])
    for _ in range(2000):
        w.grad = (a @ w.data - b).astype(np.float32)
        opt.step()
    np.testing.assert_allclose(w.data, np.linalg.solve(a, b), atol=1e-4)


@pytest.mark.parametrize("name", list(XOR))
def test_trains_an_mlp_on_xor(name):
    x = nr.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = nr.tensor([[0.0], [1.0], [1.0], [0.0]])
    rng = np.random.default_rng(0)
    w1 = nr.tensor(rng.standard_normal((2, 8)), requires_grad=True)
    b1 = nr.tensor(np.zeros(8), requires_grad=True)
    w2 = nr.tensor(0.5 * rng.standard_normal((8, 1)), requires_grad=True)
    b2 = nr.tensor(np.zeros(1), requires_grad=True)
    opt = XOR[name]([w1, b1, w2, b2])
    for _ in range(300):
        logits = F.linear(F.tanh(F.linear(x, w1, b1)), w2, b2)
        loss = F.binary_cross_entropy_with_logits(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    np.testing.assert_array_equal(logits.data > 0, y.data > 0.5)
    assert loss.item() < 0.1
