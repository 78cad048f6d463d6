"""Stateless differentiable operations, one file per family.

Each public function is a thin wrapper over a :class:`~neurona.function.Function`.
"""
from neurona.functional.activations import (
    elu,
    heaviside,
    identity,
    leaky_relu,
    log_softmax,
    maxout,
    prelu,
    relu,
    selu,
    sigmoid,
    softmax,
    softplus,
    step,
    tanh,
)
from neurona.functional.arithmetic import add, div, mul, neg, pow, sub
from neurona.functional.convolution import conv1d, conv2d, conv2d_transpose
from neurona.functional.divergences import gaussian_kl
from neurona.functional.elementwise import abs, clip, exp, log, maximum, minimum, sqrt, where
from neurona.functional.linalg import linear, matmul
from neurona.functional.losses import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    categorical_cross_entropy,
    cross_entropy,
    huber,
    kl_divergence,
    mae,
    mse,
)
from neurona.functional.embedding import embedding
from neurona.functional.normalization import batch_norm
from neurona.functional.recurrent import gru, lstm, simple_rnn
from neurona.functional.pooling import (
    avg_pool1d,
    avg_pool2d,
    global_avg_pool1d,
    global_avg_pool2d,
    global_max_pool1d,
    global_max_pool2d,
    max_pool1d,
    max_pool2d,
    upsample2d,
)
from neurona.functional.reductions import logsumexp, max, mean, min, std, sum, var
from neurona.functional.noise import gaussian_dropout, gaussian_noise
from neurona.functional.regularization import dropout, kl_sparsity, l1_penalty, l2_penalty
from neurona.functional.shape import (
    broadcast_to,
    concatenate,
    flatten,
    getitem,
    pad,
    permute,
    reshape,
    split,
    squeeze,
    stack,
    transpose,
    unsqueeze,
)

__all__ = [
    "abs", "add", "batch_norm", "binary_cross_entropy", "binary_cross_entropy_with_logits", "broadcast_to",
    "categorical_cross_entropy", "clip", "concatenate", "cross_entropy", "div", "dropout", "elu",
    "exp", "flatten", "getitem", "heaviside", "huber", "identity", "kl_divergence", "l1_penalty",
    "l2_penalty", "leaky_relu", "linear", "log", "log_softmax", "logsumexp", "mae", "matmul", "max",
    "maximum", "maxout", "mean", "min", "minimum", "mse", "mul", "neg", "pad", "permute", "pow",
    "prelu", "relu", "reshape", "selu", "sigmoid", "softmax", "softplus", "split", "sqrt", "squeeze",
    "stack", "std", "step", "sub", "sum", "tanh", "transpose", "unsqueeze", "var", "where",
    "gru", "lstm", "simple_rnn", "embedding",
    "gaussian_kl",
    "conv1d", "conv2d", "conv2d_transpose", "max_pool1d", "max_pool2d", "avg_pool1d", "avg_pool2d",
    "global_max_pool1d", "global_max_pool2d", "global_avg_pool1d", "global_avg_pool2d", "upsample2d",
    "gaussian_dropout", "gaussian_noise", "kl_sparsity",
]
