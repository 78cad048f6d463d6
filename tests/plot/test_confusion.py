import numpy as np
import pytest

from neurona.plot import confusion_counts, confusion_matrix

from .picture import assert_picture


def test_counts_match_scikit_learn():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(0)
    y_true, y_pred = rng.integers(0, 4, 200), rng.integers(0, 4, 200)
    counts, names = confusion_counts(y_true, y_pred)
    np.testing.assert_array_equal(counts, metrics.confusion_matrix(y_true, y_pred))
    assert names == [0, 1, 2, 3]


def test_scores_one_hot_and_string_classes():
    probabilities = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    counts, _ = confusion_counts(np.eye(2)[[0, 1, 1]], probabilities)
    np.testing.assert_array_equal(counts, [[1, 0], [1, 1]])
    counts, _ = confusion_counts([1, 0], np.array([[0.7], [0.2]]))           # one sigmoid column
    np.testing.assert_array_equal(counts, [[1, 0], [0, 1]])
    counts, names = confusion_counts(["dog", "cat", "dog"], ["dog", "dog", "dog"])
    assert names == ["cat", "dog"]
    np.testing.assert_array_equal(counts, [[0, 1], [0, 2]])


def test_labels_name_classes_never_predicted():
    counts, names = confusion_counts([0, 0], [0, 0], labels=["a", "b", "c"])
    assert counts.shape == (3, 3) and names == ["a", "b", "c"]


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="y_true has 2 samples, y_pred 3"):
        confusion_counts([0, 1], [0, 1, 1])
    with pytest.raises(ValueError, match="no samples"):
        confusion_counts([], [])
    with pytest.raises(ValueError, match="2 labels for class indices up to 2"):
        confusion_counts([0, 2], [0, 1], labels=["a", "b"])
    with pytest.raises(ValueError, match=r"classes \['fish'\] are not in labels"):
        confusion_counts(["cat", "fish"], ["cat", "cat"], labels=["cat", "dog"])
    with pytest.raises(ValueError, match=">= 0"):
        confusion_counts([-1, 0], [0, 0])
    with pytest.raises(ValueError, match="must be labels"):
        confusion_counts(np.zeros((2, 2, 2)), np.zeros(2))


def test_picture_shows_every_count():
    fig = confusion_matrix([0, 1, 2, 2, 1], [0, 2, 2, 2, 1], labels=["a", "b", "c"])
    matrix_axes = fig.axes[0]
    assert sorted(t.get_text() for t in matrix_axes.texts) == sorted("100011002")
    assert matrix_axes.get_title() == "accuracy 0.800 (4/5)"
    assert_picture(fig, axes=2)                        # the matrix and its colour bar
