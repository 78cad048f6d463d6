"""One optimizer step: neurona (one-pass kernels, and the NumPy reference) against PyTorch's best.

Parameter shapes of a 4-10-3 and of a 784-128-10 network (101,770 parameters), gradients
already in place (as after ``backward()``). For Adam, SGD with momentum 0.9, RMSprop and
Adagrad: ``neurona`` on a model's Parameters (stored one after another, so updated as one
flat run) with ``neurona.accelerate``'s kernels, ``reference`` the same with the kernels off
(``NEURONA_ACCELERATE=0``: one NumPy call per operation), ``loose`` on tensors made one by one;
``numpy`` a hand-written NumPy Adam; PyTorch's default (``for-loop``), ``foreach`` and
``fused`` implementations where it has them. ``torch`` is the fastest of PyTorch's.
Run: ``python benchmarks/bench_optimizer_step.py [--threads 2]``.
"""
from __future__ import annotations

from machine import compile_line, describe, parser, use_threads

OPTIONS = parser(__doc__.splitlines()[0]).parse_args()
use_threads(OPTIONS.threads)

import numpy as np  # noqa: E402
from reference_numpy import Adam as NumpyAdam  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402
from neurona import accelerate  # noqa: E402
from neurona.nn import Parameter  # noqa: E402
from neurona.optimizers import SGD, Adagrad, Adam, RMSprop  # noqa: E402

NETWORKS = {
    "4-10-3": [(4, 10), (10,), (10, 3), (3,)],
    "784-128-10": [(784, 128), (128,), (128, 10), (10,)],
}
RULES = {  # neurona's rule and options; torch's class name and options (PyTorch's defaults otherwise)
    "Adam": (Adam, {}, "Adam", {}),
    "SGD, momentum 0.9": (SGD, {"momentum": 0.9}, "SGD", {"momentum": 0.9}),
    "RMSprop": (RMSprop, {}, "RMSprop", {}),
    "Adagrad": (Adagrad, {}, "Adagrad", {}),
}


class _Off:
    """Call a step with neurona's kernels off (the NumPy reference)."""

    def __init__(self, step) -> None:
        self.step = step

    def __call__(self) -> None:
        accelerate.set_enabled(False)
        self.step()
        accelerate.set_enabled(None)


def neurona_runs(rule, options, values, grads) -> dict:
    params = [Parameter(v.copy()) for v in values]
    loose = [nr.tensor(v, requires_grad=True) for v in values]
    for p, q, g in zip(params, loose, grads):
        p.grad = q.grad = g
    reference = [Parameter(v.copy()) for v in values]
    for p, g in zip(reference, grads):
        p.grad = g
    return {"neurona": rule(params, lr=1e-3, **options).step, "reference": _Off(rule(reference, lr=1e-3, **options).step),
            "loose": rule(loose, lr=1e-3, **options).step}


def torch_runs(torch, name: str, options: dict, values, grads) -> dict:
    runs = {}
    for variant, flags in (("loop", {"foreach": False}), ("foreach", {"foreach": True}), ("fused", {"fused": True})):
        tensors = [torch.tensor(v, requires_grad=True) for v in values]
        for t, g in zip(tensors, grads):
            t.grad = torch.tensor(g)
        try:
            runs[f"torch {variant}"] = getattr(torch.optim, name)(tensors, lr=1e-3, **options, **flags).step
        except (TypeError, RuntimeError):  # no such implementation of this rule
            continue
    return runs


def main() -> None:
    torch = torch_or_none()
    if torch is not None:
        torch.set_num_threads(OPTIONS.threads)
    print(describe(OPTIONS.threads))
    rng = np.random.default_rng(0)
    for label, shapes in NETWORKS.items():
        values = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        grads = [rng.standard_normal(s).astype(np.float32) for s in shapes]
        number = 5_000 if label == "4-10-3" else 500
        for title, (rule, options, torch_name, torch_options) in RULES.items():
            runs = neurona_runs(rule, options, values, grads)
            if rule is Adam:
                reference = NumpyAdam([v.copy() for v in values])
                runs["numpy"] = lambda reference=reference: reference.step(grads)
            if torch is not None:
                runs.update(torch_runs(torch, torch_name, torch_options, values, grads))
            times = best_times(runs, number)
            peers = {k: v for k, v in times.items() if k.startswith("torch ")}
            if peers:
                best = min(peers, key=peers.get)
                times["torch"] = times.pop(best)
                title = f"{title} (torch = PyTorch's fastest here: {best.split()[1]})"
            report(f"one {title} step, {label} ({sum(v.size for v in values):,} parameters)", times, "us")
    print("\n" + compile_line())


if __name__ == "__main__":
    main()
