"""Print a model's layers, output shapes and parameter counts; for a run folder, also its recipe and final metrics."""
from __future__ import annotations

import argparse

NAME = "summary"
HELP = "show the layers of a run folder's or model file's model"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run_or_model", metavar="RUN_OR_MODEL", help="a run folder or a .neurona model file")


def run(args: argparse.Namespace) -> int:
    from neurona.cli.run_folder import open_run

    run_ = open_run(args.run_or_model)
    run_.load_model().summary()
    if run_.report is not None:
        report = run_.report
        print(f"recipe: {report.get('recipe')} on {report.get('config', {}).get('dataset')}, seed {report.get('seed')}, "
              f"{report.get('training_seconds')}s of training")
        for key, value in report.get("metrics", {}).items():
            print(f"{key}: {value:.4f}")
    return 0
