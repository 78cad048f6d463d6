"""Softmax and its cross-entropy on short batches as compiled kernels: one loop a row, in place of a
dozen NumPy calls.

The NumPy code of :class:`neurona.functional.activations.Softmax` and
:class:`neurona.functional.losses.SoftmaxCrossEntropy` is the reference. On a short batch (the
course's Iris network: 150 rows of 3 logits) each of its calls costs about a microsecond whatever
the size, and these kernels do the whole row in one pass. On long batches NumPy's whole-array
passes are faster than a loop over short rows, so the kernels run only below :data:`SMALL` values.
NaN and ±inf give what the reference gives.
"""
from __future__ import annotations

import numpy as np

from neurona.accelerate import enabled_for, jit

SMALL = 1 << 13
"""Most values (rows × classes) for which the kernels run."""
_ZERO = {dtype: dtype.type(0) for dtype in (np.dtype(np.float32), np.dtype(np.float64))}
"""The kernels' zero in each dtype they take (a literal 0 would make a float32 sum float64)."""


def applies(x: np.ndarray) -> bool:
    """Whether the kernels run on logits ``x``: at least one value along a last axis, at most
    :data:`SMALL` values, float32 or float64, and :mod:`neurona.accelerate` on."""
    return 0 < x.size <= SMALL and x.ndim > 0 and enabled_for(x)


@jit
def softmax_rows(x, shifted, prob, total, zero):
    """Per row of ``x`` (rows, classes): ``shifted = x − max``, ``total = Σ exp(shifted)`` (rows, 1),
    ``prob = exp(shifted) / total``. A NaN in a row makes its maximum NaN, as ``np.max`` does."""
    rows, classes = x.shape
    for i in range(rows):
        top = x[i, 0]
        for j in range(1, classes):
            v = x[i, j]
            if v > top or v != v:  # nothing compares greater than NaN: once found it stays
                top = v
        s = zero
        for j in range(classes):
            d = x[i, j] - top
            shifted[i, j] = d
            e = np.exp(d)
            prob[i, j] = e
            s += e
        total[i, 0] = s
        for j in range(classes):
            prob[i, j] /= s


@jit
def picked_losses(shifted, total, labels, loss):
    """``loss[i] = log(total[i]) − shifted[i, labels[i]]``, the cross-entropy of each row; returns
    the first row whose label is out of range (nothing is read outside the array), or −1."""
    classes = shifted.shape[1]
    for i in range(labels.size):
        label = labels[i]
        if label < 0 or label >= classes:
            return i
        loss[i] = np.log(total[i, 0]) - shifted[i, label]
    return -1


@jit
def cross_entropy_rows(x, labels, prob, loss, zero):
    """Softmax and cross-entropy in one pass a row of ``x`` (rows, classes): ``prob = softmax(x)``,
    ``loss[i] = log Σ exp(x[i] − max) − (x[i, labels[i]] − max)``, each value as :func:`softmax_rows`
    and :func:`picked_losses` compute it. Returns the first row whose label is out of range (nothing
    is read outside the array) or −1, and the sum of the losses (accumulated in float64)."""
    rows, classes = x.shape
    summed = 0.0
    for i in range(rows):
        label = labels[i]
        if label < 0 or label >= classes:
            return i, summed
        top = x[i, 0]
        for j in range(1, classes):
            v = x[i, j]
            if v > top or v != v:
                top = v
        s = zero
        for j in range(classes):
            e = np.exp(x[i, j] - top)
            prob[i, j] = e
            s += e
        for j in range(classes):
            prob[i, j] /= s
        value = np.log(s) - (x[i, label] - top)
        loss[i] = value
        summed += value
    return -1, summed


@jit
def cross_entropy_grad_rows(prob, labels, scales, g):
    """``g = (prob − onehot(labels)) · scale`` a row, the scale ``scales[i]`` (one per row) or ``scales[0]``;
    returns the first row whose label is out of range (nothing is written outside ``g``), or −1."""
    rows, classes = prob.shape
    per_row = scales.size == rows
    for i in range(rows):
        label = labels[i]
        if label < 0 or label >= classes:
            return i
        scale = scales[i] if per_row else scales[0]
        for j in range(classes):
            g[i, j] = prob[i, j] * scale
        g[i, label] -= scale
    return -1


def softmax(x: np.ndarray) -> tuple:
    """``(shifted, total, prob)`` of ``x`` over its last axis, as the NumPy reference gives them.

    Examples
    --------
    >>> shifted, total, prob = softmax(np.zeros((1, 2), np.float32))
    >>> prob
    array([[0.5, 0.5]], dtype=float32)
    """
    x = np.ascontiguousarray(x)
    rows = x if x.ndim == 2 else x.reshape(-1, x.shape[-1])
    shifted, prob = np.empty_like(rows), np.empty_like(rows)
    total = np.empty((len(rows), 1), x.dtype)
    softmax_rows(rows, shifted, prob, total, _ZERO[x.dtype])
    if rows is x:
        return shifted, total, prob
    return shifted.reshape(x.shape), total.reshape(*x.shape[:-1], 1), prob.reshape(x.shape)


def cross_entropy(x: np.ndarray, labels: np.ndarray) -> tuple:
    """``(prob, loss, summed)`` of logits ``x`` and integer ``labels`` (its shape without the last axis):
    the softmax, each row's cross-entropy and their sum; ``(None, row, None)`` for the first row whose
    label is out of range.

    Examples
    --------
    >>> prob, loss, summed = cross_entropy(np.zeros((2, 2), np.float32), np.array([0, 1]))
    >>> loss, round(summed, 4)
    (array([0.6931472, 0.6931472], dtype=float32), 1.3863)
    """
    x = np.ascontiguousarray(x)
    classes = x.shape[-1]
    prob, loss = np.empty_like(x), np.empty(labels.shape, x.dtype)
    bad, summed = cross_entropy_rows(x.reshape(-1, classes), labels.reshape(-1), prob.reshape(-1, classes),
                                     loss.reshape(-1), _ZERO[x.dtype])
    return (None, bad, None) if bad >= 0 else (prob, loss, summed)


def cross_entropy_grad(prob: np.ndarray, labels: np.ndarray, scales: np.ndarray) -> np.ndarray | None:
    """The gradient of :func:`cross_entropy`'s losses scaled by ``scales`` (one value, or one a row);
    None if a label is out of range (changed since forward by a write the version counter cannot see)."""
    classes = prob.shape[-1]
    g = np.empty_like(prob)
    bad = cross_entropy_grad_rows(prob.reshape(-1, classes), labels.reshape(-1), scales.reshape(-1),
                                  g.reshape(-1, classes))
    return None if bad >= 0 else g
