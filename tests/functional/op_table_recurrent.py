"""Op-table rows of the recurrent ops, and their torch twins (Keras gate orders mapped to torch's).

Each row's function returns the output sequence and every final state, flattened per sample and
joined, so one gradcheck covers all outputs. ``op_table.py`` appends ``ROWS``.
"""
from __future__ import annotations

import numpy as np

import neurona.functional as F

from .op_table import Row

B, T, FEATURES, UNITS = 2, 4, 3, 3


def _joined(outputs, flatten, join):
    return join([flatten(o) for o in outputs])


def _ours(outputs):
    return _joined(outputs, lambda o: F.reshape(o, (B, -1)), lambda parts: F.concatenate(parts, axis=1))


def _theirs(outputs):
    import torch

    return _joined(outputs, lambda o: o.reshape(B, -1), lambda parts: torch.cat(parts, 1))


def recurrent_inputs(gates: int, bias_shape: tuple, n_states: int = 1):
    def make(rng):
        states = [rng.standard_normal((B, UNITS)) for _ in range(n_states)]
        return [
            rng.standard_normal((B, T, FEATURES)), *states,
            rng.standard_normal((FEATURES, gates * UNITS)) * 0.5,
            rng.standard_normal((UNITS, gates * UNITS)) * 0.5,
            rng.standard_normal(bias_shape) * 0.5,
        ]

    return make


def keras_gru_to_torch(kernel, recurrent_kernel, bias):
    """Keras GRU (z, r, h; bias rows input/recurrent) as torch's GRU parameters (r, z, n)."""
    import torch

    def reorder(w):
        u = w.shape[-1] // 3
        return torch.cat([w[..., u : 2 * u], w[..., :u], w[..., 2 * u :]], -1)

    return {"weight_ih_l0": reorder(kernel).T, "weight_hh_l0": reorder(recurrent_kernel).T,
            "bias_ih_l0": reorder(bias[0]), "bias_hh_l0": reorder(bias[1])}


def torch_recurrent(kind: str, x, states, kernel, recurrent_kernel, bias, go_backwards=False, **options):
    """Run torch's ``kind`` ('RNN', 'LSTM', 'GRU') with Keras-layout weights; returns (sequence, *finals)."""
    import torch

    units = recurrent_kernel.shape[0]
    module = getattr(torch.nn, kind)(x.shape[-1], units, batch_first=True, dtype=x.dtype, **options)
    if kind == "GRU":
        params = keras_gru_to_torch(kernel, recurrent_kernel, bias)
    else:  # LSTM gates i, f, c, o are torch's i, f, g, o
        params = {"weight_ih_l0": kernel.T, "weight_hh_l0": recurrent_kernel.T,
                  "bias_ih_l0": bias, "bias_hh_l0": torch.zeros_like(bias)}
    hidden = tuple(s[None] for s in states)
    if go_backwards:
        x = x.flip(1)
    out, finals = torch.func.functional_call(module, params, (x, hidden if kind == "LSTM" else hidden[0]))
    finals = finals if kind == "LSTM" else (finals,)
    return (out, *(s[0] for s in finals))


def _last_state_form(outputs):
    """Without ``return_sequences`` the output is the final hidden state itself."""
    return (outputs[1], *outputs[1:])


ROWS = [
    Row("simple_rnn", lambda x, h, k, r, b: _ours(F.simple_rnn(x, h, k, r, b, return_sequences=True)),
        recurrent_inputs(1, (UNITS,)), lambda *a: _theirs(torch_recurrent("RNN", a[0], a[1:2], *a[2:])), "tanh"),
    Row("simple_rnn", lambda x, h, k, r, b: _ours(F.simple_rnn(x, h, k, r, b, "relu", go_backwards=True, return_sequences=True)),
        recurrent_inputs(1, (UNITS,)),
        lambda *a: _theirs(torch_recurrent("RNN", a[0], a[1:2], *a[2:], go_backwards=True, nonlinearity="relu")),
        "relu-backwards"),
    Row("lstm", lambda x, h, c, k, r, b: _ours(F.lstm(x, h, c, k, r, b, return_sequences=True)),
        recurrent_inputs(4, (4 * UNITS,), 2), lambda *a: _theirs(torch_recurrent("LSTM", a[0], a[1:3], *a[3:]))),
    Row("lstm", lambda x, h, c, k, r, b: _ours(F.lstm(x, h, c, k, r, b, go_backwards=True)),
        recurrent_inputs(4, (4 * UNITS,), 2),
        lambda *a: _theirs(_last_state_form(torch_recurrent("LSTM", a[0], a[1:3], *a[3:], go_backwards=True))), "last-backwards"),
    Row("gru", lambda x, h, k, r, b: _ours(F.gru(x, h, k, r, b, return_sequences=True)),
        recurrent_inputs(3, (2, 3 * UNITS)), lambda *a: _theirs(torch_recurrent("GRU", a[0], a[1:2], *a[2:])), "reset-after"),
    Row("gru", lambda x, h, k, r, b: _ours(F.gru(x, h, k, r, b, reset_after=False, return_sequences=True)),
        recurrent_inputs(3, (3 * UNITS,)), None, "reset-before"),
]
