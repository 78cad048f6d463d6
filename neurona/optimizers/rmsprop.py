"""RMSprop: divide the gradient by a running root mean square of recent gradients."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurona.optimizers import _kernels
from neurona.optimizers._checks import flag, fraction, non_negative
from neurona.optimizers._root_step import step_by_root
from neurona.optimizers.base import Optimizer
from neurona.optimizers.schedules import Schedule
from neurona.tensor import Tensor


class RMSprop(Optimizer):
    """RMSprop, with s starting at 0::

        s ← ρ s + (1 − ρ) g²
        θ ← θ − η g / √(s + ε)        (epsilon_inside_sqrt=True, Keras)
        θ ← θ − η g / (√s + ε)        (epsilon_inside_sqrt=False, the course and PyTorch)

    The defaults are Keras 3's. The course's RMSProp is
    ``RMSprop(epsilon_inside_sqrt=False)``; PyTorch's default is that with
    ``lr=0.01, rho=0.99, epsilon=1e-8`` (PyTorch calls ρ ``alpha``).

    Parameters
    ----------
    params : iterable of Tensor or of (name, Tensor), optional
        The parameters (or bind them later with ``set_parameters``).
    lr, learning_rate : float or Schedule
        η, default 0.001 (Keras; PyTorch 0.01).
    rho : float
        ρ in ``[0, 1)``, the decay of the running average, default 0.9 (Keras; PyTorch 0.99).
    epsilon : float
        ε ≥ 0, default 1e-7 (Keras; PyTorch 1e-8).
    epsilon_inside_sqrt : bool
        Where ε goes: inside the root, ``√(s + ε)``, default True (Keras); or
        added to it, ``√s + ε`` (False: the course and PyTorch).
    weight_decay, clipnorm, global_clipnorm, clipvalue
        See :class:`~neurona.optimizers.Optimizer`.

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> w = nr.tensor([1.0], requires_grad=True)
    >>> opt = RMSprop([w], lr=0.1, rho=0.75, epsilon=0.0)
    >>> w.grad = np.array([2.0], dtype=np.float32)
    >>> opt.step()                   # s = 0.25 · 4 = 1, θ = 1 − 0.1 · 2 / 1
    >>> w.data
    array([0.8], dtype=float32)
    """

    name = "rmsprop"
    default_learning_rate = 0.001
    _hyperparameters = ("rho", "epsilon", "epsilon_inside_sqrt")

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        rho: float = 0.9,
        epsilon: float = 1e-7,
        weight_decay: float = 0.0,
        *,
        epsilon_inside_sqrt: bool = True,
        learning_rate: float | Schedule | None = None,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        self.rho = fraction("RMSprop", "rho", rho)
        self.epsilon = non_negative("RMSprop", "epsilon", epsilon)
        self.epsilon_inside_sqrt = flag("RMSprop", "epsilon_inside_sqrt", epsilon_inside_sqrt)
        super().__init__(
            params, lr, learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, global_clipnorm=global_clipnorm, clipvalue=clipvalue
        )

    @property
    def slots(self) -> dict[str, float]:
        return {"s": 0.0}

    def _update(self, theta, g, tmp, lr, t, s) -> None:
        rho = self.rho
        np.multiply(g, g, out=tmp)
        tmp *= 1 - rho
        s *= rho
        s += tmp                                       # s ← ρ s + (1 − ρ) g²
        step_by_root(theta, g, tmp, s, lr, self.epsilon, self.epsilon_inside_sqrt)

    def _kernel_update(self, theta, g, lr, t, l2, s) -> None:
        coef = _kernels.coefficients(theta.dtype, lr, self.rho, 1 - self.rho, self.epsilon, l2)
        _kernels.root_step(theta, g, s, coef, self.epsilon_inside_sqrt)
