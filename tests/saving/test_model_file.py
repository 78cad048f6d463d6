"""save_model / load_model: round trips, exact resumption of training, custom classes."""
import json
import zipfile

import numpy as np
import pytest

import neurona
from neurona.layers import BatchNormalization, Dense, Dropout, Layer
from neurona.models import Model, Sequential
from neurona.saving import ModelFileError, load_model, register_serializable, save_model


def data(n: int = 40):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((n, 4)).astype(np.float32)
    return x, np.eye(3)[(x[:, 0] > 0).astype(int) + (x[:, 1] > 1).astype(int)]


def network(seed: int = 0) -> Sequential:
    neurona.random.seed(seed)
    model = Sequential([
        Dense(8, activation="relu", input_dim=4, kernel_regularizer="l2"),
        BatchNormalization(),
        Dropout(0.3),
        Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    return model


def assert_same_state(a, b):
    sa, sb = a.state_dict(), b.state_dict()
    assert list(sa) == list(sb)
    for name in sa:
        assert sa[name].dtype == sb[name].dtype
        np.testing.assert_array_equal(sa[name], sb[name], err_msg=name)


def test_fit_two_epochs_save_load_fit_one_is_fit_three_bit_for_bit(tmp_path):
    x, y = data()
    fit = dict(batch_size=8, verbose=0, validation_data=(x[:8], y[:8]))
    whole = network()
    whole_history = whole.fit(x, y, epochs=3, **fit).history

    part = network()
    part_history = part.fit(x, y, epochs=2, **fit).history
    save_model(part, tmp_path / "model.neurona")
    resumed = load_model(tmp_path / "model.neurona")
    last = resumed.fit(x, y, epochs=1, **fit).history

    assert_same_state(resumed, whole)
    assert resumed.optimizer.iterations == whole.optimizer.iterations == 15
    for key, values in whole_history.items():
        assert part_history[key] + last[key] == values, key
    np.testing.assert_array_equal(resumed.predict(x), whole.predict(x))


def test_the_loaded_model_has_the_same_architecture_weights_and_compile_settings(tmp_path):
    x, y = data()
    model = network()
    model.fit(x, y, epochs=1, verbose=0)
    save_model(model, tmp_path / "m.neurona")
    again = load_model(tmp_path / "m.neurona")
    assert type(again) is Sequential and again.get_config() == model.get_config()
    assert_same_state(again, model)
    assert again.optimizer.get_config() == model.optimizer.get_config()
    assert (again.compiled.loss_spec, again.compiled.metric_spec) == ("categorical_crossentropy", ["accuracy"])
    np.testing.assert_array_equal(again.predict(x), model.predict(x))


def test_without_the_optimizer_or_without_compiling_the_model_is_not_compiled(tmp_path):
    x, y = data()
    model = network()
    model.fit(x, y, epochs=1, verbose=0)
    save_model(model, tmp_path / "lean.neurona", include_optimizer=False)
    with zipfile.ZipFile(tmp_path / "lean.neurona") as archive:
        assert sorted(archive.namelist()) == ["config.json", "model.weights.safetensors"]
    assert load_model(tmp_path / "lean.neurona").optimizer is None
    save_model(model, tmp_path / "full.neurona")
    assert load_model(tmp_path / "full.neurona", compile=False).optimizer is None


def test_a_compiled_model_never_trained_keeps_its_optimizer_settings(tmp_path):
    model = network()
    model.compile(optimizer=neurona.optimizers.SGD(learning_rate=0.3, momentum=0.5), loss="mse")
    save_model(model, tmp_path / "m.neurona")
    again = load_model(tmp_path / "m.neurona")
    assert again.optimizer.get_config() == model.optimizer.get_config() and again.optimizer.params == []


def test_loading_draws_nothing_from_the_global_generator(tmp_path):
    save_model(network(), tmp_path / "m.neurona")
    neurona.random.seed(5)
    expected = neurona.random.get_rng().random(3)
    neurona.random.seed(5)
    load_model(tmp_path / "m.neurona")
    np.testing.assert_array_equal(neurona.random.get_rng().random(3), expected)


def test_a_float64_model_loads_as_float64_under_a_float32_default(tmp_path):
    neurona.set_default_dtype("float64")
    try:
        model = network()
        model.build()
        save_model(model, tmp_path / "m.neurona")
    finally:
        neurona.set_default_dtype("float32")
    again = load_model(tmp_path / "m.neurona")
    assert again.layers[0].kernel.dtype == np.float64 and neurona.get_default_dtype() == np.float32
    assert_same_state(again, model)


@register_serializable(package="TestSaving")
class Residual(Model):
    """A subclassed model: its own get_config / from_config, layers made in __init__."""

    def __init__(self, width: int = 3) -> None:
        super().__init__()
        self.width = width
        self.inner = Dense(width, activation="tanh")
        self.out = Dense(1)

    def forward(self, x):
        return self.out(self.inner(x) + x)

    def get_config(self):
        return {"width": self.width}

    @classmethod
    def from_config(cls, config):
        return cls(**config)


@register_serializable(package="TestSaving")
def doubled_mse(prediction, target):
    return neurona.functional.mse(prediction, target) * 2


def test_a_registered_model_subclass_and_loss_round_trip(tmp_path):
    x = np.random.default_rng(1).standard_normal((12, 3)).astype(np.float32)
    model = Residual(3)
    model.compile(optimizer="rmsprop", loss=doubled_mse)
    model.fit(x, x[:, :1], epochs=2, verbose=0)
    save_model(model, tmp_path / "r.neurona")
    again = load_model(tmp_path / "r.neurona")
    assert type(again) is Residual and again.compiled.loss_spec is doubled_mse
    assert_same_state(again, model)
    assert again.fit(x, x[:, :1], epochs=1, verbose=0, shuffle=False).history == \
        model.fit(x, x[:, :1], epochs=1, verbose=0, shuffle=False).history


class Scale(Layer):
    """A custom layer that is not registered."""

    def __init__(self, factor: float = 2.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.factor = factor

    def forward(self, x):
        return x * self.factor

    def get_config(self):
        return {**super().get_config(), "factor": self.factor}


def test_an_unregistered_custom_layer_needs_custom_objects_and_the_error_names_it(tmp_path):
    model = Sequential([Dense(2, input_dim=3), Scale(3.0)])
    model.build()
    save_model(model, tmp_path / "s.neurona")
    with pytest.raises(ModelFileError, match=r"unknown layer 'Scale'.*register_serializable.*custom_objects=\{'Scale'"):
        load_model(tmp_path / "s.neurona")
    again = load_model(tmp_path / "s.neurona", custom_objects={"Scale": Scale})
    assert again.layers[1].factor == 3.0
    x = np.ones((2, 3), np.float32)
    np.testing.assert_array_equal(again.predict(x), model.predict(x))


def test_a_model_without_get_config_cannot_be_saved(tmp_path):
    class Bare(Model):
        def forward(self, x):
            return x

    with pytest.raises(NotImplementedError, match="Bare: a subclassed model has no config; define get_config"):
        save_model(Bare(), tmp_path / "b.neurona")
    assert list(tmp_path.iterdir()) == []


def test_an_unregistered_loss_cannot_be_saved_with_the_optimizer(tmp_path):
    model = network()
    model.compile(optimizer="sgd", loss=lambda p, t: neurona.functional.mse(p, t))
    with pytest.raises(ValueError, match="not a registered loss.*define it with def"):
        save_model(model, tmp_path / "m.neurona")
    save_model(model, tmp_path / "m.neurona", include_optimizer=False)


def test_the_file_is_a_zip_of_json_and_safetensors(tmp_path):
    x, y = data()
    model = network()
    model.fit(x, y, epochs=1, verbose=0)
    save_model(model, tmp_path / "m.neurona")
    with zipfile.ZipFile(tmp_path / "m.neurona") as archive:
        names = sorted(archive.namelist())
        config = json.loads(archive.read("config.json"))
    assert names == ["config.json", "model.weights.safetensors", "optimizer.json", "optimizer.safetensors"]
    assert config["class_name"] == "Sequential" and config["format_version"] == 1
    assert config["neurona_version"] == neurona.__version__
    assert config["build_config"]["0"]["input_shape"][1:] == [4]


def test_a_functional_model_with_two_inputs_and_a_shared_layer_round_trips(tmp_path):
    from neurona.layers import Concatenate, Input
    from neurona.models import Model, load_model

    neurona.random.seed(3)
    a, b = Input((3,), name="a"), Input((3,), name="b")
    shared = Dense(4, activation="tanh", name="shared")
    out = Dense(1, name="out")(Concatenate()([shared(a), shared(b)]))
    model = Model([a, b], out)
    rng = np.random.default_rng(0)
    xa, xb, y = rng.standard_normal((16, 3)), rng.standard_normal((16, 3)), rng.standard_normal((16, 1))
    model.compile(optimizer="adam", loss="mse")
    model.fit([xa, xb], y, epochs=2, batch_size=8, verbose=0)
    model.save(tmp_path / "functional.neurona")
    again = load_model(tmp_path / "functional.neurona")
    assert again.get_config() == model.get_config()
    np.testing.assert_array_equal(again.predict([xa, xb]), model.predict([xa, xb]))
    model.fit([xa, xb], y, epochs=1, batch_size=8, verbose=0, shuffle=False)
    again.fit([xa, xb], y, epochs=1, batch_size=8, verbose=0, shuffle=False)
    np.testing.assert_array_equal(again.predict([xa, xb]), model.predict([xa, xb]))
