"""The one registry helper: names (any case), configs, instances, user classes, custom objects."""
import json

import numpy as np
import pytest

import neurona.functional as F
from neurona import activations, initializers, layers, optimizers, regularizers
from neurona.initializers import Initializer
from neurona.optimizers import schedules
from neurona.registry import Registry, custom_object_scope, register_serializable
from neurona.regularizers import Regularizer


@register_serializable(package="TestRegistry")
class Halves(Initializer):
    def __init__(self, value: float = 0.5) -> None:
        self.value = value

    def sample(self, shape, dtype):
        return np.full(shape, self.value, dtype)

    def get_config(self):
        return {"value": self.value}


@register_serializable(package="TestRegistry")
def cube(x):
    return x * x * x


class Unregistered(Regularizer):
    def __call__(self, weight):
        return (weight * 0).sum()


@pytest.mark.parametrize(
    "get, name, expected",
    [
        (activations.get, "Sigmoid", F.sigmoid),
        (lambda n: type(initializers.get(n)), "HE_NORMAL", initializers.HeNormal),
        (lambda n: type(regularizers.get(n)), "L1_L2", regularizers.L1L2),
        (lambda n: type(optimizers.get(n)), "RMSProp", optimizers.RMSprop),
        (lambda n: type(layers.deserialize({"class_name": n, "config": {"units": 2}})), "dense", layers.Dense),
        (lambda n: type(schedules.deserialize({"class_name": n, "config": {"initial": 1.0, "decay_steps": 2}})),
         "cosinedecay", schedules.CosineDecay),
    ],
)
def test_every_kind_resolves_names_in_any_case(get, name, expected):
    assert get(name) is expected


@pytest.mark.parametrize(
    "obj, registry",
    [
        (initializers.VarianceScaling(2.0, "fan_out"), initializers.INITIALIZERS),
        (regularizers.L1L2(0.1, 0.2), regularizers.REGULARIZERS),
        (optimizers.Adam(learning_rate=schedules.StepDecay(0.1, 0.5, 3), beta_1=0.8), optimizers.OPTIMIZERS),
        (schedules.ExponentialDecay(0.1, 0.5, 10), schedules.SCHEDULES),
        (layers.Dense(3, activation="tanh", kernel_regularizer="l2"), layers.LAYERS),
    ],
    ids=lambda v: type(v).__name__,
)
def test_one_serialized_shape_round_trips_through_json(obj, registry):
    config = registry.serialize(obj)
    assert set(config) == {"class_name", "config"} and config["class_name"] == type(obj).__name__
    clone = registry.get(json.loads(json.dumps(config)))
    assert type(clone) is type(obj)
    assert registry.serialize(clone) == config


def test_instances_pass_through_and_presets_are_fresh():
    opt = optimizers.Adam()
    assert optimizers.get(opt) is opt
    assert optimizers.get("momentum") is not optimizers.get("momentum")
    assert regularizers.get("l1_l2").get_config() == {"l1": 0.01, "l2": 0.01}


def test_optimizers_still_read_their_flat_get_config():
    opt = optimizers.get({"name": "sgd", "learning_rate": 0.5, "momentum": 0.3})
    assert type(opt) is optimizers.SGD and (opt.learning_rate, opt.momentum) == (0.5, 0.3)


def test_unknown_names_list_the_valid_ones_and_say_how_to_register():
    with pytest.raises(ValueError, match=r"unknown optimizer 'adamax'; valid names: sgd, .*nesterov\. "
                                         r"For a custom optimizer, .*register_serializable.*custom_objects"):
        optimizers.get("adamax")


def test_bad_configs_name_the_kind_and_the_problem():
    with pytest.raises(ValueError, match=r"a serialized layer is \{'class_name': str, 'config': dict\}"):
        layers.deserialize({"class_name": "Dense", "config": [2]})
    with pytest.raises(ValueError, match="layer 'Dense' cannot be built from config"):
        layers.deserialize({"class_name": "Dense", "config": {"units": 2, "bogus": 1}})
    with pytest.raises(ValueError, match="activation 'relu' takes no config"):
        activations.get({"class_name": "relu", "config": {"alpha": 1}})
    with pytest.raises(TypeError, match="an optimizer is a name or a .* dict or an Optimizer, not int"):
        optimizers.get(3)


def test_registered_user_objects_are_found_by_every_registry_of_their_kind():
    assert initializers.serialize(Halves(0.25)) == {"class_name": "TestRegistry>Halves", "config": {"value": 0.25}}
    assert initializers.get({"class_name": "TestRegistry>Halves", "config": {"value": 0.25}}).value == 0.25
    assert activations.serialize(cube) == "TestRegistry>cube"
    assert activations.get("testregistry>CUBE") is cube


def test_a_user_object_of_another_kind_is_refused():
    with pytest.raises(TypeError, match="'TestRegistry>Halves' is registered, but it is not a layer"):
        layers.deserialize({"class_name": "TestRegistry>Halves", "config": {}})
    with pytest.raises(TypeError, match="not a regularizer"):
        regularizers.get("TestRegistry>Halves")


def test_unregistered_subclasses_are_saved_by_class_name_and_loaded_through_custom_objects():
    config = regularizers.serialize(Unregistered())
    assert config == {"class_name": "Unregistered", "config": {}}
    with pytest.raises(ValueError, match="unknown regularizer 'Unregistered'.*custom_objects=\\{'Unregistered': ...\\}"):
        regularizers.get(config)
    with custom_object_scope({"Unregistered": Unregistered}):
        assert type(regularizers.get(config)) is Unregistered
    with pytest.raises(ValueError, match="unknown regularizer"):
        regularizers.get(config)


def test_an_unregistered_class_with_a_builtin_name_cannot_pass_for_the_builtin():
    class Dense(layers.Layer):
        def forward(self, x):
            return x

    with pytest.raises(ValueError, match="not a registered layer"):
        layers.serialize(Dense())


def test_custom_objects_match_the_bare_class_name_and_come_first():
    with custom_object_scope({"Halves": initializers.Ones, "relu": cube}):
        assert type(initializers.get({"class_name": "TestRegistry>Halves", "config": {}})) is initializers.Ones
        assert activations.get("relu") is cube
    assert activations.get("relu") is F.relu


def test_names_are_unique_per_registry_but_a_redefinition_replaces():
    registry = Registry("thing")
    registry.register(Halves)
    with pytest.raises(ValueError, match="the name 'halves' is already taken"):
        registry.register(initializers.Ones, name="halves")
    twin = type("Halves", (Initializer,), {"__module__": Halves.__module__, "__qualname__": Halves.__qualname__})
    registry.register(twin)
    assert registry.lookup("Halves") is twin


def test_register_serializable_checks_the_package():
    with pytest.raises(ValueError, match="without '>'"):
        register_serializable(package="a>b")


def test_lambdas_cannot_be_saved_by_name():
    with pytest.raises(ValueError, match="define it with def"):
        initializers.serialize(lambda shape, dtype: np.zeros(shape, dtype))


def test_a_provided_name_imports_its_module_on_first_lookup(tmp_path, monkeypatch):
    import sys

    from neurona.registry import Registry

    (tmp_path / "provider_mod.py").write_text(
        "from tests.test_registry import PROVIDED\n"
        "@PROVIDED.register\nclass Late:\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "provider_mod", raising=False)
    PROVIDED.provided_by("provider_mod", "Late")
    assert "Late" in PROVIDED.names() and "provider_mod" not in sys.modules
    assert PROVIDED.lookup("late").__name__ == "Late"
    assert "provider_mod" in sys.modules


PROVIDED = __import__("neurona.registry", fromlist=["Registry"]).Registry("thing")
