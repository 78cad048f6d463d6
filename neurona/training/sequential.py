"""``Sequential``: a Model that is a list of layers, each feeding the next."""
from __future__ import annotations

from neurona.layers.base import LAYERS, call_masked
from neurona.nn import Module
from neurona.training.model import Model
from neurona.training.serialize import deserialize_module, serialize_module
from neurona.training.summary import count_weights


@LAYERS.register
class Sequential(Model):
    """A stack of layers. The input shape comes from the first layer or from the first data seen.

    Examples
    --------
    >>> from neurona.models import Sequential
    >>> from neurona.layers import Dense, Flatten
    >>> model = Sequential()
    >>> model.add(Flatten(input_shape=(28, 28)))
    >>> model.add(Dense(128, activation="tanh"))
    >>> model.add(Dense(10, activation="sigmoid"))
    >>> model.count_params()
    101770
    """

    def __init__(self, layers: list[Module] | None = None, name: str | None = None) -> None:
        super().__init__(name=name)
        self.layers: list[Module] = []
        for layer in layers or []:
            self.add(layer)

    def add(self, layer: Module) -> None:
        """Append a layer."""
        if not isinstance(layer, Module):
            raise TypeError(f"Sequential.add: expected a layer (a Module), got {type(layer).__name__}")
        self.add_module(str(len(self.layers)), layer)
        self.layers.append(layer)

    def forward(self, x):
        mask = None
        for layer in self.layers:
            x, mask = call_masked(layer, x, mask)
        return x

    def build(self, input_shape: tuple | None = None) -> list[tuple]:
        """Build every layer from ``input_shape`` (batch axis included) or the first layer's own.

        Returns the output shape of each layer, with ``None`` as the batch axis.
        """
        first = self.layers[0] if self.layers else None
        if input_shape is None and first is not None:
            input_shape = first.build_input_shape if first.built else first.batch_input_shape
        if input_shape is None:
            raise ValueError(
                f"{self.name}: the model is not built yet; give the first layer input_shape= or "
                "input_dim=, or call the model on data first"
            )
        shape = (None, *tuple(input_shape)[1:])
        shapes = []
        for layer in self.layers:
            if not layer.built:
                layer._build_on_call(shape)
            shape = tuple(layer.compute_output_shape(shape))
            shapes.append(shape)
        return shapes

    def count_params(self) -> int:
        """Number of trainable and non-trainable weights (the model is built from its input shape)."""
        self.build()
        return count_weights(self)

    def get_config(self) -> dict:
        """``{'name': ..., 'layers': [each layer serialized]}`` (Keras's form); :meth:`from_config` reverses it.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> config = Sequential([Dense(2, input_dim=3, name="out")], name="net").get_config()
        >>> config["name"], [layer["config"]["name"] for layer in config["layers"]]
        ('net', ['out'])
        """
        return {"name": self.name, "layers": [serialize_module(layer) for layer in self.layers]}

    @classmethod
    def from_config(cls, config: dict) -> "Sequential":
        """A new, unbuilt Sequential from :meth:`get_config`."""
        return cls([deserialize_module(layer) for layer in config.get("layers", [])], name=config.get("name"))
