import numpy as np
import pytest

import neurona.functional as F
from neurona.optimizers import SGD, Adagrad, Adam, RMSprop
from neurona.plot import optimizer_paths
from neurona.plot.loss_surfaces import SURFACES, elongated, rosenbrock
from neurona.plot.optimizer_paths import run_path

from .picture import assert_picture

COURSE = {"GD": SGD(lr=0.2), "momentum": SGD(lr=0.05, momentum=0.9), "NAG": SGD(lr=0.05, momentum=0.9, nesterov=True),
          "Adagrad": Adagrad(lr=1.0), "RMSProp": RMSprop(lr=0.1), "Adam": Adam(lr=0.3)}


def test_gradient_descent_follows_the_closed_form():
    path = run_path(elongated, SGD(lr=0.1), (2.0, 1.0), 10)         # ∇ = (0.2 x, 4 y)
    k = np.arange(11)
    np.testing.assert_allclose(path, np.stack([2.0 * 0.98 ** k, 1.0 * 0.6 ** k], axis=1), rtol=1e-12)


def test_every_course_optimizer_reaches_the_bottom_of_the_bowl():
    for label, optimizer in COURSE.items():
        path = run_path(elongated, optimizer, SURFACES["elongated"].start, 200)
        assert np.abs(path[-1]).max() < 0.1, (label, path[-1])


def test_one_path_per_optimizer_over_the_contours():
    fig = optimizer_paths("elongated", COURSE, steps=50)
    axes = fig.axes[0]
    assert [line.get_label() for line in axes.lines] == list(COURSE)
    assert all(len(line.get_xdata()) == 51 for line in axes.lines)
    assert any(c.get_label() == "start" for c in axes.collections)
    assert_picture(fig, axes=1, lines=[6])


def test_the_callers_optimizers_are_not_used():
    adam = Adam(lr=0.1)
    optimizer_paths("saddle", [adam, "momentum"], steps=5)
    assert adam.iterations == 0 and adam.params == []


def test_divergence_is_marked_and_the_path_cut():
    fig = optimizer_paths("rosenbrock", {"GD": SGD(lr=0.1)}, steps=50)
    line = fig.axes[0].lines[0]
    assert line.get_label() == "GD (diverged)"
    assert np.isfinite(line.get_xydata()).all() and len(line.get_xdata()) < 51
    assert_picture(fig)


def test_a_function_of_the_users_own():
    def bowl(w):
        return F.softplus(w[0]) + (w[1] - 1) ** 2

    fig = optimizer_paths(bowl, ["adam"], start=(1.0, -1.0), steps=20)
    assert fig.axes[0].get_title() == "bowl: 20 steps"
    assert fig.axes[0].lines[0].get_label() == "Adam (η=0.001)"
    assert_picture(fig)


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="unknown surface 'bowl'"):
        optimizer_paths("bowl", ["sgd"])
    with pytest.raises(ValueError, match="start must be 2 finite numbers"):
        optimizer_paths("saddle", ["sgd"], start=(1.0, np.nan))
    with pytest.raises(ValueError, match="steps must be a positive int"):
        optimizer_paths("saddle", ["sgd"], steps=0)
    with pytest.raises(ValueError, match="no optimizers"):
        optimizer_paths("saddle", {})
    with pytest.raises(ValueError, match="scalar Tensor"):
        optimizer_paths(lambda w: w * 2, ["sgd"], start=(1.0, 1.0))


def test_rosenbrock_surface_minimum():
    assert float(rosenbrock(np.array([1.0, 1.0]))) == 0.0
