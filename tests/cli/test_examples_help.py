"""Every script of ``examples/`` answers ``--help`` with a usage line and exits 0, without running."""
import re
import subprocess
import sys

import pytest

from .conftest import ROOT

# The CLI's options (neurona.cli.args) are --epochs, --batch-size, --lr, --optimizer, --seed, --data-dir,
# --verbose; an example that takes one of these settings spells it the same way.
OTHER_SPELLINGS = {"--learning-rate", "--learning_rate", "--rate", "--batch_size", "--batch", "--bs", "--n-epochs",
                   "--epoch", "--random-state", "--data-home", "--data_home", "--datadir", "--opt", "--quiet"}
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def test_there_are_examples():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize("script", EXAMPLES, ids=[path.stem for path in EXAMPLES])
def test_example_takes_help(script):
    result = subprocess.run([sys.executable, str(script), "--help"], capture_output=True, text=True,
                            cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: ")
    options = set(re.findall(r"^  (--[\w-]+)", result.stdout, flags=re.MULTILINE))
    assert not options & OTHER_SPELLINGS, f"use the CLI's names (neurona.cli.args): {options & OTHER_SPELLINGS}"
    assert not [option for option in options if "_" in option]
