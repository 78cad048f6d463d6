"""ModelCheckpoint: the path's fields are checked when training begins; writes are atomic."""
import numpy as np
import pytest

from neurona.callbacks import ModelCheckpoint
from neurona.layers import Dense
from neurona.models import Sequential


def classifier(metrics=("accuracy",)):
    model = Sequential([Dense(2, activation="softmax", input_dim=3)])
    model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=list(metrics))
    return model


def data():
    x = np.random.default_rng(0).standard_normal((16, 3))
    return x, np.eye(2)[(x[:, 0] > 0).astype(int)]


class EpochCounter(ModelCheckpoint):
    epochs_ended = 0

    def on_epoch_end(self, epoch, logs=None):
        type(self).epochs_ended += 1
        super().on_epoch_end(epoch, logs)


def test_an_unknown_field_fails_before_the_first_epoch_and_names_the_fields(tmp_path):
    x, y = data()
    checkpoint = EpochCounter(str(tmp_path / "w-{epoch}-{val_acc:.2f}.npz"), monitor="loss")
    with pytest.raises(KeyError, match=r"names 'val_acc', which the model does not log; available fields: "
                                       r"epoch, loss, accuracy, val_loss, val_accuracy"):
        classifier().fit(x, y, epochs=2, verbose=0, validation_data=(x, y), callbacks=[checkpoint])
    assert EpochCounter.epochs_ended == 0 and list(tmp_path.iterdir()) == []


def test_known_fields_including_metrics_and_attributes_are_accepted(tmp_path):
    x, y = data()
    path = tmp_path / "w-{epoch:02d}-{accuracy:.2f}-{val_loss:.3f}.safetensors"
    classifier().fit(x, y, epochs=2, verbose=0, validation_data=(x, y), callbacks=[ModelCheckpoint(str(path))])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 2 and names[0].startswith("w-01-") and names[1].endswith(".safetensors")


def test_a_val_field_without_validation_data_names_the_logged_quantities(tmp_path):
    x, y = data()
    checkpoint = ModelCheckpoint(str(tmp_path / "w-{val_loss:.2f}.npz"), monitor="loss")
    with pytest.raises(KeyError, match=r"'val_loss'.*is validation data given\?.*available: epoch, loss, accuracy"):
        classifier().fit(x, y, epochs=1, verbose=0, callbacks=[checkpoint])


def test_bad_format_specs_and_positional_fields_are_refused_early(tmp_path):
    x, y = data()
    with pytest.raises(ValueError, match="cannot be formatted"):
        classifier().fit(x, y, epochs=1, verbose=0, callbacks=[ModelCheckpoint(str(tmp_path / "{loss:d}.npz"))])
    with pytest.raises(ValueError, match="positional field"):
        ModelCheckpoint(str(tmp_path / "w-{}.npz"))
    with pytest.raises(ValueError, match="not a valid format string"):
        ModelCheckpoint(str(tmp_path / "w-{epoch.npz"))


def test_a_monitor_the_model_does_not_log_fails_before_the_first_epoch(tmp_path):
    x, y = data()
    checkpoint = ModelCheckpoint(str(tmp_path / "best.npz"), monitor="val_acc", save_best_only=True)
    with pytest.raises(KeyError, match="monitor='val_acc' is not a quantity the model logs; available: loss, accuracy"):
        classifier().fit(x, y, epochs=1, verbose=0, validation_data=(x, y), callbacks=[checkpoint])


def test_stale_temporaries_of_a_killed_checkpoint_are_cleaned_by_the_next_save(tmp_path):
    x, y = data()
    stale = tmp_path / ".best.npz.deadbeef.tmp"
    stale.write_bytes(b"killed midway")
    classifier().fit(x, y, epochs=1, verbose=0, callbacks=[ModelCheckpoint(str(tmp_path / "best.npz"), monitor="loss")])
    assert [p.name for p in tmp_path.iterdir()] == ["best.npz"]
