"""Weight initializers, and the registry that resolves their names.

An initializer is called as ``init(shape, dtype)`` and returns a new array. All
randomness comes from :func:`neurona.random.get_rng`, so ``neurona.random.seed(n)``
reproduces every initial weight bit for bit.

Examples
--------
>>> import neurona
>>> from neurona import initializers
>>> neurona.random.seed(0)
>>> a = initializers.get("glorot_uniform")((3, 2))
>>> neurona.random.seed(0)
>>> bool((a == initializers.get("glorot_uniform")((3, 2))).all())
True
"""
from __future__ import annotations

from typing import Callable

from neurona.initializers.base import Initializer, compute_fans
from neurona.initializers.constant import Constant, Ones, Zeros
from neurona.initializers.distributions import RandomNormal, RandomUniform, TruncatedNormal
from neurona.initializers.orthogonal import Orthogonal
from neurona.initializers.variance_scaling import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    VarianceScaling,
)
from neurona.registry import Registry

INITIALIZERS = Registry("initializer", base=Initializer, callables=True)
for _cls, _names in (
    (Zeros, ("zeros",)),
    (Ones, ("ones",)),
    (Constant, ("constant",)),
    (RandomNormal, ("random_normal",)),
    (RandomUniform, ("random_uniform",)),
    (TruncatedNormal, ("truncated_normal",)),
    (VarianceScaling, ("variance_scaling",)),
    (GlorotNormal, ("glorot_normal", "xavier_normal")),
    (GlorotUniform, ("glorot_uniform", "xavier_uniform")),
    (HeNormal, ("he_normal", "kaiming_normal")),
    (HeUniform, ("he_uniform", "kaiming_uniform")),
    (LecunNormal, ("lecun_normal",)),
    (LecunUniform, ("lecun_uniform",)),
    (Orthogonal, ("orthogonal",)),
):
    INITIALIZERS.register(_cls, aliases=_names)


def get(identifier: str | dict | Initializer | Callable) -> Callable:
    """Resolve a name (``'he_normal'``, any case), a config from :func:`serialize`, or an initializer.

    A callable ``fn(shape, dtype)`` is returned as it is.

    Examples
    --------
    >>> from neurona import initializers
    >>> initializers.get("xavier_uniform")
    GlorotUniform()
    >>> initializers.get({"class_name": "Constant", "config": {"value": 0.1}})
    Constant(value=0.1)
    """
    return INITIALIZERS.get(identifier)


def serialize(initializer: Initializer | Callable) -> dict:
    """The JSON-able config of an initializer, which :func:`get` turns back into it.

    Examples
    --------
    >>> from neurona import initializers
    >>> initializers.serialize(initializers.Zeros())
    {'class_name': 'Zeros', 'config': {}}
    """
    return INITIALIZERS.serialize(initializer)


__all__ = [
    "Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "INITIALIZERS", "Initializer",
    "LecunNormal", "LecunUniform", "Ones", "Orthogonal", "RandomNormal", "RandomUniform", "TruncatedNormal",
    "VarianceScaling", "Zeros", "compute_fans", "get", "serialize",
]
