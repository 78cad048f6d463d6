"""Pooling layers: the maximum or mean of each window (``MaxPooling2D``, the course's max pooling),
or of each whole feature map (``GlobalMaxPooling2D``), in 1-D and 2-D, with Keras's arguments."""
from __future__ import annotations

from neurona import functional as F
from neurona.functional._windows import as_tuple, spatial_shape, windows
from neurona.layers.spatial import SpatialLayer


class Pooling(SpatialLayer):
    """Base class of window pooling; ``strides`` defaults to ``pool_size``."""

    abstract = True  # a base of concrete layers, not registered by name

    function = None

    def __init__(self, pool_size=2, strides=None, padding: str = "valid", data_format: str | None = None, **kwargs) -> None:
        super().__init__(data_format, **kwargs)
        if padding not in ("valid", "same"):
            raise ValueError(f"{self.name}: padding must be 'valid' or 'same', got {padding!r}")
        self.pool_size = as_tuple(pool_size, self.rank, "pool_size", self.name)
        self.strides = self.pool_size if strides is None else as_tuple(strides, self.rank, "strides", self.name)
        self.padding = padding

    def forward(self, x):
        return self.function(x, self.pool_size, self.strides, self.padding, self.data_format)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        self.check_rank(input_shape)
        out = tuple(
            None if n is None else windows(self.name, (n,), (k,), (s,), self.padding, (1,)).out[1]
            for n, k, s in zip(spatial_shape(input_shape, self.rank, self.channels_first), self.pool_size, self.strides)
        )
        return self.with_spatial(input_shape, out)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "pool_size": list(self.pool_size),
            "strides": list(self.strides),
            "padding": self.padding,
        }


class MaxPooling1D(Pooling):
    """Maximum of each window of ``pool_size`` steps: ``(batch, steps, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import MaxPooling1D
    >>> MaxPooling1D()(nr.tensor(np.zeros((4, 10, 3)))).shape
    (4, 5, 3)
    """

    rank = 1
    function = staticmethod(F.max_pool1d)


class MaxPooling2D(Pooling):
    """Max pooling: each ``pool_size`` window of each feature map becomes its largest value.

    Parameters
    ----------
    pool_size : int or (int, int)
        Window size (2x2 by default).
    strides : int or (int, int), optional
        Step between windows; ``pool_size`` by default (windows side by side).
    padding : 'valid' or 'same'
    data_format : 'channels_last' (default) or 'channels_first'

    ``MaxPool2D`` is the same layer (the course's name).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import MaxPool2D
    >>> MaxPool2D(pool_size=(2, 2))(nr.tensor(np.zeros((4, 26, 26, 32)))).shape
    (4, 13, 13, 32)
    """

    function = staticmethod(F.max_pool2d)


class AveragePooling1D(Pooling):
    """Mean of each window of ``pool_size`` steps (padded steps are not counted).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import AveragePooling1D
    >>> AveragePooling1D(3, padding="same")(nr.tensor(np.zeros((4, 10, 3)))).shape
    (4, 4, 3)
    """

    rank = 1
    function = staticmethod(F.avg_pool1d)


class AveragePooling2D(Pooling):
    """Mean of each ``pool_size`` window of each feature map (padded pixels are not counted).

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import AveragePooling2D
    >>> AveragePooling2D()(nr.tensor(np.zeros((4, 6, 6, 3)))).shape
    (4, 3, 3, 3)
    """

    function = staticmethod(F.avg_pool2d)


class GlobalPooling(SpatialLayer):
    """Base class of global pooling: one value per channel (``keepdims`` keeps size-1 spatial axes)."""

    abstract = True  # a base of concrete layers, not registered by name

    function = None

    def __init__(self, data_format: str | None = None, keepdims: bool = False, **kwargs) -> None:
        super().__init__(data_format, **kwargs)
        self.keepdims = bool(keepdims)

    def forward(self, x):
        return self.function(x, self.keepdims, self.data_format)

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        self.check_rank(input_shape)
        if self.keepdims:
            return self.with_spatial(input_shape, (1,) * self.rank)
        return (input_shape[0], input_shape[1] if self.channels_first else input_shape[-1])

    def get_config(self) -> dict:
        return {**super().get_config(), "keepdims": self.keepdims}


class GlobalMaxPooling1D(GlobalPooling):
    """Maximum over all steps of each channel: ``(batch, steps, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import GlobalMaxPooling1D
    >>> GlobalMaxPooling1D()(nr.tensor(np.zeros((4, 10, 3)))).shape
    (4, 3)
    """

    rank = 1
    function = staticmethod(F.global_max_pool1d)


class GlobalMaxPooling2D(GlobalPooling):
    """Maximum over all pixels of each feature map: ``(batch, h, w, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import GlobalMaxPooling2D
    >>> GlobalMaxPooling2D(keepdims=True)(nr.tensor(np.zeros((4, 5, 5, 3)))).shape
    (4, 1, 1, 3)
    """

    function = staticmethod(F.global_max_pool2d)


class GlobalAveragePooling1D(GlobalPooling):
    """Mean over all steps of each channel: ``(batch, steps, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import GlobalAveragePooling1D
    >>> GlobalAveragePooling1D()(nr.tensor(np.ones((4, 10, 3)))).numpy()[0]
    array([1., 1., 1.], dtype=float32)
    """

    rank = 1
    function = staticmethod(F.global_avg_pool1d)


class GlobalAveragePooling2D(GlobalPooling):
    """Mean over all pixels of each feature map: ``(batch, h, w, channels)`` → ``(batch, channels)``.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> from neurona.layers import GlobalAveragePooling2D
    >>> GlobalAveragePooling2D()(nr.tensor(np.zeros((4, 5, 5, 3)))).shape
    (4, 3)
    """

    function = staticmethod(F.global_avg_pool2d)


# Keras's short names of the same layers (``MaxPool2D`` is the course's).
MaxPool1D, MaxPool2D = MaxPooling1D, MaxPooling2D
AvgPool1D, AvgPool2D = AveragePooling1D, AveragePooling2D
GlobalMaxPool1D, GlobalMaxPool2D = GlobalMaxPooling1D, GlobalMaxPooling2D
GlobalAvgPool1D, GlobalAvgPool2D = GlobalAveragePooling1D, GlobalAveragePooling2D
