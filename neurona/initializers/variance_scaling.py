"""Variance scaling: the Glorot (Xavier), He (Kaiming) and LeCun initializers.

Each draws weights with variance ``scale / n``, where ``n`` is the fan-in, the
fan-out or their mean (see :func:`~neurona.initializers.base.compute_fans`):

========  =====  ==========  =====================================
name      scale  mode        for
========  =====  ==========  =====================================
glorot    1      fan_avg     tanh and sigmoid layers
he        2      fan_in      ReLU layers
lecun     1      fan_in      SELU layers
========  =====  ==========  =====================================

The uniform variants draw from ``[-limit, limit]`` with ``limit = sqrt(3 * scale / n)``;
the normal variants from a normal truncated at two standard deviations, rescaled
so that the variance is still ``scale / n`` (as Keras does).
"""
from __future__ import annotations

import numpy as np

from neurona.initializers.base import Initializer, compute_fans
from neurona.initializers.distributions import TRUNCATED_STD, truncated_normal
from neurona.random import get_rng

MODES = ("fan_in", "fan_out", "fan_avg")
DISTRIBUTIONS = ("truncated_normal", "untruncated_normal", "uniform")


class VarianceScaling(Initializer):
    """Random weights with variance ``scale / n``, ``n`` chosen by ``mode``.

    Examples
    --------
    >>> import neurona
    >>> from neurona.initializers import VarianceScaling
    >>> neurona.random.seed(0)
    >>> w = VarianceScaling(2.0, "fan_in", "uniform")((1000, 500))
    >>> round(float(w.var() * 1000), 2)
    2.0
    """

    def __init__(self, scale: float = 1.0, mode: str = "fan_in", distribution: str = "truncated_normal") -> None:
        if scale <= 0:
            raise ValueError(f"VarianceScaling: scale must be positive, got {scale}")
        if mode not in MODES:
            raise ValueError(f"VarianceScaling: unknown mode '{mode}'; valid modes: {', '.join(MODES)}")
        if distribution not in DISTRIBUTIONS:
            raise ValueError(
                f"VarianceScaling: unknown distribution '{distribution}'; valid: {', '.join(DISTRIBUTIONS)}"
            )
        self.scale, self.mode, self.distribution = float(scale), mode, distribution

    def sample(self, shape: tuple, dtype: np.dtype) -> np.ndarray:
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_out": fan_out, "fan_avg": (fan_in + fan_out) / 2}[self.mode]
        variance = self.scale / max(1.0, n)
        if self.distribution == "uniform":
            limit = np.sqrt(3.0 * variance)
            return get_rng().uniform(-limit, limit, shape)
        if self.distribution == "untruncated_normal":
            return np.sqrt(variance) * get_rng().standard_normal(shape)
        return np.sqrt(variance) / TRUNCATED_STD * truncated_normal(shape)

    def get_config(self) -> dict:
        return {"scale": self.scale, "mode": self.mode, "distribution": self.distribution}


class _Preset(VarianceScaling):
    """A VarianceScaling with fixed options, configured by its class alone."""

    preset: tuple = ()

    def __init__(self) -> None:
        super().__init__(*self.preset)

    def get_config(self) -> dict:
        return {}


class GlorotUniform(_Preset):
    """Glorot (Xavier) uniform: ``U(-limit, limit)``, ``limit = sqrt(6 / (fan_in + fan_out))``.

    Examples
    --------
    >>> from neurona.initializers import GlorotUniform
    >>> GlorotUniform()((784, 100)).dtype
    dtype('float32')
    """

    preset = (1.0, "fan_avg", "uniform")


class GlorotNormal(_Preset):
    """Glorot (Xavier) normal: truncated normal with variance ``2 / (fan_in + fan_out)``.

    Examples
    --------
    >>> from neurona.initializers import GlorotNormal
    >>> GlorotNormal()((3, 2)).shape
    (3, 2)
    """

    preset = (1.0, "fan_avg", "truncated_normal")


class HeUniform(_Preset):
    """He (Kaiming) uniform: ``U(-limit, limit)``, ``limit = sqrt(6 / fan_in)``.

    Examples
    --------
    >>> from neurona.initializers import HeUniform
    >>> HeUniform()((3, 2)).shape
    (3, 2)
    """

    preset = (2.0, "fan_in", "uniform")


class HeNormal(_Preset):
    """He (Kaiming) normal: truncated normal with variance ``2 / fan_in``.

    Examples
    --------
    >>> from neurona.initializers import HeNormal
    >>> HeNormal()((3, 2)).shape
    (3, 2)
    """

    preset = (2.0, "fan_in", "truncated_normal")


class LecunUniform(_Preset):
    """LeCun uniform: ``U(-limit, limit)``, ``limit = sqrt(3 / fan_in)``.

    Examples
    --------
    >>> from neurona.initializers import LecunUniform
    >>> LecunUniform()((3, 2)).shape
    (3, 2)
    """

    preset = (1.0, "fan_in", "uniform")


class LecunNormal(_Preset):
    """LeCun normal: truncated normal with variance ``1 / fan_in``.

    Examples
    --------
    >>> from neurona.initializers import LecunNormal
    >>> LecunNormal()((3, 2)).shape
    (3, 2)
    """

    preset = (1.0, "fan_in", "truncated_normal")
