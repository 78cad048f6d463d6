"""Bad inputs to compile / fit / evaluate / predict get a clear error (or, for epochs=0, a documented no-op)."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.optimizers import SGD


def blobs(n=20, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, 2)).astype(np.float32), rng.integers(0, 3, n)


@pytest.fixture
def model():
    model = Sequential([Dense(8, activation="tanh", input_dim=2), Dense(3, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    return model


def regression():
    model = Sequential([Dense(1, input_dim=2)])
    model.compile(optimizer="sgd", loss="mse")
    return model


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_or_inf_in_y_names_the_sample(bad):
    x, _ = blobs()
    y = np.ones(20, np.float32)
    y[11] = bad
    with pytest.raises(ValueError, match="y contains NaN or inf .first at sample 11."):
        regression().fit(x, y, verbose=0)
    with pytest.raises(ValueError, match="y contains NaN or inf .first at sample 11."):
        regression().evaluate(x, y)


def test_inf_in_x_is_refused_like_nan(model):
    x, y = blobs()
    x[4, 0] = np.inf
    for call in (lambda: model.fit(x, y, verbose=0), lambda: model.predict(x), lambda: model.evaluate(x, y)):
        with pytest.raises(ValueError, match="x contains NaN or inf .first at sample 4."):
            call()


@pytest.mark.parametrize("batch_size", [0, -1, 2.5, "8", True])
def test_batch_size_must_be_a_positive_integer(model, batch_size):
    x, y = blobs()
    for method, call in (("predict", lambda: model.predict(x, batch_size=batch_size)),
                         ("evaluate", lambda: model.evaluate(x, y, batch_size=batch_size)),
                         ("fit", lambda: model.fit(x, y, batch_size=batch_size, verbose=0))):
        with pytest.raises(ValueError, match=f"{method}: batch_size must be a positive integer"):
            call()


def test_batch_size_none_means_32_as_in_keras(model):
    x, y = blobs(40)
    assert model.predict(x, batch_size=None).shape == (40, 3)
    assert np.isfinite(model.evaluate(x, y, batch_size=None))


@pytest.mark.parametrize("split", [0.99, 1.0, 1.5, -0.2, "0.2"])
def test_validation_split_that_leaves_no_rows(model, split):
    x, y = blobs(10)
    with pytest.raises(ValueError, match="validation_split"):
        model.fit(x[:1] if split == 0.99 else x, y[:1] if split == 0.99 else y, validation_split=split, verbose=0)


@pytest.mark.parametrize("validation_data", [("x",), "data", ("a", "b", "c")])
def test_validation_data_must_be_a_pair(model, validation_data):
    x, y = blobs()
    validation_data = tuple(x if v == "x" else v for v in validation_data) if isinstance(validation_data, tuple) else validation_data
    with pytest.raises(ValueError, match=r"validation_data must be a tuple \(x_val, y_val\)"):
        model.fit(x, y, validation_data=validation_data, verbose=0)


def test_epochs_zero_is_a_no_op_and_other_bad_epochs_are_refused(model):
    x, y = blobs()
    model.build()
    before = model.get_weights()
    history = model.fit(x, y, epochs=0, verbose=0)
    assert history.history == {} and history.epoch == []
    for got, want in zip(model.get_weights(), before):
        np.testing.assert_array_equal(got, want)
    with pytest.raises(ValueError, match="initial_epoch=3 leaves no epoch to train"):
        model.fit(x, y, epochs=3, initial_epoch=3, verbose=0)
    with pytest.raises(ValueError, match="epochs must be a non-negative integer, got -1"):
        model.fit(x, y, epochs=-1, verbose=0)
    with pytest.raises(ValueError, match="epochs must be a non-negative integer, got 2.5"):
        model.fit(x, y, epochs=2.5, verbose=0)


def test_a_single_metric_string_is_one_metric_not_letters(model):
    x, y = blobs()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    assert set(model.fit(x, y, verbose=0).history) == {"loss", "accuracy"}


def test_metric_names_are_checked_at_compile(model):
    with pytest.raises(ValueError, match="unknown metric 'acuracy'.*'accuracy'"):
        model.compile(optimizer="adam", loss="mse", metrics=["acuracy"])


def test_loss_metric_and_optimizer_names_are_case_insensitive():
    x, y = blobs()
    model = Sequential([Dense(3, activation="softmax", input_dim=2)])
    model.compile(optimizer="Adam", loss="Sparse_Categorical_Crossentropy", metrics=["Accuracy"])
    assert set(model.fit(x, y, verbose=0).history) == {"loss", "accuracy"}
    model.compile(optimizer="SGD", loss="MSE", metrics=["MAE"])
    assert set(model.fit(x, np.eye(3)[y], verbose=0).history) == {"loss", "mae"}


@pytest.mark.parametrize("labels", [
    np.array([True, False] * 10), np.array(["a", "b"] * 10), np.array([object(), 1] * 10, dtype=object),
])
def test_sparse_labels_must_be_integers(model, labels):
    x, _ = blobs()
    with pytest.raises(ValueError, match="labels must be integers"):
        model.fit(x, labels, verbose=0)


def test_x_must_hold_numbers(model):
    _, y = blobs()
    with pytest.raises(ValueError, match="x must hold numbers, got dtype <U1"):
        model.fit(np.array([["a", "b"]] * 20), y, verbose=0)


def test_a_custom_loss_does_not_broadcast_column_predictions_against_flat_targets():
    x, _ = blobs()
    y = np.random.default_rng(1).standard_normal(20).astype(np.float32)
    named, custom = regression(), Sequential([Dense(1, input_dim=2)])
    custom.compile(optimizer="sgd", loss=lambda pred, target: F.mean((pred - target) ** 2))
    named.build()
    custom.build()
    custom.set_weights(named.get_weights())
    assert custom.evaluate(x, y) == pytest.approx(named.evaluate(x, y), rel=1e-6)


def test_a_custom_loss_with_mismatched_targets_names_both_shapes():
    model = Sequential([Dense(2, input_dim=2)])
    model.compile(optimizer="sgd", loss=lambda pred, target: F.mean(pred * target))
    with pytest.raises(ValueError, match=r"targets of shape \(20, 3\) do not match the model's output shape \(None, 2\)"):
        model.fit(blobs()[0], np.ones((20, 3)), verbose=0)


def test_y_is_required_by_a_compiled_loss(model):
    with pytest.raises(ValueError, match="y is required: the model was compiled with loss 'sparse_categorical_crossentropy'"):
        model.fit(blobs()[0], verbose=0)


def test_dense_units_must_be_a_positive_integer_and_inputs_need_a_feature_axis():
    for units in (2.7, 0, True, "3"):
        with pytest.raises(ValueError, match="out: units must be a positive integer"):
            Dense(units, name="out")
    with pytest.raises(ValueError, match=r"out: expected inputs with at least 1 axis \(the features\), got shape \(\)"):
        Dense(2, name="out")(nr.tensor(1.0))
    layer = Dense(2, name="out")
    layer(nr.tensor(np.ones((1, 3))))
    with pytest.raises(ValueError, match="out: expected 3 input features, got a scalar"):
        layer(nr.tensor(1.0))


def test_predict_takes_verbose(model, capsys):
    x, _ = blobs()
    model.predict(x, verbose=0)
    assert capsys.readouterr().out == ""
    model.predict(x, batch_size=8, verbose=1)
    assert capsys.readouterr().out.startswith("predict: 20 samples in 3 batches")


def test_integer_features_train_a_dense_model_in_float32():
    model = Sequential([Dense(1, input_dim=2)])
    model.compile(optimizer=SGD(learning_rate=0.1), loss="mse")
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]] * 5)
    model.fit(x, x.sum(axis=1), epochs=2, verbose=0)
    assert model.predict(x).dtype == np.float32
