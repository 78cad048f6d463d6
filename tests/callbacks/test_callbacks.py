"""Callbacks: early stopping and its restore semantics, checkpoints, NaN guard, schedules, CSV, convergence."""
import csv

import numpy as np
import pytest

import neurona as nr
import neurona.models
from neurona.callbacks import (
    Callback,
    Convergence,
    CSVLogger,
    EarlyStopping,
    LearningRateScheduler,
    ModelCheckpoint,
    TerminateOnNaN,
)
from neurona.layers import Dense
from neurona.models import Sequential


def data(n=64):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 3)).astype(np.float32)
    return x, x @ np.array([1.0, -1.0, 2.0], dtype=np.float32)


def regressor(lr=0.05):
    nr.random.seed(0)
    model = Sequential([Dense(1, input_dim=3)])
    model.compile(optimizer=nr.optimizers.SGD(learning_rate=lr), loss="mse")
    return model


class ScriptedLoss(Callback):
    """Overwrites the monitored value with a fixed script, and records the weights of each epoch."""

    def __init__(self, values):
        self.values, self.weights = values, []

    def on_epoch_end(self, epoch, logs=None):
        logs["val_loss"] = self.values[epoch]
        self.weights.append(self.model.get_weights())


def test_early_stopping_stops_after_patience_and_restores_the_best_epoch():
    x, y = data()
    model = regressor()
    script = ScriptedLoss([5.0, 3.0, 1.0, 2.0, 4.0, 6.0, 7.0, 8.0])
    stop = EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=True)
    history = model.fit(x, y, epochs=8, verbose=0, callbacks=[script, stop])
    assert len(history.history["loss"]) == 5 and stop.stopped_epoch == 4
    for mine, best in zip(model.get_weights(), script.weights[2]):
        np.testing.assert_array_equal(mine, best)


def test_early_stopping_restores_the_best_weights_even_when_patience_never_ran_out():
    x, y = data()
    model = regressor()
    script = ScriptedLoss([3.0, 1.0, 2.0, 2.5])
    stop = EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)
    model.fit(x, y, epochs=4, verbose=0, callbacks=[script, stop])
    assert stop.stopped_epoch is None
    for mine, best in zip(model.get_weights(), script.weights[1]):
        np.testing.assert_array_equal(mine, best)


def test_early_stopping_names_a_missing_quantity():
    x, y = data()
    with pytest.raises(KeyError, match="val_loss.*available.*loss"):
        regressor().fit(x, y, epochs=1, verbose=0, callbacks=[EarlyStopping()])


def test_model_checkpoint_round_trip(tmp_path):
    x, y = data()
    model = regressor()
    path = tmp_path / "best.npz"
    model.fit(x, y, epochs=3, verbose=0, validation_data=(x, y),
              callbacks=[ModelCheckpoint(str(path), monitor="val_loss", save_best_only=True)])
    assert path.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    fresh = regressor()
    fresh.load_weights(path)
    for a, b in zip(fresh.get_weights(), model.get_weights()):
        np.testing.assert_array_equal(a, b)
    with np.load(path, allow_pickle=False) as archive:
        assert sorted(archive.files) == ["0.bias", "0.kernel"]


def test_model_checkpoint_formats_the_file_name_per_epoch(tmp_path):
    x, y = data()
    regressor().fit(x, y, epochs=2, verbose=0, callbacks=[ModelCheckpoint(str(tmp_path / "w-{epoch:02d}-{loss:.2f}.npz"), monitor="loss")])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and names[0].startswith("w-01-") and names[1].startswith("w-02-")


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
def test_terminate_on_nan_names_the_epoch_and_batch(capsys):
    x, y = data()
    model = regressor(lr=1e6)
    guard = TerminateOnNaN()
    history = model.fit(x * 1e3, y * 1e3, epochs=5, batch_size=8, verbose=0, callbacks=[guard])
    out = capsys.readouterr().out
    assert "TerminateOnNaN: epoch 1, batch" in out and "invalid loss" in out
    assert len(history.history["loss"]) == 1 and model.stop_training


def test_learning_rate_scheduler_sets_the_rate_each_epoch():
    x, y = data()
    model = regressor(lr=0.1)
    history = model.fit(x, y, epochs=3, verbose=0, callbacks=[LearningRateScheduler(lambda epoch, lr: 0.1 / (epoch + 1))])
    assert history.history["lr"] == pytest.approx([0.1, 0.05, 0.1 / 3])
    assert model.optimizer.learning_rate == pytest.approx(0.1 / 3)


def test_learning_rate_scheduler_schedules_each_of_several_optimizers():
    class Two(nr.models.Model):
        def __init__(self):
            super().__init__()
            self.a, self.b = Dense(2, input_dim=3), Dense(1)

        def forward(self, x):
            return self.b(self.a(x))

    x, y = data()
    model = Two()
    model.compile(optimizer={"a": nr.optimizers.SGD(learning_rate=0.1), "b": nr.optimizers.SGD(learning_rate=0.01)}, loss="mse")
    history = model.fit(x, y, epochs=2, verbose=0, callbacks=[LearningRateScheduler(lambda epoch, lr: lr / 2)])
    assert history.history["a_lr"] == pytest.approx([0.05, 0.025]) and history.history["b_lr"] == pytest.approx([0.005, 0.0025])


def test_csv_logger_writes_one_row_per_epoch(tmp_path):
    x, y = data()
    path = tmp_path / "log.csv"
    regressor().fit(x, y, epochs=3, verbose=0, validation_data=(x, y), callbacks=[CSVLogger(str(path))])
    rows = list(csv.DictReader(path.open()))
    assert [r["epoch"] for r in rows] == ["0", "1", "2"] and set(rows[0]) == {"epoch", "loss", "val_loss"}


def test_convergence_rule_stops_when_the_weights_stop_moving():
    x, y = data()
    model = regressor(lr=0.1)
    rule = Convergence(epsilon=1e-4)
    history = model.fit(x, y, epochs=500, batch_size=64, verbose=0, callbacks=[rule])
    assert rule.converged_epoch is not None and len(history.history["loss"]) < 500
    assert rule.last_step < 1e-4
    np.testing.assert_allclose(model.layers[0].kernel.numpy().ravel(), [1.0, -1.0, 2.0], atol=1e-2)
