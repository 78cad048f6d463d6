"""The one seeded random generator of neurona.

Initializers, dropout, shuffling and data splits draw from :func:`get_rng`, so a
single call to :func:`seed` makes a whole run reproducible bit for bit.
"""
from __future__ import annotations

import numpy

_rng = numpy.random.default_rng()

Seed = int | numpy.random.Generator | None


def seed(value: int) -> None:
    """Reseed the global generator, in place.

    Everything that holds the global generator (a DataLoader made before the
    call, for instance) draws the new sequence too: the same numbers as
    ``numpy.random.default_rng(value)``.

    Examples
    --------
    >>> import neurona
    >>> neurona.random.seed(0)
    >>> float(neurona.random.get_rng().random()) == float(numpy.random.default_rng(0).random())
    True
    """
    _rng.bit_generator.state = numpy.random.PCG64(value).state


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
