"""One epoch of a sentiment-shaped recurrent model: neurona ``fit`` against PyTorch CPU and hand-written NumPy.

Workload (float32, ``--threads`` each, default 2): 5,000 sequences of 50 token ids (vocabulary 5,000),
Embedding 32 → LSTM 64 (last state) → Dense 1, binary cross-entropy from logits, Adam,
batch 32, one epoch. GRU and SimpleRNN on the same workload against torch. Times are the
median of ``--repeats`` interleaved runs, after a warm-up batch (numba kernels compiled or loaded
from its cache). ``neurona`` runs with :mod:`neurona.accelerate` as the environment says (on where
numba is installed); ``neurona-np`` is the same epoch on the NumPy reference path
(``NEURONA_ACCELERATE=0``).

Run: ``python benchmarks/bench_lstm.py [--repeats 3] [--samples 5000] [--threads 2]``.
"""
from __future__ import annotations

from machine import describe, parser, use_threads


def options():
    """``--threads`` (set in the environment before NumPy loads its BLAS), ``--repeats``, ``--samples``, ``--kinds``."""
    found = parser(__doc__.splitlines()[0])
    found.add_argument("--repeats", type=int, default=3, help="interleaved runs of each candidate (median kept)")
    found.add_argument("--samples", type=int, default=5000, help="sequences in the epoch")
    found.add_argument("--kinds", default="LSTM,GRU,SimpleRNN", help="comma-separated recurrent layers to time")
    args = found.parse_args()
    use_threads(args.threads)
    return args


OPTIONS = options() if __name__ == "__main__" else None

import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from reference_numpy import Adam  # noqa: E402
from timing import report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
from neurona import accelerate  # noqa: E402
from neurona.layers import GRU, LSTM, Dense, Embedding, SimpleRNN  # noqa: E402
from neurona.models import Sequential  # noqa: E402
from neurona.optimizers import Adam as NeuronaAdam  # noqa: E402

VOCAB, TIME, EMBED, UNITS, BATCH = 5000, 50, 32, 64, 32


def data(samples: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    ids = rng.integers(1, VOCAB, size=(samples, TIME))
    return ids, (ids[:, -5:] < VOCAB // 2).any(axis=1, keepdims=True).astype(np.float32)


def neurona_epoch(kind: str, ids: np.ndarray, y: np.ndarray, compiled: bool | None = None) -> None:
    """One epoch of ``fit``; ``compiled=False`` runs the NumPy reference path (None: as configured)."""
    accelerate.set_enabled(compiled)
    nr.random.seed(0)
    recurrent = {"LSTM": LSTM, "GRU": GRU, "SimpleRNN": SimpleRNN}[kind]
    model = Sequential([Embedding(VOCAB, EMBED), recurrent(UNITS), Dense(1, activation="sigmoid")])
    model.compile(optimizer=NeuronaAdam(learning_rate=1e-3), loss="binary_crossentropy")
    model.fit(ids, y, batch_size=BATCH, epochs=1, verbose=0)
    accelerate.set_enabled(None)


def torch_epoch(torch, kind: str, ids: np.ndarray, y: np.ndarray) -> None:
    torch.manual_seed(0)
    nn = torch.nn
    embed, rnn, head = nn.Embedding(VOCAB, EMBED), getattr(nn, kind.replace("Simple", ""))(EMBED, UNITS, batch_first=True), nn.Linear(UNITS, 1)
    params = [*embed.parameters(), *rnn.parameters(), *head.parameters()]
    opt, loss_fn = torch.optim.Adam(params, lr=1e-3), nn.BCEWithLogitsLoss()
    tids, ty = torch.from_numpy(ids), torch.from_numpy(y)
    order = torch.randperm(len(ids))
    for start in range(0, len(ids), BATCH):
        index = order[start : start + BATCH]
        _, finals = rnn(embed(tids[index]))
        h = finals[0] if kind == "LSTM" else finals
        loss = loss_fn(head(h[0]), ty[index])
        opt.zero_grad()
        loss.backward()
        opt.step()


def _sigmoid(z):
    return 0.5 * np.tanh(0.5 * z) + 0.5


def numpy_lstm_forward(xs, kernel, recurrent_kernel, bias):
    """The textbook forward loop; returns the last hidden state and each step's cache."""
    batch, u = xs.shape[0], recurrent_kernel.shape[0]
    h, c, cache = np.zeros((batch, u), np.float32), np.zeros((batch, u), np.float32), []
    for t in range(xs.shape[1]):
        z = xs[:, t] @ kernel + h @ recurrent_kernel + bias
        i, f, g, o = _sigmoid(z[:, :u]), _sigmoid(z[:, u : 2 * u]), np.tanh(z[:, 2 * u : 3 * u]), _sigmoid(z[:, 3 * u :])
        cache.append((h, c, i, f, g, o))
        c = f * c + i * g
        h = o * np.tanh(c)
    return h, cache


def numpy_epoch(ids: np.ndarray, y: np.ndarray) -> None:
    """Hand-written NumPy: the LSTM loop, backward step by step with per-step weight gradients, Adam."""
    rng = np.random.default_rng(0)
    w = {"emb": rng.uniform(-0.05, 0.05, (VOCAB, EMBED)), "k": rng.standard_normal((EMBED, 4 * UNITS)) * 0.1,
         "rk": rng.standard_normal((UNITS, 4 * UNITS)) * 0.1, "b": np.zeros(4 * UNITS), "hw": rng.standard_normal((UNITS, 1)) * 0.1,
         "hb": np.zeros(1)}
    w = {k: v.astype(np.float32) for k, v in w.items()}
    opt = Adam(list(w.values()))
    order = rng.permutation(len(ids))
    for start in range(0, len(ids), BATCH):
        index = order[start : start + BATCH]
        xs = w["emb"][ids[index]]
        h, cache = numpy_lstm_forward(xs, w["k"], w["rk"], w["b"])
        logit = h @ w["hw"] + w["hb"]
        dlogit = (_sigmoid(logit) - y[index]) / len(index)
        g = {k: np.zeros_like(v) for k, v in w.items()}
        g["hw"], g["hb"] = h.T @ dlogit, dlogit.sum(0)
        dh, dc, dxs = dlogit @ w["hw"].T, np.zeros_like(h), np.empty_like(xs)
        for t in reversed(range(TIME)):
            h_prev, c_prev, i, f, gg, o = cache[t]
            tc = np.tanh(f * c_prev + i * gg)
            dc = dc + dh * o * (1 - tc * tc)
            dz = np.concatenate([dc * gg * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - gg * gg), dh * tc * o * (1 - o)], 1)
            g["k"] += xs[:, t].T @ dz
            g["rk"] += h_prev.T @ dz
            g["b"] += dz.sum(0)
            dxs[:, t] = dz @ w["k"].T
            dh, dc = dz @ w["rk"].T, dc * f
        np.add.at(g["emb"], ids[index].reshape(-1), dxs.reshape(-1, EMBED))
        opt.step(list(g.values()))


def median_times(fns: dict, repeats: int) -> dict[str, float]:
    """Median seconds per epoch, the candidates interleaved in each round."""
    times: dict[str, list] = {name: [] for name in fns}
    for _ in range(repeats):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(ts) for name, ts in times.items()}


def main() -> None:
    args = OPTIONS
    ids, y = data(args.samples)
    print(describe(args.threads))
    if accelerate.enabled():
        print("neurona-np: the same model on the NumPy reference path (NEURONA_ACCELERATE=0)")
    torch = torch_or_none()
    for kind in args.kinds.split(","):
        fns = {"neurona": lambda kind=kind: neurona_epoch(kind, ids, y)}
        if accelerate.enabled():
            fns["neurona-np"] = lambda kind=kind: neurona_epoch(kind, ids, y, compiled=False)
        neurona_epoch(kind, ids[: 2 * BATCH], y[: 2 * BATCH])  # warm-up: kernels compiled or loaded
        if kind == "LSTM":
            fns["numpy"] = lambda: numpy_epoch(ids, y)
        if torch is not None:
            fns["torch"] = lambda kind=kind: torch_epoch(torch, kind, ids, y)
        report(f"{kind}: one epoch, {args.samples} x {TIME} ids → Embedding {EMBED} → {kind} {UNITS} → Dense 1, "
               f"Adam, batch {BATCH} (median of {args.repeats})", median_times(fns, args.repeats), unit="ms")


if __name__ == "__main__":
    main()
