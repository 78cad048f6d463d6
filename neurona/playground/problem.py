"""The data of a set-up: TensorFlow Playground's points, split into training and test sets."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from neurona.data import train_test_split
from neurona.data import playground as generators
from neurona.playground.config import Config
from neurona.playground.features import compute_features

GENERATORS = {
    "circle": "make_circle", "xor": "make_xor", "gaussian": "make_gaussians", "spiral": "make_spiral",
    "plane": "make_plane", "multi_gaussian": "make_multi_gaussian",
}
N_SAMPLES = {"classification": 500, "regression": 1200}


class Problem(NamedTuple):
    """Points (2-D), features and targets of the training and test sets."""

    points_train: np.ndarray
    points_test: np.ndarray
    x_train: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray


def make_problem(config: Config) -> Problem:
    """Generate the set-up's points (seeded by ``config.seed``) and split them.

    Examples
    --------
    >>> from neurona.playground.config import Config
    >>> problem = make_problem(Config())
    >>> problem.x_train.shape, problem.y_test.shape
    ((250, 2), (250,))
    """
    make = getattr(generators, GENERATORS[config.dataset])
    points, targets = make(N_SAMPLES[config.problem], noise=config.noise / 100, seed=config.seed)
    n_test = len(points) - len(points) * config.train_percent // 100
    p_train, p_test, y_train, y_test = train_test_split(points, targets.astype(np.float32), test_size=n_test,
                                                        seed=config.seed)
    return Problem(p_train, p_test, compute_features(p_train, list(config.features)),
                   compute_features(p_test, list(config.features)), y_train, y_test)
