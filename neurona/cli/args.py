"""The argument conventions shared by the subcommands and by the scripts of ``examples/``.

The same option has the same name, type and meaning everywhere: ``--epochs``,
``--batch-size``, ``--lr``, ``--optimizer``, ``--seed``, ``--data-dir``,
``--verbose``. Counts must be positive and rates positive and finite; a bad value
is refused by argparse with a one-line message (status 2).

Examples
--------
>>> parser = example_parser("A demo.")
>>> add_training_options(parser, epochs=5)
>>> parser.parse_args(["--epochs", "3", "--lr", "0.1"]).epochs
3
"""
from __future__ import annotations

import argparse
import math


def positive_int(text: str) -> int:
    """An integer ≥ 1 (argparse type).

    Examples
    --------
    >>> positive_int("3")
    3
    """
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value}")
    return value


def positive_float(text: str) -> float:
    """A finite number > 0 (argparse type).

    Examples
    --------
    >>> positive_float("1e-3")
    0.001
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}") from None
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"expected a positive finite number, got {text}")
    return value


def example_parser(doc: str | None) -> argparse.ArgumentParser:
    """The parser of an example script: its docstring as the description, kept as written.

    Examples
    --------
    >>> example_parser("Fit a line.").description
    'Fit a line.'
    """
    return argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)


def add_seed(parser: argparse.ArgumentParser, default: int = 0) -> None:
    """``--seed``: the seed of neurona's generator and of the data split."""
    parser.add_argument("--seed", type=int, default=default, help=f"random seed (default {default})")


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    """``--data-dir``: the offline data directory (default: ``$NEURONA_DATA``)."""
    parser.add_argument("--data-dir", metavar="DIR", default=None,
                        help="offline data directory laid out like shared/data (default: $NEURONA_DATA)")


def add_training_options(parser: argparse.ArgumentParser, *, epochs: int | None = None,
                         batch_size: int | None = None, seed: int = 0) -> None:
    """``--epochs``, ``--batch-size``, ``--lr``, ``--optimizer``, ``--seed`` and ``--verbose``.

    ``None`` defaults mean "the recipe's own value" (a preset's or a config's).
    """
    recipe = "the recipe's"
    parser.add_argument("--epochs", type=positive_int, default=epochs,
                        help=f"passes over the training data (default: {epochs or recipe})")
    parser.add_argument("--batch-size", type=positive_int, default=batch_size,
                        help=f"examples per gradient step (default: {batch_size or recipe})")
    parser.add_argument("--lr", type=positive_float, default=None,
                        help="learning rate (default: the recipe's, else the optimizer's)")
    parser.add_argument("--optimizer", default=None,
                        help="sgd, momentum, nesterov, adagrad, rmsprop, adam or adamw (default: the recipe's)")
    add_seed(parser, seed)
    parser.add_argument("--verbose", type=int, choices=(0, 1, 2), default=1,
                        help="0 silent, 1 a progress bar per epoch (default), 2 one line per epoch")
