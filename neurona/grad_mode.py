"""Switching graph recording on and off (``no_grad``, ``enable_grad``)."""
from __future__ import annotations

import contextlib
from typing import Iterator


class _GradMode:
    enabled = True


def is_grad_enabled() -> bool:
    """Return whether operations currently record a graph."""
    return _GradMode.enabled


@contextlib.contextmanager
def _set_grad_enabled(mode: bool) -> Iterator[None]:
    previous = _GradMode.enabled
    _GradMode.enabled = mode
    try:
        yield
    finally:
        _GradMode.enabled = previous


def no_grad():
    """Context manager (and decorator) in which no graph is recorded.

    Examples
    --------
    >>> import neurona as nr
    >>> w = nr.tensor([1.0, 2.0], requires_grad=True)
    >>> with nr.no_grad():
    ...     y = w * 2
    >>> y.requires_grad
    False
    """
    return _set_grad_enabled(False)


def enable_grad():
    """Context manager that turns graph recording back on inside ``no_grad``."""
    return _set_grad_enabled(True)
