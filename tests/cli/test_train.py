"""``neurona train`` on Iris (seconds), then ``evaluate``, ``predict`` and ``summary`` on its run folder."""
import csv
import json

import numpy as np
import pytest

from neurona.datasets import load_iris

from .conftest import assert_user_error

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def iris_run(tmp_path_factory):
    from .conftest import neurona

    folder = tmp_path_factory.mktemp("runs") / "iris"
    result = neurona("train", "iris-softmax", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    return folder, result


def test_run_folder_holds_model_history_figures_and_report(iris_run):
    folder, result = iris_run
    assert {p.name for p in folder.iterdir()} == {"model.neurona", "history.csv", "learning_curves.png",
                                                  "diagnosis.txt", "confusion_matrix.png", "report.json"}
    for png in ("learning_curves.png", "confusion_matrix.png"):
        assert (folder / png).read_bytes()[:8] == PNG
    with open(folder / "history.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 100 and {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(rows[0])
    report = json.loads((folder / "report.json").read_text())
    assert report["recipe"] == "iris-softmax" and report["seed"] == 0
    assert report["config"]["fit"] == {"epochs": 100, "batch_size": 16}
    assert set(report["versions"]) >= {"neurona", "numpy", "python"} and report["training_seconds"] > 0
    assert report["metrics"]["test_accuracy"] >= 0.93  # iris_softmax.py's figure
    assert report["diagnosis"] == (folder / "diagnosis.txt").read_text().strip()
    assert report["preprocess"]["kind"] == "standardize" and len(report["preprocess"]["mean"]) == 4
    assert f"test_accuracy: {report['metrics']['test_accuracy']:.4f}" in result.stdout
    assert "Diagnosis" in result.stdout


def test_progress_bar_is_shown(iris_run):
    assert "Epoch 100/100" in iris_run[1].stdout + iris_run[1].stderr


def test_evaluate_reproduces_the_reported_accuracy(cli, iris_run):
    folder, _ = iris_run
    report = json.loads((folder / "report.json").read_text())
    for target in (folder, folder / "model.neurona"):
        result = cli("evaluate", str(target))
        assert result.returncode == 0, result.stderr
        assert f"test_accuracy: {report['metrics']['test_accuracy']:.4f}" in result.stdout
        assert f"test_loss: {report['metrics']['val_loss']:.4f}" in result.stdout


def test_evaluate_a_bare_model_file_needs_a_dataset(cli, iris_run, tmp_path):
    model = tmp_path / "iris.neurona"
    model.write_bytes((iris_run[0] / "model.neurona").read_bytes())
    assert_user_error(cli("evaluate", str(model)), "--dataset")
    result = cli("evaluate", str(model), "--dataset", "iris")
    assert result.returncode == 0 and "test_accuracy: 0.9" in result.stdout


@pytest.mark.parametrize("suffix", [".npy", ".csv"])
def test_predict_names_the_classes_of_raw_measurements(cli, iris_run, tmp_path, suffix):
    x, y = load_iris()
    rows = x[[0, 60, 120]]                                    # one flower of each species, unscaled
    path = tmp_path / f"flowers{suffix}"
    if suffix == ".npy":
        np.save(path, rows)
    else:
        path.write_text("sepal length,sepal width,petal length,petal width\n"
                        + "\n".join(",".join(map(str, r)) for r in rows))
    result = cli("predict", str(iris_run[0]), str(path))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert [line.split()[1] for line in lines] == ["setosa", "versicolor", "virginica"]


def test_predict_refuses_rows_of_the_wrong_width(cli, iris_run, tmp_path):
    np.save(tmp_path / "wide.npy", np.zeros((2, 5)))
    assert_user_error(cli("predict", str(iris_run[0]), str(tmp_path / "wide.npy")), "(4,)", "(2, 5)")
    (tmp_path / "words.csv").write_text("a,b\nx,y\n")
    assert_user_error(cli("predict", str(iris_run[0]), str(tmp_path / "words.csv")), "not a CSV table of numbers")
    assert_user_error(cli("predict", str(iris_run[0]), str(tmp_path / "absent.npy")), "no such input file")


def test_summary_shows_the_layers_and_the_metrics(cli, iris_run):
    result = cli("summary", str(iris_run[0]))
    assert result.returncode == 0, result.stderr
    assert "Dense" in result.stdout and "Total params: 15" in result.stdout
    assert "recipe: iris-softmax on iris" in result.stdout and "test_accuracy" in result.stdout


def test_a_run_repeats_from_its_report_config(cli, iris_run, tmp_path):
    report = json.loads((iris_run[0] / "report.json").read_text())
    config = tmp_path / "iris.json"
    config.write_text(json.dumps(report["config"]))
    result = cli("train", str(config), "--out", str(tmp_path / "again"), "--verbose", "0")
    assert result.returncode == 0, result.stderr
    again = json.loads((tmp_path / "again" / "report.json").read_text())
    assert again["metrics"] == pytest.approx(report["metrics"])


def test_options_override_the_recipe(cli, tmp_path):
    result = cli("train", "iris-softmax", "--epochs", "3", "--batch-size", "50", "--optimizer", "sgd",
                 "--lr", "0.2", "--seed", "4", "--verbose", "2", "--out", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "run" / "report.json").read_text())
    assert report["config"]["fit"] == {"epochs": 3, "batch_size": 50} and report["seed"] == 4
    assert report["config"]["compile"]["optimizer"] == "sgd" and report["config"]["compile"]["learning_rate"] == 0.2
    assert "Epoch 3/3" in result.stdout


def test_user_errors_are_one_line_with_status_2(cli, tmp_path):
    assert_user_error(cli("train", "mnist-cnn"), "unknown preset 'mnist-cnn'", "iris-softmax")
    assert_user_error(cli("train", str(tmp_path / "absent.json")), "no such config file")
    (tmp_path / "bad.json").write_text('{"dataset": "iris", "model": {}}')
    assert_user_error(cli("train", str(tmp_path / "bad.json")), "missing key(s) compile, fit")
    (tmp_path / "typo.json").write_text("{not json")
    assert_user_error(cli("train", str(tmp_path / "typo.json")), "not valid JSON")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("")
    assert_user_error(cli("train", "iris-softmax", "--out", str(tmp_path / "full")), "not empty")
    assert_user_error(cli("evaluate", str(tmp_path / "no-run")), "no such run folder or model file")
    assert_user_error(cli("summary", str(tmp_path)), "neither a model file nor a run folder")
    (tmp_path / "fake.neurona").write_text("not a zip")
    assert_user_error(cli("summary", str(tmp_path / "fake.neurona")))


def test_a_text_corpus_is_not_a_training_set(cli, tmp_path):
    from neurona.cli.presets import resolve

    config = resolve("iris-softmax").to_dict() | {"dataset": "movie-reviews"}
    (tmp_path / "text.json").write_text(json.dumps(config))
    assert_user_error(cli("train", str(tmp_path / "text.json")), "text corpus")


def test_evaluate_on_a_dataset_of_another_shape_is_one_line(cli, iris_run):
    assert_user_error(cli("evaluate", str(iris_run[0] / "model.neurona"), "--dataset", "wine"),
                      "the model takes examples of shape (4,)", "wine", "(54, 13)")


def test_a_config_whose_model_does_not_fit_the_data_is_one_line(cli, tmp_path):
    from neurona.cli.presets import resolve

    config = resolve("breast-cancer-logistic").to_dict() | {"dataset": "iris"}   # 30 inputs; iris has 4
    (tmp_path / "wrong.json").write_text(json.dumps(config))
    assert_user_error(cli("train", str(tmp_path / "wrong.json"), "--out", str(tmp_path / "run")),
                      "cannot be trained on iris")


def test_an_image_for_a_model_of_measurements_is_one_line(cli, iris_run, tmp_path):
    from PIL import Image

    Image.new("L", (8, 8)).save(tmp_path / "flower.png")
    assert_user_error(cli("predict", str(iris_run[0]), str(tmp_path / "flower.png")), "does not take grey images")
    (tmp_path / "flower.txt").write_text("5.1 3.5 1.4 0.2")
    assert_user_error(cli("predict", str(iris_run[0]), str(tmp_path / "flower.txt")), ".npy, .csv or an image")
