"""What ``compile`` chose for a model's outputs: a loss, a loss weight and metrics per output.

``loss``, ``loss_weights`` and ``metrics`` are each given once for every output,
as a list aligned with the outputs, or as a dict keyed by output name. They are
checked at ``compile`` and matched with the outputs when the data is first seen.
With several outputs the logs name each one: ``out_loss``, ``out_accuracy``.
"""
from __future__ import annotations

import copy

import numpy as np

from neurona.tensor import Tensor
from neurona.training import losses, metrics
from neurona.training.losses import OutputLoss


def _per_output(spec, names: list[str], what: str) -> list:
    """One entry per output from a shared value, a list aligned with ``names`` or a dict keyed by them."""
    if isinstance(spec, dict):
        unknown = [key for key in spec if key not in names]
        if unknown:
            raise ValueError(f"compile: {what} names outputs {unknown}, but the model's outputs are {names}")
        return [spec.get(name) for name in names]
    if isinstance(spec, (list, tuple)) and what != "metrics" or (what == "metrics" and _nested(spec)):
        if len(spec) != len(names):
            raise ValueError(f"compile: {what} has {len(spec)} entries for the model's {len(names)} outputs {names}")
        return list(spec)
    return [spec] * len(names)


def _nested(spec) -> bool:
    return isinstance(spec, (list, tuple)) and any(isinstance(s, (list, tuple)) or s is None for s in spec)


def _metric_list(spec) -> list:
    if spec is None:
        return []
    return [metrics.check(m) for m in ([spec] if isinstance(spec, (str, metrics.Metric)) else spec)]


class Compiled:
    """The losses and metrics of ``compile``; :meth:`setup` matches them with the outputs.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> c = Compiled("MSE", None, "mae")
    >>> ys = c.setup(["out"], [(None, 1)], [np.array([1.0, 2.0])], "fit")
    >>> c.loss(ys[0], nr.tensor([[1.0], [4.0]])).item(), c.log_names()
    (2.0, ['loss', 'mae'])
    """

    def __init__(self, loss, loss_weights, metric_spec) -> None:
        for spec in loss.values() if isinstance(loss, dict) else loss if isinstance(loss, (list, tuple)) else [loss]:
            if spec is not None:
                losses.get(spec)
        if isinstance(metric_spec, dict):
            self.metric_spec = {key: _metric_list(value) for key, value in metric_spec.items()}
        elif _nested(metric_spec):
            self.metric_spec = [_metric_list(value) for value in metric_spec]
        else:
            self.metric_spec = _metric_list(metric_spec)
        self.loss_spec, self.weight_spec = loss, loss_weights
        self.outputs: list[OutputLoss | None] = []
        self.metrics: list[list[metrics.Metric]] = []
        self.names: list[str] = []
        self.terms: list = []

    def setup(self, names: list[str], shapes: list[tuple], ys: list | None, method: str) -> list | None:
        """Match the losses and metrics with the outputs ``names`` of ``shapes``; return the prepared targets."""
        self.names = names
        weights = _per_output(1.0 if self.weight_spec is None else self.weight_spec, names, "loss_weights")
        self.outputs = [
            None if spec is None else OutputLoss(spec, 1.0 if weight is None else weight)
            for spec, weight in zip(_per_output(self.loss_spec, names, "loss"), weights)
        ]
        if ys is None:
            needed = [loss.name for loss in self.outputs if loss is not None]
            if needed:
                raise ValueError(f"{method}: y is required: the model was compiled with loss {needed[0]!r}")
        else:
            ys = [y if loss is None else loss.prepare_targets(y, shape, method)
                  for loss, y, shape in zip(self.outputs, ys, shapes)]
        specs = _per_output(self.metric_spec, names, "metrics")
        self.metrics = [
            [metrics.get(copy.deepcopy(m) if isinstance(m, metrics.Metric) and len(names) > 1 else m,
                         loss.name if loss else "", shape, np.asarray(y) if ys else np.zeros(0))
             for m in spec or []]
            for spec, loss, shape, y in zip(specs, self.outputs, shapes, ys or [None] * len(names))
        ]
        return ys

    def prepare_targets(self, ys: list, shapes: list[tuple], method: str) -> list:
        """Targets of more data (validation data) for the losses already matched with the outputs."""
        return [y if loss is None else loss.prepare_targets(y, shape, method)
                for loss, y, shape in zip(self.outputs, ys, shapes)]

    def loss(self, y, y_pred) -> Tensor | None:
        """The weighted sum of the output losses (None if no output has one); keeps each term in ``terms``."""
        if len(self.outputs) == 1:
            loss = self.outputs[0]
            if loss is None:
                return None
            total = loss(y_pred, y)
            return total if loss.weight == 1.0 else total * loss.weight
        self.terms, total = [], None
        if isinstance(y_pred, dict):
            y_pred = [y_pred[name] for name in self.names]
        for loss, target, pred in zip(self.outputs, y, y_pred):
            if loss is None:
                continue
            term = loss(pred, target)
            self.terms.append(term)
            term = term if loss.weight == 1.0 else term * loss.weight
            total = term if total is None else total + term
        return total

    def loss_logs(self, total: Tensor) -> dict:
        """``{'loss': total}``, and each output's own loss when there are several."""
        logs = {"loss": float(total._data)}
        if len(self.outputs) > 1:
            named = [name for name, loss in zip(self.names, self.outputs) if loss is not None]
            logs.update({f"{name}_loss": float(term._data) for name, term in zip(named, self.terms)})
        return logs

    def update_metrics(self, y, y_pred) -> None:
        if len(self.metrics) == 1:
            if self.metrics[0]:
                predictions = y_pred._data
                for metric in self.metrics[0]:
                    metric.update(y, predictions)
            return
        if isinstance(y_pred, dict):
            y_pred = [y_pred[name] for name in self.names]
        for group, target, pred in zip(self.metrics, y, y_pred):
            for metric in group:
                metric.update(target, pred._data)

    def metric_logs(self) -> dict:
        prefix = len(self.metrics) > 1
        return {f"{name}_{m.name}" if prefix else m.name: m.result()
                for name, group in zip(self.names, self.metrics) for m in group}

    def log_names(self) -> list[str]:
        return ["loss", *self.metric_logs()]

    def reset_metrics(self) -> None:
        for group in self.metrics:
            for metric in group:
                metric.reset()
