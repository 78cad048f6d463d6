"""The course's MNIST network: 784-128 tanh, 10 sigmoid, MSE, Adam, 15 epochs, batch 32.

The course reports 0.9758 test accuracy. Run: ``python examples/mnist_mlp.py``
(``--dataset fashion`` for Fashion-MNIST; the data comes from ``$NEURONA_DATA`` or is
downloaded once). The same recipe runs as ``neurona train mnist-mlp``, which also
writes a run folder (model, history, figures, report).
"""
from __future__ import annotations

import argparse

import numpy as np

import neurona as nr
from neurona.cli.presets.course import mnist_mlp
from neurona.data import one_hot
from neurona.datasets import load_fashion_mnist, load_mnist

LOADERS = {"mnist": load_mnist, "fashion": load_fashion_mnist}


def train(dataset: str = "mnist", epochs: int = 15, batch_size: int = 32, seed: int = 0, verbose: int = 2) -> float:
    """Train the course's network on ``dataset`` and return its test accuracy."""
    nr.random.seed(seed)
    (x_train, y_train), (x_test, y_test) = LOADERS[dataset]()
    x_train, x_test = x_train / np.float32(255), x_test / np.float32(255)
    y_train_ohe, y_test_ohe = one_hot(y_train, 10), one_hot(y_test, 10)

    model = mnist_mlp(x_train[0].shape)
    model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    if verbose:
        model.summary()
    model.fit(x_train, y_train_ohe, validation_data=(x_test, y_test_ohe), epochs=epochs,
              batch_size=batch_size, verbose=verbose)
    accuracy = float(np.mean(model.predict(x_test).argmax(axis=1) == y_test))
    print(f"{dataset} test accuracy after {epochs} epochs: {accuracy:.4f}")
    return accuracy


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dataset", choices=sorted(LOADERS), default="mnist")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    train(args.dataset, args.epochs, seed=args.seed)
