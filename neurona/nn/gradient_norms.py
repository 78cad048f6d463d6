"""Vanishing gradients, measured: the norm of ``∂L/∂h_t`` at every time step of a recurrence.

Backpropagation through time multiplies the gradient by one Jacobian per step,
``∂h_t/∂h_{t−1} = diag(f'(a_t))·Uᵀ`` for a simple RNN: a product Π of ``T − t`` factors
that shrinks (or grows) geometrically with the distance from the loss. The fused
recurrent ops keep the per-step states inside one node, so this utility unrolls the
recurrence one step at a time (the same ops, one call per step) and keeps the
gradient of every hidden state.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

import neurona.functional as F
from neurona.tensor import Tensor

Step = Callable[[Tensor, list], list]
"""``step(x_t, states) -> states``: one time step; ``x_t`` is ``(batch, 1, features)``, the first state is h."""


def state_gradient_norms(step: Step, x: Any, loss: Callable[[Tensor], Tensor], states: list | None = None) -> np.ndarray:
    """``‖∂L/∂h_t‖`` for ``t = 1 … T``, each the Euclidean norm per sample averaged over the batch.

    Parameters
    ----------
    step : callable
        ``step(x_t, states) -> new states`` (see :data:`Step`); :func:`recurrent_step`
        makes it for a ``SimpleRNN``, ``LSTM`` or ``GRU`` layer.
    x : array of shape (batch, time, features)
    loss : callable
        The scalar loss from the last hidden state ``h_T`` (e.g. a Dense head and the MSE).
    states : list, optional
        The initial states (None: whatever ``step`` takes for "zeros", here ``[None]``).

    Examples
    --------
    >>> import numpy as np, neurona as nr, neurona.functional as F
    >>> W, U = nr.tensor(np.eye(2), requires_grad=True), nr.tensor(0.5 * np.eye(2), requires_grad=True)
    >>> step = lambda x_t, s: [F.simple_rnn(x_t, s[0], W, U, activation="relu")[0]]
    >>> x = np.ones((1, 4, 2))
    >>> state_gradient_norms(step, x, lambda h: F.sum(h)).round(4).tolist()   # ∂L/∂h_t = 0.5^(T-t)·(1, 1)
    [0.1768, 0.3536, 0.7071, 1.4142]
    """
    data = x.numpy() if isinstance(x, Tensor) else np.asarray(x)
    if data.ndim != 3 or data.shape[1] == 0:
        raise ValueError(f"state_gradient_norms: x must be (batch, time >= 1, features), got shape {data.shape}")
    states = [None] if states is None else list(states)
    hidden = []
    for t in range(data.shape[1]):
        states = list(step(Tensor(data[:, t : t + 1]), states))
        states[0].retain_grad()
        hidden.append(states[0])
    value = loss(states[0])
    if value.size != 1:
        raise ValueError(f"state_gradient_norms: loss must return a scalar, got shape {tuple(value.shape)}")
    value.backward()
    return np.array([0.0 if h.grad is None else float(np.linalg.norm(h.grad, axis=-1).mean()) for h in hidden])


def recurrent_step(layer: Any) -> Step:
    """One time step of a built ``SimpleRNN``, ``LSTM`` or ``GRU`` layer, with its weights (no dropout, no mask).

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> from neurona.layers import LSTM
    >>> layer = LSTM(3)
    >>> x = np.random.default_rng(0).standard_normal((2, 5, 4)).astype("float32")
    >>> out = layer(x)
    >>> states = [None, None]
    >>> for t in range(5):
    ...     states = recurrent_step(layer)(nr.tensor(x[:, t : t + 1]), states)
    >>> np.allclose(states[0].numpy(), out.numpy(), atol=1e-6)
    True
    """
    kinds = {cls.__name__ for cls in type(layer).__mro__} & {"SimpleRNN", "LSTM", "GRU"}
    if not kinds or not getattr(layer, "built", False):
        raise TypeError(f"recurrent_step: expected a built SimpleRNN, LSTM or GRU layer, got {layer!r}")
    weights = (layer.kernel, layer.recurrent_kernel, layer.bias if layer.use_bias else None)
    kind = kinds.pop()
    if kind == "SimpleRNN":
        return lambda x_t, states: [F.simple_rnn(x_t, states[0], *weights, activation=layer.activation)[0]]
    if kind == "GRU":
        return lambda x_t, states: [F.gru(x_t, states[0], *weights, reset_after=layer.reset_after)[0]]
    return lambda x_t, states: list(F.lstm(x_t, states[0], states[-1] if len(states) > 1 else None, *weights)[1:])
