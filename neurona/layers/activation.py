"""Activation layers: ``Activation(name)`` and one class per common activation.

Each exposes ``.activation``, the function it applies; it is the registry
function itself (``F.relu``, ``F.softmax``, ...) when the layer uses the
function's default options, so training code can recognize it.
"""
from __future__ import annotations

import warnings
from functools import partial
from typing import Callable

import neurona.functional as F
from neurona import activations, initializers, regularizers
from neurona.layers.base import Layer


class Activation(Layer):
    """Apply an activation function, given by name or as a function.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import Activation
    >>> Activation("tanh")(nr.tensor([[0.0]]))
    tensor([[0.]])
    """

    supports_masking = True

    def __init__(self, activation: str | Callable | None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.activation = activations.get(activation)

    def forward(self, x):
        return self.activation(x)

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": activations.serialize(self.activation)}


class ReLU(Layer):
    """Rectified linear unit ``max(0, x)``.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import ReLU
    >>> ReLU()(nr.tensor([[-1.0, 2.0]])).numpy().tolist() == [[0.0, 2.0]]
    True
    """

    supports_masking = True

    activation = staticmethod(F.relu)

    def forward(self, x):
        return F.relu(x)


class Sigmoid(Layer):
    """Logistic sigmoid ``1 / (1 + e**-x)``.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import Sigmoid
    >>> Sigmoid()(nr.tensor([[0.0]]))
    tensor([[0.5]])
    """

    supports_masking = True

    activation = staticmethod(F.sigmoid)

    def forward(self, x):
        return F.sigmoid(x)


class Tanh(Layer):
    """Hyperbolic tangent.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import Tanh
    >>> Tanh()(nr.tensor([[0.0]]))
    tensor([[0.]])
    """

    supports_masking = True

    activation = staticmethod(F.tanh)

    def forward(self, x):
        return F.tanh(x)


class LeakyReLU(Layer):
    """``x`` for positive inputs, ``negative_slope * x`` otherwise.

    The default ``negative_slope=0.3`` is Keras 3's layer's; ``neurona.functional.leaky_relu``
    defaults to 0.2 (Keras 3's function) and PyTorch to 0.01. Keras 2's name ``alpha``
    is still accepted, with a DeprecationWarning, as Keras 3 does.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import LeakyReLU
    >>> LeakyReLU(negative_slope=0.5)(nr.tensor([[-2.0, 2.0]]))
    tensor([[-1.,  2.]])
    """

    supports_masking = True

    def __init__(self, negative_slope: float = 0.3, **kwargs) -> None:
        if "alpha" in kwargs:
            warnings.warn("LeakyReLU: 'alpha' is deprecated; use negative_slope", DeprecationWarning, stacklevel=2)
            negative_slope = kwargs.pop("alpha")
        super().__init__(**kwargs)
        if isinstance(negative_slope, bool) or not isinstance(negative_slope, (int, float)) or negative_slope < 0:
            raise ValueError(f"{self.name}: negative_slope must be a non-negative number, got {negative_slope!r}")
        self.negative_slope = float(negative_slope)
        self.activation = partial(F.leaky_relu, negative_slope=self.negative_slope)

    def forward(self, x):
        return F.leaky_relu(x, self.negative_slope)

    def get_config(self) -> dict:
        return {**super().get_config(), "negative_slope": self.negative_slope}


class ELU(Layer):
    """Exponential linear unit: ``x`` if positive, else ``alpha * (e**x - 1)``.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import ELU
    >>> ELU()(nr.tensor([[0.0, 2.0]]))
    tensor([[0., 2.]])
    """

    supports_masking = True

    def __init__(self, alpha: float = 1.0, **kwargs) -> None:
        super().__init__(**kwargs)
        self.alpha = float(alpha)
        self.activation = F.elu if self.alpha == 1.0 else partial(F.elu, alpha=self.alpha)

    def forward(self, x):
        return F.elu(x, self.alpha)

    def get_config(self) -> dict:
        return {**super().get_config(), "alpha": self.alpha}


class Softmax(Layer):
    """Softmax along ``axis`` (the last by default).

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import Softmax
    >>> Softmax()(nr.tensor([[1.0, 1.0]]))
    tensor([[0.5, 0.5]])
    """

    supports_masking = True

    def __init__(self, axis: int = -1, **kwargs) -> None:
        super().__init__(**kwargs)
        self.axis = int(axis)
        self.activation = F.softmax if self.axis == -1 else partial(F.softmax, axis=self.axis)

    def forward(self, x):
        return F.softmax(x, self.axis)

    def get_config(self) -> dict:
        return {**super().get_config(), "axis": self.axis}


class PReLU(Layer):
    """Parametric ReLU: ``x`` if positive, else ``alpha * x`` with ``alpha`` learned per feature.

    ``alpha`` has one value per feature (the last axis), shared over the other
    axes; it starts at ``alpha_initializer`` (zeros, as in Keras: a ReLU).

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import PReLU
    >>> layer = PReLU(alpha_initializer={"class_name": "Constant", "config": {"value": 0.25}})
    >>> layer(nr.tensor([[-4.0, 4.0]]))
    tensor([[-1.,  4.]], grad_fn=PReLU)
    >>> layer.alpha.shape
    (2,)
    """

    supports_masking = True

    min_ndim = 1

    def __init__(self, alpha_initializer="zeros", alpha_regularizer=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)

    def build(self, input_shape: tuple) -> None:
        features = input_shape[-1]
        self.add_weight("alpha", (features,), self.alpha_initializer, self.alpha_regularizer)
        self._input_features = features
        super().build(input_shape)

    def forward(self, x):
        return F.prelu(x, self.alpha)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "alpha_initializer": initializers.serialize(self.alpha_initializer),
            "alpha_regularizer": regularizers.serialize(self.alpha_regularizer),
        }
