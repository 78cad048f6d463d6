import numpy as np
import pytest

from neurona.callbacks import CSVLogger, History
from neurona.plot.history_data import quantities, read_history


def test_history_dict_and_csv_agree(tmp_path):
    history = History()
    logger = CSVLogger(tmp_path / "history.csv")
    logger.on_train_begin()
    for epoch, logs in enumerate([{"loss": 0.9, "val_loss": 1.0}, {"loss": 0.5, "val_loss": 0.75}]):
        history.on_epoch_end(epoch, logs)
        logger.on_epoch_end(epoch, logs)
    logger.on_train_end()
    for form in (history, history.history, tmp_path / "history.csv", str(tmp_path / "history.csv")):
        columns = read_history(form)
        assert list(columns) == ["loss", "val_loss"]
        np.testing.assert_allclose(columns["val_loss"], [1.0, 0.75])


def test_bad_histories_are_refused(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        read_history({})
    with pytest.raises(ValueError, match="empty"):
        read_history({"loss": []})
    with pytest.raises(ValueError, match="'val_loss' has 1 epochs, the others 2"):
        read_history({"loss": [1, 2], "val_loss": [1]})
    with pytest.raises(ValueError, match="'loss' must hold numbers"):
        read_history({"loss": ["a", "b"]})
    with pytest.raises(TypeError, match="History, its dict or a CSV path"):
        read_history([0.5, 0.4])
    (tmp_path / "empty.csv").write_text("epoch,loss\n")
    with pytest.raises(ValueError, match="no epochs"):
        read_history(tmp_path / "empty.csv")


def test_nan_is_kept():
    assert np.isnan(read_history({"loss": [1.0, float("nan")]})["loss"][1])


def test_quantities_pair_training_with_validation():
    assert quantities({"acc": [1], "val_acc": [1], "loss": [1], "val_loss": [1], "val_auc": [1]}) == [
        ("loss", "val_loss"), ("acc", "val_acc"), ("val_auc", None)]
