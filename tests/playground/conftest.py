"""Playground fixtures: a real server on the loopback address (a subprocess running ``python -m neurona.playground``)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen) -> None:
    while process.poll() is None:
        try:
            with urllib.request.urlopen(url + "status", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the playground server exited with status {process.returncode}")


@pytest.fixture(scope="module")
def server():
    """``(base url, process)`` of a playground serving at most 2 pages."""
    pytest.importorskip("starlette")
    pytest.importorskip("uvicorn")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen([sys.executable, "-m", "neurona.playground", "--port", str(port), "--max-sessions", "2"],
                               env=env, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(url, process)
        yield url, process
    finally:
        process.terminate()
        process.wait()
