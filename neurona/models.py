"""``neurona.models``: the Keras-style models, ``Sequential`` and ``Model``, and ``load_model`` for their files."""
from neurona.saving import load_model
from neurona.training import Model, Sequential

__all__ = ["Model", "Sequential", "load_model"]
