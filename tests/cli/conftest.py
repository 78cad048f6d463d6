"""Running the ``neurona`` command in a subprocess, as a user would, from this checkout."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def neurona(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m neurona ARGS`` with this checkout's neurona; returns the finished process (text output)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", **(env or {})}
    return subprocess.run([sys.executable, "-m", "neurona", *args], capture_output=True, text=True,
                          cwd=cwd, env=environment)


@pytest.fixture
def cli():
    return neurona


def assert_user_error(result: subprocess.CompletedProcess, *words: str) -> None:
    """Status 2, one line on stderr naming ``words``, and no traceback."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
