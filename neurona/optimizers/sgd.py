"""Stochastic gradient descent, with momentum and Nesterov momentum."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurona.optimizers import _kernels
from neurona.optimizers._checks import flag, fraction
from neurona.optimizers.base import Optimizer
from neurona.optimizers.schedules import Schedule
from neurona.tensor import Tensor


class SGD(Optimizer):
    """Gradient descent: ``θ ← θ − η g`` (batch gradient descent when the batch is the whole set).

    With ``momentum`` β > 0 (Keras's form and the course's; PyTorch's
    ``v ← β v + g;  θ ← θ − η v`` is the same while η is constant)::

        v ← β v − η g
        θ ← θ + v

    With ``nesterov=True`` (NAG as Sutskever et al., Keras and PyTorch write it:
    the gradient is taken at the look-ahead point ``θ + β v``)::

        v ← β v − η ∇f(θ + β v)
        θ ← θ + v

    With ``nesterov="course"`` (the course's NAG, written with a momentum p that
    sums gradients, ``v = −η p``: the look-ahead is ``x − η p``, a whole previous
    step ahead)::

        p ← β p + ∇f(x − η p)
        x ← x − η p

    Either NAG is computed in the usual reformulation where the parameter holds
    the look-ahead point (so the gradient the training loop computes is the one
    NAG needs): ``θ̃ = θ + β v``, updated as ``θ̃ ← θ̃ + β v_new − η g``; for
    the course's form ``x̃ = x − η p = x + v``, updated as
    ``x̃ ← x̃ − v_old + 2 v_new``.

    Parameters
    ----------
    params : iterable of Tensor or of (name, Tensor), optional
        The parameters (or bind them later with ``set_parameters``).
    lr, learning_rate : float or Schedule
        η, default 0.01 (Keras; PyTorch 0.001).
    momentum : float
        β in ``[0, 1)``, default 0 (plain gradient descent).
    nesterov : bool or "course"
        Nesterov's accelerated gradient (needs ``momentum > 0``): True for
        Keras's and PyTorch's form, ``"course"`` for the course's; default False.
    weight_decay, clipnorm, global_clipnorm, clipvalue
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
        nesterov: bool | str = False,
        weight_decay: float = 0.0,
        *,
        learning_rate: float | Schedule | None = None,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        self.momentum = fraction("SGD", "momentum", momentum)
        if isinstance(nesterov, str) and nesterov != "course":
            raise ValueError(f"SGD: nesterov must be True, False or 'course', got {nesterov!r}")
        self.nesterov = nesterov if isinstance(nesterov, str) else flag("SGD", "nesterov", nesterov)
        if self.nesterov and self.momentum == 0:
            raise ValueError(f"SGD: nesterov={self.nesterov!r} needs a momentum > 0")
        super().__init__(
            params, lr, learning_rate=learning_rate, weight_decay=weight_decay, clipnorm=clipnorm, global_clipnorm=global_clipnorm, clipvalue=clipvalue
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
        if self.nesterov == "course":
            theta -= v                                 # x̃ − v_old = x, the point itself
        v *= beta
        v -= g                                         # v ← β v − η g
        if self.nesterov == "course":
            np.multiply(v, 2, out=tmp)
            theta += tmp                               # x̃ ← x + v + v: the step, then the look-ahead
        elif self.nesterov:
            np.multiply(v, beta, out=tmp)
            theta += tmp
            theta -= g                                 # θ̃ ← θ̃ + β v − η g
        else:
            theta += v                                 # θ ← θ + v

    def _kernel_update(self, theta, g, lr, t, l2, v=None) -> None:
        mode = _kernels.SGD_PLAIN if v is None else {False: _kernels.SGD_MOMENTUM, True: _kernels.SGD_NESTEROV,
                                                     "course": _kernels.SGD_COURSE}[self.nesterov]
        coef = _kernels.coefficients(theta.dtype, lr, self.momentum, l2)
        _kernels.sgd(theta, g, theta[:0] if v is None else v, coef, mode)
