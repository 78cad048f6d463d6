"""What every recurrent op shares: input checks, the input projection, the packed output, and the
weight gradients as products over the whole sequence.

Internally time runs along axis 0 (``(time, batch, ...)``), so each step reads and writes
contiguous blocks. The op returns one packed array ``(batch, rows, units)``: the hidden state of
every step (with ``return_sequences``), then the final hidden state, then the final cell state
(LSTM). :mod:`neurona.functional.recurrent` slices it into the outputs.
"""
from __future__ import annotations

import numpy as np

from neurona.function import Function, ShapeError


def _shape_of(a) -> str:
    return "None" if a is None else str(np.shape(a))


def check_inputs(name: str, x, states: list, kernel, recurrent_kernel, bias, gates: int, bias_shape, mask):
    """Validate shapes and dtypes; return ``(dtype, units)``. ``bias_shape`` uses ``u`` for units."""
    if np.ndim(x) != 3:
        raise ShapeError(f"{name}: x must have shape (batch, time, features), got {_shape_of(x)}")
    batch, time, features = x.shape
    if np.ndim(recurrent_kernel) != 2 or recurrent_kernel.shape[1] != gates * recurrent_kernel.shape[0]:
        raise ShapeError(f"{name}: recurrent_kernel must have shape (units, {gates}*units), got {_shape_of(recurrent_kernel)}")
    units = recurrent_kernel.shape[0]
    if np.shape(kernel) != (features, gates * units):
        raise ShapeError(
            f"{name}: kernel must have shape (features, {gates}*units) = {(features, gates * units)} "
            f"for x of shape {x.shape} and recurrent_kernel of shape {recurrent_kernel.shape}, got {_shape_of(kernel)}"
        )
    expected_bias = tuple(gates * units if d == "u" else d for d in bias_shape)
    if bias is not None and np.shape(bias) != expected_bias:
        raise ShapeError(f"{name}: bias must have shape {expected_bias}, got {_shape_of(bias)}")
    for state in states:
        if state is not None and np.shape(state) != (batch, units):
            raise ShapeError(f"{name}: initial state must have shape (batch, units) = {(batch, units)}, got {_shape_of(state)}")
    if mask is not None and (np.shape(mask) != (batch, time) or np.asarray(mask).dtype != bool):
        raise ShapeError(
            f"{name}: mask must be a boolean array of shape (batch, time) = {(batch, time)}, "
            f"got {np.asarray(mask).dtype} of shape {_shape_of(mask)}"
        )
    arrays = [a for a in (x, kernel, recurrent_kernel, bias, *states) if a is not None]
    dtype = np.result_type(*arrays)
    if dtype.kind != "f":
        raise TypeError(f"{name}: x, the weights and the states must be floating, got {[a.dtype.name for a in arrays]}")
    return dtype, units


def sigmoid_scale(units: int, gates: int, tanh_gates: tuple, dtype) -> np.ndarray:
    """0.5 on the columns of the sigmoid gates, 1 on the tanh ones: σ(z) = 0.5·tanh(0.5·z) + 0.5."""
    scale = np.full((gates, units), 0.5, dtype)
    scale[list(tanh_gates)] = 1
    return scale.reshape(-1)


class Workspace:
    """Scratch arrays passed from one call of a recurrent op to the next, up to ``limit`` bytes kept.

    One call of an op needs a dozen arrays of (time, batch, units); fresh ones cost the allocator's
    return-to-the-system-and-fault-again cycle, a page fault per 4 KiB (2 ms a batch of the
    50-step LSTM benchmark, a quarter of the step). An op takes its arrays here and gives them
    back once backward has released it; an array that reaches the caller is never given back.

    Examples
    --------
    >>> space = Workspace()
    >>> a = space.take((2, 3), np.float32)
    >>> space.give([a])
    >>> space.take((2, 3), np.float32) is a, space.take((2, 3), np.float32) is a
    (True, False)
    """

    def __init__(self, limit: int = 64 << 20) -> None:
        self.limit, self.kept, self.free = limit, 0, {}

    def take(self, shape: tuple, dtype) -> np.ndarray:
        """An uninitialized array of ``shape`` and ``dtype``, reused where one is free."""
        stack = self.free.get((shape, np.dtype(dtype)))
        try:
            array = stack.pop()
        except (AttributeError, IndexError):  # no stack for this key, or an empty one
            return np.empty(shape, dtype)
        self.kept -= array.nbytes
        return array

    def give(self, arrays: list) -> None:
        """Keep ``arrays`` (which nothing else refers to) for later calls, within the limit."""
        for array in arrays:
            if self.kept + array.nbytes <= self.limit:
                self.free.setdefault((array.shape, array.dtype), []).append(array)
                self.kept += array.nbytes


WORKSPACE = Workspace()


class Recurrent(Function):
    """Base of the recurrent ops; a subclass defines ``_steps`` and ``_steps_backward``.

    ``_steps(proj, states, recurrent_kernel, bias)`` runs the recurrence over the input
    projection ``proj`` (time, batch, gates*units), fills ``self.hs`` (time+1, batch, units:
    the initial state, then every step's hidden state) and returns the final extra states.
    ``_steps_backward(dh, dstates, seq)`` runs it in reverse and returns the gradients of the
    input projection (time, batch, gates*units), of the recurrent kernel and the recurrent part
    of the bias, and of the initial states.
    """

    name = "recurrent"
    n_states = 1
    gates = 1
    bias_shape: tuple = ("u",)

    def __init__(
        self, mask=None, go_backwards: bool = False, return_sequences: bool = False, recurrent_mask=None,
    ) -> None:
        self.mask = None if mask is None else getattr(mask, "_data", mask)
        self.go_backwards, self.return_sequences = go_backwards, return_sequences
        self.recurrent_mask = None if recurrent_mask is None else np.asarray(getattr(recurrent_mask, "_data", recurrent_mask))

    def _take(self, shape: tuple) -> np.ndarray:
        """A scratch array of this call, given back to the workspace by :meth:`release`."""
        array = WORKSPACE.take(shape, self.dtype)
        self._scratch.append(array)
        return array

    def release(self) -> None:
        WORKSPACE.give(self.__dict__.get("_scratch", []))
        super().release()

    def forward(self, x, *rest):
        self._scratch = []  # a new list: a node copied from this one before the call must not share it
        states, (kernel, recurrent_kernel, bias) = list(rest[: self.n_states]), rest[self.n_states:]
        self.dtype, units = check_inputs(
            self.name, x, states, kernel, recurrent_kernel, bias, self.gates, self.bias_shape, self.mask
        )
        batch, time, _ = x.shape
        states = [np.zeros((batch, units), self.dtype) if s is None else s for s in states]
        keep = None
        if self.mask is not None:
            keep = np.ascontiguousarray(self._time_major(~np.asarray(self.mask)))[..., None]
        self.keep = keep
        self.rmask = self._recurrent_mask(batch, units)
        features = x.shape[2]
        self.xt = self._take((time, batch, features + (bias is not None)))
        np.copyto(self.xt[..., :features], self._time_major(x), casting="unsafe")
        if keep is not None:  # padded inputs (even NaN) reach neither output nor gradients
            np.copyto(self.xt[..., :features], 0, where=keep)
        if bias is not None:
            self.xt[..., features] = 1  # the input of the bias: one product adds it, one gives its gradient
        self.kernel, self.recurrent_kernel = kernel, recurrent_kernel
        proj = self._project(self.xt, kernel, bias, self._input_scale(units))
        finals = self._steps(proj, states, recurrent_kernel, bias)
        seq = self.hs[1:] if self.return_sequences else self.hs[:0]
        packed = np.empty((batch, len(seq) + 1 + len(finals), units), self.dtype)
        packed[:, : len(seq)] = seq.transpose(1, 0, 2)
        packed[:, len(seq)] = self.hs[-1]
        for k, state in enumerate(finals):
            packed[:, len(seq) + 1 + k] = state
        return packed

    def _recurrent_mask(self, batch: int, units: int):
        """The recurrent dropout mask (batch, units) that scales ``h`` before ``h·U``, or None: a copy,
        which backward reads however the caller's array changes after the forward pass."""
        if self.recurrent_mask is None:
            return None
        if self.recurrent_mask.shape != (batch, units):
            raise ShapeError(f"{self.name}: recurrent_mask must have shape (batch, units) = {(batch, units)}, "
                             f"got {self.recurrent_mask.shape}")
        return self.recurrent_mask.astype(self.dtype)

    def _h_in(self, h: np.ndarray) -> np.ndarray:
        """``h`` as it enters ``h·U``: scaled by the recurrent dropout mask, if any."""
        return h if self.rmask is None else h * self.rmask

    def _to_previous(self, nxt: np.ndarray, dh: np.ndarray, t: int) -> None:
        """Finish ``nxt``, the gradient that step ``t`` sends to ``h_{t-1}`` through ``h·U``: scaled by the
        recurrent dropout mask, and replaced by the carried ``dh`` where step ``t`` is padding."""
        if self.rmask is not None:
            nxt *= self.rmask
        if self.keep is not None:
            np.copyto(nxt, dh, where=self.keep[t])

    def _time_major(self, a: np.ndarray) -> np.ndarray:
        a = np.swapaxes(a, 0, 1)
        return a[::-1] if self.go_backwards else a

    def _input_scale(self, units: int):
        """A per-column factor of the pre-activations that ``_steps`` expects, or None (see LSTM)."""
        return None

    def _project(self, xt: np.ndarray, kernel: np.ndarray, bias, scale=None) -> np.ndarray:
        """The input projection of all steps, ``x·W + b`` (times ``scale``), as one matrix product:
        ``xt`` ends with a column of ones where there is a bias, the weights with the bias as a row."""
        time, batch, rows = xt.shape
        weights = self._input_weights(kernel, bias, scale)
        proj = np.matmul(xt.reshape(-1, rows), weights, out=self._take((time * batch, weights.shape[1])))
        return proj.reshape(time, batch, weights.shape[1])

    def _input_weights(self, kernel: np.ndarray, bias, scale) -> np.ndarray:
        """``kernel`` with the input bias as one more row, both times ``scale`` (the small weights
        are scaled, not the large product)."""
        features = kernel.shape[0]
        weights = np.empty((features + (bias is not None), kernel.shape[1]), self.dtype)
        np.multiply(kernel, 1 if scale is None else scale, out=weights[:features], casting="unsafe")
        if bias is not None:
            np.multiply(bias[0] if bias.ndim == 2 else bias, 1 if scale is None else scale, out=weights[features],
                        casting="unsafe")
        return weights

    def _recurrent_kernel_grad(self, drec: np.ndarray) -> np.ndarray:
        """``dU = Σ_t h_{t-1}ᵀ·drec_t``, one product over all steps."""
        return self._h_in(self.hs[:-1]).reshape(-1, self.hs.shape[-1]).T @ drec.reshape(-1, drec.shape[-1])

    def backward(self, grad):
        time, batch, rows = self.xt.shape
        features = self.kernel.shape[0]
        gt = np.swapaxes(grad, 0, 1)
        seq = gt[:time] if self.return_sequences else None
        row = time if self.return_sequences else 0
        dfinal = [np.array(g, dtype=self.dtype) for g in gt[row : row + self.n_states]]
        dproj, drec, dbias_rec, dstates = self._steps_backward(dfinal[0], dfinal[1:], seq)
        need = self.needs_input_grad
        dx = dk = drk = db = None
        flat = dproj.reshape(-1, dproj.shape[-1])
        if need[0]:
            dx = (flat @ self.kernel.T).reshape(time, batch, features)
            dx = np.swapaxes(dx[::-1] if self.go_backwards else dx, 0, 1)
        if need[self.n_states + 1] or need[self.n_states + 3]:  # kernel and bias: one product
            dkb = self.xt.reshape(-1, rows).T @ flat
            dk = dkb[:features] if need[self.n_states + 1] else None
            db = dkb[features].copy() if rows > features else None
        if need[self.n_states + 2]:
            drk = self._recurrent_kernel_grad(drec)
        if need[self.n_states + 3]:
            if dbias_rec is not None:
                db = np.stack([db, np.add.reduce(dbias_rec.reshape(-1, dbias_rec.shape[-1]), axis=0)])
        return (dx, *dstates, dk, drk, db)
