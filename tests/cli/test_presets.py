"""The presets reach the figures of the course's examples they come from, through the command (seeded)."""
import json

import pytest

from neurona.cli.presets import PRESETS, TrainConfig, resolve

FIGURES = {  # preset: (metric, bound), from the examples' own tests; iris-softmax: tests/cli/test_train.py
    "breast-cancer-logistic": ("test_accuracy", 0.95),
    "boston-linear": ("test_rmse", 6.0),
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_small_preset_reaches_its_figure(cli, tmp_path, name):
    result = cli("train", name, "--verbose", "0", "--out", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    metric, bound = FIGURES[name]
    value = json.loads((tmp_path / "run" / "report.json").read_text())["metrics"][metric]
    assert value >= bound if metric.endswith("accuracy") else value < bound


@pytest.mark.slow
def test_playground_spiral_reaches_0_90(cli, tmp_path):
    result = cli("train", "playground-spiral", "--verbose", "0", "--out", str(tmp_path / "run"))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "run" / "report.json").read_text())["metrics"]["test_accuracy"] >= 0.90


def test_every_preset_is_a_valid_config_of_the_documented_shape():
    from neurona import layers

    for name in PRESETS:
        config = resolve(name)
        assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
        layers.deserialize(config.model)


def test_mnist_presets_are_the_course_recipe():
    from neurona.layers import deserialize

    for name, dataset in (("mnist-mlp", "mnist"), ("fashion-mlp", "fashion-mnist")):
        config = resolve(name)
        assert config.dataset == dataset and config.fit == {"epochs": 15, "batch_size": 32}
        assert config.compile == {"optimizer": "adam", "loss": "mse", "metrics": ["accuracy"]}
        model = deserialize(config.model)
        assert [type(layer).__name__ for layer in model.layers] == ["Flatten", "Dense", "Dense"]
        assert [(layer.get_config()["units"], layer.get_config()["activation"]) for layer in model.layers[1:]] == [
            (128, "tanh"), (10, "sigmoid")]


def test_config_errors_name_the_problem(tmp_path):
    from neurona.cli.errors import CLIError

    good = resolve("iris-softmax").to_dict()
    with pytest.raises(CLIError, match="unknown key.*epoch\\b"):
        TrainConfig.from_dict({**good, "fit": {"epoch": 3}})
    with pytest.raises(CLIError, match="unknown key.*optimiser"):
        TrainConfig.from_dict({**good, "optimiser": "adam"})
    with pytest.raises(CLIError, match="needs a 'loss'"):
        TrainConfig.from_dict({**good, "compile": {"optimizer": "adam"}})
    with pytest.raises(CLIError, match="expected a JSON object"):
        TrainConfig.from_dict([good])
