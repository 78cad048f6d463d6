"""``neurona train mnist-mlp`` reproduces the course's 0.9758 from the command line (slow: one real training).

The run folder of that one training serves every other test here: evaluate, predict
(an array and PNG images of test digits) and summary.
"""
import json

import numpy as np
import pytest

pytestmark = pytest.mark.slow
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def mnist_run(tmp_path_factory):
    from ..conftest import DATA_DIR
    from .conftest import neurona

    if not (DATA_DIR / "mnist").is_dir():
        pytest.skip(f"MNIST not found under {DATA_DIR}; set NEURONA_DATA")
    folder = tmp_path_factory.mktemp("runs") / "mnist-mlp"
    result = neurona("train", "mnist-mlp", "--verbose", "2", "--out", str(folder), env={"NEURONA_DATA": str(DATA_DIR)})
    assert result.returncode == 0, result.stderr
    return folder, result.stdout


@pytest.fixture(scope="module")
def mnist_test():
    from neurona.datasets import load_mnist

    from ..conftest import DATA_DIR

    return load_mnist(data_home=DATA_DIR)[1]


def test_reaches_the_course_figure_and_leaves_the_run_folder(mnist_run):
    folder, stdout = mnist_run
    report = json.loads((folder / "report.json").read_text())
    assert report["metrics"]["test_accuracy"] >= 0.9758
    assert report["config"]["fit"] == {"epochs": 15, "batch_size": 32}
    assert f"test_accuracy: {report['metrics']['test_accuracy']:.4f}" in stdout and "Epoch 15/15" in stdout
    for png in ("learning_curves.png", "confusion_matrix.png"):
        assert (folder / png).read_bytes()[:8] == PNG
    assert len((folder / "history.csv").read_text().splitlines()) == 16
    assert report["preprocess"] == {"kind": "scale255"}


def test_evaluate_gives_the_same_accuracy(cli, mnist_run):
    from ..conftest import DATA_DIR

    folder, _ = mnist_run
    accuracy = json.loads((folder / "report.json").read_text())["metrics"]["test_accuracy"]
    result = cli("evaluate", str(folder), "--data-dir", str(DATA_DIR))
    assert result.returncode == 0, result.stderr
    assert f"test_accuracy: {accuracy:.4f}" in result.stdout and "10000 test examples" in result.stdout


def test_predict_reads_arrays_and_images(cli, mnist_run, mnist_test, tmp_path):
    from PIL import Image

    x, y = mnist_test
    np.save(tmp_path / "digits.npy", x[:20])
    result = cli("predict", str(mnist_run[0]), str(tmp_path / "digits.npy"))
    assert result.returncode == 0, result.stderr
    predicted = [int(line.split()[1]) for line in result.stdout.splitlines()]
    assert np.mean(np.array(predicted) == y[:20]) >= 0.9
    Image.fromarray(x[0]).resize((56, 56)).save(tmp_path / "digit.png")          # any size: resized to 28x28
    Image.fromarray(255 - x[0]).save(tmp_path / "paper.png")                     # dark ink on white paper
    for image, options in (("digit.png", ()), ("paper.png", ("--invert",))):
        result = cli("predict", str(mnist_run[0]), str(tmp_path / image), *options)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"0: {y[0]} (")


def test_summary_shows_the_course_network(cli, mnist_run):
    result = cli("summary", str(mnist_run[0]))
    assert result.returncode == 0, result.stderr
    assert "Total params: 101,770" in result.stdout or "Total params: 101770" in result.stdout
    assert "recipe: mnist-mlp on mnist" in result.stdout
