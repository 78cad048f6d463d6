"""compile / fit / evaluate / predict: behaviour, stability, reproducibility and errors."""
import numpy as np
import pytest

import neurona as nr
import neurona.functional as F
from neurona.layers import Activation, Dense, Dropout
from neurona.models import Model, Sequential
from neurona.nn import Module
from neurona.optimizers import SGD, Adam


def blobs(n=120, seed=0):
    rng = np.random.default_rng(seed)
    centers = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.5]])
    y = rng.integers(0, 3, n)
    return (centers[y] + 0.5 * rng.standard_normal((n, 2))).astype(np.float32), y


def classifier(final="softmax"):
    return Sequential([Dense(16, activation="tanh", input_dim=2), Dense(3, activation=final)])


def test_fit_learns_and_history_holds_metrics_and_validation():
    nr.random.seed(0)
    x, y = blobs()
    model = classifier()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=30, batch_size=16, validation_split=0.25, verbose=0)
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert history.history["accuracy"][-1] > 0.9 and history.history["val_accuracy"][-1] > 0.9
    loss, accuracy = model.evaluate(x, y)
    assert accuracy > 0.9 and loss < history.history["loss"][0]
    probabilities = model.predict(x)
    assert probabilities.shape == (120, 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)


def test_one_hot_targets_with_categorical_crossentropy():
    nr.random.seed(1)
    x, y = blobs()
    model = classifier()
    model.compile(optimizer=Adam(learning_rate=0.01), loss="categorical_crossentropy", metrics=["accuracy", "precision", "recall"])
    history = model.fit(x, np.eye(3)[y], epochs=20, verbose=0)
    assert history.history["accuracy"][-1] > 0.9
    assert 0.8 < history.history["precision"][-1] <= 1.0 and 0.8 < history.history["recall"][-1] <= 1.0


@pytest.mark.parametrize("head", ["dense", "activation_layer"])
def test_crossentropy_after_softmax_is_computed_from_logits(head):
    layers = [Dense(3, activation="softmax", input_dim=2)] if head == "dense" else [Dense(3, input_dim=2), Activation("softmax")]
    model = Sequential(layers)
    model.compile(optimizer=SGD(learning_rate=0.0), loss="sparse_categorical_crossentropy")
    model.build((None, 2))
    model.layers[0].kernel.data[...] = [[1.0, 0.0, -1.0], [0.0, 0.0, 0.0]]
    x, y = np.array([[1e4, 0.0]], dtype=np.float32), np.array([2])
    assert model.evaluate(x, y) == pytest.approx(2e4)          # logsumexp(1e4, 0, -1e4) + 1e4; not a clipped log
    assert model.fit(x, y, verbose=0).history["loss"] == [pytest.approx(2e4)]
    np.testing.assert_allclose(model.predict(x), [[1.0, 0.0, 0.0]])


def test_regression_with_metrics_and_column_targets():
    nr.random.seed(2)
    rng = np.random.default_rng(0)
    x = rng.standard_normal((200, 3)).astype(np.float32)
    y = x @ np.array([1.0, -2.0, 0.5]) + 0.3
    model = Sequential([Dense(1, input_dim=3)])
    model.compile(optimizer=SGD(learning_rate=0.1), loss="mse", metrics=["mae", "rmse"])
    history = model.fit(x, y, epochs=40, batch_size=20, verbose=0)
    assert history.history["loss"][-1] < 1e-4
    assert history.history["rmse"][-1] == pytest.approx(np.sqrt(history.history["loss"][-1]), rel=0.5)
    np.testing.assert_allclose(model.layers[0].kernel.numpy().ravel(), [1.0, -2.0, 0.5], atol=1e-2)


def test_two_runs_with_the_same_seed_are_bit_identical():
    x, y = blobs()

    def run():
        nr.random.seed(42)
        model = Sequential([Dense(8, activation="relu", input_dim=2), Dropout(0.2), Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        history = model.fit(x, y, epochs=3, batch_size=10, validation_split=0.2, verbose=0)
        return model.get_weights(), history.history

    (w1, h1), (w2, h2) = run(), run()
    assert h1 == h2
    for a, b in zip(w1, w2):
        np.testing.assert_array_equal(a, b)


def test_verbose_modes(capsys):
    x, y = blobs(40)
    model = classifier()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(x, y, epochs=2, verbose=0)
    assert capsys.readouterr().out == ""
    model.fit(x, y, epochs=2, verbose=2)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and lines[1].startswith("Epoch 2/2") and "loss:" in lines[1] and "accuracy:" in lines[1]
    model.fit(x, y, epochs=1, verbose=1)
    out = capsys.readouterr().out
    assert "Epoch 1/1" in out and "2/2" in out and "loss" in out


def test_model_wraps_any_module_and_the_pytorch_style_loop_works():
    class TwoLayer(Module):
        def __init__(self):
            super().__init__()
            self.hidden = Dense(16, activation="tanh")
            self.out = Dense(3)

        def forward(self, x):
            return self.out(self.hidden(x))

    nr.random.seed(3)
    x, y = blobs()
    net = TwoLayer()
    net(nr.tensor(x[:1]))
    opt = Adam(net.parameters(), lr=0.05)
    for _ in range(60):
        loss = F.cross_entropy(net(nr.tensor(x)), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    assert loss.item() < 0.3
    model = Model(net)
    model.compile(optimizer="adam", loss=lambda logits, labels: F.cross_entropy(logits, labels), metrics=["accuracy"])
    assert model.evaluate(x, y)[1] > 0.9


def test_training_adds_regularization_penalties():
    x, y = blobs()
    plain = Sequential([Dense(3, input_dim=2, kernel_initializer="ones", activation="softmax")])
    penalized = Sequential([Dense(3, input_dim=2, kernel_initializer="ones", activation="softmax", kernel_regularizer="l2")])
    for m in (plain, penalized):
        m.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
    assert penalized.evaluate(x, y) == pytest.approx(plain.evaluate(x, y) + 0.01 * 6, rel=1e-5)


class TestBadInput:
    def setup_method(self):
        self.model = classifier()
        self.model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        self.x, self.y = blobs(20)

    def test_length_mismatch(self):
        with pytest.raises(ValueError, match="x has 20 samples but y has 19"):
            self.model.fit(self.x, self.y[:19], verbose=0)

    def test_feature_count_mismatch_names_the_layer_and_both_sizes(self):
        self.model.fit(self.x, self.y, verbose=0)
        with pytest.raises(ValueError, match=r"dense\S*: expected 2 input features, got 5"):
            self.model.predict(np.ones((4, 5)))

    def test_unknown_names_list_the_valid_ones(self):
        with pytest.raises(ValueError, match="unknown loss 'msee'.*'mse'"):
            self.model.compile(optimizer="adam", loss="msee")
        with pytest.raises(ValueError, match="adam"):
            self.model.compile(optimizer="adamm", loss="mse")
        with pytest.raises(ValueError, match="relu"):
            Dense(3, activation="relux")
        with pytest.raises(ValueError, match="accuracy"):
            self.model.compile(optimizer="adam", loss="mse", metrics=["acuracy"])
            self.model.fit(self.x, np.eye(3)[self.y], verbose=0)

    def test_labels_out_of_range_for_sparse_crossentropy(self):
        with pytest.raises(ValueError, match="label 3 is out of range for 3 classes"):
            self.model.fit(self.x, np.where(self.y == 0, 3, self.y), verbose=0)

    def test_nan_in_x(self):
        x = self.x.copy()
        x[7, 1] = np.nan
        with pytest.raises(ValueError, match="NaN.*sample 7"):
            self.model.fit(x, self.y, verbose=0)

    def test_targets_that_do_not_fit_the_output(self):
        model = classifier()
        model.compile(optimizer="adam", loss="mse")
        with pytest.raises(ValueError, match=r"targets of shape \(20, 4\).*\(None, 3\)"):
            model.fit(self.x, np.ones((20, 4)), verbose=0)

    def test_fit_before_compile(self):
        with pytest.raises(RuntimeError, match="compile"):
            classifier().fit(self.x, self.y)


def test_integer_targets_of_a_float_loss_train_in_float32():
    seen = []

    class Spy(Sequential):
        def compute_loss(self, x=None, y=None, y_pred=None):
            loss = super().compute_loss(x, y, y_pred)
            seen.append((y.dtype, loss.dtype))
            return loss

    model = Spy([Dense(1, activation="sigmoid", input_dim=2)])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    x, y = blobs(20)
    model.fit(x, (y > 0).astype(np.int64), verbose=0)
    assert set(seen) == {(np.dtype(np.float32), np.dtype(np.float32))}


def test_initial_epoch_resumes_the_count_and_evaluate_can_return_a_dict(capsys):
    x, y = blobs(40)
    model = classifier()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, y, epochs=5, initial_epoch=3, verbose=2)
    assert history.epoch == [3, 4] and len(history.history["loss"]) == 2
    assert capsys.readouterr().out.splitlines()[0].startswith("Epoch 4/5")
    scores = model.evaluate(x, y, return_dict=True)
    assert set(scores) == {"loss", "accuracy"} and scores["loss"] == pytest.approx(model.evaluate(x, y)[0])


def test_unshuffled_full_batch_fit_equals_a_manual_gradient_step():
    x, y = blobs(30)
    nr.random.seed(5)
    model = classifier()
    model.compile(optimizer=SGD(learning_rate=0.1), loss="sparse_categorical_crossentropy")
    model.build((None, 2))
    before = model.get_weights()
    nr.random.seed(5)
    twin = classifier()
    twin.build((None, 2))
    twin.set_weights(before)
    loss = F.cross_entropy(twin._modules["1"].preactivation(twin._modules["0"](nr.tensor(x))), y)
    loss.backward()
    expected = [p.data - 0.1 * p.grad for p in twin.parameters()]
    model.fit(x, y, batch_size=30, epochs=1, shuffle=False, verbose=0)
    for got, want in zip(model.get_weights(), expected):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-7)
