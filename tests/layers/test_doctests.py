"""The Examples sections of the layer, module, initializer and regularizer docs run as written."""
import doctest
import importlib

import pytest

MODULES = [
    "neurona.activations", "neurona.regularizers", "neurona.nn.module", "neurona.nn.parameter",
    "neurona.initializers", "neurona.initializers.base", "neurona.initializers.constant",
    "neurona.initializers.distributions", "neurona.initializers.variance_scaling",
    "neurona.layers", "neurona.layers.base", "neurona.layers.dense", "neurona.layers.activation",
    "neurona.layers.dropout", "neurona.layers.reshaping", "neurona.layers.normalization", "neurona.layers.maxout",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
