"""Optimizers: the update rules of the course (SGD with momentum and NAG, Adagrad,
RMSprop, Adam, AdamW), learning-rate schedules and gradient clipping.

Examples
--------
PyTorch style:

>>> import neurona as nr
>>> from neurona import optimizers
>>> w = nr.tensor([[1.0, 2.0]], requires_grad=True)
>>> opt = optimizers.Adam([w], lr=0.01)
>>> (w * w).sum().backward()
>>> opt.step(); opt.zero_grad()

Keras style (the training code binds the parameters):

>>> opt = optimizers.get("adam")
>>> opt.set_parameters([w])
"""
from neurona.optimizers import schedules
from neurona.optimizers.adagrad import Adagrad
from neurona.optimizers.adam import Adam, AdamW
from neurona.optimizers.base import Optimizer
from neurona.optimizers.clipping import clip_grad_norm_, clip_grad_value_
from neurona.optimizers.registry import OPTIMIZERS, get, serialize
from neurona.optimizers.rmsprop import RMSprop
from neurona.optimizers.schedules import (
    CosineDecay,
    ExponentialDecay,
    Schedule,
    StepDecay,
)
from neurona.optimizers.sgd import SGD

__all__ = [
    "OPTIMIZERS", "SGD", "Adagrad", "Adam", "AdamW", "CosineDecay", "ExponentialDecay", "Optimizer", "RMSprop",
    "Schedule", "StepDecay", "clip_grad_norm_", "clip_grad_value_", "get", "schedules", "serialize",
]
