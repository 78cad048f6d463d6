import json
import subprocess
import sys

import numpy as np
import pytest

from neurona.plot import diagnose
from neurona.plot.diagnosis import BOTH, GOOD_FIT, OVERFITTING, UNDERFITTING, UNDETERMINED
from neurona.plot.remedies import HIGH_BIAS, HIGH_VARIANCE

from .picture import assert_picture

EPOCHS = np.arange(20)
FALLING = 0.9 * np.exp(-EPOCHS / 3)                          # an error that training drives to ~0


def regime(train, val=None, key="accuracy", error=True):
    to_logged = (lambda e: 1 - np.asarray(e)) if error and key == "accuracy" else np.asarray
    history = {key: to_logged(train).tolist()}
    if val is not None:
        history[f"val_{key}"] = to_logged(val).tolist()
    return diagnose(history)


def test_good_fit():
    d = regime(FALLING + 0.02, FALLING + 0.04)
    assert d.regime == GOOD_FIT and d.remedies == []
    assert "No remedy needed." in str(d)


def test_underfitting_training_error_stays_high():
    d = regime(0.5 - 0.1 * FALLING, 0.52 - 0.1 * FALLING)
    assert d.regime == UNDERFITTING
    assert d.remedies == list(HIGH_BIAS)
    assert d.evidence["training_error"] == pytest.approx(0.5, abs=0.01)


def test_overfitting_gap_grows_while_training_error_falls():
    d = regime(FALLING, FALLING + 0.02 * EPOCHS)              # the gap grows to 0.38
    assert d.regime == OVERFITTING
    assert d.remedies == list(HIGH_VARIANCE)
    assert d.evidence["gap"] == pytest.approx(0.36, abs=0.02)
    assert d.evidence["gap_growth"] > 0.3 and d.evidence["training_error_fall"] > 0.8


def test_a_small_gap_that_does_not_grow_is_a_good_fit():
    assert regime(FALLING, FALLING + 0.07).regime == GOOD_FIT    # above 0.05, but constant and below 0.10


def test_a_large_gap_is_overfitting_even_when_stable():
    assert regime(FALLING, FALLING + 0.15).regime == OVERFITTING


def test_both_high_bias_and_high_variance():
    d = regime(0.3 + 0.5 * np.exp(-EPOCHS / 3), 0.3 + 0.5 * np.exp(-EPOCHS / 3) + 0.02 * EPOCHS)
    assert d.regime == BOTH
    assert d.remedies == [*HIGH_BIAS, *HIGH_VARIANCE]


def test_loss_only_histories_are_measured_relative_to_the_first_epoch():
    scale = 37.0                                                     # an MSE in squared units
    assert regime(scale * (FALLING + 0.1), scale * (FALLING + 0.12), key="loss").regime == GOOD_FIT
    assert regime(scale * (1 - 0.3 * FALLING), scale * (1.05 - 0.3 * FALLING), key="loss").regime == UNDERFITTING
    d = regime(scale * (FALLING + 0.1), scale * (FALLING + 0.1 + 0.05 * EPOCHS), key="loss")
    assert d.regime == OVERFITTING and d.measure == "relative loss"


def test_without_validation_only_bias_is_judged():
    assert regime(0.5 - 0.1 * FALLING).regime == UNDERFITTING
    d = regime(FALLING)
    assert d.regime == UNDETERMINED and "no validation data" in d.note


def test_a_diverged_run_is_undetermined():
    d = diagnose({"loss": [1.0, 5.0, float("nan")], "val_loss": [1.0, 6.0, float("nan")]})
    assert d.regime == UNDETERMINED and "diverged" in d.note


def test_one_epoch_and_thresholds():
    assert diagnose({"accuracy": [0.95], "val_accuracy": [0.93]}).regime == GOOD_FIT
    history = {"accuracy": (1 - FALLING - 0.08).tolist(), "val_accuracy": (1 - FALLING - 0.1).tolist()}
    assert diagnose(history).regime == GOOD_FIT
    assert diagnose(history, bias=0.05).regime == UNDERFITTING
    with pytest.raises(TypeError, match="unknown threshold"):
        diagnose(history, variance=0.1)
    with pytest.raises(ValueError, match="neither a loss nor an accuracy"):
        diagnose({"mae": [1.0]})


def test_report_is_printable_and_json_able():
    d = regime(FALLING, FALLING + 0.02 * EPOCHS)
    text = str(d)
    assert text.startswith("Diagnosis: over-fitting (high variance, varianza alta)")
    assert "early stopping (parada temprana)" in text and "gap 0.360" in text
    assert json.loads(json.dumps(d.to_dict()))["regime"] == OVERFITTING


def test_plot_prints_the_report_under_the_curves():
    d = regime(FALLING, FALLING + 0.02 * EPOCHS)
    fig = d.plot()
    assert any("varianza alta" in t.get_text() for t in fig.texts)
    assert_picture(fig, axes=1, lines=[2])


def test_diagnose_needs_no_matplotlib():
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "from neurona.plot import diagnose\n"
            "print(diagnose({'loss': [1.0, 0.9, 0.88], 'val_loss': [1.0, 0.92, 0.9]}).regime)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == UNDERFITTING
