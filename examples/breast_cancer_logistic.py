"""Breast cancer (Wisconsin diagnostic) by logistic regression on standardized features.

A stratified 25% test split; the scaler is fitted on the training part. The
training set is linearly separable, so a small L2 penalty (λ = 1) keeps the
optimum finite and lets gradient descent converge.
Run: ``python examples/breast_cancer_logistic.py``.
"""
from __future__ import annotations

from neurona.classic import LogisticRegression
from neurona.data import StandardScaler, train_test_split
from neurona.datasets import load_breast_cancer


def main(seed: int = 0) -> float:
    """Fit, print and return the test accuracy."""
    x, y = load_breast_cancer()
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.25, stratify=y, seed=seed)
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

    model = LogisticRegression(learning_rate=1.0, l2=1.0, max_iter=10_000).fit(x_train, y_train)
    accuracy = model.score(x_test, y_test)
    print(f"converged after {model.n_iter_} iterations, final loss {model.loss_history_[-1]:.4f}")
    print(f"breast cancer test accuracy: {accuracy:.4f}")
    return accuracy


if __name__ == "__main__":
    from neurona.cli.args import add_seed, example_parser

    parser = example_parser(__doc__)
    add_seed(parser)
    main(seed=parser.parse_args().seed)
