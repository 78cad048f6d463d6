"""What the generative models share: the logits behind a sigmoid output, standard normal draws, batched inference."""
from __future__ import annotations

import numpy as np

from neurona import backend
from neurona import random as nr_random
from neurona.functional.activations import Sigmoid
from neurona.grad_mode import no_grad
from neurona.nn import Module
from neurona.tensor import Tensor


def logits_of(probabilities: Tensor, owner: str, network: str) -> Tensor:
    """The input of the sigmoid that made ``probabilities``: a cross-entropy from it is stable for any input.

    A ``network`` whose output is not a sigmoid's is refused: its output would be
    taken for probabilities, and a silent wrong loss is worse than an error.
    """
    creator = probabilities._creator
    if not isinstance(creator, Sigmoid):
        made_by = "no op (it has no graph)" if creator is None else type(creator).__name__
        raise ValueError(
            f"{owner}: the {network} must end in a sigmoid (Dense(..., activation='sigmoid')), "
            f"so that its output is a probability; its output of shape {probabilities.shape} comes from {made_by}"
        )
    return creator.inputs[0]


def standard_normal(shape: tuple) -> Tensor:
    """A tensor of N(0, 1) draws from the one seeded generator, in the default dtype."""
    dtype = backend.get_default_dtype()
    draws = nr_random.get_rng().standard_normal(shape, dtype=np.float32 if dtype == np.float32 else np.float64)
    return Tensor(draws.astype(dtype, copy=False))


def run_batched(module: Module, x: np.ndarray, batch_size: int) -> list[np.ndarray]:
    """``module`` on ``x`` in batches, in evaluation mode and without a graph; its outputs as arrays (a list)."""
    modes = [(m, m.training) for m in module.modules()]
    module.eval()
    parts: list[list[np.ndarray]] = []
    try:
        with no_grad():
            for start in range(0, len(x), batch_size):
                out = module(Tensor(x[start:start + batch_size]))
                parts.append([o.numpy() for o in (out if isinstance(out, (list, tuple)) else [out])])
    finally:
        for m, mode in modes:
            m.training = mode
    return [np.concatenate(column) for column in zip(*parts)]
