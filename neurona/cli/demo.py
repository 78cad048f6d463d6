"""Run the demo: the course's softmax classifier on Iris, trained in a second (see :mod:`neurona.demo`)."""
from __future__ import annotations

import argparse

from neurona.cli.args import add_seed, positive_int

NAME = "demo"
HELP = "the course's softmax classifier on Iris (the default command)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--epochs", type=positive_int, default=100, help="passes over the data (default 100)")
    add_seed(parser)


def run(args: argparse.Namespace) -> int:
    from neurona.demo import main

    main(epochs=args.epochs, seed=args.seed)
    return 0
