"""The one table of differentiable ops: each row is an op, its inputs, and its torch twin.

Every public function of ``neurona.functional`` must appear here (or in
``NO_GRADIENT``); ``test_op_table.py`` gradchecks each row in float64 and, where
torch is installed, compares forward values and gradients with torch in float64
and in float32. Rows cover 0-d and 1-D inputs too. ``EXTREME_ROWS`` feed ±inf,
±0 and NaN and are compared with torch only (forward, and backward where torch
defines it).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

import neurona.functional as F

NO_GRADIENT = {"step", "heaviside"}


@dataclass
class Row:
    name: str
    fn: Callable
    make_inputs: Callable[[np.random.Generator], list]
    torch_fn: Callable | None = None
    variant: str = ""
    constants: int = 0  # trailing inputs that are data (targets), not differentiated

    @property
    def id(self) -> str:
        return f"{self.name}-{self.variant}" if self.variant else self.name


def normal(*shape):
    return lambda rng: rng.standard_normal(shape)


def away_from_zero(*shape):
    return lambda rng: rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.2, 2.0, size=shape)


def positive(*shape):
    return lambda rng: rng.uniform(0.5, 2.0, size=shape)


def probs(*shape):
    def make(rng):
        e = np.exp(rng.standard_normal(shape))
        return e / e.sum(axis=-1, keepdims=True)

    return make


def unit_interval(*shape):
    return lambda rng: rng.uniform(0.05, 0.95, size=shape)


def both(*makers):
    return lambda rng: [make(rng) for make in makers]


def labels(n, classes):
    return lambda rng: rng.integers(0, classes, size=n)


def onehot(n, classes):
    return lambda rng: np.eye(classes)[rng.integers(0, classes, size=n)]


def distinct(*shape):
    """Values with no ties, so max/min have a unique gradient."""
    return lambda rng: rng.permutation(int(np.prod(shape))).reshape(shape) * 0.1 + rng.uniform(0, 0.01, size=shape)


def ties(*shape):
    """Small integers: many exact ties between two inputs (maximum/minimum split the gradient there)."""
    return lambda rng: rng.integers(-2, 3, size=shape).astype(float)


EXTREMES = np.array([-np.inf, -2.5, -0.5, -0.0, 0.0, 0.5, 2.5, np.inf, np.nan])


def extremes():
    return lambda rng: EXTREMES.copy()


def extreme_pairs():
    """Every pair of extreme values: the first input varies slowest."""
    return both(lambda rng: np.repeat(EXTREMES, EXTREMES.size), lambda rng: np.tile(EXTREMES, EXTREMES.size))


def _torch():
    import torch

    return torch


def _t_pad(x):
    return _torch().nn.functional.pad(x, (2, 1, 1, 0), value=0.5)


def _t_huber(p, y):
    return _torch().nn.functional.huber_loss(p, y, delta=1.0)


def _t_kl(p, q):
    t = _torch()
    return t.nn.functional.kl_div(p.log(), q, reduction="batchmean")


def _t_gaussian_kl(reduction):
    def kl(mean, log_var):
        per_sample = -0.5 * (1 + log_var - mean * mean - log_var.exp()).sum(-1)
        return {"mean": per_sample.mean(), "sum": per_sample.sum(), "none": per_sample}[reduction]

    return kl


def _t_cat_ce(p, y):
    return -(y * p.log()).sum(-1).mean()


def _t_maxout(x):
    return x.reshape(4, 3, 2).amax(-1)


def _t_prelu(x, a):
    t = _torch()
    return t.where(x < 0, a * x, x)




ROWS = [
    # arithmetic, with broadcasting
    Row("add", F.add, both(normal(3, 4), normal(4)), lambda a, b: a + b, "broadcast"),
    Row("add", F.add, both(normal(2, 1, 3), normal(4, 1)), lambda a, b: a + b, "both-broadcast"),
    Row("sub", F.sub, both(normal(3, 4), normal(3, 1)), lambda a, b: a - b),
    Row("mul", F.mul, both(normal(3, 4), normal(1, 4)), lambda a, b: a * b),
    Row("div", F.div, both(normal(3, 4), positive(4)), lambda a, b: a / b),
    Row("pow", F.pow, both(positive(3, 4), normal(3, 4)), lambda a, b: a**b),
    Row("pow", lambda a: F.pow(a, 3), both(normal(5)), lambda a: a**3, "scalar"),
    Row("neg", F.neg, both(normal(3, 4)), lambda a: -a),
    # linear algebra
    Row("matmul", F.matmul, both(normal(3, 4), normal(4, 5)), lambda a, b: a @ b, "2d"),
    Row("matmul", F.matmul, both(normal(2, 3, 4), normal(4, 5)), lambda a, b: a @ b, "batched"),
    Row("matmul", F.matmul, both(normal(2, 3, 4), normal(2, 4, 5)), lambda a, b: a @ b, "batched-both"),
    Row("matmul", F.matmul, both(normal(4), normal(4, 5)), lambda a, b: a @ b, "vector-matrix"),
    Row("matmul", F.matmul, both(normal(3, 4), normal(4)), lambda a, b: a @ b, "matrix-vector"),
    Row("linear", F.linear, both(normal(5, 4), normal(4, 3), normal(3)), lambda x, w, b: x @ w + b),
    Row("linear", F.linear, both(normal(2, 5, 4), normal(4, 3)), lambda x, w: x @ w, "no-bias-3d"),
    Row("linear", lambda x, w, b: F.linear(x, w, b, "relu"), both(away_from_zero(5, 4), normal(4, 3), normal(3)),
        lambda x, w, b: (x @ w + b).relu(), "relu"),
    Row("linear", lambda x, w: F.linear(x, w, activation="tanh"), both(normal(2, 5, 4), normal(4, 3)),
        lambda x, w: (x @ w).tanh(), "tanh-no-bias-3d"),
    Row("softmax", F.softmax, both(normal(2, 3, 40)), lambda x: x.softmax(-1), "wide-3d"),
    Row("log_softmax", F.log_softmax, both(normal(4, 2, 3)), lambda x: x.log_softmax(-1), "3d"),
    Row("cross_entropy", F.cross_entropy, both(normal(70, 3), labels(70, 3)), lambda z, y: _torch().nn.functional.cross_entropy(z, y),
        "many-rows", 1),
    # reductions
    Row("sum", lambda x: F.sum(x, axis=1), both(normal(3, 4, 2)), lambda x: x.sum(1)),
    Row("sum", lambda x: F.sum(x, axis=(0, 2), keepdims=True), both(normal(3, 4, 2)), lambda x: x.sum((0, 2), keepdim=True), "keepdims"),
    Row("mean", F.mean, both(normal(3, 4)), lambda x: x.mean()),
    Row("mean", lambda x: F.mean(x, axis=-1), both(normal(3, 4)), lambda x: x.mean(-1), "axis"),
    Row("max", lambda x: F.max(x, axis=1), both(distinct(3, 4)), lambda x: x.amax(1)),
    Row("max", F.max, both(distinct(3, 4)), lambda x: x.amax(), "all"),
    Row("min", lambda x: F.min(x, axis=0, keepdims=True), both(distinct(3, 4)), lambda x: x.amin(0, keepdim=True)),
    Row("var", lambda x: F.var(x, axis=0), both(normal(5, 3)), lambda x: x.var(0, unbiased=False)),
    Row("var", lambda x: F.var(x, ddof=1), both(normal(5, 3)), lambda x: x.var(), "ddof1"),
    Row("std", lambda x: F.std(x, axis=1), both(normal(3, 6)), lambda x: x.std(1, unbiased=False)),
    Row("logsumexp", lambda x: F.logsumexp(x, axis=-1), both(normal(3, 4)), lambda x: x.logsumexp(-1)),
    # shape
    Row("reshape", lambda x: F.reshape(x, (4, 3)), both(normal(3, 4)), lambda x: x.reshape(4, 3)),
    Row("transpose", F.transpose, both(normal(3, 4)), lambda x: x.T),
    Row("permute", lambda x: F.permute(x, (2, 0, 1)), both(normal(2, 3, 4)), lambda x: x.permute(2, 0, 1)),
    Row("broadcast_to", lambda x: F.broadcast_to(x, (3, 4)), both(normal(1, 4)), lambda x: x.broadcast_to((3, 4))),
    Row("squeeze", lambda x: F.squeeze(x, 1), both(normal(3, 1, 4)), lambda x: x.squeeze(1)),
    Row("unsqueeze", lambda x: F.unsqueeze(x, 0), both(normal(3, 4)), lambda x: x.unsqueeze(0)),
    Row("concatenate", lambda a, b: F.concatenate([a, b], axis=1), both(normal(3, 2), normal(3, 4)), lambda a, b: _torch().cat([a, b], 1)),
    Row("stack", lambda a, b: F.stack([a, b], axis=1), both(normal(3, 2), normal(3, 2)), lambda a, b: _torch().stack([a, b], 1)),
    Row("split", lambda x: F.mul(F.split(x, 2, axis=1)[1], 2.0), both(normal(3, 4)), lambda x: x.split(2, 1)[1] * 2),
    Row("pad", lambda x: F.pad(x, ((1, 0), (2, 1)), 0.5), both(normal(3, 4)), _t_pad),
    Row("getitem", lambda x: F.getitem(x, (slice(1, 3), 2)), both(normal(4, 5)), lambda x: x[1:3, 2], "basic"),
    Row("getitem", lambda x: F.getitem(x, np.array([0, 2, 0])), both(normal(4, 5)), lambda x: x[[0, 2, 0]], "repeated-int-array"),
    Row("getitem", lambda x: F.getitem(x, np.array([True, False, True, True])), both(normal(4, 5)), lambda x: x[[True, False, True, True]], "mask"),
    Row("flatten", lambda x: F.flatten(x, 1), both(normal(2, 3, 4)), lambda x: x.flatten(1)),
    # elementwise
    Row("exp", F.exp, both(normal(3, 4)), lambda x: x.exp()),
    Row("log", F.log, both(positive(3, 4)), lambda x: x.log()),
    Row("sqrt", F.sqrt, both(positive(3, 4)), lambda x: x.sqrt()),
    Row("abs", F.abs, both(away_from_zero(3, 4)), lambda x: x.abs()),
    Row("clip", lambda x: F.clip(x, -0.5, 0.5), both(away_from_zero(3, 4)), lambda x: x.clamp(-0.5, 0.5)),
    Row("maximum", F.maximum, both(distinct(3, 4), normal(3, 4)), lambda a, b: _torch().maximum(a, b)),
    Row("minimum", F.minimum, both(distinct(3, 4), normal(3, 4)), lambda a, b: _torch().minimum(a, b)),
    Row("where", lambda a, b: F.where(np.arange(12).reshape(3, 4) % 3 == 0, a, b), both(normal(3, 4), normal(4)),
        lambda a, b: _torch().where(_torch().arange(12).reshape(3, 4) % 3 == 0, a, b)),
    # activations
    Row("sigmoid", F.sigmoid, both(normal(3, 4)), lambda x: x.sigmoid()),
    Row("tanh", F.tanh, both(normal(3, 4)), lambda x: x.tanh()),
    Row("relu", F.relu, both(away_from_zero(3, 4)), lambda x: x.relu()),
    Row("leaky_relu", lambda x: F.leaky_relu(x, 0.1), both(away_from_zero(3, 4)), lambda x: _torch().nn.functional.leaky_relu(x, 0.1)),
    Row("prelu", F.prelu, both(away_from_zero(3, 4), positive(4)), _t_prelu),
    Row("elu", lambda x: F.elu(x, 0.7), both(away_from_zero(3, 4)), lambda x: _torch().nn.functional.elu(x, 0.7)),
    Row("selu", F.selu, both(away_from_zero(3, 4)), lambda x: _torch().nn.functional.selu(x)),
    Row("softplus", F.softplus, both(normal(3, 4)), lambda x: _torch().nn.functional.softplus(x)),
    Row("softmax", F.softmax, both(normal(3, 4)), lambda x: x.softmax(-1)),
    Row("softmax", lambda x: F.softmax(x, axis=0), both(normal(3, 4)), lambda x: x.softmax(0), "axis0"),
    Row("log_softmax", F.log_softmax, both(normal(3, 4)), lambda x: x.log_softmax(-1)),
    Row("maxout", lambda x: F.maxout(x, 2), both(distinct(4, 6)), _t_maxout),
    Row("identity", F.identity, both(normal(3)), lambda x: x),
    # losses
    Row("mse", F.mse, both(normal(4, 3), normal(4, 3)), lambda p, y: _torch().nn.functional.mse_loss(p, y)),
    Row("mse", lambda p, y: F.mse(p, y, half=True, reduction="sum"), both(normal(4, 3), normal(4, 3)),
        lambda p, y: 0.5 * ((p - y) ** 2).sum(), "half-sum"),
    Row("mae", F.mae, both(normal(4, 3), normal(4, 3)), lambda p, y: _torch().nn.functional.l1_loss(p, y)),
    Row("huber", F.huber, both(normal(4, 3), lambda rng: rng.standard_normal((4, 3)) * 2), _t_huber),
    Row("binary_cross_entropy", F.binary_cross_entropy, both(unit_interval(4, 3), lambda rng: rng.integers(0, 2, (4, 3)).astype(float)),
        lambda p, y: _torch().nn.functional.binary_cross_entropy(p, y), constants=1),
    Row("binary_cross_entropy_with_logits", F.binary_cross_entropy_with_logits, both(normal(4, 3), unit_interval(4, 3)),
        lambda z, y: _torch().nn.functional.binary_cross_entropy_with_logits(z, y), constants=1),
    Row("categorical_cross_entropy", F.categorical_cross_entropy, both(probs(4, 3), onehot(4, 3)), _t_cat_ce, constants=1),
    Row("cross_entropy", F.cross_entropy, both(normal(5, 4), labels(5, 4)), lambda z, y: _torch().nn.functional.cross_entropy(z, y), "labels", 1),
    Row("cross_entropy", lambda z, y: F.cross_entropy(z, y, reduction="none"), both(normal(5, 4), probs(5, 4)),
        lambda z, y: _torch().nn.functional.cross_entropy(z, y, reduction="none"), "soft-targets", 1),
    Row("cross_entropy", lambda z, y: F.cross_entropy(z, y, reduction="sum"), both(normal(5, 4), positive(5, 4)),
        lambda z, y: _torch().nn.functional.cross_entropy(z, y, reduction="sum"), "unnormalized-sum", 1),
    Row("kl_divergence", F.kl_divergence, both(probs(4, 3), probs(4, 3)), _t_kl, constants=1),
    *[Row("gaussian_kl", lambda m, v, r=r: F.gaussian_kl(m, v, r), both(normal(4, 3), normal(4, 3)), _t_gaussian_kl(r), r)
      for r in ("mean", "sum", "none")],
    Row("gaussian_kl", F.gaussian_kl, both(normal(2, 3, 4), normal(2, 3, 4)), _t_gaussian_kl("mean"), "3d"),
    Row("gaussian_kl", F.gaussian_kl, both(normal(5), normal(5)), _t_gaussian_kl("mean"), "1d"),
    Row("gaussian_kl", F.gaussian_kl, both(normal(), normal()), _t_gaussian_kl("mean"), "0d"),
    # normalization
    Row("batch_norm", lambda x, g, b: F.batch_norm(x, g, b, eps=1e-3), both(normal(6, 3), positive(3), normal(3)),
        lambda x, g, b: _torch().nn.functional.batch_norm(x, None, None, g, b, training=True, eps=1e-3), "training"),
    Row("batch_norm", lambda x, g, b: F.batch_norm(x, g, b, np.array([0.1, -0.2, 0.3]), np.array([1.5, 0.5, 2.0]), training=False),
        both(normal(6, 3), positive(3), normal(3)),
        lambda x, g, b: _torch().nn.functional.batch_norm(x, _torch().tensor([0.1, -0.2, 0.3], dtype=x.dtype),
                                                          _torch().tensor([1.5, 0.5, 2.0], dtype=x.dtype), g, b, training=False, eps=1e-3), "eval"),
    Row("batch_norm", lambda x: F.batch_norm(x), both(normal(2, 4, 3)), lambda x: _torch().nn.functional.batch_norm(
        x.reshape(-1, 3), None, None, training=True, eps=1e-3).reshape(2, 4, 3), "no-affine-3d"),
    # regularization
    Row("dropout", lambda x: F.dropout(x, 0.5, rng=np.random.default_rng(3)), both(normal(4, 5)), None),
    Row("l1_penalty", lambda w: F.l1_penalty(w, 0.1), both(away_from_zero(3, 4)), lambda w: 0.1 * w.abs().sum()),
    Row("l2_penalty", lambda w: F.l2_penalty(w, 0.1), both(normal(3, 4)), lambda w: 0.1 * (w * w).sum()),
]


def _t_leaky(x):
    return _torch().nn.functional.leaky_relu(x, 0.2)


def _small(name, fn, make, torch_fn, shapes=((), (5,))):
    """The 0-d and 1-D variants of an op of one input."""
    return [Row(name, fn, both(make(*shape)), torch_fn, f"{len(shape)}d") for shape in shapes]


UNARY = [
    ("neg", F.neg, normal, lambda x: -x),
    ("exp", F.exp, normal, lambda x: x.exp()),
    ("log", F.log, positive, lambda x: x.log()),
    ("sqrt", F.sqrt, positive, lambda x: x.sqrt()),
    ("abs", F.abs, away_from_zero, lambda x: x.abs()),
    ("clip", lambda x: F.clip(x, None, 0.5), away_from_zero, lambda x: x.clamp(max=0.5)),
    ("sigmoid", F.sigmoid, normal, lambda x: x.sigmoid()),
    ("tanh", F.tanh, normal, lambda x: x.tanh()),
    ("relu", F.relu, away_from_zero, lambda x: x.relu()),
    ("leaky_relu", F.leaky_relu, away_from_zero, _t_leaky),
    ("elu", F.elu, away_from_zero, lambda x: _torch().nn.functional.elu(x)),
    ("selu", F.selu, away_from_zero, lambda x: _torch().nn.functional.selu(x)),
    ("softplus", F.softplus, normal, lambda x: _torch().nn.functional.softplus(x)),
    ("softmax", F.softmax, normal, lambda x: x.softmax(-1)),
    ("log_softmax", F.log_softmax, normal, lambda x: x.log_softmax(-1)),
    ("sum", F.sum, normal, lambda x: x.sum()),
    ("sum", lambda x: F.sum(x, axis=0), normal, lambda x: x.sum(0)),
    ("mean", lambda x: F.mean(x, axis=-1, keepdims=True), normal, lambda x: x.mean(-1, keepdim=True)),
    ("max", lambda x: F.max(x, axis=0), distinct, lambda x: x.amax(0)),
    ("min", F.min, distinct, lambda x: x.amin()),
    ("var", lambda x: F.var(x, axis=-1), normal, lambda x: x.var(-1, unbiased=False)),
    ("logsumexp", lambda x: F.logsumexp(x, axis=0), normal, lambda x: x.logsumexp(0)),
    ("logsumexp", lambda x: F.logsumexp(x, axis=-1, keepdims=True), normal, lambda x: x.logsumexp(-1, keepdim=True)),
    ("flatten", F.flatten, normal, lambda x: x.flatten()),
    ("transpose", F.transpose, normal, lambda x: x.permute(tuple(reversed(range(x.ndim))))),
    ("unsqueeze", lambda x: F.unsqueeze(x, -1), normal, lambda x: x.unsqueeze(-1)),
    ("reshape", lambda x: F.reshape(x, (1, -1)), normal, lambda x: x.reshape(1, -1)),
    ("broadcast_to", lambda x: F.broadcast_to(x, (2, 5)), normal, lambda x: x.broadcast_to((2, 5))),
    ("l1_penalty", lambda w: F.l1_penalty(w, 0.1), away_from_zero, lambda w: 0.1 * w.abs().sum()),
    ("l2_penalty", lambda w: F.l2_penalty(w, 0.1), normal, lambda w: 0.1 * (w * w).sum()),
]

SMALL_ROWS = [row for name, fn, make, torch_fn in UNARY for row in _small(name, fn, make, torch_fn)] + [
    Row("add", F.add, both(normal(), normal(5)), lambda a, b: a + b, "0d-1d"),
    Row("sub", F.sub, both(normal(5), normal()), lambda a, b: a - b, "1d-0d"),
    Row("mul", F.mul, both(normal(), normal()), lambda a, b: a * b, "0d"),
    Row("div", F.div, both(normal(5), positive()), lambda a, b: a / b, "1d-0d"),
    Row("pow", F.pow, both(positive(), normal(5)), lambda a, b: a**b, "0d-1d"),
    Row("maximum", F.maximum, both(ties(4, 5), ties(5)), lambda a, b: _torch().maximum(a, b), "ties"),
    Row("minimum", F.minimum, both(ties(4, 5), ties(4, 5)), lambda a, b: _torch().minimum(a, b), "ties"),
    Row("maximum", F.maximum, both(distinct(), normal(5)), lambda a, b: _torch().maximum(a, b), "0d-1d"),
    Row("minimum", F.minimum, both(normal(), distinct()), lambda a, b: _torch().minimum(a, b), "0d"),
    Row("permute", lambda x: F.permute(x, (0,)), both(normal(5)), lambda x: x.permute(0), "1d"),
    Row("where", lambda a, b: F.where(np.array([True, False, True, False, True]), a, b), both(normal(5), normal()),
        lambda a, b: _torch().where(_torch().tensor([True, False, True, False, True]), a, b), "1d-0d"),
    Row("matmul", F.matmul, both(normal(4), normal(4)), lambda a, b: a @ b, "1d-1d"),
    Row("matmul", F.matmul, both(normal(4), normal(2, 4, 3)), lambda a, b: a @ b, "1d-batched"),
    Row("matmul", F.matmul, both(normal(2, 3, 4), normal(4)), lambda a, b: a @ b, "batched-1d"),
    Row("matmul", F.matmul, both(normal(1, 3, 4), normal(2, 4, 5)), lambda a, b: a @ b, "batch-broadcast"),
    Row("linear", F.linear, both(normal(4), normal(4, 3), normal(3)), lambda x, w, b: x @ w + b, "1d"),
    Row("linear", lambda x, w, b: F.linear(x, w, b, "tanh"), both(normal(4), normal(4, 3), normal(3)),
        lambda x, w, b: (x @ w + b).tanh(), "tanh-1d"),
    Row("squeeze", lambda x: F.squeeze(x, 0), both(normal()), lambda x: x.squeeze(0), "0d"),
    Row("squeeze", F.squeeze, both(normal(1, 4, 1)), lambda x: x.squeeze(), "all"),
    Row("concatenate", lambda a, b: F.concatenate([a, b]), both(normal(2), normal(3)), lambda a, b: _torch().cat([a, b]), "1d"),
    Row("stack", lambda a, b: F.stack([a, b], axis=-1), both(normal(), normal()), lambda a, b: _torch().stack([a, b], -1), "0d"),
    Row("split", lambda x: F.split(x, [2], axis=-1)[1], both(normal(5)), lambda x: x[2:], "1d"),
    Row("pad", lambda x: F.pad(x, (1, 2)), both(normal(4)), lambda x: _torch().nn.functional.pad(x, (1, 2)), "1d"),
    Row("getitem", lambda x: F.getitem(x, 2), both(normal(5)), lambda x: x[2], "1d-to-0d"),
    Row("std", F.std, both(normal(6)), lambda x: x.std(unbiased=False), "1d"),
    Row("prelu", F.prelu, both(away_from_zero(5), positive()), _t_prelu, "1d"),
    Row("maxout", lambda x: F.maxout(x, 3), both(distinct(6)), lambda x: x.reshape(2, 3).amax(-1), "1d"),
    Row("identity", F.identity, both(normal()), lambda x: x, "0d"),
    Row("mse", F.mse, both(normal(), normal()), lambda p, y: _torch().nn.functional.mse_loss(p, y), "0d"),
    Row("mae", F.mae, both(normal(5), normal(5)), lambda p, y: _torch().nn.functional.l1_loss(p, y), "1d"),
    Row("huber", F.huber, both(normal(5), lambda rng: rng.standard_normal(5) * 2), _t_huber, "1d"),
    Row("binary_cross_entropy", F.binary_cross_entropy, both(unit_interval(5), lambda rng: rng.integers(0, 2, 5).astype(float)),
        lambda p, y: _torch().nn.functional.binary_cross_entropy(p, y), "1d", 1),
    Row("binary_cross_entropy_with_logits", F.binary_cross_entropy_with_logits, both(normal(), unit_interval()),
        lambda z, y: _torch().nn.functional.binary_cross_entropy_with_logits(z, y), "0d", 1),
    Row("categorical_cross_entropy", F.categorical_cross_entropy, both(probs(4), onehot(None, 4)),
        lambda p, y: -(y * p.log()).sum(), "1d", 1),
    Row("cross_entropy", F.cross_entropy, both(normal(4), lambda rng: np.array(2)),
        lambda z, y: _torch().nn.functional.cross_entropy(z, y), "1d-labels", 1),
    Row("kl_divergence", F.kl_divergence, both(probs(4), probs(4)),
        lambda p, q: _torch().nn.functional.kl_div(p.log(), q, reduction="sum"), "1d", 1),
    Row("dropout", lambda x: F.dropout(x, 0.3, rng=np.random.default_rng(3)), both(normal(5)), None, "1d"),
]

ROWS += SMALL_ROWS


def _t_kl_sparsity(a, rho=0.2, beta=3.0):
    rho_hat = a.mean(0)
    return beta * (rho * (rho / rho_hat).log() + (1 - rho) * ((1 - rho) / (1 - rho_hat)).log()).sum()


ROWS += [  # the autoencoders' noise and sparsity
    Row("gaussian_noise", lambda x: F.gaussian_noise(x, 0.5, rng=np.random.default_rng(3)), both(normal(4, 5)), None),
    Row("gaussian_dropout", lambda x: F.gaussian_dropout(x, 0.3, rng=np.random.default_rng(3)), both(normal(4, 5)), None),
    Row("gaussian_dropout", lambda x: F.gaussian_dropout(x, 0.3, rng=np.random.default_rng(3)), both(normal()), None, "0d"),
    Row("kl_sparsity", lambda a: F.kl_sparsity(a, 0.2, 3.0), both(unit_interval(8, 5)), _t_kl_sparsity),
    Row("kl_sparsity", lambda a: F.kl_sparsity(a, 0.2, 3.0), both(unit_interval(6, 2, 3)), _t_kl_sparsity, "3d"),
    Row("kl_sparsity", lambda a: F.kl_sparsity(a, 0.2, 3.0), both(unit_interval(4)), _t_kl_sparsity, "1d"),
]


def _extreme_unary(name, fn, torch_fn):
    return Row(name, fn, both(extremes()), torch_fn, "extreme")


def _extreme_binary(name, fn, torch_fn):
    return Row(name, fn, extreme_pairs(), torch_fn, "extreme")


EXTREME_ROWS = [
    _extreme_unary("neg", F.neg, lambda x: -x),
    _extreme_unary("exp", F.exp, lambda x: x.exp()),
    _extreme_unary("log", F.log, lambda x: x.log()),
    _extreme_unary("sqrt", F.sqrt, lambda x: x.sqrt()),
    _extreme_unary("abs", F.abs, lambda x: x.abs()),
    _extreme_unary("clip", lambda x: F.clip(x, -1.0, 1.0), lambda x: x.clamp(-1.0, 1.0)),
    _extreme_unary("sigmoid", F.sigmoid, lambda x: x.sigmoid()),
    _extreme_unary("tanh", F.tanh, lambda x: x.tanh()),
    _extreme_unary("relu", F.relu, lambda x: x.relu()),
    Row("linear", lambda x: F.linear(F.reshape(x, (-1, 1)), np.ones((1, 1), np.float32), activation="relu"), both(extremes()),
        lambda x: x.reshape(-1, 1).relu(), "relu-extreme"),
    Row("linear", lambda x: F.linear(F.reshape(x, (-1, 1)), np.ones((1, 1), np.float32), activation="tanh"), both(extremes()),
        lambda x: x.reshape(-1, 1).tanh(), "tanh-extreme"),
    _extreme_unary("leaky_relu", F.leaky_relu, _t_leaky),
    _extreme_unary("elu", lambda x: F.elu(x, 0.7), lambda x: _torch().nn.functional.elu(x, 0.7)),
    _extreme_unary("selu", F.selu, lambda x: _torch().nn.functional.selu(x)),
    _extreme_unary("softplus", F.softplus, lambda x: _torch().nn.functional.softplus(x)),
    _extreme_unary("max", lambda x: F.max(F.reshape(x, (3, 3)), axis=1), lambda x: x.reshape(3, 3).amax(1)),
    _extreme_unary("min", lambda x: F.min(F.reshape(x, (3, 3)), axis=0), lambda x: x.reshape(3, 3).amin(0)),
    _extreme_unary("sum", lambda x: F.sum(F.reshape(x, (3, 3)), axis=1), lambda x: x.reshape(3, 3).sum(1)),
    _extreme_unary("logsumexp", lambda x: F.logsumexp(F.reshape(x, (3, 3)), axis=1), lambda x: x.reshape(3, 3).logsumexp(1)),
    _extreme_unary("softmax", lambda x: F.softmax(F.reshape(x, (3, 3))), lambda x: x.reshape(3, 3).softmax(-1)),
    _extreme_unary("log_softmax", lambda x: F.log_softmax(F.reshape(x, (3, 3))), lambda x: x.reshape(3, 3).log_softmax(-1)),
    _extreme_binary("add", F.add, lambda a, b: a + b),
    _extreme_binary("sub", F.sub, lambda a, b: a - b),
    _extreme_binary("mul", F.mul, lambda a, b: a * b),
    _extreme_binary("div", F.div, lambda a, b: a / b),
    _extreme_binary("pow", F.pow, lambda a, b: a**b),
    _extreme_binary("maximum", F.maximum, lambda a, b: _torch().maximum(a, b)),
    _extreme_binary("minimum", F.minimum, lambda a, b: _torch().minimum(a, b)),
    Row("softmax", F.softmax, both(lambda rng: np.array([[-np.inf, 0.0, 1.0], [2.0, -np.inf, -np.inf]])),
        lambda x: x.softmax(-1), "masked"),
    Row("log_softmax", F.log_softmax, both(lambda rng: np.array([[-np.inf, 0.0, 1.0], [2.0, -np.inf, -np.inf]])),
        lambda x: x.log_softmax(-1), "masked"),
    Row("cross_entropy", F.cross_entropy, both(lambda rng: np.array([[-np.inf, 0.0, 1.0], [2.0, -np.inf, 0.5]]),
                                                lambda rng: np.array([2, 0])),
        lambda z, y: _torch().nn.functional.cross_entropy(z, y), "masked", 1),
]

from .op_table_recurrent import ROWS as RECURRENT_ROWS  # noqa: E402  (imports Row from here)

ROWS += RECURRENT_ROWS

from .op_table_conv import CONV_ROWS  # noqa: E402  (convolution and pooling rows)

ROWS += CONV_ROWS

ROWS.append(Row("embedding", lambda w, ids: F.embedding(ids, w), both(normal(5, 3), lambda rng: rng.integers(0, 5, size=(2, 4))),
                lambda w, ids: _torch().nn.functional.embedding(ids, w), constants=1))
