"""``SpatialLayer``: the base of layers over images or signals, in either data format."""
from __future__ import annotations

from neurona.function import ShapeError
from neurona.functional._windows import check_format
from neurona.layers.base import Layer


class SpatialLayer(Layer):
    """A layer over images or signals of rank ``rank`` in either data format."""

    rank = 2

    def __init__(self, data_format: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"
        self.channels_first = check_format(self.data_format, self.name)

    def check_rank(self, input_shape: tuple) -> None:
        if len(input_shape) != self.rank + 2:
            layout = "channels, *spatial" if self.channels_first else "*spatial, channels"
            raise ShapeError(
                f"{self.name}: expected inputs of rank {self.rank + 2} (batch, {layout}), got shape {tuple(input_shape)}"
            )

    def build(self, input_shape: tuple) -> None:
        self.check_rank(input_shape)
        super().build(input_shape)

    def with_spatial(self, input_shape: tuple, spatial: tuple) -> tuple:
        """``input_shape`` with its spatial sizes replaced by ``spatial``."""
        if self.channels_first:
            return (*input_shape[:2], *spatial)
        return (input_shape[0], *spatial, input_shape[-1])

    def get_config(self) -> dict:
        return {**super().get_config(), "data_format": self.data_format}
