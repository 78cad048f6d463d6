"""A CNN for Fashion-MNIST beside the course's dense network: test accuracy and parameter count.

The dense network is the course's (``examples/mnist_mlp.py``: 784-128 tanh, 10
sigmoid, MSE, Adam, batch 32), which reaches about 0.88 on Fashion-MNIST. The CNN:
Conv2D 32 3x3 same → BatchNormalization → ReLU → MaxPool 2 → Conv2D 64 3x3 →
BatchNormalization → ReLU → MaxPool 2 → Flatten → Dropout 0.3 → Dense 128 relu →
Dense 10 softmax; categorical cross-entropy, Adam with a cosine-decayed learning
rate (3e-3 to 0 over the run), batch 128. Both train on the same images and are
scored on the same test set; the table shows what the weight sharing of a
convolution buys: higher accuracy with fewer weights in its layers of features.

Run: ``python examples/fashion_cnn.py [--epochs 4] [--dense-epochs 15] [--limit N]``
(the data comes from ``$NEURONA_DATA`` or is downloaded once).
"""
from __future__ import annotations

import argparse

import numpy as np

import neurona as nr
from neurona.cli.presets.course import mnist_mlp
from neurona.data import one_hot
from neurona.datasets import load_fashion_mnist
from neurona.layers import Activation, BatchNormalization, Conv2D, Dense, Dropout, Flatten, MaxPool2D
from neurona.models import Sequential
from neurona.optimizers import Adam
from neurona.optimizers.schedules import CosineDecay


def build_model() -> Sequential:
    """The CNN for 28x28 grayscale images (channels last)."""
    return Sequential([
        Conv2D(32, 3, padding="same", input_shape=(28, 28, 1)), BatchNormalization(), Activation("relu"),
        MaxPool2D(2),
        Conv2D(64, 3), BatchNormalization(), Activation("relu"),
        MaxPool2D(2),
        Flatten(),
        Dropout(0.3),
        Dense(128, activation="relu"),
        Dense(10, activation="softmax"),
    ])


def accuracy(model, x: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(model.predict(x, batch_size=1000).argmax(axis=1) == y))


def train_cnn(data: tuple, epochs: int, seed: int = 0, verbose: int = 0) -> tuple[float, int]:
    """Train the CNN on ``data = ((x, y), (x_test, y_test))`` (pixels in [0, 1]); its test accuracy and size."""
    (x, y), (x_test, y_test) = data
    nr.random.seed(seed)
    model = build_model()
    steps = epochs * -(-len(x) // 128)
    model.compile(optimizer=Adam(learning_rate=CosineDecay(3e-3, steps)), loss="categorical_crossentropy",
                  metrics=["accuracy"])
    model.fit(x[..., None], one_hot(y, 10), batch_size=128, epochs=epochs, verbose=verbose)
    return accuracy(model, x_test[..., None], y_test), model.count_params()


def train_dense(data: tuple, epochs: int, seed: int = 0, verbose: int = 0) -> tuple[float, int]:
    """The course's recipe for its dense network on the same data; its test accuracy and size."""
    (x, y), (x_test, y_test) = data
    nr.random.seed(seed)
    model = mnist_mlp(x.shape[1:])
    model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    model.fit(x, one_hot(y, 10), batch_size=32, epochs=epochs, verbose=verbose)
    return accuracy(model, x_test, y_test), model.count_params()


def main(epochs: int = 4, dense_epochs: int = 15, limit: int | None = None, seed: int = 0,
         verbose: int = 0) -> dict[str, tuple[float, int]]:
    """Train both networks on the first ``limit`` training images; print and return the table."""
    (x, y), (x_test, y_test) = load_fashion_mnist()
    data = ((x[:limit] / np.float32(255), y[:limit]), (x_test / np.float32(255), y_test))
    results = {
        "dense 784-128-10 (course)": train_dense(data, dense_epochs, seed, verbose),
        "CNN conv32-conv64-128-10": train_cnn(data, epochs, seed, verbose),
    }
    print(f"Fashion-MNIST, {len(data[0][0]):,} training images, {len(y_test):,} test images")
    print(f"{'network':<28}{'test accuracy':>14}{'parameters':>12}")
    for name, (score, parameters) in results.items():
        print(f"{name:<28}{score:>14.4f}{parameters:>12,}")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=4, help="epochs of the CNN (default 4)")
    parser.add_argument("--dense-epochs", type=int, default=15, help="epochs of the dense network (default 15, the course's)")
    parser.add_argument("--limit", type=int, default=None, help="train on the first LIMIT images only")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    main(args.epochs, args.dense_epochs, args.limit, args.seed, verbose=2)
