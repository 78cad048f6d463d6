"""The one seeded random generator of neurona.

Initializers, dropout, shuffling and data splits draw from :func:`get_rng`, so a
single call to :func:`seed` makes a whole run reproducible bit for bit.
"""
from __future__ import annotations

import numpy

_rng = numpy.random.default_rng()

Seed = int | numpy.random.Generator | None


def seed(value: int) -> None:
    """Reseed the global generator.

    Examples
    --------
    >>> import neurona
    >>> neurona.random.seed(0)
    """
    global _rng
    _rng = numpy.random.default_rng(value)


def get_rng() -> numpy.random.Generator:
    """Return the global generator (``numpy.random.Generator``)."""
    return _rng


def as_rng(seed_or_rng: Seed) -> numpy.random.Generator:
    """Turn ``None`` (the global generator), an int seed or a Generator into a Generator.

    Examples
    --------
    >>> int(as_rng(0).integers(10)) == int(as_rng(0).integers(10))
    True
    """
    if seed_or_rng is None:
        return _rng
    if isinstance(seed_or_rng, numpy.random.Generator):
        return seed_or_rng
    return numpy.random.default_rng(seed_or_rng)
