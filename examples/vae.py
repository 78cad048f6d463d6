"""PyTorch's VAE example in neurona: a variational autoencoder of MNIST digits.

Encoder 784 → 400 (ReLU) → μ, log σ² (20 each); decoder 20 → 400 (ReLU) → 784
(sigmoid, a Bernoulli decoder); loss = summed binary cross-entropy + KL per sample;
Adam 1e-3, batch 128; pixels in [0, 1], 60,000 training and 10,000 test images.
PyTorch reports a test loss of about 106.7 nats after 7 epochs (105–106 after 10).
It prints the test loss per epoch and writes PNG grids: samples from the prior per
epoch and test reconstructions; with ``--latent 2``, the scatter of the test codes
by class and the manifold of decoded codes on a grid.

Run: ``python examples/vae.py [--epochs 10] [--latent 20] [--limit N] [--out vae_out]``
(the data comes from ``$NEURONA_DATA`` or is downloaded once).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

import neurona as nr
from neurona.callbacks import Callback
from neurona.datasets import load_mnist
from neurona.generative import VAE
from neurona.layers import Dense, Input
from neurona.models import Model, Sequential
from neurona.optimizers import Adam


def build_vae(latent_dim: int = 20) -> VAE:
    """The PyTorch example's model: 784-400-(20, 20) encoder, 20-400-784 Bernoulli decoder."""
    x = Input((784,), name="image")
    h = Dense(400, activation="relu", name="hidden")(x)
    encoder = Model(x, [Dense(latent_dim, name="mean")(h), Dense(latent_dim, name="log_var")(h)], name="encoder")
    decoder = Sequential([Dense(400, activation="relu", input_dim=latent_dim),
                          Dense(784, activation="sigmoid")], name="decoder")
    return VAE(encoder, decoder, latent_dim)


def save_grid(path: Path, images: np.ndarray, columns: int, title: str) -> None:
    """``images`` (n, 28, 28) in [0, 1] as one PNG grid of ``columns``, drawn by :func:`neurona.plot.image_grid`."""
    import matplotlib.pyplot as plt

    from neurona.plot import image_grid

    fig = image_grid(images, ncols=columns, title=title)
    fig.savefig(path, dpi=100, bbox_inches="tight")
    plt.close(fig)


class SampleGrids(Callback):
    """After each epoch, a grid of 64 samples decoded from fixed codes of the prior."""

    def __init__(self, out: Path, latent_dim: int) -> None:
        self.out, self.codes = out, np.random.default_rng(0).standard_normal((64, latent_dim)).astype(np.float32)

    def on_epoch_end(self, epoch, logs=None):
        images = self.model.decode(self.codes).reshape(-1, 28, 28)
        save_grid(self.out / f"samples_epoch_{epoch + 1:02d}.png", images, 8, f"epoch {epoch + 1}")


def plot_latent(vae: VAE, x_test: np.ndarray, y_test: np.ndarray, out: Path, n: int = 20) -> None:
    """The 2-D codes of the test set coloured by class, and the digits decoded on an n x n grid of codes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    mean, _ = vae.encode(x_test)
    fig, ax = plt.subplots(figsize=(7, 6))
    points = ax.scatter(mean[:, 0], mean[:, 1], c=y_test, cmap="tab10", s=2)
    fig.colorbar(points, ax=ax, ticks=range(10))
    ax.set_xlabel("z[0]"), ax.set_ylabel("z[1]"), ax.set_title("test codes by class")
    fig.savefig(out / "latent_scatter.png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    values = np.linspace(-3, 3, n, dtype=np.float32)
    codes = np.stack(np.meshgrid(values, values[::-1]), axis=-1).reshape(-1, 2)
    save_grid(out / "manifold.png", vae.decode(codes).reshape(-1, 28, 28), n, "decoded grid of codes")


def train(epochs: int = 10, latent_dim: int = 20, limit: int | None = None, out: str | None = "vae_out",
          seed: int = 1, verbose: int = 2) -> list[float]:
    """Train on the first ``limit`` training images (all by default); return the test loss after each epoch."""
    nr.random.seed(seed)
    (x_train, _), (x_test, y_test) = load_mnist()
    x_train = (x_train[:limit] / np.float32(255)).reshape(-1, 784)
    x_test = (x_test / np.float32(255)).reshape(-1, 784)
    vae = build_vae(latent_dim)
    vae.compile(optimizer=Adam(learning_rate=1e-3, epsilon=1e-8, epsilon_hat=False))  # PyTorch's Adam
    folder = Path(out) if out else None
    callbacks = []
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        callbacks.append(SampleGrids(folder, latent_dim))
    history = vae.fit(x_train, batch_size=128, epochs=epochs, validation_data=(x_test, x_test),
                      callbacks=callbacks, verbose=verbose)
    test_losses = history.history["val_loss"]
    for epoch, loss in enumerate(test_losses, 1):
        print(f"epoch {epoch}: test loss {loss:.2f}")
    if folder:
        pairs = np.stack([x_test[:16], vae.predict(x_test[:16])], axis=1).reshape(-1, 28, 28)
        save_grid(folder / "reconstructions.png", pairs, 8, "test images and reconstructions")
        if latent_dim == 2:
            plot_latent(vae, x_test, y_test, folder)
    return test_losses


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=10, help="passes over the training set (default 10)")
    parser.add_argument("--latent", type=int, default=20, help="size of the code (default 20; 2 adds the latent plots)")
    parser.add_argument("--limit", type=int, default=None, help="train on the first LIMIT images only")
    parser.add_argument("--out", default="vae_out", help="folder for the PNG grids (default vae_out)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    train(args.epochs, args.latent, args.limit, args.out, args.seed)
