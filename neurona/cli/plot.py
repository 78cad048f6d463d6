"""Draw the learning curves of a history.csv (written by `neurona train` or CSVLogger) and print their diagnosis."""
from __future__ import annotations

import argparse
from pathlib import Path

from neurona.cli.errors import CLIError

NAME = "plot"
HELP = "draw a history.csv's learning curves as a PNG and diagnose them"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("history", metavar="HISTORY.csv", help="one row per epoch: epoch, loss, val_loss, ...")
    parser.add_argument("--out", metavar="PNG", help="the image to write (default: learning_curves.png beside the CSV)")


def run(args: argparse.Namespace) -> int:
    from neurona.cli import figures
    from neurona.cli.run_folder import read_history

    history = read_history(args.history)
    out = Path(args.out) if args.out else Path(args.history).with_name(figures.LEARNING_CURVES)
    print(figures.diagnosis(history))
    if not figures.learning_curves(history, out):
        raise CLIError("matplotlib is not installed, so no figure was drawn: pip install 'neurona[plot]'")
    print(f"learning curves: {out}")
    return 0
