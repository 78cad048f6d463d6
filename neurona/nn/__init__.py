"""The PyTorch-style building blocks: :class:`Module` and :class:`Parameter`."""
from neurona.nn.module import LoadResult, Module
from neurona.nn.parameter import Parameter

__all__ = ["LoadResult", "Module", "Parameter"]
