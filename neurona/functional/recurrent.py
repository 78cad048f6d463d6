"""Recurrent ops over a whole sequence: ``simple_rnn``, ``lstm`` and ``gru``, one graph node per call.

The course's recurrence ``h_t = f_W(h_{t-1}, x_t)``, with backpropagation through time that is
fast: the input projection ``x·W + b`` of all steps is one matrix product; each step does only
``h·U`` and the gate math, into preallocated arrays (from a workspace reused across calls); the
factors of backward that do not depend on the carried gradient are computed for many steps at once
(the LSTM's in the forward pass, a cache-sized chunk of steps at a time); backward runs the steps
in reverse carrying ``dh`` (and ``dc``) and forms ``dW``, ``dU`` and ``db`` as single products over
the whole sequence. With :mod:`neurona.accelerate` on, a float32 ``lstm`` runs
:class:`neurona.functional._lstm_compiled.CompiledLSTM`: one product and one compiled kernel a step
each way, in Keras's batch-major layout with no transposes. The NumPy op :class:`LSTM` is the
reference (``NEURONA_ACCELERATE=0``), and float64 always takes it.

Layouts and gate orders are Keras's: x is ``(batch, time, features)``, kernel
``(features, k*units)``, recurrent_kernel ``(units, k*units)``; LSTM gates i, f, c, o; GRU gates
z, r, h. Where ``mask`` (batch, time) is False, the states are carried over unchanged and the
step contributes no gradient. ``recurrent_mask`` (batch, units), the recurrent dropout of the
layers, scales ``h`` where it enters ``h·U`` at every step (Keras's form). The sigmoid is ``0.5*tanh(0.5*z) + 0.5``.

Each op returns ``(output, *final_states)``: the output is the hidden state of every step
``(batch, time, units)`` with ``return_sequences``, else the final hidden state itself.
"""
from __future__ import annotations

import numpy as np

from neurona import accelerate
from neurona.functional._recurrent_base import WORKSPACE, Recurrent, sigmoid_scale
from neurona.functional.shape import getitem
from neurona.tensor import Tensor


class SimpleRNN(Recurrent):
    name = "simple_rnn"

    def __init__(self, activation: str = "tanh", **options) -> None:
        if activation not in ("tanh", "relu"):
            raise ValueError(f"simple_rnn: activation must be 'tanh' or 'relu', got {activation!r}")
        super().__init__(**options)
        self.activation = activation

    def _steps(self, proj, states, recurrent_kernel, bias):
        time, batch, units = proj.shape
        hs = self.hs = self._take((time + 1, batch, units))
        hs[0] = states[0]
        buf = np.empty((batch, units), self.dtype)
        keep = self.keep
        for t in range(time):
            a = proj[t]
            a += np.matmul(self._h_in(hs[t]), recurrent_kernel, out=buf)
            if self.activation == "tanh":
                np.tanh(a, out=hs[t + 1])
            else:
                np.maximum(a, 0, out=hs[t + 1])
            if keep is not None:
                np.copyto(hs[t + 1], hs[t], where=keep[t])
        return []

    def _steps_backward(self, dh, dstates, seq):
        out = self.hs[1:]
        deriv = 1 - out * out if self.activation == "tanh" else (out > 0).astype(self.dtype)
        if self.keep is not None:
            np.copyto(deriv, 0, where=self.keep)
        dproj = np.empty_like(deriv)
        nxt = np.empty_like(dh)
        recurrent_t = np.ascontiguousarray(self.recurrent_kernel.T)  # see CompiledLSTM._steps_backward
        for t in reversed(range(len(deriv))):
            if seq is not None:
                dh += seq[t]
            np.multiply(dh, deriv[t], out=dproj[t])
            np.matmul(dproj[t], recurrent_t, out=nxt)
            self._to_previous(nxt, dh, t)
            dh, nxt = nxt, dh
        return dproj, dproj, None, [dh]


def _chunk_steps(batch: int, width: int, itemsize: int) -> int:
    """How many steps of (batch, width) gate values fit in about 256 KiB: a chunk that stays in cache."""
    return max(1, (256 << 10) // max(1, batch * width * itemsize))


class LSTM(Recurrent):
    """The reference LSTM, on NumPy calls. It runs gate-major and transposed: each step's gates are a
    (4·units, batch) block in which every gate is one contiguous (units, batch) run, so the gate math
    works on contiguous arrays and ``h`` is (units, batch): ``z = Uᵀ·h`` and, in backward, ``dh = U·dz``."""

    name, n_states, gates = "lstm", 2, 4

    def _input_scale(self, units: int) -> np.ndarray:
        return sigmoid_scale(units, 4, (2,), self.dtype)

    def _project(self, xt, kernel, bias, scale=None):
        """``(x·W + b)ᵀ`` of every step, (time, 4·units, batch), with the sigmoid gates' scale; the
        bias is a row of the weights against the row of ones of ``xᵀ`` (no pass over the product)."""
        time, batch, rows = xt.shape
        weights = self._input_weights(kernel, bias, scale).T.copy()
        inputs = WORKSPACE.take((time, rows, batch), self.dtype)
        np.copyto(inputs, xt.transpose(0, 2, 1))
        proj = np.matmul(weights, inputs, out=self._take((time, kernel.shape[1], batch)))
        WORKSPACE.give([inputs])
        return proj

    def _steps(self, proj, states, recurrent_kernel, bias):
        time, four, batch = proj.shape
        u = four // 4
        weights = (recurrent_kernel * self._input_scale(u)).T.copy()
        hs, cs = self._take((time + 1, u, batch)), self._take((time + 1, u, batch))
        hs[0], cs[0] = states[0].T, states[1].T
        self.hs_t, self.cs_t, self.hs = hs, cs, hs.transpose(0, 2, 1)
        self.dc_from_h = self._take((time, u, batch))
        keep = None if self.keep is None else self.keep.transpose(0, 2, 1)
        rmask = None if self.rmask is None else self.rmask.T.copy()
        self._steps_numpy(proj, weights, keep, rmask)
        return [cs[-1].T]

    def _steps_numpy(self, proj, weights, keep, rmask) -> None:
        """The reference: a dozen NumPy calls a step, the backward factors a chunk of steps at a time."""
        time, four, batch = proj.shape
        u = four // 4
        hs, cs, tcs = self.hs_t, self.cs_t, self._take((time, u, batch))
        self.acts, self.factors, self.tcs_t = proj, self._take(proj.shape), tcs
        self.f_carry = proj[:, u : 2 * u] if keep is None else self._take(tcs.shape)
        buf, ig = np.empty((four, batch), self.dtype), np.empty((u, batch), self.dtype)
        chunk, done = _chunk_steps(batch, four, proj.itemsize), 0
        for t in range(time):
            a = proj[t]
            a += np.matmul(weights, hs[t] if rmask is None else hs[t] * rmask, out=buf)
            np.tanh(a, out=a)
            for gate in (a[: 2 * u], a[3 * u :]):  # σ(z) = 0.5·tanh(0.5·z) + 0.5 for i, f and o
                gate *= 0.5
                gate += 0.5
            np.multiply(a[u : 2 * u], cs[t], out=cs[t + 1])  # c = f·c + i·g
            cs[t + 1] += np.multiply(a[:u], a[2 * u : 3 * u], out=ig)
            np.multiply(a[3 * u :], np.tanh(cs[t + 1], out=tcs[t]), out=hs[t + 1])  # h = o·tanh(c)
            if keep is not None:
                np.copyto(cs[t + 1], cs[t], where=keep[t])
                np.copyto(hs[t + 1], hs[t], where=keep[t])
            if t + 1 - done == chunk or t + 1 == time:
                self._factors(slice(done, t + 1), keep)
                done = t + 1

    def _factors(self, steps: slice, keep) -> None:
        """The factors of ``steps`` that do not depend on the carried gradient, computed in the
        forward pass a few steps at a time, while the gate values are still in cache."""
        acts, u = self.acts[steps], self.acts.shape[1] // 4
        cs, tcs = self.cs_t[:-1][steps], self.tcs_t[steps]
        i, f, g, o = acts[:, :u], acts[:, u : 2 * u], acts[:, 2 * u : 3 * u], acts[:, 3 * u :]
        factors, dc_from_h = self.factors[steps], self.dc_from_h[steps]
        np.subtract(1, acts, out=factors)
        factors *= acts  # σ' = σ(1 − σ), then the other factor of each gate's chain
        factors[:, :u] *= g
        factors[:, u : 2 * u] *= cs
        np.multiply(g, g, out=factors[:, 2 * u : 3 * u])
        np.subtract(1, factors[:, 2 * u : 3 * u], out=factors[:, 2 * u : 3 * u])
        factors[:, 2 * u : 3 * u] *= i
        factors[:, 3 * u :] *= tcs
        np.multiply(tcs, tcs, out=dc_from_h)
        np.subtract(1, dc_from_h, out=dc_from_h)
        dc_from_h *= o
        if keep is not None:
            keep = keep[steps]
            np.copyto(factors, 0, where=keep)
            np.copyto(dc_from_h, 0, where=keep)
            np.copyto(self.f_carry[steps], np.where(keep, 1, f))

    def _steps_backward(self, dh, dstates, seq):
        factors, dc_from_h, f_carry = self.factors, self.dc_from_h, self.f_carry
        time, four, batch = factors.shape
        u = four // 4
        dproj = WORKSPACE.take(factors.shape, self.dtype)
        dh, dc = dh.T.copy(), dstates[0].T.copy()
        nxt, tmp = np.empty_like(dh), np.empty_like(dh)
        keep = None if self.keep is None else self.keep.transpose(0, 2, 1)
        rmask = None if self.rmask is None else self.rmask.T
        for t in reversed(range(time)):
            if seq is not None:
                dh += seq[t].T
            dc += np.multiply(dh, dc_from_h[t], out=tmp)
            np.multiply(factors[t, : 3 * u].reshape(3, u, batch), dc, out=dproj[t, : 3 * u].reshape(3, u, batch))
            np.multiply(factors[t, 3 * u :], dh, out=dproj[t, 3 * u :])
            dc *= f_carry[t]
            np.matmul(self.recurrent_kernel, dproj[t], out=nxt)
            if rmask is not None:
                nxt *= rmask
            if keep is not None:
                np.copyto(nxt, dh, where=keep[t])
            dh, nxt = nxt, dh
        rows = self._take((time, batch, four))  # (time, batch, 4·units) for the weight gradients
        np.copyto(rows, dproj.transpose(0, 2, 1))
        WORKSPACE.give([dproj])
        return rows, rows, None, [dh.T, dc.T]


class GRU(Recurrent):
    """Keras's GRU with ``reset_after=True`` (PyTorch's form): ``hh = tanh(x·W_h + r·(h·U_h + b_h))``."""

    name, gates, bias_shape = "gru", 3, (2, "u")

    def _input_scale(self, units: int) -> np.ndarray:
        return sigmoid_scale(units, 3, (2,), self.dtype)

    def _steps(self, proj, states, recurrent_kernel, bias):
        time, batch, three = proj.shape
        u = three // 3
        scale = self._input_scale(u)
        recurrent_kernel = recurrent_kernel * scale
        bias_rec = None if bias is None else bias[1] * scale
        hs = self.hs = self._take((time + 1, batch, u))
        hs[0] = states[0]
        recs = self.recs = self._take((time, batch, three))
        tmp = np.empty((batch, u), self.dtype)
        keep = self.keep
        for t in range(time):
            a, rec = proj[t], recs[t]
            np.matmul(self._h_in(hs[t]), recurrent_kernel, out=rec)
            if bias_rec is not None:
                rec += bias_rec
            zr, hh = a[:, : 2 * u], a[:, 2 * u :]
            zr += rec[:, : 2 * u]
            np.tanh(zr, out=zr)
            zr *= 0.5
            zr += 0.5
            hh += np.multiply(zr[:, u:], rec[:, 2 * u :], out=tmp)
            np.tanh(hh, out=hh)
            np.subtract(hs[t], hh, out=tmp)  # h = z·h_prev + (1 − z)·hh
            tmp *= zr[:, :u]
            np.add(hh, tmp, out=hs[t + 1])
            if keep is not None:
                np.copyto(hs[t + 1], hs[t], where=keep[t])
        self.acts = proj
        return []

    def _factors(self, reset_target: np.ndarray):
        """Per-step factors that do not depend on the carried gradient; ``reset_target`` is what r multiplies."""
        acts, u, keep = self.acts, self.acts.shape[-1] // 3, self.keep
        z, r, hh = acts[..., :u], acts[..., u : 2 * u], acts[..., 2 * u :]
        to_candidate = (1 - z) * (1 - hh * hh)  # dh → the candidate's pre-activation
        to_z = (self.hs[:-1] - hh) * z * (1 - z)  # dh → z's pre-activation
        to_r = reset_target * r * (1 - r)  # d(r·reset_target) → r's pre-activation
        z_carry = z
        if keep is not None:
            np.copyto(to_candidate, 0, where=keep)
            np.copyto(to_z, 0, where=keep)
            z_carry = np.where(keep, 1, z)
        return to_candidate, to_z, to_r, r, z_carry

    def _steps_backward(self, dh, dstates, seq):
        to_candidate, to_z, to_r, r, z_carry = self._factors(self.recs[..., 2 * self.hs.shape[-1] :])
        time, batch, u = r.shape
        drec = np.empty((time, batch, 3 * u), self.dtype)
        dcand = np.empty((time, batch, u), self.dtype)
        nxt, tmp = np.empty_like(dh), np.empty_like(dh)
        recurrent_t = np.ascontiguousarray(self.recurrent_kernel.T)  # see CompiledLSTM._steps_backward
        for t in reversed(range(time)):
            if seq is not None:
                dh += seq[t]
            d = drec[t]
            np.multiply(dh, to_z[t], out=d[:, :u])
            np.multiply(dh, to_candidate[t], out=dcand[t])
            np.multiply(dcand[t], to_r[t], out=d[:, u : 2 * u])
            np.multiply(dcand[t], r[t], out=d[:, 2 * u :])
            np.matmul(d, recurrent_t, out=nxt)
            if self.rmask is not None:
                nxt *= self.rmask
            nxt += np.multiply(dh, z_carry[t], out=tmp)
            dh, nxt = nxt, dh
        dproj = np.concatenate([drec[..., : 2 * u], dcand], axis=-1)
        return dproj, drec, drec, [dh]


class GRUResetBefore(GRU):
    """Keras's GRU with ``reset_after=False``: ``hh = tanh(x·W_h + (r·h)·U_h + b_h)``."""

    bias_shape = ("u",)

    def _steps(self, proj, states, recurrent_kernel, bias):
        if self.rmask is not None:
            raise ValueError("gru: recurrent_mask (recurrent dropout) needs reset_after=True")
        time, batch, three = proj.shape
        u = three // 3
        kernel_zr, kernel_h = recurrent_kernel[:, : 2 * u] * 0.5, recurrent_kernel[:, 2 * u :]
        hs = self.hs = self._take((time + 1, batch, u))
        hs[0] = states[0]
        rhs = self.rhs = self._take((time, batch, u))
        buf, tmp = np.empty((batch, 2 * u), self.dtype), np.empty((batch, u), self.dtype)
        keep = self.keep
        for t in range(time):
            zr, hh = proj[t, :, : 2 * u], proj[t, :, 2 * u :]
            zr += np.matmul(hs[t], kernel_zr, out=buf)
            np.tanh(zr, out=zr)
            zr *= 0.5
            zr += 0.5
            np.multiply(zr[:, u:], hs[t], out=rhs[t])
            hh += np.matmul(rhs[t], kernel_h, out=tmp)
            np.tanh(hh, out=hh)
            np.subtract(hs[t], hh, out=tmp)  # h = z·h_prev + (1 − z)·hh
            tmp *= zr[:, :u]
            np.add(hh, tmp, out=hs[t + 1])
            if keep is not None:
                np.copyto(hs[t + 1], hs[t], where=keep[t])
        self.acts = proj
        return []

    def _steps_backward(self, dh, dstates, seq):
        to_candidate, to_z, to_r, r, z_carry = self._factors(self.hs[:-1])
        time, batch, u = r.shape
        dproj = np.empty((time, batch, 3 * u), self.dtype)
        nxt, tmp, drh = np.empty_like(dh), np.empty_like(dh), np.empty_like(dh)
        kernel_zr_t = np.ascontiguousarray(self.recurrent_kernel[:, : 2 * u].T)
        kernel_h_t = np.ascontiguousarray(self.recurrent_kernel[:, 2 * u :].T)
        for t in reversed(range(time)):
            if seq is not None:
                dh += seq[t]
            d = dproj[t]
            np.multiply(dh, to_z[t], out=d[:, :u])
            np.multiply(dh, to_candidate[t], out=d[:, 2 * u :])
            np.matmul(d[:, 2 * u :], kernel_h_t, out=drh)  # d(r·h_prev)
            np.multiply(drh, to_r[t], out=d[:, u : 2 * u])
            np.matmul(d[:, : 2 * u], kernel_zr_t, out=nxt)
            nxt += np.multiply(dh, z_carry[t], out=tmp)
            nxt += np.multiply(drh, r[t], out=tmp)
            dh, nxt = nxt, dh
        return dproj, dproj, None, [dh]

    def _recurrent_kernel_grad(self, drec: np.ndarray) -> np.ndarray:
        u = self.hs.shape[-1]
        hs, rhs = self.hs[:-1].reshape(-1, u), self.rhs.reshape(-1, u)
        flat = drec.reshape(-1, 3 * u)
        return np.concatenate([hs.T @ flat[:, : 2 * u], rhs.T @ flat[:, 2 * u :]], axis=1)


def _all_float32(*arrays) -> bool:
    """Whether every given array is float32 and :mod:`neurona.accelerate` runs kernels."""
    return all(getattr(a, "dtype", None) == np.float32 for a in arrays if a is not None) and accelerate.enabled()


def _lstm_compiled() -> type:
    """The LSTM op on compiled steps (importing it imports numba)."""
    from neurona.functional._lstm_compiled import CompiledLSTM

    return CompiledLSTM


def _outputs(packed: Tensor, n_states: int, return_sequences: bool) -> tuple:
    """Slice the packed array into ``(output, *final_states)``."""
    first = packed.shape[1] - n_states
    states = [getitem(packed, (slice(None), first + k)) for k in range(n_states)]
    output = getitem(packed, (slice(None), slice(0, first))) if return_sequences else states[0]
    return (output, *states)


def simple_rnn(
    x, h0, kernel, recurrent_kernel, bias=None, activation: str = "tanh",
    mask=None, go_backwards: bool = False, return_sequences: bool = False, recurrent_mask=None,
) -> tuple:
    """Fully connected recurrence ``h_t = activation(x_t·W + h_{t-1}·U + b)``; returns ``(output, h)``.

    ``h0`` may be None (zeros). ``activation`` is ``'tanh'`` or ``'relu'``.

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> x = nr.tensor(np.ones((2, 5, 3)))
    >>> out, h = nr.functional.simple_rnn(x, None, nr.tensor(np.full((3, 4), 0.1)),
    ...                                   nr.tensor(np.eye(4) * 0.5), return_sequences=True)
    >>> out.shape, h.shape
    ((2, 5, 4), (2, 4))
    """
    op = SimpleRNN(activation, mask=mask, go_backwards=go_backwards, return_sequences=return_sequences,
                   recurrent_mask=recurrent_mask)
    return _outputs(op(x, h0, kernel, recurrent_kernel, bias), 1, return_sequences)


def lstm(
    x, h0, c0, kernel, recurrent_kernel, bias=None,
    mask=None, go_backwards: bool = False, return_sequences: bool = False, recurrent_mask=None,
) -> tuple:
    """Long short-term memory over a sequence; returns ``(output, h, c)``.

    Gates (Keras order i, f, c, o, each ``units`` wide in kernel and bias)::

        i = σ(x·W_i + h·U_i + b_i)    f = σ(x·W_f + h·U_f + b_f)    o = σ(x·W_o + h·U_o + b_o)
        c = f·c_prev + i·tanh(x·W_c + h·U_c + b_c)                  h = o·tanh(c)

    ``h0`` and ``c0`` may be None (zeros).

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> x = nr.tensor(np.ones((2, 5, 3)))
    >>> out, h, c = nr.functional.lstm(x, None, None, nr.tensor(np.full((3, 16), 0.1)),
    ...                                nr.tensor(np.zeros((4, 16))), nr.tensor(np.zeros(16)))
    >>> out is h, c.shape
    (True, (2, 4))
    """
    options = dict(mask=mask, go_backwards=go_backwards, return_sequences=return_sequences, recurrent_mask=recurrent_mask)
    op = _lstm_compiled()(**options) if _all_float32(x, h0, c0, kernel, recurrent_kernel, bias) else LSTM(**options)
    return _outputs(op(x, h0, c0, kernel, recurrent_kernel, bias), 2, return_sequences)


def gru(
    x, h0, kernel, recurrent_kernel, bias=None, reset_after: bool = True,
    mask=None, go_backwards: bool = False, return_sequences: bool = False, recurrent_mask=None,
) -> tuple:
    """Gated recurrent unit over a sequence; returns ``(output, h)``.

    Gates (Keras order z, r, h)::

        z = σ(x·W_z + h·U_z + b_z)    r = σ(x·W_r + h·U_r + b_r)
        hh = tanh(x·W_h + b_h + r·(h·U_h + b'_h))   (reset_after=True, bias of shape (2, 3*units))
        hh = tanh(x·W_h + (r·h)·U_h + b_h)         (reset_after=False, bias of shape (3*units,))
        h = z·h_prev + (1 − z)·hh

    ``h0`` may be None (zeros).

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> x = nr.tensor(np.ones((2, 5, 3)))
    >>> out, h = nr.functional.gru(x, None, nr.tensor(np.full((3, 12), 0.1)),
    ...                            nr.tensor(np.zeros((4, 12))), nr.tensor(np.zeros((2, 12))))
    >>> h.shape
    (2, 4)
    """
    op = (GRU if reset_after else GRUResetBefore)(
        mask=mask, go_backwards=go_backwards, return_sequences=return_sequences, recurrent_mask=recurrent_mask
    )
    return _outputs(op(x, h0, kernel, recurrent_kernel, bias), 1, return_sequences)
