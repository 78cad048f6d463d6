import numpy as np
import pytest

from neurona.data.playground import make_circle
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.plot import decision_boundary

from .picture import assert_picture

X = np.array([[-2.0, -1.0], [2.0, 1.0], [-1.0, 2.0], [1.0, -2.0]])


def sigmoid_of_x1(points):
    return 1 / (1 + np.exp(-3 * points[:, 0]))


def test_binary_boundary_is_the_half_probability_contour():
    fig = decision_boundary(sigmoid_of_x1, X, [0, 1, 0, 1], resolution=50)
    field, colour_bar = fig.axes
    boundary = [c for c in field.collections if len(c.get_paths()) and c.get_linewidth()[0] == 1.5]
    vertices = np.concatenate([p.vertices for p in boundary[0].get_paths()])
    np.testing.assert_allclose(vertices[:, 0], 0.0, atol=0.05)       # P = 0.5 exactly where x1 = 0
    np.testing.assert_allclose(field.collections[-1].get_offsets(), X)
    assert colour_bar.get_ylabel() == "P(class 1)"
    assert_picture(fig, axes=2)


def test_a_trained_neurona_model_on_a_playground_set():
    x, y = make_circle(200, noise=0.05, seed=0)
    model = Sequential([Dense(8, activation="tanh", input_dim=2), Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    model.fit(x, y[:, None].astype("float32"), epochs=5, batch_size=16, verbose=0)
    assert_picture(decision_boundary(model, x, y, resolution=60), axes=2)


def test_three_classes_colour_each_region_by_its_class():
    centres = np.array([[0.0, 3.0], [-3.0, -2.0], [3.0, -2.0]])

    def nearest(points):
        scores = -((points[:, None, :] - centres) ** 2).sum(axis=2)
        return np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)

    x = centres.repeat(2, axis=0) + 0.1
    fig = decision_boundary(nearest, x, np.eye(3)[[0, 0, 1, 1, 2, 2]], resolution=40)
    field = fig.axes[0]
    rgba = field.images[0].get_array()
    assert rgba.shape == (40, 40, 4)
    assert len(field.get_legend().get_texts()) == 3
    top_middle = rgba[-1, 20, :3]                                    # nearest to class 0 (blue in tab10)
    np.testing.assert_allclose(top_middle, (0.12, 0.47, 0.71), atol=0.01)
    assert_picture(fig, axes=2)


def test_predict_proba_is_preferred():
    linear_model = pytest.importorskip("sklearn.linear_model")
    x, y = make_circle(100, seed=0)
    classifier = linear_model.LogisticRegression().fit(x ** 2, y)

    class Squares:
        def predict_proba(self, points):
            return classifier.predict_proba(points ** 2)

        def predict(self, points):
            raise AssertionError("predict_proba must be used")

    assert_picture(decision_boundary(Squares(), x, y, resolution=30), axes=2)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match=r"x must be \(n, 2\) points.*\(4, 3\)"):
        decision_boundary(sigmoid_of_x1, np.zeros((4, 3)), [0, 1, 0, 1])
    with pytest.raises(ValueError, match="y has 3 labels for 4 points"):
        decision_boundary(sigmoid_of_x1, X, [0, 1, 0])
    with pytest.raises(ValueError, match=r"the model returned shape \(7,\)"):
        decision_boundary(lambda p: np.zeros(7), X, [0, 1, 0, 1], resolution=10)
    with pytest.raises(TypeError, match="predict"):
        decision_boundary(42, X, [0, 1, 0, 1])
