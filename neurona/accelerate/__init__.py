"""Optional compiled kernels for hot loops that NumPy runs in several passes over memory.

NumPy stays the reference. A loop such as Adam's update is written twice: once as
NumPy calls (the course's formula, one pass per operation) and once as a kernel,
one loop over the elements that reads and writes each array once. The kernel runs
only when numba is installed (``pip install "neurona[accelerate]"``) and the
environment variable ``NEURONA_ACCELERATE`` is not ``0``; tests check that both
give the same numbers within float32 rounding.

A kernel compiles on its first call and numba caches the machine code on disk, so
the compile cost is paid once per machine; :func:`compile_report` tells what was
compiled or loaded in this process and how long it took. ``import neurona`` never
imports numba.

Examples
--------
>>> import numpy as np
>>> from neurona import accelerate
>>> def double(x):
...     for i in range(x.size):
...         x[i] *= 2
>>> kernel = accelerate.jit(double)
>>> x = np.ones(3, np.float32)
>>> kernel(x)                     # compiled where numba is installed, else run as Python
>>> x
array([2., 2., 2.], dtype=float32)
"""
from __future__ import annotations

import importlib.util
import os
import time
import types
from collections.abc import Callable

import numpy as np

ENV = "NEURONA_ACCELERATE"
THREADS_ENV = "NEURONA_KERNEL_THREADS"
_numba = None  # the numba module, once a kernel has compiled
_threads = 1  # the threads of parallel kernels, read from NEURONA_KERNEL_THREADS at the first compile
_override: bool | None = None
_from_env: bool | None = None  # NEURONA_ACCELERATE's answer, once read
_available: bool | None = None
_compiled: dict[str, float] = {}
DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
"""The dtypes kernels take; others (float16, long double, integers) keep the NumPy path."""


def available() -> bool:
    """Whether numba can be imported (checked once, without importing it)."""
    global _available
    if _available is None:
        _available = importlib.util.find_spec("numba") is not None
    return _available


def enabled() -> bool:
    """Whether kernels run: numba is installed and ``NEURONA_ACCELERATE`` is not ``0``
    (or :func:`set_enabled` said so). The variable is read once, at the first call: ops ask at
    every call, and reading the environment costs more than some of them."""
    if _override is not None:
        return _override and available()
    global _from_env
    if _from_env is None:
        _from_env = os.environ.get(ENV, "1").strip().lower() not in ("0", "false", "no", "off")
    return _from_env and available()


def enabled_for(*arrays: np.ndarray) -> bool:
    """Whether kernels run on ``arrays``: :func:`enabled`, and every array has one of :data:`DTYPES`.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona import accelerate
    >>> accelerate.enabled_for(np.zeros(2, np.float16))
    False
    """
    for a in arrays:
        if a.dtype not in DTYPES:
            return False
    return enabled()


def set_enabled(flag: bool | None) -> None:
    """Turn kernels on or off in this process; ``None`` goes back to ``NEURONA_ACCELERATE``.

    Examples
    --------
    >>> from neurona import accelerate
    >>> accelerate.set_enabled(False); accelerate.enabled()
    False
    >>> accelerate.set_enabled(None)
    """
    global _override
    _override = None if flag is None else bool(flag)


def compile_report() -> dict[str, float]:
    """Seconds each kernel took to compile, or to load from numba's on-disk cache, in this process."""
    return dict(_compiled)


class Kernel:
    """A Python function compiled by numba on its first call (cached on disk, IEEE arithmetic:
    NaN and inf propagate as in NumPy). ``parallel=True`` lets a ``numba.prange`` loop use
    numba's threads; it also lets the compiler assume its arrays do not overlap, which is what
    vectorizes an element-wise loop. Without numba the function runs as Python. The two builds
    (parallel and serial) compile each on first use."""

    def __init__(self, function: Callable, parallel: bool = False, serial_below: int = 0) -> None:
        self.function = function
        self.parallel = parallel
        self.serial_below = serial_below
        self._compiled: dict[bool, Callable] = {}
        self.__doc__ = function.__doc__

    def __call__(self, *args):
        parallel = self.parallel and args[0].size >= self.serial_below
        compiled = self._compiled.get(parallel)
        if compiled is None:
            compiled = self._compile(args, parallel)
        if parallel and _numba is not None:
            return _with_threads(compiled, args)
        return compiled(*args)

    def build(self, *args) -> Callable:
        """The compiled function that a call ``self(*args)`` runs, to call in a hot loop without
        this wrapper (serial kernels only: a parallel one sets its threads at each call)."""
        if self.parallel:
            raise ValueError(f"{self.function.__qualname__}: build() is for serial kernels; call the kernel")
        return self._compiled.get(False) or self._compile(args, False)

    def _compile(self, args: tuple, parallel: bool) -> Callable:
        if not available():
            self._compiled[parallel] = self.function
            return self.function
        global _numba, _threads
        import numba

        _numba = numba
        _threads = min(kernel_threads(), numba.config.NUMBA_NUM_THREADS)
        start = time.perf_counter()
        function = self.function
        if parallel:  # the module's `prange` (plain `range` for Python) becomes numba's
            function = types.FunctionType(
                function.__code__, {**function.__globals__, "prange": numba.prange}, function.__name__,
                function.__defaults__, function.__closure__,
            )
            function.__qualname__ = self.function.__qualname__
        cache = os.path.isfile(function.__code__.co_filename)  # a function typed at a prompt has no file
        compiled = numba.njit(cache=cache, nogil=True, parallel=parallel, error_model="numpy")(function)
        compiled.compile(tuple(numba.typeof(a) for a in args))
        _compiled[self.function.__qualname__ + (" (parallel)" if parallel else "")] = time.perf_counter() - start
        self._compiled[parallel] = compiled
        return compiled


def kernel_threads() -> int:
    """How many threads a parallel kernel uses: ``NEURONA_KERNEL_THREADS``, default 1.

    One, because numba's worker threads keep spinning for milliseconds after a kernel, taking the
    core that BLAS's own threads need for the products between kernels (measured: a CNN step 30x
    slower with 2 kernel threads beside 2 BLAS threads on a busy 2-core machine). On one thread a
    parallel kernel keeps what ``parallel=True`` gives the compiler: loops it can vectorize."""
    value = os.environ.get(THREADS_ENV, "1").strip()
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{THREADS_ENV} must be a positive whole number, got {value!r}")
    return int(value)


def _with_threads(compiled: Callable, args: tuple):
    """Run a parallel build on :data:`_threads` threads, giving the calling thread its own count back."""
    current, wanted = _numba.get_num_threads(), _threads
    if current == wanted:
        return compiled(*args)
    _numba.set_num_threads(wanted)
    try:
        return compiled(*args)
    finally:
        _numba.set_num_threads(current)


def jit(function: Callable | None = None, *, parallel: bool = False, serial_below: int = 0):
    """Wrap ``function`` as a :class:`Kernel`; usable as ``@jit`` or ``@jit(parallel=True)``.

    ``serial_below``: a parallel kernel whose first argument has fewer elements runs a serial
    build instead (starting threads costs more than a short loop)."""
    if function is None:
        return lambda f: Kernel(f, parallel, serial_below)
    return Kernel(function, parallel, serial_below)


def helper(function: Callable) -> Callable:
    """A function that kernels call: compiled by numba (cached) where it is installed, so that it
    inlines into their loops; the plain function otherwise. It imports numba, so a module that uses
    it is one imported only once :func:`enabled` says kernels run."""
    if not available():
        return function
    import numba

    return numba.njit(cache=True)(function)


prange = range
"""Write a kernel's parallel loop as ``for i in prange(n)`` with ``from neurona.accelerate import
prange``: a parallel :class:`Kernel` compiles it as ``numba.prange``; run as Python, it is ``range``."""
