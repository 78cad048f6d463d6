"""Adam (momentum plus RMSprop, with bias correction) and AdamW (decoupled weight decay)."""
from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from neurona.optimizers import _kernels
from neurona.optimizers._checks import flag, fraction, non_negative
from neurona.optimizers.base import Optimizer
from neurona.optimizers.schedules import Schedule
from neurona.tensor import Tensor


class Adam(Optimizer):
    """Adam, at step t (counted per parameter, from 1)::

        m ← β₁ m + (1 − β₁) g
        v ← β₂ v + (1 − β₂) g²
        m̂ = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
        θ ← θ − η m̂ / (√v̂ + ε)                            (epsilon_hat=False: the course and PyTorch)
        θ ← θ − η √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε̂)    (epsilon_hat=True: Keras)

    The two differ only in where ε sits: Keras adds it to √v, before the bias
    correction (Kingma & Ba's "ε̂"), the course and PyTorch to √v̂. The defaults
    are Keras 3's; the course's Adam and PyTorch's default are
    ``Adam(epsilon=1e-8, epsilon_hat=False)``. ``weight_decay`` adds λθ to the
    gradient as PyTorch's Adam does.

    Parameters
    ----------
    params : iterable of Tensor or of (name, Tensor), optional
        The parameters (or bind them later with ``set_parameters``).
    lr, learning_rate : float or Schedule
        η, default 0.001 (Keras and PyTorch).
    beta_1, beta_2 : float
        β₁, β₂ in ``[0, 1)``, defaults 0.9 and 0.999 (Keras and PyTorch).
    epsilon : float
        ε ≥ 0, default 1e-7 (Keras; PyTorch 1e-8).
    epsilon_hat : bool
        Add ε to √v (True, default: Keras) or to √v̂ (False: the course and PyTorch).
    weight_decay, clipnorm, global_clipnorm, clipvalue
        See :class:`~neurona.optimizers.Optimizer`.

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> w = nr.tensor([1.0], requires_grad=True)
    >>> opt = Adam([w], lr=0.1)
    >>> w.grad = np.array([0.5], dtype=np.float32)
    >>> opt.step()                   # m̂ = 0.5, v̂ = 0.25: a step of η (ε aside)
    >>> w.data.round(5)
    array([0.9], dtype=float32)
    """

    name = "adam"
    uses_t = True
    default_learning_rate = 0.001
    _hyperparameters = ("beta_1", "beta_2", "epsilon", "epsilon_hat")

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        weight_decay: float = 0.0,
        *,
        epsilon_hat: bool = True,
        learning_rate: float | Schedule | None = None,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        owner = type(self).__name__
        self.beta_1 = fraction(owner, "beta_1", beta_1)
        self.beta_2 = fraction(owner, "beta_2", beta_2)
        self.epsilon = non_negative(owner, "epsilon", epsilon)
        self.epsilon_hat = flag(owner, "epsilon_hat", epsilon_hat)
        super().__init__(
            params, lr, learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, global_clipnorm=global_clipnorm, clipvalue=clipvalue
        )

    @property
    def slots(self) -> dict[str, float]:
        return {"m": 0.0, "v": 0.0}

    def _update(self, theta, g, tmp, lr, t, m, v) -> None:
        b1, b2 = self.beta_1, self.beta_2
        np.multiply(g, 1 - b1, out=tmp)
        m *= b1
        m += tmp                                       # m ← β₁ m + (1 − β₁) g
        g *= g
        g *= 1 - b2
        v *= b2
        v += g                                         # v ← β₂ v + (1 − β₂) g²
        root = math.sqrt(1 - b2**t)
        np.sqrt(v, out=tmp)
        tmp += self.epsilon if self.epsilon_hat else self.epsilon * root   # √v + ε̂, with ε̂ = ε √(1 − β₂ᵗ) for √v̂ + ε
        np.divide(m, tmp, out=tmp)
        tmp *= lr * root / (1 - b1**t)
        theta -= tmp                                   # θ ← θ − η √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε̂)

    def _kernel_update(self, theta, g, lr, t, l2, m, v, decay=1.0) -> None:
        root = math.sqrt(1 - self.beta_2**t)
        epsilon = self.epsilon if self.epsilon_hat else self.epsilon * root
        _kernels.adam(theta, g, m, v, _kernels.coefficients(
            theta.dtype, self.beta_1, 1 - self.beta_1, self.beta_2, 1 - self.beta_2, lr * root / (1 - self.beta_1**t), epsilon, l2, decay
        ))


class AdamW(Adam):
    """Adam with decoupled weight decay (Loshchilov & Hutter)::

        θ ← θ − η λ θ
        θ ← Adam's update of θ with the gradient g (no λθ added to g)

    As Keras's and PyTorch's ``AdamW``. Parameters as :class:`Adam` (the same
    defaults), with ``weight_decay`` λ defaulting to 0.004 (Keras; PyTorch 0.01).

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> w = nr.tensor([1.0], requires_grad=True)
    >>> opt = AdamW([w], lr=0.1, weight_decay=0.5)
    >>> w.grad = np.array([0.5], dtype=np.float32)
    >>> opt.step()                   # 1 · (1 − 0.1 · 0.5) − 0.1
    >>> w.data.round(5)
    array([0.85], dtype=float32)
    """

    name = "adamw"
    decoupled_weight_decay = True

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        weight_decay: float = 0.004,
        *,
        epsilon_hat: bool = True,
        learning_rate: float | Schedule | None = None,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        super().__init__(
            params, lr, beta_1, beta_2, epsilon, weight_decay, epsilon_hat=epsilon_hat,
            learning_rate=learning_rate, clipnorm=clipnorm, global_clipnorm=global_clipnorm, clipvalue=clipvalue,
        )

    def _update(self, theta, g, tmp, lr, t, m, v) -> None:
        theta *= 1 - lr * self.weight_decay            # θ ← θ − η λ θ
        super()._update(theta, g, tmp, lr, t, m, v)

    def _kernel_update(self, theta, g, lr, t, l2, m, v) -> None:
        super()._kernel_update(theta, g, lr, t, l2, m, v, decay=1 - lr * self.weight_decay)
