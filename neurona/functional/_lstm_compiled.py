"""The LSTM op on compiled steps (:mod:`neurona.accelerate`, float32): batch-major, with no transposes.

:class:`neurona.functional.recurrent.LSTM` is the reference. It runs gate-major, so that NumPy's
calls each work on one contiguous run. A compiled step loops over the values itself, so this op
keeps Keras's layout throughout. Each step's gates are a (batch, 4·units) block. The input
projection of all steps is one product, and so are the kernel, bias and recurrent kernel gradients,
straight from the (time, batch, 4·units) pre-activation gradients. There are no layout copies. A step is one
product ``h·U`` and one kernel each way (:mod:`neurona.functional._recurrent_kernels`).
"""
from __future__ import annotations

import numpy as np

from neurona.functional import _recurrent_kernels as kernels
from neurona.functional._recurrent_base import Recurrent, sigmoid_scale


class CompiledLSTM(Recurrent):
    """:class:`neurona.functional.recurrent.LSTM`'s numbers from compiled float32 steps."""

    name, n_states, gates = "lstm", 2, 4

    def _input_scale(self, units: int) -> np.ndarray:
        return sigmoid_scale(units, 4, (2,), self.dtype)

    def _steps(self, proj, states, recurrent_kernel, bias):
        time, batch, four = proj.shape
        u = four // 4
        weights = recurrent_kernel * self._input_scale(u)
        hs, cs = self._take((time + 1, batch, u)), self._take((time + 1, batch, u))
        hs[0], cs[0] = states
        self.hs, self.factors = hs, proj
        self.dc_from_h, self.f_carry = self._take((time, batch, u)), self._take((time, batch, u))
        self.drop = np.zeros((1, batch), bool) if self.keep is None else self.keep[..., 0]
        rec, h_in = np.empty((batch, four), self.dtype), np.empty((batch, u), self.dtype)
        step = kernels.lstm_forward_step.build(0, proj, rec, cs, hs, self.dc_from_h, self.f_carry, self.drop)
        for t in range(time):  # np.dot: for 2-D arrays the same BLAS call as matmul, 0.35 µs less a call
            np.dot(hs[t] if self.rmask is None else np.multiply(hs[t], self.rmask, out=h_in), weights, out=rec)
            step(t, proj, rec, cs, hs, self.dc_from_h, self.f_carry, self.drop)
        return [cs[-1]]

    def _steps_backward(self, dh, dstates, seq):
        time, batch, four = self.factors.shape
        dpre = self._take((time, batch, four))
        dc, nxt = dstates[0].copy(), np.empty_like(dh)
        # Uᵀ copied: OpenBLAS's AVX-512 kernels take 11 µs for a (32, 256)·(256, 64) product with a
        # transposed right operand and 4.7 µs with a contiguous one (its AVX2 kernels 11 and 10.5)
        recurrent_t = np.ascontiguousarray(self.recurrent_kernel.T)
        step = kernels.lstm_backward_step.build(0, self.factors, self.dc_from_h, self.f_carry, dh, dc, dpre)
        for t in reversed(range(time)):
            if seq is not None:
                dh += seq[t]
            step(t, self.factors, self.dc_from_h, self.f_carry, dh, dc, dpre)
            np.dot(dpre[t], recurrent_t, out=nxt)
            self._to_previous(nxt, dh, t)
            dh, nxt = nxt, dh
        return dpre, dpre, None, [dh, dc]
