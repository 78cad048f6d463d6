"""Validation of hyperparameters, with errors that name the optimizer and the bad value."""
from __future__ import annotations

import numpy as np


def _number(owner: str, name: str, value) -> float:
    if isinstance(value, bool):
        raise TypeError(f"{owner}: {name} must be a number, got {value!r}")
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{owner}: {name} must be a number, got {value!r}") from None


def non_negative(owner: str, name: str, value) -> float:
    """Return ``value`` as a float, or raise if it is not a number ``>= 0``."""
    number = _number(owner, name, value)
    if not number >= 0:
        raise ValueError(f"{owner}: {name} must be >= 0, got {value!r}")
    return number


def positive(owner: str, name: str, value) -> float:
    """Return ``value`` as a float, or raise if it is not a number ``> 0``."""
    number = _number(owner, name, value)
    if not number > 0:
        raise ValueError(f"{owner}: {name} must be > 0, got {value!r}")
    return number


def positive_or_none(owner: str, name: str, value) -> float | None:
    """Like :func:`positive`, but ``None`` (the option is off) passes through."""
    return None if value is None else positive(owner, name, value)


def fraction(owner: str, name: str, value) -> float:
    """Return ``value`` as a float, or raise if it is outside ``[0, 1)`` (a decay factor such as β)."""
    number = _number(owner, name, value)
    if not 0 <= number < 1:
        raise ValueError(f"{owner}: {name} must be in [0, 1), got {value!r}")
    return number


def flag(owner: str, name: str, value) -> bool:
    """Return ``value`` if it is a bool, or raise (a string such as ``"False"`` would read as true)."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{owner}: {name} must be True or False, got {value!r}")
    return bool(value)
