import pytest


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test left open (pyplot keeps them all alive otherwise)."""
    yield
    from neurona.plot._figure import pyplot

    pyplot().close("all")
