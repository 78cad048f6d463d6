"""Predict with a trained model: one line per example of INPUT (a .npy array, a .csv table or an image).

Rows of a table are examples; a single example may leave out the batch axis. An
image is read in grey and resized to the model's input (28x28 for the MNIST
presets); --invert turns dark ink on white paper into MNIST's white on black. A run
folder's input scaling is applied; a bare model file gets the inputs as they are.
Classifiers print the class and its probability, regressions the value.
"""
from __future__ import annotations

import argparse

import numpy as np

NAME = "predict"
HELP = "predict the class or value of the examples in a .npy, .csv or image file"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("run_or_model", metavar="RUN_OR_MODEL", help="a run folder or a .neurona model file")
    parser.add_argument("input", metavar="INPUT", help="a .npy or .csv file of examples, or an image")
    parser.add_argument("--invert", action="store_true", help="invert an image's grey levels (dark ink on white)")


def _lines(outputs: np.ndarray, task: str | None, classes: tuple[str, ...] | None) -> list[str]:
    outputs = outputs.reshape(len(outputs), -1)
    if task == "regression" or (task is None and outputs.shape[1] == 1 and classes is None):
        return [f"{i}: {row[0]:.6g}" for i, row in enumerate(outputs)]
    if outputs.shape[1] == 1:
        p = outputs[:, 0]
        labels, probabilities = (p > 0.5).astype(int), np.where(p > 0.5, p, 1 - p)
    else:
        labels, probabilities = outputs.argmax(axis=1), outputs.max(axis=1)
    names = classes or tuple(str(i) for i in range(max(outputs.shape[1], 2)))
    return [f"{i}: {names[k]} ({p:.3f})" for i, (k, p) in enumerate(zip(labels, probabilities))]


def run(args: argparse.Namespace) -> int:
    from neurona.cli import catalog, inputs, preprocess
    from neurona.cli.run_folder import open_run

    run_ = open_run(args.run_or_model)
    model = run_.load_model()
    shape = inputs.model_input_shape(model)
    x = inputs.fit_to_model(inputs.read_input(args.input, shape, args.invert), shape, args.input)
    report = run_.report or {}
    dataset = catalog.get(report["config"]["dataset"]) if report else None
    x = preprocess.apply(report.get("preprocess", {"kind": "none"}), x)
    outputs = np.asarray(model.predict(x))
    print("\n".join(_lines(outputs, dataset and dataset.task, dataset and dataset.classes)))
    return 0
