"""Stochastic gradient descent, with momentum and Nesterov momentum."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurona.optimizers._checks import fraction
from neurona.optimizers.base import Optimizer
from neurona.optimizers.schedules import Schedule
from neurona.tensor import Tensor


class SGD(Optimizer):
    """Gradient descent: ``θ ← θ − η g`` (batch gradient descent when the batch is the whole set).

    With ``momentum`` β > 0 (the course's form, equal to PyTorch's ``v ← β v + g;
    θ ← θ − η v`` while η is constant)::

        v ← β v − η g
        θ ← θ + v

    With ``nesterov=True`` (NAG: the gradient is taken at the look-ahead point
    ``θ + β v``)::

        v ← β v − η ∇f(θ + β v)
        θ ← θ + v

    computed in the usual reformulation where the parameter holds the look-ahead
    point ``θ̃ = θ + β v`` (so the gradient the training loop computes is the one
    NAG needs): ``v ← β v − η g;  θ̃ ← θ̃ + β v − η g``, as PyTorch and Keras do.

    Parameters
    ----------
    params : iterable of Tensor, optional
        The parameters (or bind them later with ``set_parameters``).
    lr, learning_rate : float or Schedule
        η, default 0.01.
    momentum : float
        β in ``[0, 1)``, default 0 (plain gradient descent).
    nesterov : bool
        Use Nesterov's accelerated gradient (needs ``momentum > 0``).
    weight_decay, clipnorm, clipvalue
        See :class:`~neurona.optimizers.Optimizer`.

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> w = nr.tensor([1.0], requires_grad=True)
    >>> opt = SGD([w], lr=0.1, momentum=0.9)
    >>> for _ in range(2):
    ...     w.grad = np.array([1.0], dtype=np.float32)
    ...     opt.step()
    >>> w.data                       # 1 − 0.1 − (0.9·0.1 + 0.1)
    array([0.71], dtype=float32)
    """

    name = "sgd"
    default_learning_rate = 0.01
    _hyperparameters = ("momentum", "nesterov")

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        momentum: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
        *,
        learning_rate: float | Schedule | None = None,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        self.momentum = fraction("SGD", "momentum", momentum)
        self.nesterov = bool(nesterov)
        if self.nesterov and self.momentum == 0:
            raise ValueError("SGD: nesterov=True needs a momentum > 0")
        super().__init__(
            params, lr, learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, clipvalue=clipvalue
        )

    @property
    def slots(self) -> dict[str, float]:
        return {"v": 0.0} if self.momentum else {}

    def _update(self, theta, g, tmp, lr, t, v=None) -> None:
        beta = self.momentum
        g *= lr                                        # η g
        if v is None:
            theta -= g                                 # θ ← θ − η g
            return
        v *= beta
        v -= g                                         # v ← β v − η g
        if self.nesterov:
            np.multiply(v, beta, out=tmp)
            theta += tmp
            theta -= g                                 # θ̃ ← θ̃ + β v − η g
        else:
            theta += v                                 # θ ← θ + v
