"""Train a preset of the course, or a CONFIG.json recipe, and leave a run folder.

Presets: iris-softmax, boston-linear, breast-cancer-logistic, mnist-mlp (the course's
784-128-10 network, 0.9758 on MNIST), fashion-mlp, playground-spiral. A CONFIG.json
has the keys dataset, preprocess (optional), model (a model config as
Model.get_config/Keras writes it), compile (optimizer, learning_rate, loss, metrics)
and fit (epochs, batch_size): see neurona.cli.presets.config.

The run folder (--out, default runs/PRESET-TIME) holds model.neurona, history.csv,
learning_curves.png with diagnosis.txt, confusion_matrix.png for classifiers and
report.json. The test part serves as validation data, as in the course.
"""
from __future__ import annotations

import argparse
import time
from datetime import datetime, timezone
from pathlib import Path

from neurona.cli.args import add_data_dir, add_training_options
from neurona.cli.errors import CLIError

NAME = "train"
HELP = "train a preset (iris-softmax, mnist-mlp, ...) or a CONFIG.json; writes a run folder"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("recipe", metavar="PRESET|CONFIG.json", help="a preset's name or a config file")
    add_training_options(parser)
    parser.add_argument("--out", metavar="DIR", help="the run folder (default runs/PRESET-YYYYmmdd-HHMMSS)")
    add_data_dir(parser)


def _out_folder(args: argparse.Namespace) -> Path:
    if args.out:
        folder = Path(args.out)
    else:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = Path("runs") / f"{Path(args.recipe).stem if args.recipe.endswith('.json') else args.recipe}-{stamp}"
    if folder.exists() and not folder.is_dir():
        raise CLIError(f"--out {folder} exists and is not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise CLIError(f"--out {folder} is not empty; choose a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _model(config):
    from neurona import layers, optimizers

    try:
        model = layers.deserialize(config.model)
        optimizer = optimizers.get(config.compile.get("optimizer", "adam"))
        if config.compile.get("learning_rate") is not None:
            optimizer.learning_rate = config.compile["learning_rate"]
        model.compile(optimizer=optimizer, loss=config.compile["loss"], metrics=config.compile.get("metrics"))
    except (TypeError, ValueError) as error:
        raise CLIError(f"the recipe's model or compile options are invalid: {error}") from None
    return model


def run(args: argparse.Namespace) -> int:
    import neurona as nr
    from neurona.callbacks import CSVLogger
    from neurona.cli import catalog, figures, preprocess, run_folder, scoring
    from neurona.cli.presets import resolve

    config = resolve(args.recipe).with_overrides(args.epochs, args.batch_size, args.lr, args.optimizer)
    dataset = catalog.trainable(config.dataset)
    (x_train, y_train), (x_test, y_test) = catalog.load_split(dataset, args.data_dir, args.seed)
    folder = _out_folder(args)
    started, clock = datetime.now(timezone.utc), time.perf_counter()
    nr.random.seed(args.seed)
    scaling = preprocess.fit(config.preprocess or dataset.preprocess, x_train)
    model = _model(config)
    train, test = ((preprocess.apply(scaling, x), scoring.encode_targets(y, config.compile["loss"], dataset.task,
                                                                         dataset.classes and len(dataset.classes)))
                   for x, y in ((x_train, y_train), (x_test, y_test)))
    try:
        history = model.fit(*train, validation_data=test, epochs=config.fit["epochs"],
                            batch_size=config.fit["batch_size"], verbose=args.verbose,
                            callbacks=[CSVLogger(folder / run_folder.HISTORY)])
    except ValueError as error:  # a CONFIG.json whose model does not fit the data
        raise CLIError(f"the recipe's model cannot be trained on {dataset.name}: {error}") from error
    seconds = time.perf_counter() - clock
    model.save(folder / run_folder.MODEL)
    outputs = model.predict(test[0])
    metrics = scoring.score(dataset.task, outputs, y_test)
    metrics.update({key: values[-1] for key, values in history.history.items()})
    files, diagnosis = figures.write_run_figures(folder, history.history, y_test,
                                                 scoring.predicted_labels(dataset.task, outputs), dataset.classes)
    run_folder.write_report(folder, {
        "recipe": args.recipe, "config": config.to_dict(), "seed": args.seed, "preprocess": scaling,
        "versions": run_folder.versions(), "metrics": metrics, "diagnosis": diagnosis,
        "started": started.isoformat(timespec="seconds"), "training_seconds": round(seconds, 2),
        "files": [run_folder.MODEL, run_folder.HISTORY, *files, run_folder.REPORT],
    })
    print("\n".join(f"{key}: {value:.4f}" for key, value in metrics.items() if key.startswith("test_")))
    print(diagnosis)
    print(f"run folder: {folder} ({seconds:.1f}s of training)")
    return 0
