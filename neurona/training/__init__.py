"""Training: the Keras-style Model API (compile / fit / evaluate / predict), losses by name, metrics."""
from neurona.training.model import Model
from neurona.training.sequential import Sequential

__all__ = ["Model", "Sequential"]
