"""Op-table rows of convolution and pooling (appended to ``op_table.ROWS``).

neurona is channels-last with Keras's kernel layout; each torch twin changes the
layout (``NHWC -> NCHW``, kernel ``(kh, kw, in, out) -> (out, in, kh, kw)``), pads
explicitly where torch has no such padding mode, and changes the layout back.
"""
from __future__ import annotations

import numpy as np

import neurona.functional as F

from .op_table import Row


def _arrays(*shapes):
    return lambda rng: [rng.standard_normal(shape) for shape in shapes]


def _distinct(shape):
    """Values with no ties, so that every window has one maximum."""
    def make(rng):
        return [rng.permutation(int(np.prod(shape))).reshape(shape) * 0.1 + rng.uniform(0, 0.01, size=shape)]

    return make


def _torch():
    import torch

    return torch


def _tf():
    return _torch().nn.functional


def nchw(x):
    return x.permute(0, 3, 1, 2)


def nhwc(x):
    return x.permute(0, 2, 3, 1)


def t_conv2d(pad=(0, 0, 0, 0), stride=1, dilation=1, first=False):
    """torch's conv2d on neurona's layouts; ``pad`` is (left, right, top, bottom) as in torch's ``pad``."""
    def conv(x, w, b=None):
        x = _tf().pad(x if first else nchw(x), pad)
        y = _tf().conv2d(x, w.permute(3, 2, 0, 1), b, stride, 0, dilation)
        return y if first else nhwc(y)

    return conv


def t_conv1d(pad=(0, 0), stride=1, dilation=1, first=False):
    def conv(x, w, b=None):
        x = _tf().pad(x if first else x.permute(0, 2, 1), pad)
        y = _tf().conv1d(x, w.permute(2, 1, 0), b, stride, 0, dilation)
        return y if first else y.permute(0, 2, 1)

    return conv


def t_conv_transpose(stride=1, padding=0, output_padding=0, dilation=1, crop=None, first=False):
    def conv(x, w, b=None):
        y = _tf().conv_transpose2d(x if first else nchw(x), w.permute(3, 2, 0, 1).contiguous(), b, stride, padding, output_padding, 1, dilation)
        if crop is not None:
            y = y[:, :, : crop[0], : crop[1]]
        return y if first else nhwc(y)

    return conv


def t_max_pool2d(k, stride=None, pad=(0, 0, 0, 0), first=False):
    def pool(x):
        x = _tf().pad(x if first else nchw(x), pad, value=-float("inf"))
        y = _tf().max_pool2d(x, k, stride)
        return y if first else nhwc(y)

    return pool


def t_avg_pool2d(k, stride=None, pad=(0, 0, 0, 0), first=False):
    """The mean over the window's pixels inside the input (padding not counted)."""
    def pool(x):
        x = x if first else nchw(x)
        total = _tf().avg_pool2d(_tf().pad(x, pad), k, stride)
        count = _tf().avg_pool2d(_tf().pad(_torch().ones_like(x), pad), k, stride)
        y = total / count
        return y if first else nhwc(y)

    return pool


def t_pool1d(kind, k, stride=None, pad=(0, 0), first=False):
    def pool(x):
        x = x if first else x.permute(0, 2, 1)
        if kind == "max":
            y = _tf().max_pool1d(_tf().pad(x, pad, value=-float("inf")), k, stride)
        else:
            y = _tf().avg_pool1d(_tf().pad(x, pad), k, stride) / _tf().avg_pool1d(_tf().pad(_torch().ones_like(x), pad), k, stride)
        return y if first else y.permute(0, 2, 1)

    return pool


CONV_ROWS = [
    # conv2d
    Row("conv2d", F.conv2d, _arrays((2, 5, 6, 3), (3, 3, 3, 4), (4,)), t_conv2d(), "valid-bias"),
    Row("conv2d", lambda x, w, b: F.conv2d(x, w, b, padding="same"), _arrays((2, 5, 5, 2), (2, 2, 2, 3), (3,)),
        t_conv2d(pad=(0, 1, 0, 1)), "same-even-kernel"),
    Row("conv2d", lambda x, w: F.conv2d(x, w, strides=2, padding="same"), _arrays((2, 7, 6, 2), (3, 3, 2, 3)),
        t_conv2d(pad=(0, 1, 1, 1), stride=2), "same-stride2-no-bias"),
    Row("conv2d", lambda x, w, b: F.conv2d(x, w, b, dilation_rate=2, padding=((1, 2), (0, 1))),
        _arrays((1, 7, 8, 2), (3, 2, 2, 3), (3,)), t_conv2d(pad=(0, 1, 1, 2), dilation=2), "dilation-explicit-padding"),
    Row("conv2d", lambda x, w: F.conv2d(x, w, strides=(2, 3)), _arrays((1, 9, 10, 1), (3, 4, 1, 2)),
        t_conv2d(stride=(2, 3)), "strides-odd-sizes"),
    Row("conv2d", lambda x, w, b: F.conv2d(x, w, b, strides=(1, 2), padding=1, data_format="channels_first"),
        _arrays((2, 3, 5, 6), (3, 3, 3, 2), (2,)), t_conv2d(pad=(1, 1, 1, 1), stride=(1, 2), first=True), "channels-first"),
    Row("conv2d", lambda x, w, b: F.conv2d(x, w, b, padding="same", activation="relu"), _arrays((2, 5, 6, 3), (3, 3, 3, 4), (4,)),
        lambda x, w, b: _tf().relu(t_conv2d(pad=(1, 1, 1, 1))(x, w, b)), "same-relu-fused"),
    Row("conv2d", lambda x, w: F.conv2d(x, w, strides=2, activation="relu", data_format="channels_first"),
        _arrays((2, 2, 7, 6), (3, 3, 2, 3)), lambda x, w: _tf().relu(t_conv2d(stride=2, first=True)(x, w)), "relu-fused-channels-first"),
    # conv1d
    Row("conv1d", F.conv1d, _arrays((2, 7, 3), (3, 3, 4), (4,)), t_conv1d(), "valid-bias"),
    Row("conv1d", lambda x, w: F.conv1d(x, w, padding="causal", dilation_rate=2), _arrays((2, 7, 2), (3, 2, 3)),
        t_conv1d(pad=(4, 0), dilation=2), "causal-dilation"),
    Row("conv1d", lambda x, w, b: F.conv1d(x, w, b, strides=2, padding="same"), _arrays((2, 7, 2), (3, 2, 3), (3,)),
        t_conv1d(pad=(1, 1), stride=2), "same-stride2"),
    Row("conv1d", lambda x, w: F.conv1d(x, w, strides=2, data_format="channels_first"), _arrays((2, 3, 8), (2, 3, 2)),
        t_conv1d(stride=2, first=True), "channels-first"),
    Row("conv1d", lambda x, w, b: F.conv1d(x, w, b, padding="causal", activation="relu"), _arrays((2, 7, 3), (2, 3, 4), (4,)),
        lambda x, w, b: _tf().relu(t_conv1d(pad=(1, 0))(x, w, b)), "causal-relu-fused"),
    # conv2d_transpose
    Row("conv2d_transpose", lambda x, w, b: F.conv2d_transpose(x, w, b, strides=2), _arrays((2, 3, 4, 3), (3, 3, 2, 3), (2,)),
        t_conv_transpose(stride=2), "valid-stride2"),
    Row("conv2d_transpose", lambda x, w: F.conv2d_transpose(x, w, strides=2, padding="same"), _arrays((2, 3, 4, 2), (3, 3, 2, 2)),
        t_conv_transpose(stride=2, crop=(6, 8)), "same-stride2"),
    Row("conv2d_transpose", lambda x, w: F.conv2d_transpose(x, w, strides=2, padding=1, output_padding=1),
        _arrays((1, 3, 3, 2), (3, 3, 3, 2)), t_conv_transpose(stride=2, padding=1, output_padding=1), "explicit-output-padding"),
    Row("conv2d_transpose", lambda x, w, b: F.conv2d_transpose(x, w, b, dilation_rate=2, data_format="channels_first"),
        _arrays((2, 2, 3, 4), (2, 3, 3, 2), (3,)), t_conv_transpose(dilation=2, first=True), "dilation-channels-first"),
    Row("conv2d_transpose", lambda x, w: F.conv2d_transpose(x, w, strides=(2, 1)), _arrays((1, 3, 4, 1), (2, 3, 2, 1)),
        t_conv_transpose(stride=(2, 1)), "strides-2-1"),
    # pooling
    Row("max_pool2d", F.max_pool2d, _distinct((2, 4, 6, 3)), t_max_pool2d(2), "2x2"),
    Row("max_pool2d", F.max_pool2d, _distinct((1, 5, 7, 2)), t_max_pool2d(2), "odd-sizes"),
    Row("max_pool2d", lambda x: F.max_pool2d(x, 3, 2, padding="same"), _distinct((2, 7, 6, 2)),
        t_max_pool2d(3, 2, pad=(0, 1, 1, 1)), "overlapping-same"),
    Row("max_pool2d", lambda x: F.max_pool2d(x, (2, 3), (1, 2), data_format="channels_first"), _distinct((2, 2, 4, 7)),
        t_max_pool2d((2, 3), (1, 2), first=True), "channels-first"),
    Row("max_pool1d", F.max_pool1d, _distinct((2, 7, 3)), t_pool1d("max", 2), "default"),
    Row("max_pool1d", lambda x: F.max_pool1d(x, 3, 1, padding="same"), _distinct((2, 6, 2)),
        t_pool1d("max", 3, 1, pad=(1, 1)), "same-stride1"),
    Row("avg_pool2d", F.avg_pool2d, _arrays((2, 4, 6, 3)), t_avg_pool2d(2), "2x2"),
    Row("avg_pool2d", lambda x: F.avg_pool2d(x, 3, 2, padding="same"), _arrays((2, 7, 6, 2)),
        t_avg_pool2d(3, 2, pad=(0, 1, 1, 1)), "same-not-counting-padding"),
    Row("avg_pool2d", lambda x: F.avg_pool2d(x, 3, 2, padding=1, data_format="channels_first"), _arrays((1, 2, 5, 6)),
        lambda x: _tf().avg_pool2d(x, 3, 2, 1, count_include_pad=False), "explicit-channels-first"),
    Row("avg_pool1d", F.avg_pool1d, _arrays((2, 7, 3)), t_pool1d("avg", 2), "default"),
    Row("avg_pool1d", lambda x: F.avg_pool1d(x, 3, 2, "same", "channels_first"), _arrays((2, 3, 6)),
        t_pool1d("avg", 3, 2, pad=(0, 1), first=True), "same-channels-first"),
    Row("global_max_pool2d", F.global_max_pool2d, _distinct((2, 3, 4, 3)),
        lambda x: _tf().adaptive_max_pool2d(nchw(x), 1).flatten(1)),
    Row("global_max_pool2d", lambda x: F.global_max_pool2d(x, True, "channels_first"), _distinct((2, 3, 4, 5)),
        lambda x: _tf().adaptive_max_pool2d(x, 1), "keepdims-channels-first"),
    Row("global_max_pool1d", F.global_max_pool1d, _distinct((2, 5, 3)),
        lambda x: _tf().adaptive_max_pool1d(x.permute(0, 2, 1), 1).flatten(1)),
    Row("global_avg_pool2d", F.global_avg_pool2d, _arrays((2, 3, 4, 3)), lambda x: x.mean((1, 2))),
    Row("global_avg_pool2d", lambda x: F.global_avg_pool2d(x, True, "channels_first"), _arrays((2, 3, 4, 5)),
        lambda x: x.mean((2, 3), keepdim=True), "keepdims-channels-first"),
    Row("global_avg_pool1d", F.global_avg_pool1d, _arrays((2, 5, 3)), lambda x: x.mean(1)),
    Row("upsample2d", lambda x: F.upsample2d(x, (2, 3)), _arrays((2, 3, 2, 2)),
        lambda x: nhwc(_tf().interpolate(nchw(x), scale_factor=(2, 3), mode="nearest"))),
    Row("upsample2d", lambda x: F.upsample2d(x, 2, "channels_first"), _arrays((1, 2, 2, 3)),
        lambda x: _tf().interpolate(x, scale_factor=2, mode="nearest"), "channels-first"),
]
