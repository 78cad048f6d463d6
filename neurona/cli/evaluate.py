"""Evaluate a trained model on its dataset's test part: the loss, and accuracy (classifiers) or RMSE and MAE.

RUN_OR_MODEL is a run folder of `neurona train` (its dataset, seed and input scaling
are read from report.json) or a model file (then --dataset is needed, and inputs get
that dataset's default scaling, fitted on its training part).
"""
from __future__ import annotations

import argparse

from neurona.cli.args import add_data_dir
from neurona.cli.errors import CLIError

NAME = "evaluate"
HELP = "evaluate a run folder or model file on a dataset's test part"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run_or_model", metavar="RUN_OR_MODEL", help="a run folder or a .neurona model file")
    parser.add_argument("--dataset", help="the dataset to test on (default: the run's)")
    add_data_dir(parser)


def test_setup(run, dataset_name: str | None, data_dir: str | None):
    """The dataset, the seed, the input scaling and the test part for ``run``; shared with ``predict``."""
    from neurona.cli import catalog, preprocess

    report = run.report or {}
    name = dataset_name or report.get("config", {}).get("dataset")
    if name is None:
        raise CLIError(f"{run.model_path} is a bare model file: name its dataset with --dataset")
    dataset = catalog.trainable(name)
    seed = report.get("seed", 0)
    train, test = catalog.load_split(dataset, data_dir, seed)
    scaling = report.get("preprocess") if name == report.get("config", {}).get("dataset") else None
    return dataset, scaling or preprocess.fit(dataset.preprocess, train[0]), test


def run(args: argparse.Namespace) -> int:
    from neurona.cli import inputs, preprocess, scoring
    from neurona.cli.run_folder import open_run

    run_ = open_run(args.run_or_model)
    dataset, scaling, (x_test, y_test) = test_setup(run_, args.dataset, args.data_dir)
    model = run_.load_model()
    x = inputs.fit_to_model(preprocess.apply(scaling, x_test), inputs.model_input_shape(model),
                            f"the {dataset.name} test part")
    outputs = model.predict(x)
    metrics = {}
    loss = getattr(getattr(model, "compiled", None), "loss_spec", None)
    if isinstance(loss, str):  # a model compiled with one named loss: its test loss too
        n_classes = None if dataset.classes is None else len(dataset.classes)
        y = scoring.encode_targets(y_test, loss, dataset.task, n_classes)
        metrics["test_loss"] = float(model.evaluate(x, y, return_dict=True)["loss"])
    metrics.update(scoring.score(dataset.task, outputs, y_test))
    print(f"{run_.model_path} on {dataset.name} ({len(x_test)} test examples)")
    print("\n".join(f"{key}: {value:.4f}" for key, value in metrics.items()))
    return 0
