import gzip

import numpy as np
import pytest

from neurona.datasets import load_fashion_mnist, load_mnist
from neurona.datasets.idx import read_idx
from neurona.datasets.mnist import FASHION_MNIST_CLASS_NAMES


def _check_split(x, y, n):
    assert x.shape == (n, 28, 28) and x.dtype == np.uint8
    assert y.shape == (n,) and y.dtype == np.uint8
    assert x.flags.writeable and y.flags.writeable
    assert y.max() == 9 and x.max() == 255


def test_mnist(data_dir):
    (x_train, y_train), (x_test, y_test) = load_mnist(data_home=data_dir)
    _check_split(x_train, y_train, 60000)
    _check_split(x_test, y_test, 10000)
    assert y_train[:5].tolist() == [5, 0, 4, 1, 9]
    assert y_test[0] == 7
    assert np.bincount(y_train).sum() == 60000


def test_fashion_mnist(data_dir):
    (x_train, y_train), (x_test, y_test) = load_fashion_mnist(data_home=data_dir)
    _check_split(x_train, y_train, 60000)
    _check_split(x_test, y_test, 10000)
    assert y_train[0] == 9 and FASHION_MNIST_CLASS_NAMES[9] == "Ankle boot"
    assert np.bincount(y_train).tolist() == [6000] * 10
    assert np.bincount(y_test).tolist() == [1000] * 10
    assert x_train.mean() / 255 == pytest.approx(0.2860, abs=1e-4)


def _write(tmp_path, raw: bytes):
    path = tmp_path / "file.gz"
    path.write_bytes(gzip.compress(raw))
    return path


def test_read_idx_checks_magic_number(tmp_path):
    with pytest.raises(ValueError, match="magic bytes 00000d01"):
        read_idx(_write(tmp_path, bytes([0, 0, 0x0D, 1, 0, 0, 0, 1, 5])), (-1,))


def test_read_idx_checks_shape(tmp_path):
    raw = bytes([0, 0, 8, 3]) + (2).to_bytes(4, "big") + (3).to_bytes(4, "big") * 2 + bytes(18)
    assert read_idx(_write(tmp_path, raw), (-1, 3, 3)).shape == (2, 3, 3)
    with pytest.raises(ValueError, match=r"shape \(2, 3, 3\), expected \(-1, 28, 28\)"):
        read_idx(_write(tmp_path, raw), (-1, 28, 28))


def test_read_idx_checks_data_length(tmp_path):
    raw = bytes([0, 0, 8, 1]) + (5).to_bytes(4, "big") + bytes(4)
    with pytest.raises(ValueError, match="holds 4 data bytes, but its header"):
        read_idx(_write(tmp_path, raw), (-1,))


def test_read_idx_rejects_non_gzip(tmp_path):
    path = tmp_path / "plain.gz"
    path.write_bytes(b"not gzip at all")
    with pytest.raises(ValueError, match="not a valid gzip file"):
        read_idx(path, (-1,))
