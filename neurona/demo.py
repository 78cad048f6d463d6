"""The main demo: the course's softmax classifier on Iris (shipped with the package).

Run: ``neurona`` or ``python -m neurona`` (``neurona demo --help`` for the options). It splits Iris 70/30 (stratified), standardizes the
features on the training part, trains ``softmax(x W + b)`` with cross-entropy and
Adam, then prints the test accuracy and a summary of the loss curve.
"""
from __future__ import annotations

import numpy as np

import neurona as nr
from neurona.data import StandardScaler, train_test_split
from neurona.cli.presets.course import softmax_regression
from neurona.datasets import load_iris
from neurona.optimizers import Adam

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float], width: int = 40) -> str:
    """Draw ``values`` as a one-line bar chart of ``width`` characters.

    Examples
    --------
    >>> sparkline([3.0, 2.0, 1.0, 0.0], width=4)
    '█▆▃▁'
    """
    points = np.asarray(values, dtype=float)[np.linspace(0, len(values) - 1, min(width, len(values))).astype(int)]
    span = points.max() - points.min()
    levels = np.zeros(len(points), int) if span == 0 else np.round((points - points.min()) / span * (len(BARS) - 1)).astype(int)
    return "".join(BARS[i] for i in levels)


def main(epochs: int = 100, seed: int = 0) -> float:
    """Train the Iris softmax classifier; print and return its test accuracy.

    Examples
    --------
    >>> accuracy = main(epochs=50)  # doctest: +ELLIPSIS
    Iris softmax classifier...
    >>> accuracy > 0.9
    True
    """
    nr.random.seed(seed)
    x, y = load_iris()
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, stratify=y, seed=seed)
    scaler = StandardScaler().fit(x_train)

    model = softmax_regression(n_features=4, n_classes=3)
    model.compile(optimizer=Adam(learning_rate=0.05), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(scaler.transform(x_train), y_train, epochs=epochs, batch_size=16, verbose=0)
    loss, accuracy = model.evaluate(scaler.transform(x_test), y_test)

    curve = history.history["loss"]
    print(f"Iris softmax classifier: {len(x_train)} training and {len(x_test)} test flowers, {epochs} epochs of Adam")
    print(f"loss curve  {sparkline(curve)}  {curve[0]:.3f} -> {curve[-1]:.3f} (lowest {min(curve):.3f})")
    print(f"test loss {loss:.4f}, test accuracy {accuracy:.4f}")
    return accuracy
