"""How predictions are printed, targets encoded and runs scored (no subprocess: the pieces the commands share)."""
import numpy as np
import pytest

from neurona.cli import preprocess, scoring
from neurona.cli.errors import CLIError
from neurona.cli.predict import _lines


def test_classifier_lines_name_the_class_and_its_probability():
    outputs = np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]])
    assert _lines(outputs, "multiclass", ("a", "b", "c")) == ["0: b (0.700)", "1: a (0.600)"]


def test_one_sigmoid_output_gives_the_more_likely_class():
    assert _lines(np.array([[0.9], [0.2]]), "binary", ("benign", "malignant")) == \
        ["0: malignant (0.900)", "1: benign (0.800)"]


def test_regression_lines_are_values():
    assert _lines(np.array([[21.5], [3.25]]), "regression", None) == ["0: 21.5", "1: 3.25"]


def test_targets_follow_the_loss():
    y = np.array([2, 0])
    assert scoring.encode_targets(y, "sparse_categorical_crossentropy", "multiclass", 3).tolist() == [2, 0]
    assert scoring.encode_targets(y, "categorical_crossentropy", "multiclass", 3).shape == (2, 3)
    assert scoring.encode_targets(np.array([1, 0]), "binary_crossentropy", "binary", 2).shape == (2, 1)


def test_regression_scores_are_rmse_and_mae():
    metrics = scoring.score("regression", np.array([[1.0], [3.0]]), np.array([2.0, 2.0]))
    assert metrics == pytest.approx({"test_rmse": 1.0, "test_mae": 1.0})


def test_standardizing_refuses_rows_of_another_width_and_keeps_constant_features():
    spec = preprocess.fit("standardize", np.array([[1.0, 5.0], [3.0, 5.0]]))
    assert preprocess.apply(spec, np.array([[3.0, 5.0]])).tolist() == [[1.0, 0.0]]
    with pytest.raises(CLIError, match="rows of 2 features"):
        preprocess.apply(spec, np.zeros((1, 3)))
    with pytest.raises(CLIError, match="unknown preprocess"):
        preprocess.fit("whiten", np.zeros((2, 2)))
