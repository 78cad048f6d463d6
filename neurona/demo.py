"""The main demo: fit the course's line ``y = a*x + b`` by gradient descent with autodiff."""
from __future__ import annotations

import numpy as np

import neurona as nr
import neurona.functional as F


def main(steps: int = 500, learning_rate: float = 0.1) -> tuple[float, float]:
    """Fit ``y = 2x + 1`` from 100 noisy points and print what was learned.

    Examples
    --------
    >>> from neurona.demo import main
    >>> a, b = main(steps=200)  # doctest: +ELLIPSIS
    step ...
    """
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, size=100)
    y = 2.0 * x + 1.0 + 0.05 * rng.standard_normal(100)
    a = nr.tensor(0.0, requires_grad=True)
    b = nr.tensor(0.0, requires_grad=True)
    for step in range(steps + 1):
        loss = F.mse(a * x + b, nr.tensor(y), half=True)
        a.zero_grad()
        b.zero_grad()
        loss.backward()
        a.data -= learning_rate * a.grad
        b.data -= learning_rate * b.grad
        if step % (steps // 5) == 0:
            print(f"step {step:4d}  loss {loss.item():.5f}  a {a.item():+.4f}  b {b.item():+.4f}")
    print(f"learned y = {a.item():.3f} x + {b.item():.3f}   (true line: y = 2x + 1)")
    return a.item(), b.item()
