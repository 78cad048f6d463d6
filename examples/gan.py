"""Generative adversarial networks in neurona: a dense GAN on MNIST and a DCGAN on Fashion-MNIST.

Dense GAN: generator 64 → 256 → 512 (LeakyReLU 0.2, batch normalization) → 784
(tanh); discriminator 784 → 512 → 256 (LeakyReLU 0.2) → 1 (sigmoid).
Large dense GAN (``--model dense-large``, the recipe of the dense-GAN literature):
generator 100 → 256 → 512 → 1024 (LeakyReLU 0.2, batch normalization) → 784 (tanh);
discriminator 784 → 1024 → 512 → 256 (LeakyReLU 0.2, dropout 0.3) → 1 (sigmoid).
DCGAN: generator 64 → 7x7x128 → transposed convolutions 4x4/2 to 14x14x64 and
28x28x1 (batch normalization, LeakyReLU, tanh); discriminator two 4x4/2
convolutions (64, 128; LeakyReLU) → 1 (sigmoid).
All: Adam 2e-4 with beta_1 0.5 for each network, one-sided label smoothing 0.1,
batch 64, pixels scaled to [-1, 1]. A grid of samples is written after each epoch.

The dense GANs are scored with a small MNIST CNN classifier trained here: on 10,000
generated digits, exp(E[KL(p(y|x) ‖ p(y))]) (the Inception-score formula; real test
digits score close to 10), and the share of samples predicted as each class.
Score over epochs of the large dense GAN (seed 0, one thread; every class is the top
prediction of at least 5.3% of the samples from epoch 4 on): 3.8 after 2 epochs,
6.5 after 8, 7.1 after 12, 7.5 after 18, 7.7 after 24, 7.9 after 32, 8.01 after 34,
8.06 after 36, 7.96 after 38, 8.09 after 40, 8.10 after 42, 8.00 after 44 (16
minutes of CPU time for 36 epochs). The smaller
dense GAN reaches 7.5 after 40 epochs.

Run: ``python examples/gan.py [--model dense|dense-large|dcgan] [--epochs 30] [--limit N] [--out gan_out]``
(the data comes from ``$NEURONA_DATA`` or is downloaded once).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import neurona as nr
from neurona.callbacks import Callback
from neurona.data import one_hot
from neurona.datasets import load_fashion_mnist, load_mnist
from neurona.generative import GAN
from neurona.layers import (BatchNormalization, Conv2D, Conv2DTranspose, Dense, Dropout, Flatten, LeakyReLU,
                            MaxPool2D, Reshape)
from neurona.models import Sequential
from neurona.optimizers import Adam

LATENT = 64


def build_dense_gan(latent_dim: int = LATENT) -> GAN:
    """The dense generator and discriminator for 28x28 images flattened to 784 values in [-1, 1]."""
    generator = Sequential([
        Dense(256, input_dim=latent_dim), LeakyReLU(0.2), BatchNormalization(momentum=0.8),
        Dense(512), LeakyReLU(0.2), BatchNormalization(momentum=0.8),
        Dense(784, activation="tanh"),
    ], name="generator")
    discriminator = Sequential([
        Dense(512, input_dim=784), LeakyReLU(0.2),
        Dense(256), LeakyReLU(0.2),
        Dense(1, activation="sigmoid"),
    ], name="discriminator")
    return GAN(generator, discriminator, latent_dim, label_smoothing=0.1)


def build_large_dense_gan(latent_dim: int = 100, dropout: float = 0.3) -> GAN:
    """A wider and deeper dense pair (the one that scores 8.0 on MNIST), with dropout in the discriminator."""
    generator = Sequential([
        Dense(256, input_dim=latent_dim), LeakyReLU(0.2), BatchNormalization(momentum=0.8),
        Dense(512), LeakyReLU(0.2), BatchNormalization(momentum=0.8),
        Dense(1024), LeakyReLU(0.2), BatchNormalization(momentum=0.8),
        Dense(784, activation="tanh"),
    ], name="generator")
    discriminator = Sequential([
        Dense(1024, input_dim=784), LeakyReLU(0.2), Dropout(dropout),
        Dense(512), LeakyReLU(0.2), Dropout(dropout),
        Dense(256), LeakyReLU(0.2), Dropout(dropout),
        Dense(1, activation="sigmoid"),
    ], name="discriminator")
    return GAN(generator, discriminator, latent_dim, label_smoothing=0.1)


BUILDERS = {"dense": build_dense_gan, "dense-large": build_large_dense_gan}


def build_dcgan(latent_dim: int = LATENT) -> GAN:
    """A DCGAN-style pair for 28x28x1 images in [-1, 1]."""
    generator = Sequential([
        Dense(7 * 7 * 128, input_dim=latent_dim), Reshape((7, 7, 128)), BatchNormalization(momentum=0.8),
        LeakyReLU(0.2),
        Conv2DTranspose(64, 4, strides=2, padding="same"), BatchNormalization(momentum=0.8), LeakyReLU(0.2),
        Conv2DTranspose(1, 4, strides=2, padding="same", activation="tanh"),
    ], name="generator")
    discriminator = Sequential([
        Conv2D(64, 4, strides=2, padding="same", input_shape=(28, 28, 1)), LeakyReLU(0.2),
        Conv2D(128, 4, strides=2, padding="same"), LeakyReLU(0.2),
        Flatten(), Dense(1, activation="sigmoid"),
    ], name="discriminator")
    return GAN(generator, discriminator, latent_dim, label_smoothing=0.1)


def train_classifier(epochs: int = 3, limit: int | None = None, seed: int = 0,
                     verbose: int = 0) -> tuple[Sequential, float]:
    """A small MNIST CNN (the scorer); returns it and its test accuracy (about 0.985 after 3 epochs)."""
    nr.random.seed(seed)
    (x_train, y_train), (x_test, y_test) = load_mnist()
    model = Sequential([
        Conv2D(16, 3, activation="relu", input_shape=(28, 28, 1)), MaxPool2D(2),
        Conv2D(32, 3, activation="relu"), MaxPool2D(2),
        Flatten(), Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit((x_train[:limit] / np.float32(255))[..., None], one_hot(y_train[:limit], 10), batch_size=64,
              epochs=epochs, verbose=verbose)
    predicted = model.predict((x_test / np.float32(255))[..., None], batch_size=1000).argmax(axis=1)
    return model, float(np.mean(predicted == y_test))


def inception_score(p: np.ndarray) -> tuple[float, np.ndarray]:
    """exp(E_x[KL(p(y|x) ‖ p(y))]) of class probabilities ``p`` (n, classes), and the share of each top class."""
    p = np.asarray(p, dtype=np.float64)
    marginal = p.mean(axis=0)
    kl = np.sum(p * (np.log(np.maximum(p, 1e-12)) - np.log(np.maximum(marginal, 1e-12))), axis=1)
    return float(np.exp(kl.mean())), np.bincount(p.argmax(axis=1), minlength=p.shape[1]) / len(p)


def classifier_score(classifier: Sequential, images: np.ndarray) -> tuple[float, np.ndarray]:
    """The score of ``images`` (n, 28, 28) in [0, 1] with ``classifier``'s probabilities, and the class shares."""
    return inception_score(classifier.predict(images.reshape(-1, 28, 28, 1), batch_size=1000))


class SampleGrids(Callback):
    """After each epoch, a PNG grid of 64 samples from the same codes."""

    def __init__(self, out: Path, seed: int = 0) -> None:
        self.out, self.seed = out, seed

    def on_epoch_end(self, epoch, logs=None):
        import matplotlib.pyplot as plt

        from neurona.plot import image_grid

        state = nr.random.get_rng().bit_generator.state
        nr.random.seed(self.seed)  # the same codes each epoch, and training's draws left as they were
        images = self.model.generate(64).reshape(-1, 28, 28) * 0.5 + 0.5
        nr.random.get_rng().bit_generator.state = state
        fig = image_grid(images, ncols=8, title=f"epoch {epoch + 1}")
        fig.savefig(self.out / f"samples_epoch_{epoch + 1:02d}.png", dpi=100, bbox_inches="tight")
        plt.close(fig)


def train(model: str = "dense", epochs: int = 30, limit: int | None = None, out: str | None = "gan_out",
          seed: int = 0, verbose: int = 2) -> GAN:
    """Train a dense GAN on MNIST or the DCGAN on Fashion-MNIST (first ``limit`` images); return the GAN."""
    nr.random.seed(seed)
    dense = model in BUILDERS
    (x_train, _), _ = (load_mnist if dense else load_fashion_mnist)()
    x_train = x_train[:limit] / np.float32(127.5) - 1
    x_train = x_train.reshape(-1, 784) if dense else x_train[..., None]
    gan = BUILDERS[model]() if dense else build_dcgan()
    gan.compile(optimizer={"generator": Adam(learning_rate=2e-4, beta_1=0.5),
                           "discriminator": Adam(learning_rate=2e-4, beta_1=0.5)})
    callbacks = []
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        callbacks.append(SampleGrids(Path(out)))
    gan.fit(x_train, batch_size=64, epochs=epochs, callbacks=callbacks, verbose=verbose)
    return gan


def score(gan: GAN, classifier: Sequential, n: int = 10_000) -> tuple[float, np.ndarray]:
    """The classifier score of ``n`` samples of a dense GAN, and the share of each class."""
    return classifier_score(classifier, gan.generate(n).reshape(-1, 28, 28) * 0.5 + 0.5)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=[*BUILDERS, "dcgan"], default="dense",
                        help="a dense GAN on MNIST (scored; dense-large reaches 8.0 after 34 epochs) or the DCGAN "
                             "on Fashion-MNIST (default dense)")
    parser.add_argument("--epochs", type=int, default=30, help="passes over the training set (default 30)")
    parser.add_argument("--limit", type=int, default=None, help="train on the first LIMIT images only")
    parser.add_argument("--out", default="gan_out", help="folder for the PNG grids (default gan_out)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    trained = train(args.model, args.epochs, args.limit, args.out, args.seed)
    if args.model in BUILDERS:
        scorer, accuracy = train_classifier()
        value, shares = score(trained, scorer)
        print(f"classifier test accuracy {accuracy:.4f}; score of 10,000 samples {value:.2f}; "
              f"class shares {np.round(shares, 3).tolist()}")
