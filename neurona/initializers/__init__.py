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
from neurona.initializers.variance_scaling import (
    GlorotNormal,
    GlorotUniform,
    HeNormal,
    HeUniform,
    LecunNormal,
    LecunUniform,
    VarianceScaling,
)

INITIALIZERS: dict[str, type[Initializer]] = {
    "zeros": Zeros,
    "ones": Ones,
    "constant": Constant,
    "random_normal": RandomNormal,
    "random_uniform": RandomUniform,
    "truncated_normal": TruncatedNormal,
    "variance_scaling": VarianceScaling,
    "glorot_normal": GlorotNormal,
    "glorot_uniform": GlorotUniform,
    "xavier_normal": GlorotNormal,
    "xavier_uniform": GlorotUniform,
    "he_normal": HeNormal,
    "he_uniform": HeUniform,
    "kaiming_normal": HeNormal,
    "kaiming_uniform": HeUniform,
    "lecun_normal": LecunNormal,
    "lecun_uniform": LecunUniform,
}

_CLASSES = {cls.__name__: cls for cls in INITIALIZERS.values()}


def get(identifier: str | dict | Initializer | Callable) -> Callable:
    """Resolve a name (``'he_normal'``), a config from :func:`serialize`, or an initializer.

    A callable ``fn(shape, dtype)`` is returned as it is.

    Examples
    --------
    >>> from neurona import initializers
    >>> initializers.get("xavier_uniform")
    GlorotUniform()
    >>> initializers.get({"class_name": "Constant", "config": {"value": 0.1}})
    Constant(value=0.1)
    """
    if isinstance(identifier, str):
        cls = INITIALIZERS.get(identifier) or _CLASSES.get(identifier)
        if cls is None:
            raise ValueError(f"unknown initializer '{identifier}'; valid names: {', '.join(INITIALIZERS)}")
        return cls()
    if isinstance(identifier, dict):
        name = identifier.get("class_name")
        if name not in _CLASSES:
            raise ValueError(
                f"unknown initializer config {identifier!r}; class_name must be one of: {', '.join(_CLASSES)}"
            )
        return _CLASSES[name].from_config(identifier.get("config", {}))
    if callable(identifier):
        return identifier
    raise TypeError(
        f"an initializer is a name, a config dict or a callable(shape, dtype), not {type(identifier).__name__}"
    )


def serialize(initializer: Initializer) -> dict:
    """The JSON-able config of an initializer, which :func:`get` turns back into it.

    Examples
    --------
    >>> from neurona import initializers
    >>> initializers.serialize(initializers.Zeros())
    {'class_name': 'Zeros', 'config': {}}
    """
    if _CLASSES.get(type(initializer).__name__) is not type(initializer):
        raise ValueError(
            f"{initializer!r} is not a registered initializer, so it cannot be saved; "
            f"use one of: {', '.join(_CLASSES)}"
        )
    return {"class_name": type(initializer).__name__, "config": initializer.get_config()}


__all__ = [
    "Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "INITIALIZERS", "Initializer",
    "LecunNormal", "LecunUniform", "Ones", "RandomNormal", "RandomUniform", "TruncatedNormal",
    "VarianceScaling", "Zeros", "compute_fans", "get", "serialize",
]
