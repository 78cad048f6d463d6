"""Export code: the script rebuilds the same data, network and optimizer and ends at the session's losses."""
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from neurona.playground.config import parse_config
from neurona.playground.export import export_code, script_name
from neurona.playground.features import FEATURES, compute_features
from neurona.playground.session import Session

ROOT = Path(__file__).resolve().parents[2]
CASES = [
    {"dataset": "spiral", "hidden": [8, 8], "features": list(FEATURES), "optimizer": "nesterov", "momentum": 0.95,
     "regularization": "l1", "regularization_rate": 0.001, "seed": 42, "noise": 15, "train_percent": 30},
    {"problem": "regression", "dataset": "plane", "hidden": [], "activation": "linear", "optimizer": "adagrad",
     "batch_size": 30},
    {"dataset": "gaussian", "hidden": [3, 2, 2], "activation": "sigmoid", "optimizer": "adam", "beta_1": 0.8,
     "regularization": "l2", "regularization_rate": 0.03},
]


def run_script(path: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True, env=env,
                          cwd=path.parent, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_every_feature_s_source_is_its_function():
    points = np.random.default_rng(0).uniform(-6, 6, (50, 2))
    x1, x2 = points[:, 0], points[:, 1]
    for name, feature in FEATURES.items():
        expected = eval(feature.source, {"np": np, "x1": x1, "x2": x2})  # the exported text, as the script runs it
        np.testing.assert_allclose(compute_features(points, [name])[:, 0], expected, rtol=1e-6)


@pytest.mark.parametrize("changes", CASES)
def test_the_exported_script_reproduces_the_run(tmp_path, changes):
    config = parse_config(changes)
    session = Session(config)
    session.train(4)
    path = tmp_path / script_name(config)
    path.write_text(export_code(config, session.epoch))
    out = run_script(path, "--save", "model.neurona")
    loss, val_loss = session.history["loss"][-1], session.history["val_loss"][-1]
    assert out.strip() == f"epoch 4: training loss {loss:.6f}, test loss {val_loss:.6f}"
    assert (tmp_path / "model.neurona").stat().st_size > 0


def test_the_exported_script_has_help(tmp_path):
    path = tmp_path / "run.py"
    path.write_text(export_code(parse_config({}), 0))
    assert "--epochs" in run_script(path, "--help")
    assert run_script(path) == ""  # zero epochs: nothing trained, nothing printed
