"""Bad model files: each gives one clear error, and nothing is returned half-loaded."""
import json
import zipfile

import numpy as np
import safetensors.numpy
import pytest

import neurona
from neurona.layers import Dense
from neurona.models import Sequential
from neurona.saving import ModelFileError, load_model, save_model
from neurona.serialization import safetensors_bytes


@pytest.fixture
def saved(tmp_path):
    neurona.random.seed(0)
    model = Sequential([Dense(3, activation="tanh", input_dim=2), Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(np.ones((4, 2)), np.ones((4, 1)), epochs=1, verbose=0)
    path = tmp_path / "good.neurona"
    save_model(model, path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    return path, members


def rewrite(path, members, **changes):
    """A copy of the model file with some members replaced (bytes, a JSON-able dict, or None to drop it)."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in {**members, **changes}.items():
            if data is not None:
                archive.writestr(name, json.dumps(data) if isinstance(data, dict) else data)
    return path


def config_with(members, **changes) -> dict:
    return {**json.loads(members["config.json"]), **changes}


def weights_with(members, name, array) -> bytes:
    from safetensors.numpy import load

    arrays = load(members["model.weights.safetensors"])
    arrays[name] = array
    return safetensors_bytes(arrays)


def bad_files(tmp_path, path, members) -> dict:
    good = path.read_bytes()
    (tmp_path / "truncated.neurona").write_bytes(good[: len(good) // 2])
    (tmp_path / "text.neurona").write_bytes(b"just some text, not a zip")
    kernel = "0.kernel"
    unknown = config_with(members, class_name="Sequential",
                          config={"name": "s", "layers": [{"class_name": "Conv9D", "config": {}}]})
    wrong_optimizer = {**json.loads(members["optimizer.json"]), "optimizers": {"": {"class_name": "Adamax", "config": {}}}}
    return {
        "truncated": ("truncated.neurona", "damaged or truncated zip archive"),
        "not a zip": ("text.neurona", "not a zip archive"),
        "no config": (rewrite(tmp_path / "a.neurona", members, **{"config.json": None}), "the zip has no config.json"),
        "no weights": (rewrite(tmp_path / "b.neurona", members, **{"model.weights.safetensors": None}),
                       "the zip has no model.weights.safetensors"),
        "bad json": (rewrite(tmp_path / "c.neurona", members, **{"config.json": b"{not json"}), "config.json is not valid JSON"),
        "json list": (rewrite(tmp_path / "d.neurona", members, **{"config.json": b"[1, 2]"}), "must hold a JSON object"),
        "unknown layer": (rewrite(tmp_path / "e.neurona", members, **{"config.json": unknown}),
                          "unknown layer 'Conv9D'.*register_serializable"),
        "bad layer config": (rewrite(tmp_path / "f.neurona", members, **{"config.json": config_with(
            members, config={"name": "s", "layers": [{"class_name": "Dense", "config": {"units": "many"}}]})}),
            "layer 'Dense' cannot be built from config"),
        "newer format": (rewrite(tmp_path / "g.neurona", members, **{"config.json": config_with(members, format_version=99)}),
                         "format version 99.*upgrade neurona"),
        "no format": (rewrite(tmp_path / "h.neurona", members, **{"config.json": config_with(members, format_version="1")}),
                      "no valid format_version"),
        "wrong shape": (rewrite(tmp_path / "i.neurona", members, **{
            "model.weights.safetensors": weights_with(members, kernel, np.zeros((3, 3), np.float32))}),
            r"shape of '0.kernel': expected \(2, 3\), got \(3, 3\)"),
        "wrong dtype": (rewrite(tmp_path / "j.neurona", members, **{
            "model.weights.safetensors": weights_with(members, "1.bias", np.zeros(1, np.float64))}),
            "dtype of '1.bias': expected float32, got float64"),
        "int weights": (rewrite(tmp_path / "k.neurona", members, **{
            "model.weights.safetensors": weights_with(members, kernel, np.zeros((2, 3), np.int32))}),
            "dtype of '0.kernel': expected float32, got int32"),
        "garbage weights": (rewrite(tmp_path / "l.neurona", members, **{"model.weights.safetensors": b"\x00" * 40}),
                            "bad safetensors data"),
        "unknown optimizer": (rewrite(tmp_path / "m.neurona", members, **{"optimizer.json": wrong_optimizer}),
                              "optimizer.json cannot be used: unknown optimizer 'Adamax'"),
        "optimizer state dtype": (rewrite(tmp_path / "n.neurona", members, **{"optimizer.safetensors": safetensors_bytes(
            {key: value.astype(np.float64) if key.startswith("m/") else value
             for key, value in safetensors.numpy.load(members["optimizer.safetensors"]).items()})}),
            r"optimizer state does not fit the model: 'm/0.kernel': expected float32\(2, 3\), got float64\(2, 3\)"),
        "build config not an object": (rewrite(tmp_path / "p.neurona", members, **{"config.json": config_with(
            members, build_config=[1, 2])}), "build_config of config.json must be an object"),
        "metric not a name": (rewrite(tmp_path / "q.neurona", members, **{"optimizer.json": {
            **json.loads(members["optimizer.json"]), "metrics": [5]}}), "unknown metric 5"),
        "build config of a missing layer": (rewrite(tmp_path / "o.neurona", members, **{"config.json": config_with(
            members, build_config={"7": {"input_shape": [None, 2]}})}), "builds layers the model does not have: 7"),
    }


def test_every_bad_file_is_a_clear_model_file_error(tmp_path, saved):
    path, members = saved
    for case, (name, reason) in bad_files(tmp_path, path, members).items():
        with pytest.raises(ModelFileError, match=reason):
            load_model(tmp_path / name)


def test_a_bad_file_does_not_disturb_the_session(tmp_path, saved):
    path, members = saved
    neurona.random.seed(3)
    expected = neurona.random.get_rng().random(2)
    neurona.random.seed(3)
    bad = rewrite(tmp_path / "x.neurona", members, **{"config.json": config_with(members, default_dtype="float64"),
                                                     "model.weights.safetensors": b"\x00" * 40})
    with pytest.raises(ModelFileError):
        load_model(bad)
    assert neurona.get_default_dtype() == np.float32
    np.testing.assert_array_equal(neurona.random.get_rng().random(2), expected)


def test_the_good_file_still_loads(saved):
    path, _ = saved
    assert load_model(path).optimizer.iterations == 1
