"""The parameters of one dtype, updated where they live, with their state in flat buffers.

The optimizer never moves a parameter: it updates ``param.data`` in place, so
every handle on it stays live. Its own arrays (the gradients, a scratch array and
the state such as Adam's m and v) are flat buffers with one view per parameter,
laid out in the parameters' memory order, so that a step costs a fixed number of
NumPy calls however many parameters there are:

- parameters whose storage is contiguous (a model's, allocated one after another
  by :mod:`neurona.nn.arena`) form a *run*, updated as one flat slice;
- short runs that lie apart (tensors made one by one) are *packed*: gathered into
  one scratch buffer, updated together, and copied back;
- a parameter whose ``.grad`` is None is left untouched (as PyTorch does): that
  step runs the rule parameter by parameter, on each parameter's own array;
- a parameter whose ``.data`` was rebound by other code (``p.data = array``) is
  noticed (``p.data is not`` the array planned for) and the runs are planned
  again; its new array is what gets updated.

Each parameter counts its own updates ``t`` (Adam's bias correction uses it);
while they are all equal the group keeps one shared count. Rules that do not
use ``t`` keep to whole runs even when the counts differ.
"""
from __future__ import annotations

import numpy as np

from neurona.tensor import Tensor

PACK_BELOW = 8192
"""Runs shorter than this many elements are packed together when several lie apart."""


def _split(flat: np.ndarray, shapes: list[tuple], offsets: list[int]) -> list[np.ndarray]:
    return [flat[start:stop].reshape(shape) for shape, start, stop in zip(shapes, offsets, offsets[1:])]


def _address(array: np.ndarray) -> int:
    return array.__array_interface__["data"][0]


def _follows(before: np.ndarray, after: np.ndarray) -> bool:
    """Whether ``after``'s storage starts where ``before``'s ends, in one flat owner array."""
    base = before.base
    return (
        base is not None
        and after.base is base
        and isinstance(base, np.ndarray)
        and base.flags.c_contiguous
        and before.flags.c_contiguous
        and after.flags.c_contiguous
        and _address(after) == _address(before) + before.nbytes
    )


def memory_order(arrays: list[np.ndarray]) -> list[int]:
    """Indices of ``arrays`` sorted so that arrays sharing an owner come together, by address."""
    return sorted(range(len(arrays)), key=lambda i: (id(arrays[i].base), _address(arrays[i])))


class FlatGroup:
    """Parameters of one dtype, their gradients, a scratch array and the named state arrays.

    ``params`` and ``names`` come in :func:`memory_order`. ``slots`` maps each
    state name to its initial value, e.g. ``{"m": 0.0, "v": 0.0}``.
    """

    def __init__(
        self, params: list[Tensor], names: list[str], slots: dict[str, float], owner: str, uses_t: bool = True
    ) -> None:
        self.params = params
        self.uses_t = uses_t
        self.names = names
        self.owner = owner
        self.arrays = [p._data for p in params]
        self.shapes = [a.shape for a in self.arrays]
        self.offsets = np.cumsum([0] + [a.size for a in self.arrays]).tolist()
        self.dtype = self.arrays[0].dtype
        self.grad = np.empty(self.offsets[-1], self.dtype)
        self.tmp = np.empty_like(self.grad)
        self.slot_names = tuple(slots)
        self.slots = tuple(np.full_like(self.grad, value) for value in slots.values())
        self.grad_views = _split(self.grad, self.shapes, self.offsets)
        self.tmp_views = _split(self.tmp, self.shapes, self.offsets)
        per_slot = [_split(flat, self.shapes, self.offsets) for flat in self.slots]
        self.slot_views = [tuple(views[i] for views in per_slot) for i in range(len(params))]
        self.t: int | None = 0
        self.steps = np.zeros(len(params), np.int64)
        self.updated: list[Tensor] = []
        self.updated_grads: list[np.ndarray] = []
        self._whole = False
        self._plan(self.arrays)

    # ------------------------------------------------------------- planning
    def _check(self, i: int, array) -> None:
        if not isinstance(array, np.ndarray) or array.shape != self.shapes[i] or array.dtype != self.dtype:
            got = f"{array.dtype} {array.shape}" if isinstance(array, np.ndarray) else type(array).__name__
            raise ValueError(
                f"{self.owner}: parameter '{self.names[i]}' now holds {got} but was bound as "
                f"{self.dtype} {self.shapes[i]}; call set_parameters() again (its state starts afresh)"
            )
        if not array.flags.writeable:
            raise ValueError(f"{self.owner}: parameter '{self.names[i]}' holds a read-only array; give it a writable one")

    def _plan(self, arrays: list[np.ndarray]) -> None:
        """Split the parameters into runs of contiguous storage; pack neighbouring short runs."""
        runs, start = [], 0
        for i, array in enumerate(arrays):
            self._check(i, array)
            if i and not _follows(arrays[i - 1], array):
                runs.append((start, i))
                start = i
        runs.append((start, len(arrays)))
        self.arrays, self.plan, self.packs, pending = arrays, [], [], []
        for first, last in runs:
            if self.offsets[last] - self.offsets[first] < PACK_BELOW or not arrays[first].flags.c_contiguous:
                pending.append((first, last))
                continue
            self._pack(pending)
            pending = []
            self._in_place(first, last)
        self._pack(pending)

    def _job(self, theta: np.ndarray, first: int, last: int) -> tuple:
        start, stop = self.offsets[first], self.offsets[last]
        return theta, self.grad[start:stop], self.tmp[start:stop], tuple(flat[start:stop] for flat in self.slots)

    def _in_place(self, first: int, last: int) -> None:
        """Plan parameters ``first .. last - 1`` (one run) as one update of a flat view of their storage."""
        head = self.arrays[first]
        if last - first == 1:
            theta = head.reshape(-1)
        else:
            owner = head.base.reshape(-1)
            offset = (_address(head) - _address(owner)) // self.dtype.itemsize
            theta = owner[offset : offset + self.offsets[last] - self.offsets[first]]
        self.plan.append(self._job(theta, first, last))

    def _pack(self, runs: list[tuple[int, int]]) -> None:
        """Plan ``runs`` (consecutive in the layout) as one packed update, or in place if alone."""
        if not runs:
            return
        first, last = runs[0][0], runs[-1][1]
        if len(runs) == 1 and self.arrays[first].flags.c_contiguous:
            self._in_place(first, last)
            return
        buffer = np.empty(self.offsets[last] - self.offsets[first], self.dtype)
        local = [offset - self.offsets[first] for offset in self.offsets[first : last + 1]]
        self.packs.append((self.arrays[first:last], buffer, _split(buffer, self.shapes[first:last], local)))
        self.plan.append(self._job(buffer, first, last))

    # ----------------------------------------------------------------- steps
    def step_counts(self) -> np.ndarray:
        """How many updates each parameter has received."""
        return np.full(len(self.params), self.t, np.int64) if self.t is not None else self.steps.copy()

    def set_step_counts(self, steps) -> None:
        self.steps = np.array(steps, np.int64)
        self.t = int(self.steps[0]) if (self.steps == self.steps[0]).all() else None

    def jobs(self) -> list[tuple]:
        """Gather the gradients; return the updates to run, each ``(θ, g, tmp, t, slots)``.

        Whole runs and packs when every parameter has a gradient and the same
        count; otherwise one update per parameter that has a gradient, on its own
        array. Call :meth:`finish` after running them.
        """
        grads, complete, moved = [], self.t is not None or not self.uses_t, False
        for i, (param, array) in enumerate(zip(self.params, self.arrays)):
            if param._data is not array:
                moved = True
            grad = param.grad
            if grad is None:
                complete = False
            elif grad.shape != self.shapes[i]:
                raise ValueError(
                    f"{self.owner}: parameter '{self.names[i]}' has shape {self.shapes[i]} "
                    f"but its .grad has shape {grad.shape}"
                )
            grads.append(grad)
        if moved:
            self._plan([p._data for p in self.params])
        self._whole = complete
        if not complete:
            return self._per_parameter_jobs(grads)
        for view, grad in zip(self.grad_views, grads):  # faster than one concatenate, small or large
            view[...] = grad
        for members, buffer, _ in self.packs:
            np.concatenate(members, axis=None, out=buffer)
        if self.t is None:
            self.steps += 1
        else:
            self.t += 1
        self.updated, self.updated_grads = self.params, self.grad_views
        return [(theta, g, tmp, self.t, state) for theta, g, tmp, state in self.plan]

    def _per_parameter_jobs(self, grads: list) -> list[tuple]:
        steps = self.step_counts()
        jobs, self.updated, self.updated_grads = [], [], []
        for i, grad in enumerate(grads):
            if grad is None:
                continue
            np.copyto(self.grad_views[i], grad)
            steps[i] += 1
            jobs.append((self.arrays[i], self.grad_views[i], self.tmp_views[i], int(steps[i]), self.slot_views[i]))
            self.updated.append(self.params[i])
            self.updated_grads.append(self.grad_views[i])
        self.set_step_counts(steps)
        return jobs

    def finish(self) -> None:
        """Copy packed results back into the parameters; count a write on each updated one."""
        if self._whole:
            for members, _, views in self.packs:
                for array, view in zip(members, views):
                    np.copyto(array, view)
        for param in self.updated:
            param.bump_version()
        self.updated = []
