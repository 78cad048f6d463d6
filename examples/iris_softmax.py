"""Iris by softmax (multinomial logistic) regression, on a stratified 30% test split.

The features are standardized (fitted on the training part); a small L2
penalty (λ = 0.1) keeps the optimum finite so that gradient descent converges.
Run: ``python examples/iris_softmax.py``.
"""
from __future__ import annotations

from neurona.classic import SoftmaxRegression
from neurona.data import StandardScaler, train_test_split
from neurona.datasets import load_iris


def main(seed: int = 0) -> float:
    """Fit, print and return the test accuracy."""
    x, y = load_iris()
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.3, stratify=y, seed=seed)
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

    model = SoftmaxRegression(learning_rate=1.0, l2=0.1, max_iter=10_000).fit(x_train, y_train)
    accuracy = model.score(x_test, y_test)
    print(f"converged after {model.n_iter_} iterations, final loss {model.loss_history_[-1]:.4f}")
    print(f"iris test accuracy: {accuracy:.4f}")
    return accuracy


if __name__ == "__main__":
    from neurona.cli.args import add_seed, example_parser

    parser = example_parser(__doc__)
    add_seed(parser)
    main(seed=parser.parse_args().seed)
