"""Losses: mse, mae, huber, binary and categorical cross-entropy, cross_entropy from
logits, kl_divergence. Each takes ``reduction='mean'|'sum'|'none'``.

Predictions and targets must have the same shape (no silent broadcasting of a
``(n, 1)`` prediction against ``(n,)`` targets). Probabilities are clipped to
``[eps, 1-eps]`` with ``eps`` the machine epsilon of their dtype: a fixed 1e-9
would round away in float32.
"""
from __future__ import annotations

import numpy as np

from neurona.function import Function, InputError, ShapeError
from neurona.functional import _softmax_kernels as short_softmax
from neurona.functional._rows import row_max, row_sum
from neurona.functional.activations import softplus
from neurona.functional.arithmetic import mul, sub
from neurona.functional.elementwise import abs, clip, log, where
from neurona.functional.reductions import mean
from neurona.functional.reductions import sum as _sum
from neurona.tensor import Tensor

REDUCTIONS = ("mean", "sum", "none")


def _data(x) -> np.ndarray:
    return x.data if isinstance(x, Tensor) else np.asarray(x)


def _constant(target):
    """A target as an input that receives no gradient: a tensor stays one (its version is checked), else a
    copy. Backward reads the target, and a caller that reuses its batch buffer before ``backward()``
    must not change the gradient (an array, unlike a tensor, has no version to check)."""
    return target if isinstance(target, Tensor) else np.array(target)


def _same_shape(name: str, pred, target) -> None:
    if _data(pred).shape != _data(target).shape:
        raise ShapeError(
            f"{name}: prediction of shape {_data(pred).shape} and target of shape {_data(target).shape} "
            "differ; reshape one of them (no broadcasting is done in a loss)"
        )


def _reduce(name: str, loss, reduction: str):
    if reduction == "mean":
        return mean(loss)
    if reduction == "sum":
        return _sum(loss)
    if reduction == "none":
        return loss
    raise ValueError(f"{name}: reduction must be one of {REDUCTIONS}, got {reduction!r}")


def _eps(x) -> float:
    dtype = _data(x).dtype
    return float(np.finfo(dtype if dtype.kind == "f" else np.float32).eps)


def mse(pred, target, reduction: str = "mean", half: bool = False):
    """Mean squared error; ``half=True`` gives the course's ``1/(2m) Σ (f(x) - y)²``.

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.mse(nr.tensor([1.0, 3.0]), nr.tensor([0.0, 0.0])).item()
    5.0
    """
    _same_shape("mse", pred, target)
    diff = sub(pred, target)
    loss = mul(diff, diff)
    if half:
        loss = mul(loss, 0.5)
    return _reduce("mse", loss, reduction)


def mae(pred, target, reduction: str = "mean"):
    """Mean absolute error."""
    _same_shape("mae", pred, target)
    return _reduce("mae", abs(sub(pred, target)), reduction)


def huber(pred, target, delta: float = 1.0, reduction: str = "mean"):
    """Huber loss: quadratic within ``delta`` of the target, linear beyond."""
    _same_shape("huber", pred, target)
    err = abs(sub(pred, target))
    small = _data(err) <= delta
    loss = where(small, mul(mul(err, err), 0.5), mul(sub(err, 0.5 * delta), delta))
    return _reduce("huber", loss, reduction)


class BinaryCrossEntropy(Function):
    """``-(y log p + (1-y) log(1-p))`` on clipped probabilities, with one fused backward."""

    saves = (1,)

    def forward(self, p, y):
        eps = np.finfo(p.dtype).eps
        self.p, self.y = np.clip(p, eps, 1 - eps), y
        return -(y * np.log(self.p) + (1 - y) * np.log1p(-self.p))

    def backward(self, grad):
        p, y = self.p, self.y
        return grad * (p - y) / (p * (1 - p)), None


def binary_cross_entropy(prob, target, reduction: str = "mean"):
    """Binary cross-entropy on probabilities (for instance a sigmoid's output).

    Examples
    --------
    >>> import neurona as nr
    >>> nr.functional.binary_cross_entropy(nr.tensor([0.0, 1.0]), nr.tensor([0.0, 1.0])).item() < 1e-6
    True
    """
    _same_shape("binary_cross_entropy", prob, target)
    return _reduce("binary_cross_entropy", BinaryCrossEntropy()(prob, _constant(target)), reduction)


def binary_cross_entropy_with_logits(logits, target, reduction: str = "mean"):
    """Binary cross-entropy of ``sigmoid(logits)``, computed stably as ``softplus(z) - z*y``."""
    _same_shape("binary_cross_entropy_with_logits", logits, target)
    loss = sub(softplus(logits), mul(logits, _constant(target)))
    return _reduce("binary_cross_entropy_with_logits", loss, reduction)


def categorical_cross_entropy(prob, target, reduction: str = "mean"):
    """Cross-entropy ``-Σ y log p`` of probabilities against one-hot (or soft) targets, per sample."""
    _same_shape("categorical_cross_entropy", prob, target)
    eps = _eps(prob)
    loss = -_sum(mul(log(clip(prob, eps, 1 - eps)), _constant(target)), axis=-1)
    return _reduce("categorical_cross_entropy", loss, reduction)


def _check_labels(labels: np.ndarray, logits_shape: tuple) -> None:
    if labels.shape != logits_shape[:-1]:
        raise ShapeError(
            f"cross_entropy: integer labels of shape {labels.shape} do not match logits of shape "
            f"{logits_shape}; expected labels of shape {logits_shape[:-1]}"
        )


def _check_label_range(labels: np.ndarray, classes: int) -> None:
    if labels.size and (np.minimum.reduce(labels, axis=None) < 0 or np.maximum.reduce(labels, axis=None) >= classes):
        bad = labels[(labels < 0) | (labels >= classes)].flat[0]
        raise InputError(f"cross_entropy: label {bad} is out of range for {classes} classes (valid: 0..{classes - 1})")


class SoftmaxCrossEntropy(Function):
    """Fused softmax and cross-entropy from logits, reduction included.

    Forward: ``loss = logsumexp(z) - z[label]`` (or ``-Σ y log_softmax(z)``);
    backward: ``(softmax(z) - y) * grad`` in one pass. Integer labels are checked here (their shape,
    and their range against the number of classes), so that the op called directly never reads outside
    the logits.
    """

    saves = (1,)

    def __init__(self, reduction: str) -> None:
        self.reduction = reduction

    def _softmax(self, logits) -> tuple:
        """``(logits - max, Σ exp, softmax)`` over the last axis."""
        if short_softmax.applies(logits):
            return short_softmax.softmax(logits)
        shifted = logits - row_max(logits)
        exp = np.exp(shifted, out=np.empty_like(shifted))
        total = row_sum(exp)
        return shifted, total, np.divide(exp, total, out=exp)

    def _short_label_losses(self, logits, labels) -> tuple:
        """``(softmax, losses, their sum)`` of a short batch with integer labels, by one compiled pass."""
        prob, loss, summed = short_softmax.cross_entropy(logits, labels)
        if prob is None:
            _check_label_range(labels, logits.shape[-1])  # raises, naming the label
        return prob, loss, summed

    def _label_losses(self, logits, labels) -> tuple:
        _check_label_range(labels, logits.shape[-1])
        shifted, total, prob = self._softmax(logits)
        rows = shifted.reshape(-1, shifted.shape[-1])
        return prob, np.log(total[..., 0]) - rows[np.arange(rows.shape[0]), labels.reshape(-1)].reshape(labels.shape)

    def forward(self, logits, target):
        self.target, summed = target, None
        if target.dtype.kind not in "iu":
            shifted, total, self.prob = self._softmax(logits)
            loss = np.log(total[..., 0]) * target.sum(axis=-1) - (shifted * target).sum(axis=-1)
        else:
            _check_labels(target, logits.shape)
            if short_softmax.applies(logits):
                self.prob, loss, summed = self._short_label_losses(logits, target)
            else:
                self.prob, loss = self._label_losses(logits, target)
        if self.reduction == "none":
            return loss
        self.scale = (1.0 / loss.size if loss.size else np.nan) if self.reduction == "mean" else 1.0
        return np.asarray((loss.sum() if summed is None else summed) * self.scale, dtype=loss.dtype)

    def backward(self, grad):
        scale = grad[..., None] if self.reduction == "none" else grad * self.scale
        target, prob = self.target, self.prob
        if target.dtype.kind not in "iu":
            g = prob * (scale * target.sum(axis=-1, keepdims=True)) - target * scale
        elif short_softmax.applies(prob):
            g = short_softmax.cross_entropy_grad(prob, target, np.asarray(scale, prob.dtype))
            if g is None:
                _check_label_range(target, prob.shape[-1])  # raises, naming the label
        else:
            g = prob * scale
            rows = g.reshape(-1, g.shape[-1])
            rows[np.arange(rows.shape[0]), target.reshape(-1)] -= grad.reshape(-1) if self.reduction == "none" else scale
        return (g, None, None)[: len(self.inputs)]


class SoftmaxCrossEntropyAfterSoftmax(SoftmaxCrossEntropy):
    """The fused loss of logits whose softmax a :class:`Softmax` node already computed: its work is reused.

    ``probabilities`` (that node's output) is an input, so an in-place change to it is refused in backward.
    """

    saves = (1, 2)

    def __init__(self, reduction: str, softmax: Function) -> None:
        super().__init__(reduction)
        self.softmax = softmax

    def forward(self, logits, target, probabilities):
        return super().forward(logits, target)

    def _softmax(self, logits) -> tuple:
        node, self.softmax = self.softmax, None
        return node.shifted, node.total, node.out

    def _short_label_losses(self, logits, labels) -> tuple:
        shifted, total, prob = self._softmax(logits)
        loss = np.empty(labels.shape, shifted.dtype)
        classes = shifted.shape[-1]
        if short_softmax.picked_losses(shifted.reshape(-1, classes), total.reshape(-1, 1), labels.reshape(-1),
                                       loss.reshape(-1)) >= 0:
            _check_label_range(labels, classes)  # raises, naming the label
        return prob, loss, None


def cross_entropy_after_softmax(probabilities, target, reduction: str = "mean"):
    """:func:`cross_entropy` of the logits of ``probabilities = softmax(logits)`` (last axis), reusing the
    softmax's own work: its shifted logits and normalizer give ``log p`` exactly, however small ``p`` is.

    Examples
    --------
    >>> import neurona as nr
    >>> logits = nr.tensor([[2.0, 0.5, -1.0]], requires_grad=True)
    >>> loss = cross_entropy_after_softmax(nr.functional.softmax(logits), nr.tensor([0]))
    >>> round(loss.item(), 4)
    0.2413
    """
    node = probabilities._creator
    if type(node).__name__ != "Softmax" or node.axes != (probabilities.ndim - 1,):
        raise ValueError("cross_entropy_after_softmax: the probabilities must come from softmax over the last axis")
    _check_cross_entropy(node.inputs[0], target, reduction)
    return SoftmaxCrossEntropyAfterSoftmax(reduction, node)(node.inputs[0], _constant(target), probabilities)


def _check_cross_entropy(logits, target, reduction: str) -> None:
    """The reduction, and one-hot targets of the logits' shape (the op checks integer labels)."""
    if _data(target).dtype.kind not in "iu":
        _same_shape("cross_entropy", logits, target)
    if reduction not in REDUCTIONS:
        raise ValueError(f"cross_entropy: reduction must be one of {REDUCTIONS}, got {reduction!r}")


def cross_entropy(logits, target, reduction: str = "mean"):
    """Softmax cross-entropy from logits, with integer labels or one-hot/soft targets.

    Computed through logsumexp (finite for logits of any size), with the fused
    gradient ``softmax(logits) - onehot(target)``.

    Examples
    --------
    >>> import neurona as nr
    >>> logits = nr.tensor([[2.0, 0.5, -1.0]], requires_grad=True)
    >>> loss = nr.functional.cross_entropy(logits, nr.tensor([0]))
    >>> round(loss.item(), 4)
    0.2413
    """
    _check_cross_entropy(logits, target, reduction)
    return SoftmaxCrossEntropy(reduction)(logits, _constant(target))


def kl_divergence(pred, target, reduction: str = "mean"):
    """KL divergence ``Σ target * log(target / pred)`` between probability vectors, per sample."""
    _same_shape("kl_divergence", pred, target)
    eps = _eps(pred)
    t = _data(target)
    t_log_t = np.where(t > 0, t * np.log(np.where(t > 0, t, 1)), 0)
    loss = sub(np.sum(t_log_t, axis=-1), _sum(mul(log(clip(pred, eps, 1)), _constant(target)), axis=-1))
    return _reduce("kl_divergence", loss, reduction)

