"""``get`` and ``serialize``: optimizers by name, by config or as instances (one registry for the kind)."""
from __future__ import annotations

from neurona.optimizers.adagrad import Adagrad
from neurona.optimizers.adam import Adam, AdamW
from neurona.optimizers.base import Optimizer
from neurona.optimizers.rmsprop import RMSprop
from neurona.optimizers.sgd import SGD
from neurona.registry import Registry

OPTIMIZERS = Registry("optimizer", base=Optimizer)
for _cls in (SGD, Adagrad, RMSprop, Adam, AdamW):
    OPTIMIZERS.register(_cls, aliases=(_cls.name,))
OPTIMIZERS.alias("momentum", lambda: SGD(momentum=0.9))
OPTIMIZERS.alias("nesterov", lambda: SGD(momentum=0.9, nesterov=True))


def get(identifier: str | dict | Optimizer) -> Optimizer:
    """Return an optimizer: a fresh one with the default settings for a name (any case),
    one rebuilt from :func:`serialize`'s dict, or the instance itself.

    The names: ``'sgd'``, ``'momentum'`` (SGD with β = 0.9), ``'nesterov'`` (the
    same with NAG), ``'adagrad'``, ``'rmsprop'``, ``'adam'``, ``'adamw'``. A flat
    ``get_config()`` dict (with its ``"name"``) is read too.

    Examples
    --------
    >>> get("adam")
    Adam(learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07, epsilon_hat=True, weight_decay=0.0, clipnorm=None, global_clipnorm=None, clipvalue=None)
    >>> get(serialize(get("momentum"))).momentum
    0.9
    """
    if isinstance(identifier, dict) and "class_name" not in identifier and "name" in identifier:
        identifier = {"class_name": identifier["name"], "config": identifier}
    return OPTIMIZERS.get(identifier)


def serialize(optimizer: Optimizer) -> dict:
    """``{"class_name": ..., "config": optimizer.get_config()}``, JSON-able; :func:`get` reverses it.

    Examples
    --------
    >>> serialize(get("sgd"))["class_name"]
    'SGD'
    """
    return OPTIMIZERS.serialize(optimizer)
