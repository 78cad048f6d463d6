"""``neurona.models``: the Keras-style models, ``Sequential`` and ``Model``."""
from neurona.training import Model, Sequential

__all__ = ["Model", "Sequential"]
