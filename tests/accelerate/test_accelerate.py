"""``neurona.accelerate``: the switch, the lazy compile, the serial build for short arrays, the Python fallback."""
import subprocess
import sys

import numpy as np
import pytest

from neurona import accelerate


def _scale(x, factor):
    for i in accelerate.prange(x.size):
        x[i] *= factor


def test_import_neurona_does_not_import_numba():
    code = "import sys, neurona, neurona.optimizers, neurona.training; print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize(("value", "expected"), [("0", False), ("off", False), ("1", True), ("", True)])
def test_the_environment_variable_turns_kernels_off(monkeypatch, value, expected):
    monkeypatch.setenv(accelerate.ENV, value)
    monkeypatch.setattr(accelerate, "_from_env", None)  # as in a new process
    assert accelerate.enabled() is (expected and accelerate.available())


def test_the_environment_variable_is_read_once(monkeypatch):
    monkeypatch.setattr(accelerate, "_from_env", None)
    monkeypatch.setenv(accelerate.ENV, "0")
    assert accelerate.enabled() is False
    monkeypatch.setenv(accelerate.ENV, "1")
    assert accelerate.enabled() is False


def test_set_enabled_overrides_the_environment(monkeypatch):
    monkeypatch.setenv(accelerate.ENV, "1")
    monkeypatch.setattr(accelerate, "_from_env", None)
    accelerate.set_enabled(False)
    try:
        assert accelerate.enabled() is False
    finally:
        accelerate.set_enabled(None)
    assert accelerate.enabled() is accelerate.available()


def test_without_numba_a_kernel_runs_as_python(monkeypatch):
    monkeypatch.setattr(accelerate, "_available", False)
    kernel = accelerate.jit(_scale, parallel=True)
    x = np.arange(4, dtype=np.float32)
    kernel(x, np.float32(2))
    np.testing.assert_array_equal(x, [0, 2, 4, 6])
    assert not accelerate.enabled()


@pytest.mark.skipif(not accelerate.available(), reason="numba is not installed")
def test_short_arrays_take_the_serial_build_and_both_agree():
    kernel = accelerate.jit(_scale, parallel=True, serial_below=100)
    short, long = np.ones(10, np.float32), np.ones(1000, np.float32)
    kernel(short, np.float32(3))
    kernel(long, np.float32(3))
    assert set(kernel._compiled) == {False, True}
    np.testing.assert_array_equal(short, 3)
    np.testing.assert_array_equal(long, 3)
    report = accelerate.compile_report()
    assert "_scale" in report and "_scale (parallel)" in report
    assert all(seconds >= 0 for seconds in report.values())


def test_build_gives_the_function_a_call_runs_for_a_hot_loop():
    kernel = accelerate.jit(_scale)
    x = np.ones(4, np.float32)
    build = kernel.build(x, np.float32(2))
    assert build is kernel.build(x, np.float32(2)) and build is not kernel
    build(x, np.float32(2))
    kernel(x, np.float32(2))
    np.testing.assert_array_equal(x, 4)
    with pytest.raises(ValueError, match="_scale: build\\(\\) is for serial kernels"):
        accelerate.jit(_scale, parallel=True).build(x, np.float32(2))


@pytest.mark.skipif(not accelerate.available(), reason="numba is not installed")
def test_nan_propagates_through_a_kernel():
    kernel = accelerate.jit(_scale)
    x = np.array([1.0, np.nan], np.float32)
    kernel(x, np.float32(np.inf))
    assert np.isinf(x[0]) and np.isnan(x[1])


@pytest.mark.parametrize(("value", "expected"), [("1", 1), ("2", 2), (" 3 ", 3)])
def test_kernel_threads_come_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv(accelerate.THREADS_ENV, value)
    assert accelerate.kernel_threads() == expected


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_a_bad_thread_count_is_named(monkeypatch, value):
    monkeypatch.setenv(accelerate.THREADS_ENV, value)
    with pytest.raises(ValueError, match="NEURONA_KERNEL_THREADS"):
        accelerate.kernel_threads()


@pytest.mark.skipif(not accelerate.available(), reason="numba is not installed")
def test_a_parallel_kernel_gives_the_callers_thread_count_back(monkeypatch):
    import numba

    monkeypatch.setenv(accelerate.THREADS_ENV, "1")
    kernel = accelerate.jit(_scale, parallel=True)
    x = np.ones(1000, np.float32)
    before = numba.get_num_threads()
    kernel(x, np.float32(2))
    assert numba.get_num_threads() == before
    np.testing.assert_array_equal(x, 2)


def test_kernels_run_on_float32_and_float64_only(monkeypatch):
    monkeypatch.setattr(accelerate, "_override", True)
    monkeypatch.setattr(accelerate, "_available", True)
    assert accelerate.enabled_for(np.zeros(2, np.float32), np.zeros(2, np.float64))
    longer = (np.longdouble,) if np.dtype(np.longdouble).itemsize > 8 else ()  # long double is float64 on some platforms
    for dtype in (np.float16, np.int64, *longer):
        assert not accelerate.enabled_for(np.zeros(2, np.float32), np.zeros(2, dtype))
    accelerate.set_enabled(False)
    assert not accelerate.enabled_for(np.zeros(2, np.float32))
