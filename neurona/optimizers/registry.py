"""``get``: an optimizer from a name, a config or an instance (one registry for the kind)."""
from __future__ import annotations

from collections.abc import Callable

from neurona.optimizers.adagrad import Adagrad
from neurona.optimizers.adam import Adam, AdamW
from neurona.optimizers.base import Optimizer
from neurona.optimizers.rmsprop import RMSprop
from neurona.optimizers.sgd import SGD

_CLASSES: dict[str, type[Optimizer]] = {cls.name: cls for cls in (SGD, Adagrad, RMSprop, Adam, AdamW)}

_NAMES: dict[str, Callable[[], Optimizer]] = {
    **_CLASSES,
    "momentum": lambda: SGD(momentum=0.9),
    "nesterov": lambda: SGD(momentum=0.9, nesterov=True),
}


def get(identifier: str | dict | Optimizer) -> Optimizer:
    """Return an optimizer: a fresh one with the default settings for a name (any case),
    one rebuilt from a ``get_config()`` dict, or the instance itself.

    The names: ``'sgd'``, ``'momentum'`` (SGD with β = 0.9), ``'nesterov'`` (the
    same with NAG), ``'adagrad'``, ``'rmsprop'``, ``'adam'``, ``'adamw'``.

    Examples
    --------
    >>> get("adam")
    Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, epsilon_hat=True, weight_decay=0.0, clipnorm=None, global_clipnorm=None, clipvalue=None)
    >>> get(get("momentum").get_config()).momentum
    0.9
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        name = identifier.get("name")
        if name not in _CLASSES:
            raise ValueError(f"unknown optimizer {name!r} in config; valid names: {', '.join(_CLASSES)}")
        return _CLASSES[name].from_config(identifier)
    if isinstance(identifier, str):
        key = identifier.lower()
        if key not in _NAMES:
            raise ValueError(f"unknown optimizer {identifier!r}; valid names: {', '.join(_NAMES)}")
        return _NAMES[key]()
    raise TypeError(f"get: expected an optimizer name, config dict or Optimizer, got {type(identifier).__name__}")
