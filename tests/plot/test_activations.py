import numpy as np
import pytest

import neurona.functional as F
from neurona.plot import activations
from neurona.plot.activations import GALLERY, maxout_example, value_and_derivative

from .picture import assert_picture

X = np.linspace(-3, 3, 61) + 0.013                        # off the kinks (0; maxout at −0.5 and 1)
SIG = 1 / (1 + np.exp(-X))
EXPECTED = {                                                   # the course's derivatives
    F.sigmoid: SIG * (1 - SIG),
    F.tanh: 1 - np.tanh(X) ** 2,
    F.relu: (X > 0).astype(float),
    F.leaky_relu: np.where(X > 0, 1.0, 0.2),
    F.elu: np.where(X > 0, 1.0, np.exp(X)),
    F.identity: np.ones_like(X),
    F.step: np.zeros_like(X),
}


@pytest.mark.parametrize("fn", EXPECTED, ids=lambda fn: fn.__name__)
def test_derivatives_are_the_formulas(fn):
    value, slope = value_and_derivative(fn, X)
    np.testing.assert_allclose(slope, EXPECTED[fn], atol=1e-6)


def test_maxout_is_the_largest_piece_and_its_slope():
    value, slope = value_and_derivative(maxout_example, X)
    pieces = np.stack([-X - 0.5, 0.5 * X, 1.5 * X - 1])
    np.testing.assert_allclose(value, pieces.max(axis=0))
    np.testing.assert_allclose(slope, np.array([-1.0, 0.5, 1.5])[pieces.argmax(axis=0)])


def test_the_gallery():
    fig = activations()
    assert [a.get_title() for a in fig.axes] == list(GALLERY)
    assert_picture(fig, axes=8, lines=[2] * 8)


def test_one_function_on_given_axes_and_callables():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    assert activations("softplus", ax=ax) is fig
    assert_picture(activations([F.tanh, lambda t: t * t]), axes=2, lines=[2, 2])
    plt.close(fig)


def test_bad_functions_are_refused():
    with pytest.raises(ValueError, match="no functions"):
        activations([])
    with pytest.raises(ValueError, match="swish"):
        activations(["swish"])
    with pytest.raises(ValueError, match="must act elementwise"):
        activations([lambda t: t.sum()])
    with pytest.raises(TypeError, match="names or functions"):
        activations([3])
