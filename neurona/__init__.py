"""neurona: a NumPy deep-learning framework where the theory is plain to read in the code."""
from neurona import random
from neurona.backend import get_default_dtype, set_default_dtype
from neurona.grad_mode import enable_grad, is_grad_enabled, no_grad
from neurona.tensor import Tensor, as_tensor, tensor
from neurona.function import Function, ShapeError
from neurona import functional, info
from neurona.gradcheck import GradcheckError, gradcheck
from neurona import activations, initializers, nn, regularizers, layers, optimizers, callbacks, models

__version__ = "0.1.0"

__all__ = [
    "Function", "GradcheckError", "ShapeError", "Tensor", "activations", "as_tensor", "callbacks", "enable_grad",
    "functional", "get_default_dtype", "gradcheck", "info", "initializers", "is_grad_enabled", "layers",
    "models", "nn", "no_grad", "optimizers", "random", "regularizers", "set_default_dtype", "tensor",
]
