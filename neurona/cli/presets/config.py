"""``TrainConfig``: one training recipe, the shape of a preset and of a ``CONFIG.json`` file.

A ``CONFIG.json`` is a JSON object with these keys (``preprocess`` optional)::

    {
      "dataset": "iris",                       # a name of `neurona datasets list`
      "preprocess": "standardize",             # none, scale255, scale16, standardize
      "model": {"class_name": "Sequential",    # a model's config, as Keras writes it
                "config": {"layers": [...]}},  # (neurona.layers.serialize(model))
      "compile": {"optimizer": "adam", "learning_rate": 0.05,
                  "loss": "sparse_categorical_crossentropy", "metrics": ["accuracy"]},
      "fit": {"epochs": 100, "batch_size": 16}
    }

A run's ``report.json`` holds its recipe under ``"config"`` in this shape, so a run
can be repeated with ``neurona train CONFIG.json``.

Examples
--------
>>> config = TrainConfig.from_dict({"dataset": "iris", "model": {"class_name": "Sequential", "config": {}},
...     "compile": {"optimizer": "adam", "loss": "mse"}, "fit": {"epochs": 2, "batch_size": 8}})
>>> config.with_overrides(epochs=5).fit["epochs"]
5
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from neurona.cli.errors import CLIError

_KEYS = {"dataset", "preprocess", "model", "compile", "fit"}
_COMPILE = {"optimizer", "learning_rate", "loss", "metrics"}
_FIT = {"epochs", "batch_size"}


@dataclass(frozen=True)
class TrainConfig:
    """A recipe: dataset, input scaling, model config, compile and fit arguments."""

    dataset: str
    model: dict
    compile: dict
    fit: dict
    preprocess: str | None = None

    @classmethod
    def from_dict(cls, data: object, source: str = "the config") -> "TrainConfig":
        """Check ``data`` against the documented shape; every problem is a :class:`CLIError` naming ``source``."""
        if not isinstance(data, dict):
            raise CLIError(f"{source}: expected a JSON object, got {type(data).__name__}")
        _known(data, _KEYS, source)
        missing = sorted({"dataset", "model", "compile", "fit"} - set(data))
        if missing:
            raise CLIError(f"{source}: missing key(s) {', '.join(missing)}")
        for key, keys in (("compile", _COMPILE), ("fit", _FIT)):
            if not isinstance(data[key], dict):
                raise CLIError(f"{source}: {key!r} must be an object, got {data[key]!r}")
            _known(data[key], keys, f"{source}, {key!r}")
        if "loss" not in data["compile"]:
            raise CLIError(f"{source}: 'compile' needs a 'loss'")
        if not isinstance(data["model"], dict) or "class_name" not in data["model"]:
            raise CLIError(f"{source}: 'model' must be a model config {{'class_name': ..., 'config': {{...}}}}")
        return cls(dataset=data["dataset"], model=data["model"], compile=dict(data["compile"]),
                   fit=dict(data["fit"]), preprocess=data.get("preprocess"))

    @classmethod
    def from_file(cls, path: str | Path) -> "TrainConfig":
        """Read a ``CONFIG.json``."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise CLIError(f"{path} is not valid JSON: {error}") from None
        return cls.from_dict(data, source=str(path))

    def to_dict(self) -> dict:
        """The JSON-able dict of :meth:`from_dict`'s shape."""
        return asdict(self)

    def with_overrides(self, epochs: int | None = None, batch_size: int | None = None,
                       learning_rate: float | None = None, optimizer: str | None = None) -> "TrainConfig":
        """A copy with the options given on the command line (``None``: keep the recipe's)."""
        fit = {**self.fit, **_given(epochs=epochs, batch_size=batch_size)}
        compile_ = {**self.compile, **_given(learning_rate=learning_rate, optimizer=optimizer)}
        if optimizer is not None and learning_rate is None:
            compile_.pop("learning_rate", None)  # the new optimizer's own default
        return replace(self, fit=fit, compile=compile_)


def _given(**values) -> dict:
    return {key: value for key, value in values.items() if value is not None}


def _known(data: dict, keys: set[str], source: str) -> None:
    unknown = sorted(set(data) - keys)
    if unknown:
        raise CLIError(f"{source}: unknown key(s) {', '.join(unknown)}; expected some of {', '.join(sorted(keys))}")
