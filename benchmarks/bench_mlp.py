"""Forward and backward of a 784-128(tanh)-10 MLP with softmax cross-entropy.

Timed for neurona, a hand-written NumPy forward/backward of the same network and,
where installed, PyTorch CPU (float32, threads = cores), all in one run.
Run: ``python benchmarks/bench_mlp.py``.
"""
from __future__ import annotations

from machine import describe, parser, use_threads

OPTIONS = parser(__doc__.splitlines()[0]).parse_args()
use_threads(OPTIONS.threads)

import numpy as np  # noqa: E402
from reference_numpy import mlp_step  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
import neurona.functional as F  # noqa: E402


def main() -> None:
    print(describe(OPTIONS.threads))
    rng = np.random.default_rng(0)
    arrays = [
        rng.standard_normal((784, 128)).astype(np.float32) * 0.05,
        np.zeros(128, np.float32),
        rng.standard_normal((128, 10)).astype(np.float32) * 0.1,
        np.zeros(10, np.float32),
    ]
    params = [nr.tensor(a, requires_grad=True) for a in arrays]
    torch = torch_or_none()
    for batch in (32, 128):
        x = rng.random((batch, 784), dtype=np.float32)
        y = rng.integers(0, 10, batch)
        xt = nr.tensor(x)

        def neurona_step():
            for p in params:
                p.grad = None
            w1, b1, w2, b2 = params
            loss = F.cross_entropy(F.linear(F.tanh(F.linear(xt, w1, b1)), w2, b2), y)
            loss.backward()

        runs = {"neurona": neurona_step, "numpy": lambda: mlp_step(arrays, x, y)}
        if torch is not None:
            tp = [torch.tensor(a.T.copy() if a.ndim == 2 else a, requires_grad=True) for a in arrays]
            tx, ty = torch.from_numpy(x), torch.from_numpy(y)

            def torch_step():
                for p in tp:
                    p.grad = None
                h = torch.tanh(torch.nn.functional.linear(tx, tp[0], tp[1]))
                torch.nn.functional.cross_entropy(torch.nn.functional.linear(h, tp[2], tp[3]), ty).backward()

        times = best_times(runs, number=100, rounds=15)
        if torch is not None:
            times.update(best_times({"torch": torch_step}, number=100, rounds=15))
        report(f"784-128(tanh)-10 + softmax cross-entropy, forward+backward, batch {batch}", times)


if __name__ == "__main__":
    main()
