"""``Embedding``: integer ids in, one learned vector per id out (Keras's layer)."""
from __future__ import annotations

import numpy as np

import neurona.functional as F
from neurona import initializers, regularizers
from neurona.functional.embedding import check_ids
from neurona.layers.base import Layer
from neurona.layers.kernel_bias import positive_int


class Embedding(Layer):
    """Look up row ``id`` of ``embeddings`` (input_dim, output_dim) for every id of the input.

    Parameters
    ----------
    input_dim : int
        Size of the vocabulary: ids are in ``[0, input_dim)``.
    output_dim : int
        Length of each vector.
    embeddings_initializer : str, dict or initializer
        Keras's default ``uniform(-0.05, 0.05)``.
    embeddings_regularizer : str, dict or regularizer, optional
        A penalty on the embedding matrix.
    mask_zero : bool
        Id 0 is padding: the layer's mask (``compute_mask``) is ``ids != 0``, and recurrent
        layers after it skip those steps. Id 0 still has a row (so input_dim counts it).
    **kwargs
        ``name``, ``input_shape``, ``dtype``, ``trainable`` (see :class:`Layer`).

    Examples
    --------
    >>> import numpy as np
    >>> from neurona.layers import Embedding
    >>> layer = Embedding(1000, 8, mask_zero=True)
    >>> ids = np.array([[5, 17, 0, 0]])
    >>> layer(ids).shape, layer.compute_mask(ids).tolist()
    ((1, 4, 8), [[True, True, False, False]])
    """

    def __init__(
        self,
        input_dim: int,
        output_dim: int,
        embeddings_initializer="uniform",
        embeddings_regularizer=None,
        mask_zero: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.input_dim = positive_int(self.name, "input_dim", input_dim)
        self.output_dim = positive_int(self.name, "output_dim", output_dim)
        if embeddings_initializer == "uniform":
            embeddings_initializer = initializers.RandomUniform(-0.05, 0.05)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.mask_zero = bool(mask_zero)

    def build(self, input_shape) -> None:
        self.add_weight("embeddings", (self.input_dim, self.output_dim), self.embeddings_initializer,
                        self.embeddings_regularizer)
        super().build(input_shape)

    def forward(self, ids):
        ids = check_ids(self.name, getattr(ids, "_data", ids), self.input_dim)
        return F.embedding(ids, self.embeddings)

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return np.asarray(getattr(inputs, "_data", inputs)) != 0

    def compute_output_shape(self, input_shape: tuple) -> tuple:
        return (*input_shape, self.output_dim)

    def get_config(self) -> dict:
        return {
            **super().get_config(),
            "input_dim": self.input_dim,
            "output_dim": self.output_dim,
            "embeddings_initializer": initializers.serialize(self.embeddings_initializer),
            "embeddings_regularizer": regularizers.serialize(self.embeddings_regularizer),
            "mask_zero": self.mask_zero,
        }
