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

import os
import sys


def _threads(argv: list[str]) -> str:
    """The ``--threads`` value (default 2), read before NumPy loads so that BLAS starts with it."""
    for k, arg in enumerate(argv):
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
        if arg == "--threads" and k + 1 < len(argv):
            return argv[k + 1]
    return "2"


for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = _threads(sys.argv[1:])

import argparse  # noqa: E402
import platform  # noqa: E402
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


def blas_line(threads: int) -> str:
    """NumPy's BLAS, its kernel architecture where threadpoolctl can tell it, and the threads.

    The kernels matter to the ratio: OpenBLAS picks them from the CPU unless ``OPENBLAS_CORETYPE``
    forces a kind, and Haswell (AVX2) kernels run float32 products at about half the speed of
    AVX-512 ones (SkylakeX) on a CPU that has AVX-512, where PyTorch's oneDNN uses AVX-512.
    """
    blas = np.__config__.CONFIG.get("Build Dependencies", {}).get("blas", {})
    try:
        from threadpoolctl import threadpool_info
        arch = next((i.get("architecture") for i in threadpool_info() if i.get("user_api") == "blas"), None)
    except ImportError:
        arch = None
    kernels = f", kernels {arch}" if arch else ""
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    forced = f" (OPENBLAS_CORETYPE={coretype})" if coretype else ""
    return f"BLAS: {blas.get('name')} {blas.get('version')}{kernels}{forced}; threads: numpy and torch {threads} each"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            return next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        return platform.processor() or platform.machine()


def _accelerate_line() -> str:
    if not accelerate.enabled():
        return "neurona.accelerate: off (NumPy path only)"
    import numba
    return f"neurona.accelerate: on (numba {numba.__version__}); neurona-np is the NumPy reference path"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each candidate (median kept)")
    parser.add_argument("--samples", type=int, default=5000, help="sequences in the epoch")
    parser.add_argument("--threads", type=int, default=2, help="BLAS threads of NumPy and torch threads")
    parser.add_argument("--kinds", default="LSTM,GRU,SimpleRNN", help="comma-separated recurrent layers to time")
    args = parser.parse_args(argv)
    ids, y = data(args.samples)
    print(f"CPU: {_cpu_model()}  ({os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})")
    print(blas_line(args.threads))
    torch = torch_or_none()
    if torch is not None:
        torch.set_num_threads(args.threads)
    print(_accelerate_line())
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
