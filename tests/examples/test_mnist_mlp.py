"""The course's MNIST network reaches the course's figure on the real data (seeded, slow)."""
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def mnist_example(load_example, data_dir, monkeypatch):
    monkeypatch.setenv("NEURONA_DATA", str(data_dir))
    return load_example("mnist_mlp")


def test_mnist_reaches_0_9758_within_15_epochs(mnist_example):
    assert mnist_example.train("mnist", epochs=15, seed=0, verbose=0) >= 0.9758


def test_fashion_mnist_reaches_0_87_with_the_same_network(mnist_example):
    assert mnist_example.train("fashion", epochs=15, seed=0, verbose=0) >= 0.87
