"""``Layer``: a Module with the Keras contract (config, lazy build, output shapes).

A layer is configured by keyword arguments, builds its weights on the first call
from the input shape (so the input size need not be given), reports the shape it
produces, and serializes to JSON-able config. Every Layer subclass is registered
by class name, so :func:`deserialize` can rebuild it without running stored code.
"""
from __future__ import annotations

import inspect
import re
from typing import Callable

import numpy as np

from neurona import backend, initializers, regularizers
from neurona.nn import Module, Parameter
from neurona.registry import Registry
from neurona.tensor import Tensor

LAYERS = Registry("layer", base=Module)
"""Every class a model config may name: neurona's concrete layers (registered when defined),
``Sequential``, and user classes through ``register_serializable``."""
_name_counts: dict[str, int] = {}


def _snake_case(name: str) -> str:
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


def unique_name(prefix: str) -> str:
    """``prefix``, then ``prefix_1``, ``prefix_2``, ... (Keras's default layer names).

    Examples
    --------
    >>> reset_names()
    >>> unique_name("dense"), unique_name("dense")
    ('dense', 'dense_1')
    """
    count = _name_counts.get(prefix, 0)
    _name_counts[prefix] = count + 1
    return f"{prefix}_{count}" if count else prefix


def reset_names() -> None:
    """Restart the default names (the next Dense is ``'dense'`` again), like Keras's ``clear_session``.

    Examples
    --------
    >>> from neurona.layers import Dense, reset_names
    >>> reset_names()
    >>> Dense(1).name
    'dense'
    """
    _name_counts.clear()


def _shape_of(inputs) -> tuple | list:
    if isinstance(inputs, (list, tuple)):
        return [tuple(x.shape) for x in inputs]
    return tuple(inputs.shape)


class Layer(Module):
    """Base class of Keras-style layers.

    Parameters
    ----------
    name : str, optional
        Defaults to the snake-case class name made unique (``'dense'``, ``'dense_1'``).
    input_shape : tuple of int, optional
        The shape of one example (without the batch axis); lets a model be built
        and summarized before it sees data.
    input_dim : int, optional
        Shorthand for ``input_shape=(input_dim,)``.
    dtype : dtype, optional
        Floating dtype of the weights; the default dtype (float32) when omitted.
    trainable : bool
        False freezes the layer (see :attr:`~neurona.nn.Module.trainable`).
    activity_regularizer : str, dict or regularizer, optional
        A penalty on the layer's output, added with :meth:`~neurona.nn.Module.add_loss`
        at every call (L1 on a code makes a sparse autoencoder).

    Subclasses define ``build(input_shape)`` (create weights with :meth:`add_weight`,
    then call ``super().build(input_shape)``), ``forward(x)``,
    ``compute_output_shape(input_shape)`` when the shape changes, and
    ``get_config()`` returning their constructor arguments.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import Dense
    >>> layer = Dense(4)
    >>> layer.built
    False
    >>> layer(nr.tensor(np.ones((2, 3)))).shape
    (2, 4)
    >>> layer.built, layer.count_params()
    (True, 16)
    """

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        concrete = cls.forward is not Module.forward and not cls.__dict__.get("abstract", False)
        if cls.__module__.startswith("neurona.layers.") and concrete:
            LAYERS.register(cls)

    def __init__(
        self,
        *,
        name: str | None = None,
        input_shape: tuple | None = None,
        input_dim: int | None = None,
        dtype=None,
        trainable: bool = True,
        activity_regularizer=None,
    ) -> None:
        super().__init__()
        self.name = name or unique_name(_snake_case(type(self).__name__))
        if not isinstance(self.name, str) or not self.name or "." in self.name:
            raise ValueError(f"{type(self).__name__}: a layer name must be a non-empty string without '.', got {self.name!r}")
        if input_dim is not None:
            if input_shape is not None and tuple(input_shape) != (input_dim,):
                raise ValueError(f"{self.name}: input_dim={input_dim} contradicts input_shape={tuple(input_shape)}")
            input_shape = (input_dim,)
        self.input_shape = None if input_shape is None else tuple(input_shape)
        self.dtype = None if dtype is None else np.dtype(dtype)
        self.built = False
        self.build_input_shape = None
        self._input_features = None
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.trainable = trainable

    @property
    def batch_input_shape(self) -> tuple | None:
        """``(None, *input_shape)`` when ``input_shape`` was given, else None."""
        return None if self.input_shape is None else (None, *self.input_shape)

    # ------------------------------------------------------------------ call
    min_ndim = 0
    """The fewest axes an input may have (1 for layers that work on a feature axis)."""

    def _call(self, inputs, *args, **kwargs):
        if type(inputs) is np.ndarray:
            inputs = Tensor(inputs)
        if not self.built:
            self._build_on_call(_shape_of(inputs))
        elif self._input_features is not None and (not inputs._data.ndim or inputs._data.shape[-1] != self._input_features):
            raise ValueError(
                f"{self.name}: expected {self._input_features} input features, got "
                f"{inputs.shape[-1] if inputs.ndim else 'a scalar'} (input shape {tuple(inputs.shape)})"
            )
        outputs = self.forward(inputs, *args, **kwargs) if args or kwargs else self.forward(inputs)
        if self.activity_regularizer is not None:
            for output in outputs if isinstance(outputs, (list, tuple)) else (outputs,):
                self.add_loss(self.activity_regularizer(output))
        return outputs

    def _build_on_call(self, shape) -> None:
        if not isinstance(shape, list) and len(shape) < self.min_ndim:
            raise ValueError(
                f"{self.name}: expected inputs with at least {self.min_ndim} axis (the features), got shape {tuple(shape)}"
            )
        declared = self.input_shape
        if declared is not None and (len(shape) != len(declared) + 1 or any(
            want is not None and want != got for want, got in zip(declared, shape[1:])
        )):
            raise ValueError(
                f"{self.name}: expected inputs of shape {self.batch_input_shape} "
                f"(input_shape={declared}), got {shape}"
            )
        self.build(shape)
        self.build_input_shape = shape
        self.built = True

    def build(self, input_shape) -> None:
        """Create the weights for inputs of ``input_shape`` (batch axis included, may be None).

        Subclasses create their weights, then call ``super().build(input_shape)``.
        """
        self.build_input_shape = input_shape
        self.built = True

    def add_weight(
        self,
        name: str,
        shape: tuple,
        initializer: str | dict | Callable = "glorot_uniform",
        regularizer: str | dict | Callable | None = None,
        trainable: bool = True,
    ) -> Parameter | np.ndarray:
        """Create, register and return a weight: a Parameter, or a buffer if not ``trainable``.

        Examples
        --------
        >>> from neurona.layers import Layer
        >>> layer = Layer()
        >>> layer.add_weight("scale", (3,), "ones")
        Parameter containing:
        tensor([1., 1., 1.], requires_grad=True)
        """
        dtype = backend.get_default_dtype() if self.dtype is None else self.dtype
        values = initializers.get(initializer)(tuple(shape), dtype)
        if not trainable:
            self.register_buffer(name, np.asarray(values, dtype=dtype))
            return getattr(self, name)
        self.register_parameter(name, Parameter(values, dtype=dtype))  # frozen layers freeze it
        penalty = regularizers.get(regularizer)
        if penalty is not None:
            self.register_penalty(name, penalty)
        return getattr(self, name)

    # ----------------------------------------------------------------- masks
    supports_masking = False
    """True for layers that pass an input mask on unchanged (Keras's attribute)."""

    def compute_mask(self, inputs, mask=None):
        """The mask of the outputs for inputs with ``mask`` (batch, time): passed on where
        :attr:`supports_masking`, else None. Layers that make or change masks override it."""
        return mask if self.supports_masking else None

    # ---------------------------------------------------------------- shapes
    def compute_output_shape(self, input_shape: tuple) -> tuple:
        """The output shape for ``input_shape`` (the batch axis may be None).

        This default keeps the shape; layers that change it override it.
        """
        return tuple(input_shape)

    def count_params(self) -> int:
        """Number of weight values, trainable or not (as Keras counts them)."""
        if not self.built:
            raise ValueError(f"{self.name}: count_params needs a built layer; call it on data or build(input_shape)")
        return sum(p.size for p in self.parameters()) + sum(b.size for b in self.buffers())

    # ---------------------------------------------------------------- config
    def get_config(self) -> dict:
        """The constructor arguments as JSON-able data; ``from_config`` reverses it."""
        config: dict = {"name": self.name}
        if self.input_shape is not None:
            config["input_shape"] = list(self.input_shape)
        if self.dtype is not None:
            config["dtype"] = self.dtype.name
        if not self.trainable:
            config["trainable"] = False
        if self.activity_regularizer is not None:
            config["activity_regularizer"] = regularizers.serialize(self.activity_regularizer)
        return config

    @classmethod
    def from_config(cls, config: dict) -> "Layer":
        """Make a new, unbuilt layer from :meth:`get_config`."""
        return cls(**config)

    def get_build_config(self) -> dict | None:
        """The input shape the layer was built for (JSON-able), or None if it is not built."""
        if not self.built:
            return None
        shape = self.build_input_shape
        if isinstance(shape, list):
            return {"input_shape": [list(s) for s in shape]}
        return {"input_shape": list(shape)}

    def build_from_config(self, config: dict | None) -> None:
        """Build from :meth:`get_build_config`, so that saved weights can be loaded."""
        if config is None:
            return
        shape = config["input_shape"]
        self.build([tuple(s) for s in shape] if shape and isinstance(shape[0], list) else tuple(shape))
        self.built = True

    def extra_repr(self) -> str:
        return ", ".join(
            f"{key}={value!r}"
            for key, value in self.get_config().items()
            if isinstance(value, (str, int, float, bool)) or key == "input_shape"
        )


_TAKES_MASK: dict[type, bool] = {}


def call_masked(module: Module, inputs, mask):
    """Call ``module`` on ``inputs`` carrying ``mask`` (Keras's mask propagation); return ``(outputs, mask)``.

    A layer whose ``forward`` has a ``mask`` argument receives it; the mask of the outputs
    comes from its ``compute_mask`` (modules without one give None). Sequential and
    functional models call their layers through this.

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import Dense, call_masked
    >>> from neurona.layers import Flatten
    >>> out, mask = call_masked(Dense(2), np.ones((1, 3)), np.array([True]))  # Dense passes the mask on
    >>> out.shape, mask
    ((1, 2), array([ True]))
    >>> call_masked(Flatten(), np.ones((1, 3, 2)), np.array([[True, True, False]]))[1] is None
    True
    """
    given = mask is not None and (not isinstance(mask, (list, tuple)) or any(m is not None for m in mask))
    cls = type(module)
    if cls not in _TAKES_MASK:
        _TAKES_MASK[cls] = "mask" in inspect.signature(cls.forward).parameters
    outputs = module(inputs, mask=mask) if given and _TAKES_MASK[cls] else module(inputs)
    compute_mask = getattr(module, "compute_mask", None)
    return outputs, (None if compute_mask is None else compute_mask(inputs, mask))


def serialize(layer: Module) -> dict:
    """``{'class_name': ..., 'config': ...}`` for a layer; :func:`deserialize` reverses it.

    Examples
    --------
    >>> from neurona.layers import Dense, serialize
    >>> serialize(Dense(2, name="out"))["config"]["units"]
    2
    """
    return LAYERS.serialize(layer)


def deserialize(config: dict) -> Module:
    """Rebuild a layer from :func:`serialize`; only registered classes are accepted (names in any case).

    Examples
    --------
    >>> from neurona.layers import Dense, deserialize, serialize
    >>> deserialize(serialize(Dense(2, activation="relu"))).units
    2
    """
    return LAYERS.deserialize(config)
