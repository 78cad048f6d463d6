"""What the benchmarks share: ``--threads`` set in the environment before NumPy loads its BLAS,
and the CPU model they print. Imported before NumPy; it imports nothing heavy itself."""
from __future__ import annotations

import argparse
import os

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def parser(description: str) -> argparse.ArgumentParser:
    """An argument parser with ``--threads`` (default 2); a benchmark adds its own options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--threads", type=int, default=2, help="BLAS and torch threads (default 2)")
    return parser


def use_threads(threads: int) -> int:
    """Ask BLAS (and OpenMP) for ``threads`` threads; call it before NumPy is imported."""
    for name in THREAD_VARIABLES:
        os.environ[name] = str(threads)
    return threads


def cpu_model() -> str:
    """The CPU's model name from ``/proc/cpuinfo`` ('' where there is none)."""
    try:
        with open("/proc/cpuinfo") as info:
            return next((line.split(":", 1)[1].strip() for line in info if line.startswith("model name")), "")
    except OSError:
        return ""
