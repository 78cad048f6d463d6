"""The activation registry: names to functions and back."""
import pytest

import neurona.functional as F
from neurona import activations


@pytest.mark.parametrize(
    "name, fn",
    [("linear", F.identity), ("sigmoid", F.sigmoid), ("tanh", F.tanh), ("relu", F.relu), ("leaky_relu", F.leaky_relu),
     ("elu", F.elu), ("selu", F.selu), ("softplus", F.softplus), ("softmax", F.softmax), ("log_softmax", F.log_softmax),
     ("step", F.step)],
)
def test_names_map_to_functional_and_back(name, fn):
    assert activations.get(name) is fn
    assert activations.serialize(fn) == name


def test_the_course_table_names_identity_and_step():
    assert activations.get("identity") is F.identity
    assert activations.get("step") is F.step
    assert activations.serialize(activations.get("identity")) == "linear"


def test_names_are_case_insensitive():
    assert activations.get("ReLU") is F.relu
    assert activations.get("TANH") is F.tanh


def test_none_is_linear_and_callables_pass_through():
    assert activations.get(None) is F.identity
    custom = lambda x: x * 2  # noqa: E731
    assert activations.get(custom) is custom


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(ValueError, match="unknown activation 'swish'; valid names: linear, sigmoid, tanh, relu, leaky_relu, "
                                         "elu, selu, softplus, softmax, log_softmax, step, identity"):
        activations.get("swish")
    with pytest.raises(TypeError):
        activations.get(3)


def test_unregistered_functions_cannot_be_serialized():
    with pytest.raises(ValueError, match="not a registered activation"):
        activations.serialize(lambda x: x)
