"""Forward + backward of ``lstm`` on (32, 50, 32) → 64 units, against ``torch.nn.LSTM`` (``--threads`` each, default 2)
and a hand-written NumPy LSTM that loops over the steps with per-step weight gradients.
``neurona`` uses the compiled steps of :mod:`neurona.accelerate` where numba is installed;
``neurona-np`` is the NumPy reference path of the same op.

Run: ``python benchmarks/bench_recurrent_op.py [--threads 2]``.
"""
from __future__ import annotations

from machine import describe, parser, use_threads

OPTIONS = parser(__doc__.splitlines()[0]).parse_args() if __name__ == "__main__" else None
if OPTIONS is not None:
    use_threads(OPTIONS.threads)

import numpy as np  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
import neurona.functional as F  # noqa: E402
from neurona import accelerate  # noqa: E402

BATCH, TIME, FEATURES, UNITS = 32, 50, 32, 64


def _sigmoid(z):
    return 0.5 * np.tanh(0.5 * z) + 0.5


def numpy_lstm_step(x, kernel, recurrent_kernel, bias):
    """The textbook loop: per step the gates, then per step in reverse every gradient (loss = Σ h_T)."""
    batch, time, _ = x.shape
    u = recurrent_kernel.shape[0]
    h, c = np.zeros((batch, u), x.dtype), np.zeros((batch, u), x.dtype)
    cache = []
    for t in range(time):
        z = x[:, t] @ kernel + h @ recurrent_kernel + bias
        i, f, g, o = _sigmoid(z[:, :u]), _sigmoid(z[:, u : 2 * u]), np.tanh(z[:, 2 * u : 3 * u]), _sigmoid(z[:, 3 * u :])
        cache.append((h, c, i, f, g, o))
        c = f * c + i * g
        h = o * np.tanh(c)
    dk, drk, db = np.zeros_like(kernel), np.zeros_like(recurrent_kernel), np.zeros_like(bias)
    dh, dc = np.ones_like(h), np.zeros_like(c)
    for t in reversed(range(time)):
        h_prev, c_prev, i, f, g, o = cache[t]
        tc = np.tanh(f * c_prev + i * g)
        dc = dc + dh * o * (1 - tc * tc)
        dz = np.concatenate([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g), dh * tc * o * (1 - o)], 1)
        dk += x[:, t].T @ dz
        drk += h_prev.T @ dz
        db += dz.sum(0)
        dh, dc = dz @ recurrent_kernel.T, dc * f
    return dk, drk, db


def main() -> None:
    rng = np.random.default_rng(0)
    x = rng.standard_normal((BATCH, TIME, FEATURES)).astype(np.float32)
    weights = [rng.standard_normal(s).astype(np.float32) * 0.1 for s in [(FEATURES, 4 * UNITS), (UNITS, 4 * UNITS), (4 * UNITS,)]]
    params = [nr.tensor(w, requires_grad=True) for w in weights]

    def neurona_lstm():
        F.sum(F.lstm(x, None, None, *params)[1]).backward()

    def reference_lstm():
        accelerate.set_enabled(False)
        neurona_lstm()
        accelerate.set_enabled(None)

    fns = {"neurona": neurona_lstm, "numpy": lambda: numpy_lstm_step(x, *weights)}
    if accelerate.enabled():
        fns["neurona-np"] = reference_lstm
    torch = torch_or_none()
    if torch is not None:
        module = torch.nn.LSTM(FEATURES, UNITS, batch_first=True)
        tx = torch.tensor(x)

        def torch_lstm():
            module.zero_grad()
            module(tx)[1][0].sum().backward()

        fns["torch"] = torch_lstm
    print(describe(OPTIONS.threads))
    report(f"LSTM forward + backward, x {(BATCH, TIME, FEATURES)} → {UNITS} units, float32", best_times(fns, 20))


if __name__ == "__main__":
    main()
