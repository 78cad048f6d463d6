"""Regularizers: L1, L2 and both, as penalties added to the loss, and the KL sparsity of a code.

A regularizer is called on a weight tensor and returns a scalar tensor, so the
penalty's gradient flows into the weight. Layers take them as
``kernel_regularizer=`` and ``Module.regularization_losses()`` collects them; as
``activity_regularizer=`` they are called on the layer's output instead.
"""
from __future__ import annotations

from typing import Callable

from neurona.functional import kl_sparsity, l1_penalty, l2_penalty
from neurona.registry import Registry
from neurona.tensor import Tensor


class Regularizer:
    """Base class: ``reg(weight)`` returns a scalar penalty tensor."""

    def __call__(self, weight: Tensor) -> Tensor:
        raise NotImplementedError(f"{type(self).__name__} must define __call__(weight)")

    def get_config(self) -> dict:
        """The constructor arguments, as JSON-able data."""
        return dict(vars(self))

    @classmethod
    def from_config(cls, config: dict) -> "Regularizer":
        """Rebuild a regularizer from :meth:`get_config`."""
        return cls(**config)

    def __repr__(self) -> str:
        options = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({options})"


class L1(Regularizer):
    """``l1 * Σ|w|``: pushes weights to exactly zero (sparse weights).

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.regularizers import L1
    >>> round(L1(0.1)(nr.tensor([1.0, -2.0])).item(), 4)
    0.3
    """

    def __init__(self, l1: float = 0.01) -> None:
        self.l1 = float(l1)

    def __call__(self, weight: Tensor) -> Tensor:
        return l1_penalty(weight, self.l1)


class L2(Regularizer):
    """``l2 * Σw²`` (weight decay; the course's ``λ/(2m) Σw²`` is ``l2 = λ/(2m)``).

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.regularizers import L2
    >>> round(L2(0.1)(nr.tensor([1.0, -2.0])).item(), 4)
    0.5
    """

    def __init__(self, l2: float = 0.01) -> None:
        self.l2 = float(l2)

    def __call__(self, weight: Tensor) -> Tensor:
        return l2_penalty(weight, self.l2)


class L1L2(Regularizer):
    """``l1 * Σ|w| + l2 * Σw²`` (the elastic net).

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.regularizers import L1L2
    >>> round(L1L2(l1=0.1, l2=0.1)(nr.tensor([1.0, -2.0])).item(), 4)
    0.8
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1, self.l2 = float(l1), float(l2)

    def __call__(self, weight: Tensor) -> Tensor:
        return l1_penalty(weight, self.l1) + l2_penalty(weight, self.l2)


class KLSparsity(Regularizer):
    """``beta * Σ_j KL(rho ‖ ρ̂_j)``: pulls each unit's mean activation ``ρ̂_j`` over the batch toward ``rho``.

    The sparse autoencoder's penalty beside L1, for a code in [0, 1] (sigmoid);
    use it as ``activity_regularizer=KLSparsity(0.05, 3.0)`` (see
    :func:`neurona.functional.kl_sparsity`).

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.regularizers import KLSparsity
    >>> round(KLSparsity(rho=0.1)(nr.tensor([[0.1, 0.5], [0.1, 0.5]])).item(), 4)
    0.3681
    """

    def __init__(self, rho: float = 0.05, beta: float = 1.0) -> None:
        if isinstance(rho, bool) or not isinstance(rho, (int, float)) or not 0.0 < rho < 1.0:
            raise ValueError(f"KLSparsity: the target activation rho must be a number in (0, 1), got {rho!r}")
        if isinstance(beta, bool) or not isinstance(beta, (int, float)) or not 0.0 <= beta < float("inf"):
            raise ValueError(f"KLSparsity: beta must be a finite number >= 0, got {beta!r}")
        self.rho, self.beta = float(rho), float(beta)

    def __call__(self, activations: Tensor) -> Tensor:
        return kl_sparsity(activations, self.rho, self.beta)


REGULARIZERS = Registry("regularizer", base=Regularizer, callables=True)
REGULARIZERS.register(L1, aliases=("l1",))
REGULARIZERS.register(L2, aliases=("l2",))
REGULARIZERS.register(L1L2)
REGULARIZERS.register(KLSparsity, aliases=("kl_sparsity",))
REGULARIZERS.alias("l1_l2", lambda: L1L2(l1=0.01, l2=0.01))


def get(identifier: str | dict | Regularizer | Callable | None) -> Callable | None:
    """Resolve a name (any case), a config from :func:`serialize`, a regularizer, or None (no penalty).

    The names use Keras's default strength 0.01: ``'l1'`` is ``L1(0.01)``, ``'l2'``
    is ``L2(0.01)`` and ``'l1_l2'`` is ``L1L2(l1=0.01, l2=0.01)``.

    Examples
    --------
    >>> from neurona import regularizers
    >>> regularizers.get("l2")
    L2(l2=0.01)
    """
    return None if identifier is None else REGULARIZERS.get(identifier)


def serialize(regularizer: Regularizer | None) -> dict | None:
    """The JSON-able config of a regularizer (None stays None), which :func:`get` reverses.

    Examples
    --------
    >>> from neurona import regularizers
    >>> regularizers.serialize(regularizers.L1(0.5))
    {'class_name': 'L1', 'config': {'l1': 0.5}}
    """
    return None if regularizer is None else REGULARIZERS.serialize(regularizer)
