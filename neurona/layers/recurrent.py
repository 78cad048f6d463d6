"""Recurrent layers ``SimpleRNN``, ``LSTM`` and ``GRU`` (Keras 3's arguments), one graph node per call.

Each layer holds the weights in Keras's layout and calls the fused sequence op of
:mod:`neurona.functional.recurrent`: the input projection of all steps is one matrix product,
backpropagation through time runs inside one node. A mask (from ``Embedding(mask_zero=True)``,
``Masking`` or the ``mask=`` argument) makes the padded steps carry the state unchanged, so they
change neither the output nor the gradients.
"""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona import initializers, regularizers
from neurona.layers.base import Layer
from neurona.layers.kernel_bias import positive_int
from neurona.random import get_rng
from neurona.tensor import Tensor


def _rate(owner: str, name: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value < 1.0:
        raise ValueError(f"{owner}: {name} must be a number in [0, 1), got {value!r}")
    return float(value)


def _activation_name(owner: str, name: str, value, allowed: tuple) -> str:
    if value not in allowed:
        raise ValueError(f"{owner}: {name} must be one of {list(allowed)} (the fused recurrent op's), got {value!r}")
    return value


class RNN(Layer):
    """What the recurrent layers share: options, weights, masks, initial states, dropout, outputs.

    A subclass sets ``gates`` (blocks of ``units`` in the kernels), ``n_states`` and
    ``_run(x, states, mask, recurrent_mask)`` calling its op.
    """

    abstract = True
    gates, n_states = 1, 1
    supports_masking = True

    def __init__(
        self,
        units: int,
        use_bias: bool = True,
        kernel_initializer="glorot_uniform",
        recurrent_initializer="orthogonal",
        bias_initializer="zeros",
        kernel_regularizer=None,
        recurrent_regularizer=None,
        bias_regularizer=None,
        dropout: float = 0.0,
        recurrent_dropout: float = 0.0,
        return_sequences: bool = False,
        return_state: bool = False,
        go_backwards: bool = False,
        stateful: bool = False,
        unroll: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        if stateful:
            raise ValueError(f"{self.name}: stateful=True is not supported (pass initial_state= to carry states between calls)")
        self.units = positive_int(self.name, "units", units)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.recurrent_initializer = initializers.get(recurrent_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.recurrent_regularizer = regularizers.get(recurrent_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.dropout = _rate(self.name, "dropout", dropout)
        self.recurrent_dropout = _rate(self.name, "recurrent_dropout", recurrent_dropout)
        self.return_sequences, self.return_state = bool(return_sequences), bool(return_state)
        self.go_backwards = bool(go_backwards)
        self.unroll = bool(unroll)  # accepted for Keras compatibility; the fused op never unrolls

    # ------------------------------------------------------------ weights
    def _bias_initializer(self):
        return self.bias_initializer

    def _bias_shape(self) -> tuple:
        return (self.gates * self.units,)

    def build(self, input_shape) -> None:
        shape = input_shape[0] if isinstance(input_shape, list) else input_shape
        if len(shape) != 3 or shape[-1] is None:
            raise ValueError(f"{self.name}: expected inputs of shape (batch, time, features), got {tuple(shape)}")
        self.features = int(shape[-1])
        width = self.gates * self.units
        self.add_weight("kernel", (self.features, width), self.kernel_initializer, self.kernel_regularizer)
        self.add_weight("recurrent_kernel", (self.units, width), self.recurrent_initializer, self.recurrent_regularizer)
        if self.use_bias:
            self.add_weight("bias", self._bias_shape(), self._bias_initializer(), self.bias_regularizer)
        super().build(input_shape)

    # ------------------------------------------------------------ call
    def __call__(self, inputs, *args, initial_state=None, **kwargs):
        if initial_state is not None:
            if isinstance(inputs, (list, tuple)):
                raise ValueError(f"{self.name}: give the initial states either in the inputs list or as initial_state, not both")
            states = list(initial_state) if isinstance(initial_state, (list, tuple)) else [initial_state]
            inputs = [inputs, *states]
        return super().__call__(inputs, *args, **kwargs)

    def _split(self, inputs) -> tuple:
        """``(x, states)`` from ``x`` or ``[x, *initial_states]``."""
        if not isinstance(inputs, (list, tuple)):
            return inputs, [None] * self.n_states
        x, states = inputs[0], list(inputs[1:])
        if len(states) != self.n_states:
            raise ValueError(f"{self.name}: expected {self.n_states} initial state(s) (batch, {self.units}), got {len(states)}")
        return x, [s if s is None or isinstance(s, Tensor) else Tensor(s) for s in states]

    def _check_input(self, x) -> Tensor:
        x = x if isinstance(x, Tensor) else Tensor(x)
        if x.ndim != 3 or x.shape[-1] != self.features:
            raise ValueError(
                f"{self.name}: expected inputs of shape (batch, time, {self.features}), got {tuple(x.shape)}"
            )
        return x

    def _dropout_mask(self, shape: tuple, rate: float, dtype):
        if not rate or not self.training:
            return None
        keep = get_rng().random(shape) >= rate
        return (keep / (1.0 - rate)).astype(dtype)

    def forward(self, inputs, mask=None):
        x, states = self._split(inputs)
        x = self._check_input(x)
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        if mask is not None:
            mask = np.asarray(getattr(mask, "_data", mask), dtype=bool)
        batch = x.shape[0]
        input_mask = self._dropout_mask((batch, 1, self.features), self.dropout, x.dtype)
        if input_mask is not None:
            x = x * Tensor(input_mask)
        recurrent_mask = self._dropout_mask((batch, self.units), self.recurrent_dropout, x.dtype)
        output, *finals = self._run(x, states, mask, recurrent_mask)
        return [output, *finals] if self.return_state else output

    def _options(self, mask, recurrent_mask) -> dict:
        options = {"mask": mask, "go_backwards": self.go_backwards, "return_sequences": self.return_sequences}
        if recurrent_mask is not None:
            options["recurrent_mask"] = recurrent_mask
        return options

    def _weights(self) -> tuple:
        return self.kernel, self.recurrent_kernel, self.bias if self.use_bias else None

    # ------------------------------------------------------------ shapes and masks
    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        return [output_mask] + [None] * self.n_states if self.return_state else output_mask

    def compute_output_shape(self, input_shape):
        shape = input_shape[0] if isinstance(input_shape, list) else input_shape
        batch, time = shape[0], shape[1]
        output = (batch, time, self.units) if self.return_sequences else (batch, self.units)
        return [output] + [(batch, self.units)] * self.n_states if self.return_state else output

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "units": self.units,
            "use_bias": self.use_bias,
            "kernel_initializer": initializers.serialize(self.kernel_initializer),
            "recurrent_initializer": initializers.serialize(self.recurrent_initializer),
            "bias_initializer": initializers.serialize(self.bias_initializer),
            "kernel_regularizer": regularizers.serialize(self.kernel_regularizer),
            "recurrent_regularizer": regularizers.serialize(self.recurrent_regularizer),
            "bias_regularizer": regularizers.serialize(self.bias_regularizer),
            "dropout": self.dropout,
            "recurrent_dropout": self.recurrent_dropout,
            "return_sequences": self.return_sequences,
            "return_state": self.return_state,
            "go_backwards": self.go_backwards,
            "unroll": self.unroll,
        }


class SimpleRNN(RNN):
    """Fully connected recurrence ``h_t = activation(x_t·W + h_{t-1}·U + b)`` (Keras's ``SimpleRNN``).

    ``activation`` is ``'tanh'`` (default) or ``'relu'``. Other arguments as :class:`LSTM`.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import SimpleRNN
    >>> SimpleRNN(4, return_sequences=True)(np.ones((2, 5, 3))).shape
    (2, 5, 4)
    """

    def __init__(self, units: int, activation: str = "tanh", **kwargs) -> None:
        super().__init__(units, **kwargs)
        self.activation = _activation_name(self.name, "activation", activation, ("tanh", "relu"))

    def _run(self, x, states, mask, recurrent_mask):
        return F.simple_rnn(x, states[0], *self._weights(), activation=self.activation,
                            **self._options(mask, recurrent_mask))

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": self.activation}


class LSTM(RNN):
    """Long short-term memory (Keras 3's ``LSTM``; gates i, f, c, o in the kernels' blocks).

    Parameters
    ----------
    units : int
        Size of the hidden and cell states.
    activation, recurrent_activation : str
        ``'tanh'`` and ``'sigmoid'`` (the only pair the fused op computes).
    use_bias, kernel_initializer, recurrent_initializer, bias_initializer : as Keras
        Defaults ``glorot_uniform`` kernel, ``orthogonal`` recurrent kernel, ``zeros`` bias.
    unit_forget_bias : bool
        Start the forget gate's bias at 1 (Jozefowicz et al. 2015), as Keras does by default.
    kernel_regularizer, recurrent_regularizer, bias_regularizer : optional
        Penalties on the weights.
    dropout, recurrent_dropout : float
        Fraction of the inputs, and of the recurrent state entering ``h·U``, dropped while
        training; one mask per sequence (the same units at every step), as Keras.
    return_sequences : bool
        Return the hidden state of every step (batch, time, units), else the last (batch, units).
    return_state : bool
        Return ``[output, h, c]``.
    go_backwards : bool
        Read the sequence from the end (the sequence output is then in reverse order, as Keras).
    stateful : bool
        Only False; initial states are given with ``initial_state=[h, c]`` or as ``[x, h, c]``.
    unroll : bool
        Accepted and ignored: the fused op runs the steps in one node either way.

    Call with ``mask=`` (batch, time) booleans, or after ``Embedding(mask_zero=True)`` or ``Masking``:
    the state is carried unchanged through masked steps.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import LSTM
    >>> out, h, c = LSTM(8, return_state=True)(np.ones((2, 5, 3)))
    >>> out.shape, c.shape
    ((2, 8), (2, 8))
    """

    gates, n_states = 4, 2

    def __init__(
        self, units: int, activation: str = "tanh", recurrent_activation: str = "sigmoid",
        unit_forget_bias: bool = True, **kwargs,
    ) -> None:
        super().__init__(units, **kwargs)
        self.activation = _activation_name(self.name, "activation", activation, ("tanh",))
        self.recurrent_activation = _activation_name(self.name, "recurrent_activation", recurrent_activation, ("sigmoid",))
        self.unit_forget_bias = bool(unit_forget_bias)

    def _bias_initializer(self):
        if not self.unit_forget_bias:
            return self.bias_initializer
        init, u = self.bias_initializer, self.units

        def forget_ones(shape, dtype):
            return np.concatenate([init((u,), dtype), np.ones(u, dtype), init((2 * u,), dtype)])

        return forget_ones

    def _run(self, x, states, mask, recurrent_mask):
        return F.lstm(x, states[0], states[1], *self._weights(), **self._options(mask, recurrent_mask))

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": self.activation,
                "recurrent_activation": self.recurrent_activation, "unit_forget_bias": self.unit_forget_bias}


class GRU(RNN):
    """Gated recurrent unit (Keras 3's ``GRU``; gates z, r, h in the kernels' blocks).

    ``reset_after=True`` (Keras 3's and PyTorch's form) applies the reset gate after the
    recurrent product and has a bias of shape (2, 3*units): input and recurrent rows.
    ``reset_after=False`` is the original form with a bias of (3*units,). Other arguments
    as :class:`LSTM`; ``return_state`` gives ``[output, h]``.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import GRU
    >>> layer = GRU(4)
    >>> layer(np.ones((2, 5, 3))).shape, layer.bias.shape
    ((2, 4), (2, 12))
    """

    gates = 3

    def __init__(
        self, units: int, activation: str = "tanh", recurrent_activation: str = "sigmoid",
        reset_after: bool = True, **kwargs,
    ) -> None:
        super().__init__(units, **kwargs)
        self.activation = _activation_name(self.name, "activation", activation, ("tanh",))
        self.recurrent_activation = _activation_name(self.name, "recurrent_activation", recurrent_activation, ("sigmoid",))
        self.reset_after = bool(reset_after)
        if self.recurrent_dropout and not self.reset_after:
            raise ValueError(f"{self.name}: recurrent_dropout needs reset_after=True")

    def _bias_shape(self) -> tuple:
        return (2, 3 * self.units) if self.reset_after else (3 * self.units,)

    def _run(self, x, states, mask, recurrent_mask):
        return F.gru(x, states[0], *self._weights(), reset_after=self.reset_after,
                     **self._options(mask, recurrent_mask))

    def get_config(self) -> dict:
        return {**super().get_config(), "activation": self.activation,
                "recurrent_activation": self.recurrent_activation, "reset_after": self.reset_after}
