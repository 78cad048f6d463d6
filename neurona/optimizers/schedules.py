"""Learning-rate schedules: the rate as a function of the step (or epoch) number.

A schedule is a callable ``schedule(step) -> float``. Given as an optimizer's
learning rate, it is evaluated at ``optimizer.iterations`` before each step (the
first step uses ``schedule(0)``); it can also drive a per-epoch callback.

Examples
--------
>>> from neurona.optimizers.schedules import StepDecay
>>> schedule = StepDecay(0.1, drop=0.5, every=10)
>>> schedule(0), schedule(9), schedule(10), schedule(25)
(0.1, 0.1, 0.05, 0.025)
"""
from __future__ import annotations

import math

from neurona.optimizers._checks import non_negative, positive
from neurona.registry import Registry


class Schedule:
    """Base class of learning-rate schedules: ``__call__(step)`` and ``get_config()``."""

    def __call__(self, step: int) -> float:
        raise NotImplementedError(f"{type(self).__name__} must define __call__(step)")

    def get_config(self) -> dict:
        """The constructor's arguments, JSON-able."""
        raise NotImplementedError(f"{type(self).__name__} must define get_config()")

    @classmethod
    def from_config(cls, config: dict) -> Schedule:
        """Rebuild a schedule from ``get_config()``."""
        return cls(**config)

    def __repr__(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.get_config().items())
        return f"{type(self).__name__}({args})"


class StepDecay(Schedule):
    """Multiply the rate by ``drop`` every ``every`` steps: ``η_k = η₀ · drop^⌊k / every⌋``.

    Examples
    --------
    >>> StepDecay(1.0, drop=0.5, every=2)(5)
    0.25
    """

    def __init__(self, initial: float, drop: float, every: int) -> None:
        self.initial = non_negative("StepDecay", "initial", initial)
        self.drop = positive("StepDecay", "drop", drop)
        if isinstance(every, bool) or not isinstance(every, int) or every < 1:
            raise ValueError(f"StepDecay: every must be an integer >= 1, got {every!r}")
        self.every = every

    def __call__(self, step: int) -> float:
        return self.initial * self.drop ** (step // self.every)

    def get_config(self) -> dict:
        return {"initial": self.initial, "drop": self.drop, "every": self.every}


class ExponentialDecay(Schedule):
    """Smooth exponential decay: ``η_k = η₀ · decay_rate^(k / decay_steps)``.

    With ``staircase=True`` the exponent is ``⌊k / decay_steps⌋``.

    Examples
    --------
    >>> ExponentialDecay(1.0, decay_rate=0.5, decay_steps=10)(20)
    0.25
    """

    def __init__(self, initial: float, decay_rate: float, decay_steps: float, staircase: bool = False) -> None:
        self.initial = non_negative("ExponentialDecay", "initial", initial)
        self.decay_rate = positive("ExponentialDecay", "decay_rate", decay_rate)
        self.decay_steps = positive("ExponentialDecay", "decay_steps", decay_steps)
        self.staircase = bool(staircase)

    def __call__(self, step: int) -> float:
        exponent = step / self.decay_steps
        if self.staircase:
            exponent = math.floor(exponent)
        return self.initial * self.decay_rate ** exponent

    def get_config(self) -> dict:
        return {
            "initial": self.initial, "decay_rate": self.decay_rate,
            "decay_steps": self.decay_steps, "staircase": self.staircase,
        }


class CosineDecay(Schedule):
    """Half a cosine from ``η₀`` down to ``alpha · η₀`` over ``decay_steps``, then flat.

    ``η_k = η₀ · ((1 − α) · ½ (1 + cos(π · min(k, K) / K)) + α)`` with ``K = decay_steps``.

    Examples
    --------
    >>> schedule = CosineDecay(1.0, decay_steps=100, alpha=0.1)
    >>> schedule(0), round(schedule(50), 6), schedule(100), schedule(500)
    (1.0, 0.55, 0.1, 0.1)
    """

    def __init__(self, initial: float, decay_steps: int, alpha: float = 0.0) -> None:
        self.initial = non_negative("CosineDecay", "initial", initial)
        self.decay_steps = positive("CosineDecay", "decay_steps", decay_steps)
        self.alpha = non_negative("CosineDecay", "alpha", alpha)
        if self.alpha > 1:
            raise ValueError(f"CosineDecay: alpha must be in [0, 1], got {alpha!r}")

    def __call__(self, step: int) -> float:
        progress = min(step, self.decay_steps) / self.decay_steps
        cosine = 0.5 * (1 + math.cos(math.pi * progress))
        return self.initial * ((1 - self.alpha) * cosine + self.alpha)

    def get_config(self) -> dict:
        return {"initial": self.initial, "decay_steps": self.decay_steps, "alpha": self.alpha}


SCHEDULES = Registry("schedule", base=Schedule)
for _cls in (StepDecay, ExponentialDecay, CosineDecay):
    SCHEDULES.register(_cls)


def serialize(schedule: Schedule) -> dict:
    """``{"class_name": ..., "config": ...}``, JSON-able.

    Examples
    --------
    >>> serialize(StepDecay(0.1, 0.5, 10))
    {'class_name': 'StepDecay', 'config': {'initial': 0.1, 'drop': 0.5, 'every': 10}}
    """
    return SCHEDULES.serialize(schedule)


def deserialize(config: dict) -> Schedule:
    """Rebuild a schedule from :func:`serialize`'s output.

    Examples
    --------
    >>> deserialize(serialize(CosineDecay(0.1, 100)))
    CosineDecay(initial=0.1, decay_steps=100.0, alpha=0.0)
    """
    return SCHEDULES.deserialize(config)
