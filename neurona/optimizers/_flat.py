"""The parameters of one dtype laid out in one contiguous buffer.

When an optimizer binds its parameters, their values are copied into one flat
array and each ``param.data`` is rebound to a reshaped view of it (the only
rebinding the optimizer ever does). The gradients are gathered into a flat
buffer of the same layout, and the per-parameter state (Adam's m and v, ...)
lives in flat arrays too, so a step costs a fixed number of NumPy calls however
many parameters there are. Every flat array also has one view per parameter,
for the steps where that is needed:

- a parameter whose ``.grad`` is None is left untouched (as PyTorch does): that
  step runs the update rule parameter by parameter, on the views;
- a parameter whose ``.data`` was rebound by other code (``p.data = array``) is
  noticed (``p.data is not view``) and its values are copied back in first.

Each parameter counts its own updates ``t`` (Adam's bias correction uses it);
while they are all equal the group keeps one shared count.
"""
from __future__ import annotations

import numpy as np

from neurona.tensor import Tensor


def _split(flat: np.ndarray, shapes: list[tuple], offsets: list[int]) -> list[np.ndarray]:
    return [flat[start:stop].reshape(shape) for shape, start, stop in zip(shapes, offsets, offsets[1:])]


class FlatGroup:
    """Parameters of one dtype, their gradients, a scratch array and the named state arrays.

    ``slots`` maps each state name to its initial value, e.g. ``{"m": 0.0, "v": 0.0}``.
    """

    def __init__(self, params: list[Tensor], slots: dict[str, float], owner: str) -> None:
        self.params = params
        self.owner = owner
        self.shapes = [p.data.shape for p in params]
        offsets = np.cumsum([0] + [p.data.size for p in params]).tolist()
        dtype = params[0].data.dtype
        self.data = np.empty(offsets[-1], dtype)
        self.grad = np.empty_like(self.data)
        self.tmp = np.empty_like(self.data)
        self.slot_names = tuple(slots)
        self.slots = tuple(np.full_like(self.data, value) for value in slots.values())
        self.views = _split(self.data, self.shapes, offsets)
        self.grad_views = _split(self.grad, self.shapes, offsets)
        self.tmp_views = _split(self.tmp, self.shapes, offsets)
        per_slot = [_split(flat, self.shapes, offsets) for flat in self.slots]
        self.slot_views = [tuple(views[i] for views in per_slot) for i in range(len(params))]
        self.t: int | None = 0
        self.steps = np.zeros(len(params), np.int64)
        for i in range(len(params)):
            self.adopt(i)

    def adopt(self, i: int) -> None:
        """Copy parameter ``i``'s current values into the buffer and rebind its ``.data`` to its view."""
        param, view = self.params[i], self.views[i]
        if param.data.shape != view.shape:
            raise ValueError(
                f"{self.owner}: parameter {i} now has shape {param.data.shape} but was bound with shape "
                f"{view.shape}; call set_parameters() again (this starts a fresh optimizer state)"
            )
        np.copyto(view, param.data)
        param.data = view

    def step_counts(self) -> np.ndarray:
        """How many updates each parameter has received."""
        return np.full(len(self.params), self.t, np.int64) if self.t is not None else self.steps.copy()

    def set_step_counts(self, steps: np.ndarray) -> None:
        self.steps = np.array(steps, np.int64)
        self.t = int(self.steps[0]) if (self.steps == self.steps[0]).all() else None

    def jobs(self) -> list[tuple]:
        """Gather the gradients; return the updates to run, each ``(θ, g, tmp, t, slots)``.

        One update on the flat arrays when every parameter has a gradient and the
        same count; otherwise one per parameter that has a gradient.
        """
        grads = []
        complete = self.t is not None
        for i, (param, view) in enumerate(zip(self.params, self.views)):
            if param.data is not view:
                self.adopt(i)
            grad = param.grad
            if grad is None:
                complete = False
            elif grad.shape != view.shape:
                raise ValueError(
                    f"{self.owner}: parameter {i} has shape {view.shape} but its .grad has shape {grad.shape}"
                )
            grads.append(grad)
        if complete:
            np.concatenate(grads, axis=None, out=self.grad)
            self.t += 1
            return [(self.data, self.grad, self.tmp, self.t, self.slots)]
        return self._per_parameter_jobs(grads)

    def _per_parameter_jobs(self, grads: list) -> list[tuple]:
        steps = self.step_counts()
        jobs = []
        for i, grad in enumerate(grads):
            if grad is None:
                continue
            np.copyto(self.grad_views[i], grad)
            steps[i] += 1
            jobs.append((self.views[i], self.grad_views[i], self.tmp_views[i], int(steps[i]), self.slot_views[i]))
        self.set_step_counts(steps)
        return jobs
