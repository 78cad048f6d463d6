"""The first two updates of each optimizer equal the course's formula, written out here in NumPy.

The objective is f(θ) = ½ θᵀAθ − bᵀθ, so the gradient at step 2 depends on step 1.
"""
import numpy as np
import pytest

import neurona as nr
from neurona.optimizers import SGD, Adagrad, Adam, AdamW, RMSprop

A = np.array([[2.0, 0.5], [0.5, 1.0]])
B = np.array([1.0, -1.0])
THETA0 = np.array([1.0, 2.0])
LR = 0.1


def grad(theta):
    return A @ theta - B


def two_steps(opt_class, **options):
    """Run two steps of the optimizer on f; return θ after each."""
    w = nr.tensor(THETA0, requires_grad=True)
    opt = opt_class([w], lr=LR, **options)
    thetas = []
    for _ in range(2):
        w.grad = grad(w.data.astype(np.float64)).astype(np.float32)
        opt.step()
        thetas.append(w.data.copy())
    return thetas


def check(got, expected):
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g, e, rtol=1e-5, atol=1e-6)


def test_gradient_descent():
    theta1 = THETA0 - LR * grad(THETA0)
    theta2 = theta1 - LR * grad(theta1)
    check(two_steps(SGD), [theta1, theta2])


def test_gradient_descent_with_weight_decay():
    lam = 0.2
    theta1 = THETA0 - LR * (grad(THETA0) + lam * THETA0)
    theta2 = theta1 - LR * (grad(theta1) + lam * theta1)
    check(two_steps(SGD, weight_decay=lam), [theta1, theta2])


def test_momentum():
    beta = 0.9
    v1 = beta * 0 - LR * grad(THETA0)
    theta1 = THETA0 + v1
    v2 = beta * v1 - LR * grad(theta1)
    theta2 = theta1 + v2
    check(two_steps(SGD, momentum=beta), [theta1, theta2])


def test_nesterov_holds_the_look_ahead_point():
    # NAG: v ← βv − η∇f(θ + βv); θ ← θ + v. The optimizer's parameter is θ + βv.
    beta = 0.9
    v1 = beta * 0 - LR * grad(THETA0 + beta * 0)
    theta1 = THETA0 + v1
    v2 = beta * v1 - LR * grad(theta1 + beta * v1)
    theta2 = theta1 + v2
    check(two_steps(SGD, momentum=beta, nesterov=True), [theta1 + beta * v1, theta2 + beta * v2])


def test_adagrad():
    eps, s0 = 1e-7, 0.1
    g1 = grad(THETA0)
    s1 = s0 + g1 * g1
    theta1 = THETA0 - LR * g1 / np.sqrt(s1 + eps)
    g2 = grad(theta1)
    s2 = s1 + g2 * g2
    theta2 = theta1 - LR * g2 / np.sqrt(s2 + eps)
    check(two_steps(Adagrad), [theta1, theta2])


def test_rmsprop():
    rho, eps = 0.9, 1e-7
    g1 = grad(THETA0)
    s1 = rho * 0 + (1 - rho) * g1**2
    theta1 = THETA0 - LR * g1 / np.sqrt(s1 + eps)
    g2 = grad(theta1)
    s2 = rho * s1 + (1 - rho) * g2**2
    theta2 = theta1 - LR * g2 / np.sqrt(s2 + eps)
    check(two_steps(RMSprop), [theta1, theta2])


def adam_by_hand(lam_l2=0.0, lam_decoupled=0.0):
    b1, b2, eps = 0.9, 0.999, 1e-8
    theta, m, v, out = THETA0, 0.0, 0.0, []
    for t in (1, 2):
        g = grad(theta) + lam_l2 * theta
        theta = theta - LR * lam_decoupled * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat = m / (1 - b1**t)
        v_hat = v / (1 - b2**t)
        theta = theta - LR * m_hat / (np.sqrt(v_hat) + eps)
        out.append(theta)
    return out


def test_adam():
    check(two_steps(Adam), adam_by_hand())


def test_adam_with_l2_weight_decay():
    check(two_steps(Adam, weight_decay=0.3), adam_by_hand(lam_l2=0.3))


def test_adamw_decouples_weight_decay():
    check(two_steps(AdamW, weight_decay=0.3), adam_by_hand(lam_decoupled=0.3))


@pytest.mark.parametrize("opt_class", [SGD, Adagrad, RMSprop, Adam, AdamW])
def test_float64_parameters_stay_float64(opt_class):
    w = nr.tensor(THETA0, requires_grad=True, dtype="float64")
    opt = opt_class([w], lr=LR)
    w.grad = grad(w.data)
    opt.step()
    assert w.data.dtype == np.float64
