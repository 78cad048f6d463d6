"""The registry of activation names: ``'relu'`` → :func:`neurona.functional.relu`, and so on.

Layers take an activation as a name or a function; :func:`get` resolves it and
:func:`serialize` turns it back into its name for ``get_config``. Names are
case-insensitive; ``'linear'`` and ``'identity'`` are the same function, and
``'step'`` is the course's threshold unit.
"""
from __future__ import annotations

from typing import Callable

import neurona.functional as F
from neurona.registry import Registry

ACTIVATIONS = Registry("activation", functions=True)
ACTIVATIONS.register(F.identity, name="linear")
for _fn in (F.sigmoid, F.tanh, F.relu, F.leaky_relu, F.elu, F.selu, F.softplus, F.softmax, F.log_softmax, F.step):
    ACTIVATIONS.register(_fn)
ACTIVATIONS.register(F.identity, name="identity")


def get(identifier: str | dict | Callable | None) -> Callable:
    """Return the activation function for a name, a function, or None (the identity).

    Examples
    --------
    >>> from neurona import activations
    >>> activations.get("ReLU").__name__
    'relu'
    >>> activations.get(None).__name__
    'identity'
    """
    return F.identity if identifier is None else ACTIVATIONS.get(identifier)


def serialize(fn: Callable) -> str:
    """Return the registry name of an activation function.

    Examples
    --------
    >>> import neurona.functional as F
    >>> from neurona import activations
    >>> activations.serialize(F.tanh)
    'tanh'
    """
    return ACTIVATIONS.name_of(fn)
