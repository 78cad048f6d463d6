"""The presets of ``neurona train``: the course's experiments as :class:`TrainConfig` recipes.

Examples
--------
>>> sorted(PRESETS)[:3]
['boston-linear', 'breast-cancer-logistic', 'fashion-mlp']
>>> resolve("mnist-mlp").fit
{'epochs': 15, 'batch_size': 32}
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from neurona.cli.errors import CLIError
from neurona.cli.presets import course
from neurona.cli.presets.config import TrainConfig

__all__ = ["PRESETS", "TrainConfig", "resolve"]


def _recipe(dataset: str, model, loss: str, optimizer: str, learning_rate: float | None,
            epochs: int, batch_size: int, metrics: tuple[str, ...] = ("accuracy",)) -> TrainConfig:
    from neurona.layers import serialize

    compile_ = {"optimizer": optimizer, "loss": loss, "metrics": list(metrics)}
    if learning_rate is not None:
        compile_["learning_rate"] = learning_rate
    return TrainConfig(dataset=dataset, model=serialize(model), compile=compile_,
                       fit={"epochs": epochs, "batch_size": batch_size})


def _mnist(dataset: str) -> TrainConfig:
    """The course's recipe: MSE on one-hot targets, Adam at its default rate, 15 epochs of batches of 32."""
    return _recipe(dataset, course.mnist_mlp(), "mse", "adam", None, 15, 32)


PRESETS: dict[str, Callable[[], TrainConfig]] = {
    "iris-softmax": lambda: _recipe("iris", course.softmax_regression(4, 3), "sparse_categorical_crossentropy",
                                    "adam", 0.05, 100, 16),
    "boston-linear": lambda: _recipe("boston", course.linear_regression(13), "mse", "sgd", 0.1, 200, 404, ()),
    "breast-cancer-logistic": lambda: _recipe("breast-cancer", course.logistic_regression(30, l2=0.001),
                                              "binary_crossentropy", "adam", 0.01, 100, 32),
    "mnist-mlp": lambda: _mnist("mnist"),
    "fashion-mlp": lambda: _mnist("fashion-mnist"),
    "playground-spiral": lambda: _recipe("spiral", course.playground_mlp(), "binary_crossentropy",
                                         "adam", 0.01, 200, 10),
}


def resolve(preset_or_path: str) -> TrainConfig:
    """The recipe of a preset's name, or of a ``CONFIG.json`` file's path."""
    if preset_or_path in PRESETS:
        return PRESETS[preset_or_path]()
    if preset_or_path.endswith(".json") or Path(preset_or_path).exists():
        if not Path(preset_or_path).is_file():
            raise CLIError(f"no such config file: {preset_or_path}")
        return TrainConfig.from_file(preset_or_path)
    raise CLIError(f"unknown preset {preset_or_path!r}; presets: {', '.join(PRESETS)} (or a CONFIG.json path)")
