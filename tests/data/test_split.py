import numpy as np
import pytest

from neurona.data import train_dev_test_split, train_test_split


def test_sizes_and_alignment():
    x = np.arange(200).reshape(100, 2)
    y = np.arange(100)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, seed=0)
    assert x_train.shape == (75, 2) and x_test.shape == (25, 2)
    np.testing.assert_array_equal(x_train[:, 0] // 2, y_train)
    np.testing.assert_array_equal(x_test[:, 0] // 2, y_test)


def test_no_overlap_and_full_coverage():
    idx = np.arange(103)
    train, test = train_test_split(idx, test_size=0.3, seed=1)
    assert len(test) == 31
    assert np.intersect1d(train, test).size == 0
    np.testing.assert_array_equal(np.sort(np.concatenate([train, test])), idx)


def test_seeded_reproducibility():
    idx = np.arange(50)
    a = train_test_split(idx, seed=42)
    b = train_test_split(idx, seed=42)
    c = train_test_split(idx, seed=43)
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[1], c[1])
    rng = np.random.default_rng(42)
    np.testing.assert_array_equal(train_test_split(idx, seed=rng)[1], a[1])


def test_no_shuffle_keeps_order():
    train, test = train_test_split(np.arange(10), test_size=3, shuffle=False)
    assert train.tolist() == list(range(7)) and test.tolist() == [7, 8, 9]


def test_lists_stay_lists():
    texts = [f"t{i}" for i in range(10)]
    pairs = [(str(i), str(-i)) for i in range(10)]
    train, test, p_train, p_test = train_test_split(texts, pairs, test_size=2, seed=0)
    assert isinstance(train, list) and len(test) == 2 and isinstance(p_test[0], tuple)
    assert [t[1:] for t in test] == [p[0] for p in p_test]


def test_stratified_proportions_preserved():
    y = np.repeat([0, 1, 2], [500, 300, 200])
    idx = np.arange(1000)
    train, test, y_train, y_test = train_test_split(idx, y, test_size=0.2, stratify=y, seed=3)
    assert np.bincount(y_test).tolist() == [100, 60, 40]
    assert np.bincount(y_train).tolist() == [400, 240, 160]
    np.testing.assert_array_equal(y[test], y_test)
    assert np.intersect1d(train, test).size == 0
    assert not np.all(np.diff(y_test) >= 0), "classes should be mixed, not grouped"


def test_stratified_rounding_is_within_one_per_class():
    y = np.repeat([0, 1, 2], [7, 11, 13])
    _, y_test = train_test_split(y, test_size=0.3, stratify=y, seed=0)
    assert len(y_test) == 10
    expected = np.array([7, 11, 13]) * 10 / 31
    assert np.all(np.abs(np.bincount(y_test) - expected) < 1)


def test_stratify_with_one_hot_rows():
    y = np.repeat([0, 1], [80, 20])
    onehot = np.eye(2)[y]
    _, y_test = train_test_split(y, test_size=0.25, stratify=onehot, seed=0)
    assert np.bincount(y_test).tolist() == [20, 5]


def test_mismatched_lengths_name_both():
    with pytest.raises(ValueError, match="arrays\\[0\\] has 10 rows, arrays\\[1\\] has 9"):
        train_test_split(np.arange(10), np.arange(9))


@pytest.mark.parametrize("size", [0.0, 1.0, -0.1, 0, 10, 11])
def test_bad_sizes(size):
    with pytest.raises(ValueError, match="test_size"):
        train_test_split(np.arange(10), test_size=size)


def test_bad_size_type():
    with pytest.raises(TypeError, match="test_size"):
        train_test_split(np.arange(10), test_size="half")


def test_stratify_errors():
    y = np.array([0, 0, 0, 1])
    with pytest.raises(ValueError, match="class 1 .* has 1"):
        train_test_split(y, stratify=y)
    with pytest.raises(ValueError, match="one label"):
        train_test_split(y, stratify=y[:3])
    with pytest.raises(ValueError, match="shuffle=True"):
        train_test_split(np.arange(4), stratify=np.array([0, 0, 1, 1]), shuffle=False)


def test_train_dev_test_split():
    y = np.repeat([0, 1], [600, 400])
    idx = np.arange(1000)
    parts = train_dev_test_split(idx, y, dev_size=0.1, test_size=0.2, stratify=y, seed=0)
    train, dev, test, y_train, y_dev, y_test = parts
    assert (len(train), len(dev), len(test)) == (700, 100, 200)
    assert np.bincount(y_dev).tolist() == [60, 40] and np.bincount(y_test).tolist() == [120, 80]
    np.testing.assert_array_equal(np.sort(np.concatenate([train, dev, test])), idx)
    np.testing.assert_array_equal(y[dev], y_dev)
    again = train_dev_test_split(idx, y, dev_size=0.1, test_size=0.2, stratify=y, seed=0)
    for u, v in zip(parts, again, strict=True):
        np.testing.assert_array_equal(u, v)


def test_train_dev_test_split_without_shuffle():
    train, dev, test = train_dev_test_split(np.arange(10), dev_size=2, test_size=3, shuffle=False)
    assert train.tolist() == [0, 1, 2, 3, 4]
    assert dev.tolist() == [5, 6] and test.tolist() == [7, 8, 9]


def test_train_dev_test_split_leaves_training_data():
    with pytest.raises(ValueError, match="leave no training samples out of 10"):
        train_dev_test_split(np.arange(10), dev_size=5, test_size=5)
