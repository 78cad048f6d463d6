"""Layers that wrap a layer: ``Bidirectional`` (a recurrent layer both ways) and ``TimeDistributed``."""
from __future__ import annotations

import neurona.functional as F
from neurona.layers.base import Layer, deserialize, serialize
from neurona.layers.recurrent import RNN
from neurona.nn import Module

MERGE_MODES = ("concat", "sum", "mul", "ave", None)


def _reverse_time(x):
    return F.getitem(x, (slice(None), slice(None, None, -1)))


class Bidirectional(Layer):
    """Run a recurrent layer forwards and a copy of it backwards, and merge their outputs (Keras's wrapper).

    Parameters
    ----------
    layer : SimpleRNN, LSTM or GRU
        The forward layer; the backward layer is a copy of its config with ``go_backwards``
        flipped, unless ``backward_layer`` is given.
    merge_mode : {'concat', 'sum', 'mul', 'ave', None}
        How to combine the two outputs; None returns them as a list.
    backward_layer : recurrent layer, optional
        Must have the opposite ``go_backwards`` and the same ``return_sequences`` and ``return_state``.

    With ``return_sequences`` the backward layer's outputs are put back in input order, so
    step t of both halves describes input step t; a mask (padding) is honoured by both
    directions. With ``return_state`` the output is ``[merged, *forward_states, *backward_states]``,
    and initial states are given as ``[*forward_states, *backward_states]``.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import LSTM, Bidirectional
    >>> Bidirectional(LSTM(4, return_sequences=True))(np.ones((2, 5, 3))).shape
    (2, 5, 8)
    """

    supports_masking = True

    def __init__(self, layer: RNN, merge_mode: str | None = "concat", backward_layer: RNN | None = None, **kwargs) -> None:
        trainable = kwargs.pop("trainable", True)
        kwargs.setdefault("name", f"bidirectional_{layer.name}" if isinstance(layer, Layer) else None)
        super().__init__(**kwargs)
        if not isinstance(layer, RNN):
            raise TypeError(f"{self.name}: layer must be a SimpleRNN, LSTM or GRU, got {type(layer).__name__}")
        if merge_mode not in MERGE_MODES:
            raise ValueError(f"{self.name}: merge_mode must be one of {list(MERGE_MODES)}, got {merge_mode!r}")
        if backward_layer is None:
            config = {**layer.get_config(), "name": f"backward_{layer.name}", "go_backwards": not layer.go_backwards}
            backward_layer = type(layer).from_config(config)
        same = ("return_sequences", "return_state")
        if not isinstance(backward_layer, RNN) or backward_layer.go_backwards == layer.go_backwards or any(
            getattr(backward_layer, a) != getattr(layer, a) for a in same
        ):
            raise ValueError(f"{self.name}: backward_layer must be a recurrent layer with the opposite go_backwards "
                             "and the same return_sequences and return_state as layer")
        self.forward_layer, self.backward_layer, self.merge_mode = layer, backward_layer, merge_mode
        self.return_sequences, self.return_state = layer.return_sequences, layer.return_state
        self.trainable = trainable

    def build(self, input_shape) -> None:
        for layer in (self.forward_layer, self.backward_layer):
            if not layer.built:
                layer._build_on_call(input_shape)
        super().build(input_shape)

    def forward(self, inputs, mask=None):
        x, states = (inputs[0], list(inputs[1:])) if isinstance(inputs, (list, tuple)) else (inputs, [])
        half = len(states) // 2
        if len(states) % 2:
            raise ValueError(f"{self.name}: give as many initial states to each direction, got {len(states)}")
        forward = self.forward_layer([x, *states[:half]] if states else x, mask=mask)
        backward = self.backward_layer([x, *states[half:]] if states else x, mask=mask)
        if self.return_state:
            (forward, *forward_states), (backward, *backward_states) = forward, backward
        if self.return_sequences:
            backward = _reverse_time(backward)
        merged = self._merge(forward, backward)
        if self.return_state:
            return [*(merged if self.merge_mode is None else [merged]), *forward_states, *backward_states]
        return merged

    def _merge(self, forward, backward):
        if self.merge_mode == "concat":
            return F.concatenate([forward, backward], axis=-1)
        if self.merge_mode == "sum":
            return forward + backward
        if self.merge_mode == "mul":
            return forward * backward
        if self.merge_mode == "ave":
            return (forward + backward) * 0.5
        return [forward, backward]

    def compute_mask(self, inputs, mask=None):
        if isinstance(mask, (list, tuple)):
            mask = mask[0]
        output_mask = mask if self.return_sequences else None
        outputs = [output_mask] * (2 if self.merge_mode is None else 1)
        if self.return_state:
            return outputs + [None] * 2 * self.forward_layer.n_states
        return outputs if self.merge_mode is None else output_mask

    def compute_output_shape(self, input_shape):
        shape = self.forward_layer.compute_output_shape(input_shape)
        output, states = (shape[0], shape[1:]) if self.return_state else (shape, [])
        if self.merge_mode == "concat":
            output = (*output[:-1], 2 * output[-1])
        outputs = [output, output] if self.merge_mode is None else [output]
        if self.return_state:
            return outputs + list(states) * 2
        return outputs if self.merge_mode is None else output

    def get_config(self) -> dict:
        return {**super().get_config(), "layer": serialize(self.forward_layer), "merge_mode": self.merge_mode,
                "backward_layer": serialize(self.backward_layer)}

    @classmethod
    def from_config(cls, config: dict) -> "Bidirectional":
        config = dict(config)
        layer, backward = deserialize(config.pop("layer")), deserialize(config.pop("backward_layer"))
        return cls(layer, backward_layer=backward, **config)


class TimeDistributed(Layer):
    """Apply ``layer`` to every time step: inputs (batch, time, ...) are run as (batch*time, ...).

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import Dense, TimeDistributed
    >>> TimeDistributed(Dense(4))(np.ones((2, 5, 3))).shape
    (2, 5, 4)
    """

    supports_masking = True
    min_ndim = 3

    def __init__(self, layer: Module, **kwargs) -> None:
        trainable = kwargs.pop("trainable", True)
        kwargs.setdefault("name", f"time_distributed_{getattr(layer, 'name', 'layer')}")
        super().__init__(**kwargs)
        if not isinstance(layer, Layer):
            raise TypeError(f"{self.name}: layer must be a Layer, got {type(layer).__name__}")
        self.layer = layer
        self.trainable = trainable

    def build(self, input_shape) -> None:
        if len(input_shape) < 3:
            raise ValueError(f"{self.name}: expected inputs of shape (batch, time, ...), got {tuple(input_shape)}")
        if not self.layer.built:
            self.layer._build_on_call((None, *input_shape[2:]))
        super().build(input_shape)

    def forward(self, x):
        batch, time = x.shape[:2]
        out = self.layer(F.reshape(x, (batch * time, *x.shape[2:])))
        return F.reshape(out, (batch, time, *out.shape[1:]))

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        inner = self.layer.compute_output_shape((None, *input_shape[2:]))
        return (input_shape[0], input_shape[1], *inner[1:])

    def get_config(self) -> dict:
        return {**super().get_config(), "layer": serialize(self.layer)}

    @classmethod
    def from_config(cls, config: dict) -> "TimeDistributed":
        config = dict(config)
        return cls(deserialize(config.pop("layer")), **config)
