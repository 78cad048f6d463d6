"""Which optimizer updates which parameters: ``compile(optimizer=...)`` resolved, and bound at ``fit``.

One optimizer updates every trainable parameter of the model. Several are
given as a dict ``{sub-module name: optimizer}`` (a GAN's ``"generator"`` and
``"discriminator"``) or as a list aligned with the model's direct sub-modules;
each updates the trainable parameters of its sub-module, and no parameter may
have two. The key ``""`` names the whole model (as in ``named_modules()``).
"""
from __future__ import annotations

import warnings

from neurona import optimizers
from neurona.optimizers import Optimizer


def resolve(optimizer, model) -> dict[str, Optimizer]:
    """``{sub-module name: Optimizer}`` from compile's argument (a name, an Optimizer, a dict or a list)."""
    if isinstance(optimizer, (list, tuple)):
        children = [name for name, _ in model.named_children()]
        if len(optimizer) != len(children):
            raise ValueError(
                f"compile: a list of {len(optimizer)} optimizers must align with the model's "
                f"{len(children)} direct sub-modules {children}; or pass a dict {{name: optimizer}}"
            )
        optimizer = dict(zip(children, optimizer))
    if not isinstance(optimizer, dict):
        return {"": optimizers.get(optimizer)}
    modules = dict(model.named_modules())
    unknown = [name for name in optimizer if name not in modules]
    if unknown or not optimizer:
        raise ValueError(f"compile: no sub-module named {unknown} to tie an optimizer to; sub-modules: {sorted(modules)}")
    resolved = {name: optimizers.get(opt) for name, opt in optimizer.items()}
    if len({id(opt) for opt in resolved.values()}) < len(resolved):
        raise ValueError("compile: give each sub-module its own optimizer instance (one optimizer holds one state)")
    return resolved


def bind(model, method: str) -> dict[str, Optimizer]:
    """Give each optimizer the trainable parameters of its sub-module (the one place where binding happens).

    Returns the optimizers that have parameters to update. One whose sub-module
    has none (all frozen) is left out with a warning, as Keras warns.
    """
    modules = dict(model.named_modules())
    full_names = {id(p): n for n, p in model.named_parameters()}
    owner: dict[int, str] = {}
    active = {}
    for name, optimizer in model.optimizers.items():
        params = modules[name].trainable_parameters()
        if not params:
            where = "the model" if not name else f"sub-module '{name}'"
            warnings.warn(f"{method}: {where} has no trainable weights (frozen?); its optimizer does nothing", stacklevel=3)
            continue
        for p in params:
            if id(p) in owner:
                raise ValueError(f"{method}: a parameter of '{name}' is also updated by the optimizer of '{owner[id(p)]}'")
            owner[id(p)] = name
        optimizer.set_parameters([(full_names[id(p)], p) for p in params])
        active[name] = optimizer
    names = [n for n, p in model.named_parameters() if p.requires_grad and id(p) not in owner]
    if names:
        raise ValueError(f"{method}: no optimizer updates the trainable parameters {names}; tie one to their sub-module")
    return active
