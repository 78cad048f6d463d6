"""The registry of activation names: ``'relu'`` → :func:`neurona.functional.relu`, and so on.

Layers take an activation as a name or a function; :func:`get` resolves it and
:func:`serialize` turns it back into its name for ``get_config``.
"""
from __future__ import annotations

from typing import Callable

import neurona.functional as F

ACTIVATIONS: dict[str, Callable] = {
    "linear": F.identity,
    "sigmoid": F.sigmoid,
    "tanh": F.tanh,
    "relu": F.relu,
    "leaky_relu": F.leaky_relu,
    "elu": F.elu,
    "selu": F.selu,
    "softplus": F.softplus,
    "softmax": F.softmax,
    "log_softmax": F.log_softmax,
}

_NAMES = {fn: name for name, fn in ACTIVATIONS.items()}


def get(identifier: str | Callable | None) -> Callable:
    """Return the activation function for a name, a function, or None (the identity).

    Examples
    --------
    >>> from neurona import activations
    >>> activations.get("relu").__name__
    'relu'
    >>> activations.get(None).__name__
    'identity'
    """
    if identifier is None:
        return F.identity
    if isinstance(identifier, str):
        try:
            return ACTIVATIONS[identifier]
        except KeyError:
            raise ValueError(
                f"unknown activation '{identifier}'; valid names: {', '.join(ACTIVATIONS)}"
            ) from None
    if callable(identifier):
        return identifier
    raise TypeError(f"an activation is a name or a function, not {type(identifier).__name__}")


def serialize(fn: Callable) -> str:
    """Return the registry name of an activation function.

    Examples
    --------
    >>> import neurona.functional as F
    >>> from neurona import activations
    >>> activations.serialize(F.tanh)
    'tanh'
    """
    try:
        return _NAMES[fn]
    except (KeyError, TypeError):
        raise ValueError(
            f"activation {fn!r} is not in the registry, so it cannot be saved by name; "
            f"use one of: {', '.join(ACTIVATIONS)}"
        ) from None
