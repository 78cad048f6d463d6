"""``diagnose``: name the regime of a training run (under-fitting, over-fitting, good fit) and its remedies.

The rules, measured on an *error*: ``1 − accuracy`` when an accuracy is logged,
otherwise the loss divided by the first epoch's training loss (so that it is
free of the loss's scale). *Final* values are means over the last three epochs
(a quarter of the run, at least one, when it is shorter), so one noisy epoch does not decide.

=====================  ==================  ==========================================
regime                 error rate          loss (relative to the first epoch's)
=====================  ==================  ==========================================
high bias              train error > 0.10  train loss > 0.5 (not even halved)
high variance          gap > 0.05 and      gap > 0.2 and
                       grown ≥ 0.025 while the training error fell, or gap > 0.10
                                           grown ≥ 0.1 while it fell, or gap > 0.4
=====================  ==================  ==========================================

The gap is validation error minus training error; *grown* is the final gap
minus the smallest gap of the earlier epochs. Both high bias and high variance
make ``'under- and over-fitting'``; neither, ``'good fit'``. Without validation
data, or when the training loss is not finite, a run that is not under-fitting
is ``'undetermined'``.
"""
from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from neurona.plot.history_data import read_history
from neurona.plot.remedies import HIGH_BIAS, HIGH_VARIANCE

ACCURACY_NAMES = ("accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy")
THRESHOLDS = {"error rate": {"bias": 0.10, "gap": 0.05}, "relative loss": {"bias": 0.5, "gap": 0.2}}
"""The training error above which a run under-fits, and the gap above which it may over-fit, per measure."""
WINDOW = 3
"""Epochs averaged for the final values (a quarter of the run when it is shorter than 12 epochs)."""

UNDERFITTING, OVERFITTING, BOTH, GOOD_FIT, UNDETERMINED = (
    "under-fitting", "over-fitting", "under- and over-fitting", "good fit", "undetermined",
)
_NAMES = {
    UNDERFITTING: "high bias, sesgo alto",
    OVERFITTING: "high variance, varianza alta",
    BOTH: "high bias and high variance, sesgo y varianza altos",
    GOOD_FIT: "low bias and low variance",
    UNDETERMINED: "not enough evidence",
}


@dataclass(frozen=True)
class Diagnosis:
    """What :func:`diagnose` found: the regime, its evidence in numbers and the remedies of the table.

    ``str(diagnosis)`` is the printable report; :meth:`to_dict` is JSON-able;
    :meth:`plot` draws the learning curves with the report under them.
    """

    regime: str
    measure: str
    evidence: dict[str, float]
    remedies: list[str]
    note: str
    history: dict = field(repr=False, compare=False, default_factory=dict)

    def __str__(self) -> str:
        lines = [f"Diagnosis: {self.regime} ({_NAMES[self.regime]})", textwrap.fill(self.note, 100)]
        if self.remedies:
            lines += ["Remedies:", *(f"  - {r}" for r in self.remedies)]
        elif self.regime == GOOD_FIT:
            lines.append("No remedy needed.")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """The diagnosis without the history, JSON-able."""
        return {"regime": self.regime, "measure": self.measure, "evidence": dict(self.evidence),
                "remedies": list(self.remedies), "note": self.note}

    def plot(self, ax=None):
        """The learning curves (see :func:`~neurona.plot.learning_curves`) with this report printed under them."""
        from neurona.plot.curves import learning_curves

        fig = learning_curves(self.history, ax=ax)
        fig.text(0.01, 0.0, str(self), ha="left", va="top", family="monospace", fontsize="small")
        return fig


def _error(columns: Mapping[str, np.ndarray]) -> tuple[str, np.ndarray, np.ndarray | None, str]:
    for name in ACCURACY_NAMES:
        if name in columns:
            val = columns.get(f"val_{name}")
            return "error rate", 1 - columns[name], None if val is None else 1 - val, f"1 − {name}"
    if "loss" not in columns:
        raise ValueError(f"diagnose: the history has neither a loss nor an accuracy, only {sorted(columns)}")
    loss, val = columns["loss"], columns.get("val_loss")
    scale = abs(loss[0]) if np.isfinite(loss[0]) and loss[0] != 0 else 1.0
    return "relative loss", loss / scale, None if val is None else val / scale, f"loss / {scale:.4g} (the first epoch's)"


def _window(n: int) -> int:
    return min(WINDOW, max(1, n // 4))


def _final(values: np.ndarray) -> float:
    tail = values[-_window(values.size):]
    return float(np.mean(tail)) if np.isfinite(tail).all() else float("nan")


def _variance(train: np.ndarray, val: np.ndarray, gap_limit: float) -> tuple[bool, dict[str, float]]:
    gap = val - train
    final_gap = _final(gap)
    earlier = gap[:-_window(gap.size)] if gap.size > 1 else gap
    smallest = int(np.nanargmin(earlier)) if np.isfinite(earlier).any() else 0
    growth = final_gap - float(earlier[smallest])
    fall = float(train[smallest]) - _final(train)
    grew = growth >= gap_limit / 2 and fall > 0
    evidence = {"validation_error": _final(val), "gap": final_gap, "gap_growth": growth, "training_error_fall": fall}
    return final_gap > 2 * gap_limit or (final_gap > gap_limit and grew), evidence


def diagnose(history, **thresholds: float) -> Diagnosis:
    """Name the regime of a run from its history, with the evidence and the table's remedies.

    Parameters
    ----------
    history : History, dict or path
        What ``fit`` returned, its ``.history``, or a ``CSVLogger`` file.
    **thresholds
        ``bias=`` and ``gap=`` replace the defaults of :data:`THRESHOLDS`
        for the measure used (see the module's table).

    Returns
    -------
    Diagnosis

    Examples
    --------
    >>> d = diagnose({"accuracy": [0.6, 0.8, 0.9, 0.97, 0.99, 1.0], "val_accuracy": [0.6, 0.7, 0.72, 0.7, 0.7, 0.69]})
    >>> d.regime
    'over-fitting'
    >>> d.remedies[0]
    'more training data (más datos)'
    """
    columns = read_history(history)
    measure, train, val, formula = _error(columns)
    limits = {**THRESHOLDS[measure], **thresholds}
    if set(limits) != {"bias", "gap"}:
        raise TypeError(f"diagnose: unknown threshold(s) {sorted(set(limits) - {'bias', 'gap'})}; use bias= and gap=")
    evidence = {"epochs": float(train.size), "training_error": _final(train)}
    bias = evidence["training_error"] > limits["bias"]
    variance = False
    if val is not None and np.isfinite(evidence["training_error"]):
        variance, more = _variance(train, val, limits["gap"])
        evidence.update(more)
    regime = _regime(bias, variance, val is not None and np.isfinite(evidence["training_error"]))
    remedies = (list(HIGH_BIAS) if bias else []) + (list(HIGH_VARIANCE) if variance else [])
    note = _note(formula, evidence, limits)
    return Diagnosis(regime, measure, evidence, remedies, note, {k: v.tolist() for k, v in columns.items()})


def _regime(bias: bool, variance: bool, judged: bool) -> str:
    if bias:
        return BOTH if variance else UNDERFITTING
    if not judged:
        return UNDETERMINED
    return OVERFITTING if variance else GOOD_FIT


def _note(formula: str, e: dict[str, float], limits: dict[str, float]) -> str:
    text = f"Error = {formula}, last {_window(int(e['epochs']))} of {int(e['epochs'])} epochs: "
    text += f"training {e['training_error']:.3f} (under-fitting above {limits['bias']:g})"
    if not np.isfinite(e["training_error"]):
        return text + "; the training error is not finite: the run diverged (try a smaller learning rate)."
    if "gap" not in e:
        return text + "; no validation data, so the variance cannot be judged (use validation_split)."
    return text + (f", validation {e['validation_error']:.3f}, gap {e['gap']:.3f} (over-fitting above "
                   f"{limits['gap']:g}), grown by {e['gap_growth']:.3f} while the training error fell by "
                   f"{e['training_error_fall']:.3f}.")
