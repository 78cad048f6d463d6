"""What the benchmarks share: ``--threads`` set in the environment before NumPy loads its BLAS,
and the CPU model they print. Imported before NumPy; it imports nothing heavy itself."""
from __future__ import annotations

import argparse
import os

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS")


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


def describe(threads: int) -> str:
    """Lines naming what a timing depends on: the CPU and its load, NumPy's BLAS with its kernels
    (``OPENBLAS_CORETYPE`` can force AVX2 kernels on an AVX-512 CPU), the threads, and whether
    neurona's compiled kernels (``neurona.accelerate``) run. Call it after NumPy is imported."""
    import numpy as np

    from neurona import accelerate

    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    try:
        from threadpoolctl import threadpool_info
        arch = next((i.get("architecture") for i in threadpool_info() if i.get("user_api") == "blas"), None)
    except ImportError:
        arch = None
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    kernels = (f", kernels {arch}" if arch else "") + (f" (OPENBLAS_CORETYPE={coretype})" if coretype else "")
    if accelerate.enabled():
        import numba
        fast = (f"numba {numba.__version__} kernels on (parallel ones on {accelerate.kernel_threads()} thread(s): "
                f"NEURONA_KERNEL_THREADS)")
    else:
        fast = "off (NumPy reference)" if accelerate.available() else "off (numba not installed)"
    return (
        f"CPU: {cpu_model() or 'unknown'} ({os.cpu_count()} cores, load {os.getloadavg()[0]:.2f})\n"
        f"NumPy {np.__version__}, BLAS: {blas.get('name')} {blas.get('version')}{kernels}; threads: {threads} "
        f"(BLAS, torch, numba)\nneurona.accelerate: {fast}"
    )


def compile_line() -> str:
    """What neurona's kernels cost to compile (or load from numba's on-disk cache) in this run."""
    from neurona import accelerate

    report = accelerate.compile_report()
    if not report:
        return "kernels compiled or loaded: none"
    return "kernels compiled or loaded in this run: " + ", ".join(f"{k} {v:.2f} s" for k, v in report.items())
