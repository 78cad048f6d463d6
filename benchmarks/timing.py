"""Timing helpers shared by the benchmarks: best-of-repeats wall time, and the table they print."""
from __future__ import annotations

import os
import time
import timeit
from typing import Callable


def best_times(fns: dict[str, Callable[[], object]], number: int, rounds: int = 7) -> dict[str, float]:
    """Best mean seconds per call of each function, measured in interleaved rounds.

    Each round runs every candidate ``number`` times in turn, so a slow spell of the
    machine hits all of them alike; the best round of each is kept.
    """
    for fn in fns.values():
        fn()
    best = {name: float("inf") for name in fns}
    for _ in range(rounds):
        for name, fn in fns.items():
            start = time.perf_counter()
            for _ in range(number):
                fn()
            best[name] = min(best[name], (time.perf_counter() - start) / number)
    return best


def best_statement_times(statements: dict[str, str], namespace: dict, number: int, rounds: int = 7) -> dict[str, float]:
    """Best mean seconds of each statement, timed as ``timeit`` does (the statement compiled into the
    timing loop, so no function call of the harness is counted), in interleaved rounds."""
    timers = {name: timeit.Timer(statement, globals=namespace) for name, statement in statements.items()}
    best = {name: float("inf") for name in timers}
    for _ in range(rounds):
        for name, timer in timers.items():
            best[name] = min(best[name], timer.timeit(number) / number)
    return best


def torch_or_none():
    """Import torch with ``OMP_NUM_THREADS`` threads (``--threads``; else one per core), or return None
    where it is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS") or os.cpu_count() or 1))
    return torch


def report(title: str, times: dict[str, float], unit: str = "ms") -> None:
    """Print each timing and its ratio to hand-written NumPy and to PyTorch."""
    scale = {"ms": 1e3, "us": 1e6}[unit]
    print(f"\n{title}")
    for name, seconds in times.items():
        ratios = []
        for peer in ("numpy", "torch"):
            if peer in times and name != peer:
                ratios.append(f"{seconds / times[peer]:.2f}x {peer}")
        print(f"  {name:<12} {seconds * scale:9.3f} {unit}   {'  '.join(ratios)}")
