"""Draw the pictures of docs/plots.md: one per function of neurona.plot, from real (small) runs.

    python3 docs/make_images.py                    # all, into docs/images
    python3 docs/make_images.py --only activations optimizer_paths --out /tmp/pictures
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

import neurona.functional as F
import neurona.plot as nplot
from neurona import tensor
from neurona.data import one_hot
from neurona.data.playground import make_spiral
from neurona.layers import Conv2D, Dense, Flatten, MaxPooling2D
from neurona.models import Sequential
from neurona.optimizers import SGD, Adagrad, Adam, RMSprop
from neurona.random import seed

HERE = Path(__file__).resolve().parent


def mnist(args, n_train: int, n_test: int):
    from neurona.datasets import load_mnist

    (x, y), (xt, yt) = load_mnist(data_home=args.data)
    return (x[:n_train, :, :, None] / 255, y[:n_train]), (xt[:n_test, :, :, None] / 255, yt[:n_test])


_TRAINED: dict = {}


def mlp(args):
    """A small MLP on MNIST: its history, its test predictions and the model (trained once per run)."""
    key = (args.data, args.quick)
    if key not in _TRAINED:
        _TRAINED[key] = train_mlp(args)
    return _TRAINED[key]


def train_mlp(args):
    (x, y), (xt, yt) = mnist(args, 600 if args.quick else 6000, 300 if args.quick else 2000)
    model = Sequential([Flatten(input_shape=(28, 28, 1)), Dense(64, activation="relu"), Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, one_hot(y, 10), epochs=3 if args.quick else 12, batch_size=64,
                        validation_data=(xt, one_hot(yt, 10)), verbose=0)
    return history, (yt, model.predict(xt)), model


def learning_curves(args):
    return nplot.learning_curves(mlp(args)[0])


def diagnose(args):
    """A big network on 100 digits: over-fitting, with the table's remedies under the curves."""
    (x, y), (xt, yt) = mnist(args, 100, 300)
    model = Sequential([Flatten(input_shape=(28, 28, 1)), Dense(256, activation="relu"),
                        Dense(256, activation="relu"), Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x, one_hot(y, 10), epochs=4 if args.quick else 15, batch_size=10,
                        validation_data=(xt, one_hot(yt, 10)), verbose=0)
    diagnosis = nplot.diagnose(history)
    print(diagnosis)
    return diagnosis.plot()


def confusion_matrix(args):
    _, (y_true, scores), _ = mlp(args)
    return nplot.confusion_matrix(y_true, scores)


def weights_histogram(args):
    return nplot.weights_histogram(mlp(args)[2])


def decision_boundary(args):
    x, y = make_spiral(400, noise=0.05, seed=0)
    model = Sequential([Dense(16, activation="tanh", input_dim=2), Dense(16, activation="tanh"),
                        Dense(1, activation="sigmoid")])
    model.compile(optimizer=Adam(learning_rate=0.01), loss="binary_crossentropy")
    model.fit(x, y[:, None].astype(np.float32), epochs=20 if args.quick else 300, batch_size=32, verbose=0)
    return nplot.decision_boundary(model, x, y)


def activations(args):
    return nplot.activations()


def optimizer_paths(args):
    """Seed 004's comparison on the three surfaces, one panel each (``ax=``)."""
    from neurona.plot._figure import pyplot

    settings = {   # surface: (learning rates of GD, momentum/NAG, Adagrad, RMSProp, Adam), steps
        "elongated": ((0.2, 0.05, 1.0, 0.1, 0.3), 60),
        "rosenbrock": ((0.001, 0.0005, 0.5, 0.01, 0.05), 500),
        "saddle": ((0.05, 0.02, 0.1, 0.02, 0.05), 40),
    }
    fig, axes = pyplot().subplots(1, 3, figsize=(18, 5), layout="constrained")
    for ax, (surface, (rates, steps)) in zip(axes, settings.items()):
        gd, heavy, adagrad, rmsprop, adam = rates
        optimizers = {"GD": SGD(lr=gd), "momentum": SGD(lr=heavy, momentum=0.9),
                      "NAG": SGD(lr=heavy, momentum=0.9, nesterov=True), "Adagrad": Adagrad(lr=adagrad),
                      "RMSProp": RMSprop(lr=rmsprop), "Adam": Adam(lr=adam)}
        nplot.optimizer_paths(surface, optimizers, steps=steps // 10 if args.quick else steps, ax=ax)
    return fig


def cnn(args):
    (x, y), _ = mnist(args, 500 if args.quick else 5000, 10)
    model = Sequential([Conv2D(16, 5, activation="relu", input_shape=(28, 28, 1)), MaxPooling2D(2),
                        Flatten(), Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="categorical_crossentropy")
    model.fit(x, one_hot(y, 10), epochs=1 if args.quick else 3, batch_size=64, verbose=0)
    return model, x


def filters(args):
    return nplot.filters(cnn(args)[0].layers[0])


def feature_maps(args):
    model, x = cnn(args)
    return nplot.feature_maps(model, x[0], model.layers[0])


def image_grid(args):
    (x, _), _ = mnist(args, 32, 1)
    return nplot.image_grid(x, ncols=8, title="MNIST digits")


def gradient_norms_through_time(args):
    """‖∂h_T / ∂x_t‖ per step for a SimpleRNN and an LSTM of random (Glorot) weights: the RNN's vanishes."""
    rng = np.random.default_rng(0)
    steps, features, units = 40, 8, 32
    x = tensor(rng.normal(size=(16, steps, features)), requires_grad=True)
    norms = {}
    for name, gates in (("SimpleRNN", 1), ("LSTM", 4)):
        kernel = tensor(rng.normal(0, np.sqrt(2 / (features + units)), (features, gates * units)))
        recurrent = tensor(np.linalg.qr(rng.normal(size=(units, units)))[0].repeat(gates, axis=1) * 0.9)
        bias = tensor(np.r_[np.zeros(units), np.ones(units), np.zeros(2 * units)] if gates == 4 else np.zeros(units))
        x.grad = None
        if gates == 1:
            h = F.simple_rnn(x, None, kernel, recurrent, bias)[1]
        else:
            h = F.lstm(x, None, None, kernel, recurrent, bias)[1]
        h.sum().backward()
        norms[name] = np.linalg.norm(x.grad, axis=(0, 2))
    return nplot.gradient_norms_through_time(norms)


PICTURES = [learning_curves, diagnose, confusion_matrix, decision_boundary, activations, optimizer_paths,
            filters, feature_maps, image_grid, weights_histogram, gradient_norms_through_time]


def save(fig, path: Path) -> None:
    """Save as a PNG of 256 colours (a quarter of the size; the pictures are flat colours and lines)."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80, bbox_inches="tight")
    Image.open(buffer).convert("RGB").quantize(256).save(path, optimize=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "images", help="folder of the PNG files (default: docs/images)")
    parser.add_argument("--data", default=os.environ.get("NEURONA_DATA"), help="folder of the datasets (default: $NEURONA_DATA)")
    parser.add_argument("--only", nargs="+", choices=[p.__name__ for p in PICTURES], help="draw only these")
    parser.add_argument("--quick", action="store_true", help="tiny runs (for tests): same pictures, less trained")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from neurona.plot._figure import pyplot

    for picture in PICTURES:
        if args.only and picture.__name__ not in args.only:
            continue
        seed(0)
        fig = picture(args)
        path = args.out / f"{picture.__name__}.png"
        save(fig, path)
        pyplot().close(fig)
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
