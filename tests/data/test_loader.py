import numpy as np
import pytest

from neurona.data import DataLoader


def test_batches_in_order():
    x, y = np.arange(20).reshape(10, 2), np.arange(10)
    loader = DataLoader(x, y, batch_size=4)
    assert len(loader) == 3
    batches = list(loader)
    assert [b[1].tolist() for b in batches] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]
    assert all(isinstance(b, tuple) and len(b) == 2 for b in batches)
    np.testing.assert_array_equal(batches[0][0], x[:4])


def test_drop_last():
    loader = DataLoader(np.arange(10), batch_size=4, drop_last=True)
    assert len(loader) == 2
    assert [len(b) for (b,) in loader] == [4, 4]


def test_shuffle_covers_every_index_once_per_epoch_and_reshuffles():
    loader = DataLoader(np.arange(103), batch_size=10, shuffle=True, seed=0)
    epochs = [np.concatenate([b for (b,) in loader]) for _ in range(3)]
    for epoch in epochs:
        np.testing.assert_array_equal(np.sort(epoch), np.arange(103))
    assert not np.array_equal(epochs[0], epochs[1])


def test_seeded_shuffle_is_reproducible():
    def run(seed):
        loader = DataLoader(np.arange(50), np.arange(50) * 2, batch_size=8, shuffle=True, seed=seed)
        return [np.concatenate([b for b, _ in loader]) for _ in range(2)]

    for a, b in zip(run(7), run(7), strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(run(7)[0], run(8)[0])


def test_shuffled_arrays_stay_aligned():
    x = np.arange(30)
    for xb, yb in DataLoader(x, x * 3, batch_size=7, shuffle=True, seed=1):
        np.testing.assert_array_equal(yb, xb * 3)


def test_errors():
    with pytest.raises(ValueError, match="arrays\\[0\\] has 5 rows, arrays\\[1\\] has 4"):
        DataLoader(np.arange(5), np.arange(4))
    with pytest.raises(ValueError, match="batch_size"):
        DataLoader(np.arange(5), batch_size=0)
    with pytest.raises(ValueError, match="at least one array"):
        DataLoader()


def test_a_loader_made_before_seeding_follows_the_seed():
    import neurona as nr
    from neurona.layers import Dropout

    loader = DataLoader(np.arange(50), batch_size=50, shuffle=True)
    dropout = Dropout(0.5)

    def draws():
        nr.random.seed(3)
        (order,) = next(iter(loader))
        return order, dropout(nr.tensor(np.ones(20))).numpy()

    (first, mask_a), (second, mask_b) = draws(), draws()
    np.testing.assert_array_equal(first, second)
    np.testing.assert_array_equal(mask_a, mask_b)
    nr.random.seed(3)
    np.testing.assert_array_equal(first, np.random.default_rng(3).permutation(50))
