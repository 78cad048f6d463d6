"""Per-op overhead: ``a + b`` on one-element tensors with gradient recording, and with backward;
``a * b``, whose node also records the versions of the inputs it saves; ``a + b`` under ``no_grad``.

Each statement is timed as ``timeit`` times it (compiled into the timing loop), so the figures
are the op's own cost, without a call of the harness around it.

Run: ``python benchmarks/bench_op_overhead.py``.
"""
from __future__ import annotations

from machine import describe, parser, use_threads

OPTIONS = parser(__doc__.splitlines()[0]).parse_args()
use_threads(OPTIONS.threads)

import contextlib  # noqa: E402

import numpy as np  # noqa: E402
from timing import best_statement_times, report, torch_or_none  # noqa: E402

import neurona as nr  # noqa: E402


def main() -> None:
    print(describe(OPTIONS.threads))
    space = {"nr": nr, "a": nr.tensor([1.0], requires_grad=True), "b": nr.tensor([2.0], requires_grad=True),
             "x": np.array([1.0], np.float32), "y": np.array([2.0], np.float32)}
    forward = {"neurona": "a + b", "numpy": "x + y"}
    backward = {"neurona": "(a + b).backward()"}
    saving = {"neurona": "a * b", "numpy": "x * y"}
    torch = torch_or_none()
    if torch is not None:
        space.update(ta=torch.tensor([1.0], requires_grad=True), tb=torch.tensor([2.0], requires_grad=True))
        forward["torch"], backward["torch"], saving["torch"] = "ta + tb", "(ta + tb).backward()", "ta * tb"
    number = 20_000
    report("a + b, one-element tensors, recording the graph", best_statement_times(forward, space, number), "us")
    report("a + b and its backward", best_statement_times(backward, space, number), "us")
    report("a * b, recording the graph and the versions of the saved inputs",
           best_statement_times(saving, space, number), "us")
    with nr.no_grad(), (torch.no_grad() if torch is not None else contextlib.nullcontext()):
        report("a + b under no_grad", best_statement_times(forward, space, number), "us")


if __name__ == "__main__":
    main()
