import pytest

from neurona.plot import learning_curves
from neurona.plot._figure import pyplot

from .picture import assert_picture

HISTORY = {"loss": [1.0, 0.6, 0.4, 0.3], "accuracy": [0.5, 0.7, 0.8, 0.85],
           "val_loss": [1.1, 0.8, 0.7, 0.75], "val_accuracy": [0.45, 0.6, 0.65, 0.64]}


def test_one_panel_per_quantity_with_both_curves():
    fig = learning_curves(HISTORY)
    assert [a.get_title() for a in fig.axes] == ["loss", "accuracy"]
    assert_picture(fig, axes=2, lines=[2, 2])


def test_best_validation_epoch_is_marked():
    fig = learning_curves(HISTORY)
    loss_axes, accuracy_axes = fig.axes
    assert loss_axes.collections[0].get_offsets().tolist() == [[3, 0.7]]         # lowest loss
    assert accuracy_axes.collections[0].get_offsets().tolist() == [[3, 0.65]]    # highest accuracy
    pyplot().close(fig)


def test_training_only_history_and_given_axes():
    fig, axes = pyplot().subplots(1, 1)
    assert learning_curves({"loss": [1.0, 0.5]}, ax=axes) is fig
    assert_picture(fig, axes=1, lines=[1])


def test_wrong_number_of_axes_is_refused():
    fig, axes = pyplot().subplots(1, 1)
    with pytest.raises(ValueError, match="learning_curves: draws 2 panel"):
        learning_curves(HISTORY, ax=axes)
    pyplot().close(fig)


def test_a_fit_history(tmp_path):
    import numpy as np

    from neurona.layers import Dense
    from neurona.models import Sequential

    x = np.random.default_rng(0).normal(size=(32, 3)).astype("float32")
    model = Sequential([Dense(1, input_dim=3)])
    model.compile(optimizer="sgd", loss="mse", metrics=["mae"])
    history = model.fit(x, x[:, :1], epochs=3, validation_split=0.25, verbose=0)
    assert_picture(learning_curves(history), axes=2, lines=[2, 2])
