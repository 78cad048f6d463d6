import numpy as np
import pytest

from neurona.layers import Dense
from neurona.models import Sequential
from neurona.plot import weights_histogram

from .picture import assert_picture


def test_one_histogram_per_weight_array_counting_every_weight():
    model = Sequential([Dense(16, input_dim=8), Dense(4)])
    model.build()
    fig = weights_histogram(model, bins=10)
    assert [a.get_title().split(" ")[0] for a in fig.axes] == ["0.kernel", "0.bias", "1.kernel", "1.bias"]
    heights = [sum(p.get_height() for p in a.patches) for a in fig.axes]
    assert heights == [8 * 16, 16, 16 * 4, 4]
    assert_picture(fig, axes=4)


def test_non_finite_weights_are_counted_not_drawn():
    layer = Dense(3, input_dim=2)
    layer.build((None, 2))
    layer.kernel.data[0, 0] = np.nan
    titles = [a.get_title() for a in weights_histogram(layer).axes]
    assert titles[0].endswith("1 not finite")


def test_an_unbuilt_model_is_refused():
    with pytest.raises(ValueError, match="has no weights yet"):
        weights_histogram(Sequential([Dense(3)]))
    with pytest.raises(TypeError, match="expected a model or layer"):
        weights_histogram(np.zeros(3))
