"""Timing helpers shared by the benchmarks: best-of-repeats wall time, and the table they print."""
from __future__ import annotations

import os
import time
from typing import Callable


def best_time(fn: Callable[[], object], number: int, repeat: int = 5) -> float:
    """Best (lowest) mean seconds per call of ``fn`` over ``repeat`` runs of ``number`` calls."""
    fn()
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def torch_or_none():
    """Import torch with one thread per core, or return None where it is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(os.cpu_count() or 1)
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
        print(f"  {name:<10} {seconds * scale:9.3f} {unit}   {'  '.join(ratios)}")
