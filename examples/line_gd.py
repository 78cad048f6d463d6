"""The line ``y = a·x + b`` fitted by gradient descent on ``L = 1/(2m) Σ (a·x + b − y)²``.

The data are 100 noisy points around ``y = 3x + 4``; gradient descent starts from
a = b = 0 with η = 0.1 and stops when ``‖w_t − w_{t−1}‖ < 1e-6``.
Run: ``python examples/line_gd.py``.
"""
from __future__ import annotations

from neurona.classic import LinearRegression
from neurona.random import as_rng

TRUE_A, TRUE_B = 3.0, 4.0


def main(seed: int = 0) -> tuple[float, float]:
    """Fit the line, print a, b and the loss history; return the learned (a, b)."""
    rng = as_rng(seed)
    x = 2 * rng.random((100, 1))
    y = TRUE_A * x[:, 0] + TRUE_B + rng.standard_normal(100)
    model = LinearRegression(solver="gd", learning_rate=0.1, max_iter=5000, tol=1e-6).fit(x, y)
    a, b = float(model.coef_[0]), model.intercept_
    history = model.loss_history_
    print(f"learned a = {a:.4f}, b = {b:.4f} (the data follow a = {TRUE_A}, b = {TRUE_B} plus noise)")
    print(f"converged after {model.n_iter_} iterations; loss L from {history[0]:.4f} to {history[-1]:.4f}")
    for t in (1, 10, 100, 1000):
        if t <= len(history):
            print(f"  iteration {t:>4}: L = {history[t - 1]:.6f}")
    return a, b


if __name__ == "__main__":
    from neurona.cli.args import add_seed, example_parser

    parser = example_parser(__doc__)
    add_seed(parser)
    main(seed=parser.parse_args().seed)
