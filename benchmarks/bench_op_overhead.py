"""Per-op overhead: ``a + b`` on one-element tensors with gradient recording, and with backward;
``a * b``, whose node also records the versions of the inputs it saves; ``a + b`` under ``no_grad``.

Run: ``python benchmarks/bench_op_overhead.py``.
"""
from __future__ import annotations

from machine import describe, parser, use_threads

OPTIONS = parser(__doc__.splitlines()[0]).parse_args()
use_threads(OPTIONS.threads)

import contextlib  # noqa: E402

import numpy as np  # noqa: E402
from timing import best_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402


def main() -> None:
    print(describe(OPTIONS.threads))
    a = nr.tensor([1.0], requires_grad=True)
    b = nr.tensor([2.0], requires_grad=True)
    x, y = np.array([1.0], np.float32), np.array([2.0], np.float32)
    forward = {"neurona": lambda: a + b, "numpy": lambda: x + y}

    def neurona_backward():
        (a + b).backward()

    backward = {"neurona": neurona_backward}
    torch = torch_or_none()
    if torch is not None:
        ta = torch.tensor([1.0], requires_grad=True)
        tb = torch.tensor([2.0], requires_grad=True)
        forward["torch"] = lambda: ta + tb

        def torch_backward():
            (ta + tb).backward()

        backward["torch"] = torch_backward
    saving = {"neurona": lambda: a * b, "numpy": lambda: x * y}
    if torch is not None:
        saving["torch"] = lambda: ta * tb
    number = 20_000
    report("a + b, one-element tensors, recording the graph", best_times(forward, number), "us")
    report("a + b and its backward", best_times(backward, number), "us")
    report("a * b, recording the graph and the versions of the saved inputs", best_times(saving, number), "us")
    with nr.no_grad(), (torch.no_grad() if torch is not None else contextlib.nullcontext()):
        report("a + b under no_grad", best_times(forward, number), "us")


if __name__ == "__main__":
    main()
