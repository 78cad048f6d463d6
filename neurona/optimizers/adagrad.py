"""Adagrad: a learning rate per parameter, shrinking with the sum of its squared gradients."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurona.optimizers import _kernels
from neurona.optimizers._checks import flag, non_negative
from neurona.optimizers._root_step import step_by_root
from neurona.optimizers.base import Optimizer
from neurona.optimizers.schedules import Schedule
from neurona.tensor import Tensor


class Adagrad(Optimizer):
    """Adagrad::

        s ← s + g²
        θ ← θ − η g / √(s + ε)        (epsilon_inside_sqrt=True, Keras)
        θ ← θ − η g / (√s + ε)        (epsilon_inside_sqrt=False, the course and PyTorch)

    The defaults are Keras 3's. The course's Adagrad is
    ``Adagrad(epsilon_inside_sqrt=False, initial_accumulator_value=0.0)``;
    PyTorch's default is that with ``lr=0.01, epsilon=1e-10``.

    Parameters
    ----------
    params : iterable of Tensor or of (name, Tensor), optional
        The parameters (or bind them later with ``set_parameters``).
    lr, learning_rate : float or Schedule
        η, default 0.001 (Keras; PyTorch 0.01).
    epsilon : float
        ε ≥ 0, default 1e-7 (Keras; PyTorch 1e-10).
    initial_accumulator_value : float
        The starting value s₀ of s, ≥ 0, default 0.1 (Keras; PyTorch and the course 0).
    epsilon_inside_sqrt : bool
        Where ε goes: inside the root, ``√(s + ε)``, default True (Keras); or
        added to it, ``√s + ε`` (False: the course and PyTorch).
    weight_decay, clipnorm, global_clipnorm, clipvalue
        See :class:`~neurona.optimizers.Optimizer`.

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> w = nr.tensor([1.0], requires_grad=True)
    >>> opt = Adagrad([w], lr=0.1, epsilon=0.0, initial_accumulator_value=0.0)
    >>> w.grad = np.array([2.0], dtype=np.float32)
    >>> opt.step()                   # s = 4, θ = 1 − 0.1 · 2 / 2
    >>> w.data
    array([0.9], dtype=float32)
    """

    name = "adagrad"
    default_learning_rate = 0.001
    _hyperparameters = ("epsilon", "initial_accumulator_value", "epsilon_inside_sqrt")

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        epsilon: float = 1e-7,
        initial_accumulator_value: float = 0.1,
        weight_decay: float = 0.0,
        *,
        epsilon_inside_sqrt: bool = True,
        learning_rate: float | Schedule | None = None,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        self.epsilon = non_negative("Adagrad", "epsilon", epsilon)
        self.initial_accumulator_value = non_negative("Adagrad", "initial_accumulator_value", initial_accumulator_value)
        self.epsilon_inside_sqrt = flag("Adagrad", "epsilon_inside_sqrt", epsilon_inside_sqrt)
        super().__init__(
            params, lr, learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, global_clipnorm=global_clipnorm, clipvalue=clipvalue
        )

    @property
    def slots(self) -> dict[str, float]:
        return {"s": self.initial_accumulator_value}

    def _update(self, theta, g, tmp, lr, t, s) -> None:
        np.multiply(g, g, out=tmp)
        s += tmp                                       # s ← s + g²
        step_by_root(theta, g, tmp, s, lr, self.epsilon, self.epsilon_inside_sqrt)

    def _kernel_update(self, theta, g, lr, t, l2, s) -> None:
        coef = _kernels.coefficients(theta.dtype, lr, 1.0, 1.0, self.epsilon, l2)
        _kernels.root_step(theta, g, s, coef, self.epsilon_inside_sqrt)
