"""Vanishing gradients, measured: SimpleRNN (tanh), SimpleRNN (ReLU) and LSTM on the adding problem.

Each sequence has ``--length`` steps of two numbers: a value drawn from U(0, 1) and a
marker, 1 at two steps (one in each half) and 0 elsewhere; the target is the sum of
the two marked values. Always answering 1 scores an MSE of 1/6 ≈ 0.167 (the variance
of the sum), so a model learned the task only if it does much better.

The gradient ``∂L/∂h_t`` reaches step t through the product Π of the Jacobians of the
steps after it. For a tanh RNN its norm falls geometrically with the distance to the
end of the sequence, so the first marker is invisible to learning; ReLU does not
saturate, but its product of ``Uᵀ`` can vanish or explode just as well; the LSTM's cell
state carries the gradient additively. The figure shows ‖∂L/∂h_t‖ for every step, at
initialization and after training; the table shows which model learned the task.
Run: ``python examples/vanishing_gradients.py --plot vanishing_gradients.png``.

Measured with the defaults (seed 0; about 15 s of CPU): test MSE 0.181 for SimpleRNN tanh,
0.126 for SimpleRNN ReLU, 0.0004 for the LSTM; at initialization ‖∂L/∂h_1‖/‖∂L/∂h_100‖ is
4e-5 (tanh), 3e-17 (ReLU) and 3e-9 (LSTM), and after training only the LSTM's stays flat.
"""
from __future__ import annotations

import argparse

import numpy as np

import neurona as nr
import neurona.functional as F
from neurona.layers import LSTM, Dense, SimpleRNN
from neurona.models import Sequential
from neurona.nn.gradient_norms import recurrent_step, state_gradient_norms
from neurona.optimizers import Adam

ALWAYS_ONE = 1 / 6
"""The MSE of always answering 1: the variance of the sum of two U(0, 1) values."""
MODELS = {
    "SimpleRNN tanh": lambda units: SimpleRNN(units, activation="tanh"),
    "SimpleRNN relu": lambda units: SimpleRNN(units, activation="relu"),
    "LSTM": lambda units: LSTM(units),
}


def adding_problem(n: int, length: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``x`` of shape (n, length, 2): values and markers; ``y`` of shape (n, 1): the sum of the marked values."""
    values = rng.uniform(0, 1, (n, length))
    markers = np.zeros((n, length))
    rows = np.arange(n)
    markers[rows, rng.integers(0, length // 2, n)] = 1
    markers[rows, rng.integers(length // 2, length, n)] = 1
    x = np.stack([values, markers], axis=-1).astype(np.float32)
    return x, (values * markers).sum(axis=1, keepdims=True).astype(np.float32)


def gradient_norms(model: Sequential, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """‖∂L/∂h_t‖ of the recurrent layer for each step t, L the MSE of the model's answer."""
    rnn, head = model.layers
    return state_gradient_norms(recurrent_step(rnn), x, lambda h: F.mse(head(h), y))


def run(name: str, data: tuple, units: int, epochs: int, learning_rate: float, verbose: int) -> dict:
    """Train one model; its test MSE, parameter count and gradient norms before and after training."""
    (x_train, y_train), (x_test, y_test) = data
    model = Sequential([MODELS[name](units), Dense(1)])
    model.compile(optimizer=Adam(learning_rate=learning_rate, clipnorm=1.0), loss="mse")
    model.build((None, *x_train.shape[1:]))
    probe = (x_test[:100], y_test[:100])
    before = gradient_norms(model, *probe)
    model.fit(x_train, y_train, batch_size=32, epochs=epochs, verbose=verbose)
    mse = float(np.mean((model.predict(x_test) - y_test) ** 2))
    return {"mse": mse, "parameters": model.count_params(), "before": before, "after": gradient_norms(model, *probe)}


def plot(results: dict, path: str) -> None:
    """‖∂L/∂h_t‖ against t, log scale, at initialization and after training (:func:`neurona.plot.gradient_norms_through_time`)."""
    import matplotlib.pyplot as plt

    from neurona.plot import gradient_norms_through_time

    figure, axes = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    for axis, when in zip(axes, ("before", "after")):
        gradient_norms_through_time({name: np.maximum(result[when], 1e-30) for name, result in results.items()}, ax=axis)
        axis.set_title("at initialization" if when == "before" else "after training")
    axes[0].set_ylabel("‖∂L/∂h_t‖ (mean over the sequences; 0 drawn at 1e-30)")
    figure.suptitle("Adding problem: the gradient that reaches each time step")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def main(length: int = 100, n_train: int = 4000, epochs: int = 15, units: int = 32, learning_rate: float = 0.01,
         seed: int = 0, plot_path: str | None = None, verbose: int = 0) -> dict:
    """Train the three models on one data set, print the table, draw the plot; return the results by model."""
    rng = np.random.default_rng(seed)
    data = (adding_problem(n_train, length, rng), adding_problem(1000, length, rng))
    results = {}
    for name in MODELS:
        nr.random.seed(seed)
        results[name] = run(name, data, units, epochs, learning_rate, verbose)
    print(f"adding problem, length {length}: {n_train} training sequences, {epochs} epochs; "
          f"always answering 1 scores MSE {ALWAYS_ONE:.3f}")
    print(f"{'model':<16}{'parameters':>12}{'test MSE':>11}{'‖∂L/∂h_1‖/‖∂L/∂h_T‖ at init':>30}  learned")
    for name, r in results.items():
        ratio = r["before"][0] / r["before"][-1]
        print(f"{name:<16}{r['parameters']:>12,}{r['mse']:>11.4f}{ratio:>30.2e}  {'yes' if r['mse'] < 0.05 else 'no'}")
    if plot_path:
        plot(results, plot_path)
        print(f"plot: {plot_path}")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--length", type=int, default=100)
    parser.add_argument("--train", type=int, default=4000, help="training sequences")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--units", type=int, default=32)
    parser.add_argument("--lr", type=float, default=0.01, help="Adam's learning rate")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plot", default="vanishing_gradients.png", help="PNG file of the gradient norms")
    args = parser.parse_args()
    main(args.length, args.train, args.epochs, args.units, args.lr, args.seed, args.plot, verbose=2)
