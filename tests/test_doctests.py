"""Every Examples section in the package runs as written (docs that cannot go stale)."""
import doctest
import importlib
import pkgutil

import pytest

import neurona

MODULES = sorted(
    info.name for info in pkgutil.walk_packages(neurona.__path__, "neurona.") if not info.name.endswith("__main__")
)


@pytest.mark.parametrize("name", ["neurona", *MODULES])
def test_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
