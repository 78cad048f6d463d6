"""One Adam step: neurona against hand-written NumPy and ``torch.optim.Adam`` (CPU).

Parameter shapes of a 4-10-3 and of a 784-128-10 network, gradients already in
place (as after ``backward()``). neurona's step gathers the gradients into one
flat buffer and updates the parameters in place with a fixed number of NumPy
calls: ``neurona`` on a model's Parameters (stored one after another, so updated
as one slice), ``loose`` on tensors made one by one (short ones packed, long ones
updated on their own). The NumPy reference loops over the parameters
(``reference_numpy.Adam``).
Run: ``python benchmarks/bench_optimizer_step.py``.
"""
from __future__ import annotations

import numpy as np
from reference_numpy import Adam as NumpyAdam
from timing import best_times, report, torch_or_none

import neurona as nr
from neurona.nn import Parameter
from neurona.optimizers import Adam

NETWORKS = {
    "4-10-3": [(4, 10), (10,), (10, 3), (3,)],
    "784-128-10": [(784, 128), (128,), (128, 10), (10,)],
}


def main() -> None:
    torch = torch_or_none()
    if torch is not None:
        torch.set_num_threads(2)
    rng = np.random.default_rng(0)
    for label, shapes in NETWORKS.items():
        values = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        grads = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        number = 20_000 if label == "4-10-3" else 1_000

        params = [Parameter(v) for v in values]
        loose = [nr.tensor(v, requires_grad=True) for v in values]
        for p, q, g in zip(params, loose, grads):
            p.grad = q.grad = g
        reference = NumpyAdam([v.copy() for v in values])
        times = best_times(
            {
                "neurona": Adam(params, lr=1e-3).step,
                "loose": Adam(loose, lr=1e-3).step,
                "numpy": lambda reference=reference, grads=grads: reference.step(grads),
            },
            number,
        )

        if torch is not None:
            tensors = [torch.tensor(v, requires_grad=True) for v in values]
            for t, g in zip(tensors, grads):
                t.grad = torch.tensor(g)
            times.update(best_times({"torch": torch.optim.Adam(tensors, lr=1e-3).step}, number))
        report(f"one Adam step, {label} ({sum(v.size for v in values):,} parameters)", times, "us")


if __name__ == "__main__":
    main()
