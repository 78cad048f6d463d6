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
    # NAG (Keras, PyTorch): v ← βv − η∇f(θ + βv); θ ← θ + v. The optimizer's parameter is θ + βv.
    beta = 0.9
    v1 = beta * 0 - LR * grad(THETA0 + beta * 0)
    theta1 = THETA0 + v1
    v2 = beta * v1 - LR * grad(theta1 + beta * v1)
    theta2 = theta1 + v2
    check(two_steps(SGD, momentum=beta, nesterov=True), [theta1 + beta * v1, theta2 + beta * v2])


def test_course_nesterov_holds_the_look_ahead_x_minus_alpha_p():
    # The course's NAG: p ← βp + ∇f(x − αp); x ← x − αp. The optimizer's parameter is x − αp.
    beta = 0.9
    p1 = beta * 0 + grad(THETA0 - LR * 0)
    x1 = THETA0 - LR * p1
    p2 = beta * p1 + grad(x1 - LR * p1)
    x2 = x1 - LR * p2
    check(two_steps(SGD, momentum=beta, nesterov="course"), [x1 - LR * p1, x2 - LR * p2])


def adagrad_by_hand(eps, s0, inside):
    theta, s, out = THETA0, s0, []
    for _ in (1, 2):
        g = grad(theta)
        s = s + g * g
        theta = theta - LR * g / (np.sqrt(s + eps) if inside else np.sqrt(s) + eps)
        out.append(theta)
    return out


def test_adagrad_keras():
    # ε inside the root, s₀ = 0.1 (a large ε, so that its place shows)
    check(two_steps(Adagrad, epsilon=0.5), adagrad_by_hand(eps=0.5, s0=0.1, inside=True))
    check(two_steps(Adagrad), adagrad_by_hand(eps=1e-7, s0=0.1, inside=True))


def test_adagrad_course():
    # s ← s + g²; θ ← θ − η g / (√s + ε), from s₀ = 0
    course = two_steps(Adagrad, epsilon=0.5, initial_accumulator_value=0.0, epsilon_inside_sqrt=False)
    check(course, adagrad_by_hand(eps=0.5, s0=0.0, inside=False))


def rmsprop_by_hand(rho, eps, inside):
    theta, s, out = THETA0, 0.0, []
    for _ in (1, 2):
        g = grad(theta)
        s = rho * s + (1 - rho) * g**2
        theta = theta - LR * g / (np.sqrt(s + eps) if inside else np.sqrt(s) + eps)
        out.append(theta)
    return out


def test_rmsprop_keras():
    check(two_steps(RMSprop, epsilon=0.5), rmsprop_by_hand(rho=0.9, eps=0.5, inside=True))
    check(two_steps(RMSprop), rmsprop_by_hand(rho=0.9, eps=1e-7, inside=True))


def test_rmsprop_course():
    # s ← ρs + (1 − ρ)g²; θ ← θ − η g / (√s + ε)
    course = two_steps(RMSprop, rho=0.8, epsilon=0.5, epsilon_inside_sqrt=False)
    check(course, rmsprop_by_hand(rho=0.8, eps=0.5, inside=False))


def adam_by_hand(lam_l2=0.0, lam_decoupled=0.0, eps=1e-8, keras=False):
    b1, b2 = 0.9, 0.999
    theta, m, v, out = THETA0, 0.0, 0.0, []
    for t in (1, 2):
        g = grad(theta) + lam_l2 * theta
        theta = theta - LR * lam_decoupled * theta
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        if keras:                       # ε̂ added to √v, before the bias correction
            theta = theta - LR * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + eps)
        else:                           # the course: ε added to √v̂
            m_hat = m / (1 - b1**t)
            v_hat = v / (1 - b2**t)
            theta = theta - LR * m_hat / (np.sqrt(v_hat) + eps)
        out.append(theta)
    return out


COURSE_ADAM = {"epsilon": 1e-8, "epsilon_hat": False}


def test_adam():
    check(two_steps(Adam, **COURSE_ADAM), adam_by_hand())
    check(two_steps(Adam, epsilon=0.05, epsilon_hat=False), adam_by_hand(eps=0.05))


def test_adam_keras_adds_epsilon_hat_to_the_root_of_v():
    check(two_steps(Adam, epsilon=0.05), adam_by_hand(eps=0.05, keras=True))
    check(two_steps(Adam), adam_by_hand(eps=1e-7, keras=True))


def test_adam_with_l2_weight_decay():
    check(two_steps(Adam, weight_decay=0.3, **COURSE_ADAM), adam_by_hand(lam_l2=0.3))


def test_adamw_decouples_weight_decay():
    check(two_steps(AdamW, weight_decay=0.3, **COURSE_ADAM), adam_by_hand(lam_decoupled=0.3))
    check(two_steps(AdamW, epsilon=0.05), adam_by_hand(lam_decoupled=0.004, eps=0.05, keras=True))


@pytest.mark.parametrize("opt_class", [SGD, Adagrad, RMSprop, Adam, AdamW])
def test_float64_parameters_stay_float64(opt_class):
    w = nr.tensor(THETA0, requires_grad=True, dtype="float64")
    opt = opt_class([w], lr=LR)
    w.grad = grad(w.data)
    opt.step()
    assert w.data.dtype == np.float64
