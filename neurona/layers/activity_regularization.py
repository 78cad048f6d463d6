"""``ActivityRegularization``: the identity, adding a penalty on what passes through it to the loss."""
from __future__ import annotations

from neurona import regularizers
from neurona.layers.base import Layer


def _strength(name: str, key: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value < float("inf"):
        raise ValueError(f"{name}: {key} must be a finite number >= 0, got {value!r}")
    return float(value)


class ActivityRegularization(Layer):
    """Pass inputs through unchanged and add ``l1 * Σ|x| + l2 * Σx²`` to the loss (Keras's layer).

    Any other penalty (``activity_regularizer=KLSparsity(0.05)``, ``"l1"``) may be
    given instead of ``l1`` / ``l2``, not with them. The penalty is added at every
    call, as the ``activity_regularizer=`` of any layer is.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.layers import ActivityRegularization
    >>> layer = ActivityRegularization(l1=0.1)
    >>> layer(nr.tensor([1.0, -2.0]))
    tensor([ 1., -2.])
    >>> [round(loss.item(), 4) for loss in layer.losses]
    [0.3]
    """

    def __init__(self, l1: float = 0.0, l2: float = 0.0, **kwargs) -> None:
        name = kwargs.get("name") or type(self).__name__
        l1, l2 = _strength(name, "l1", l1), _strength(name, "l2", l2)
        if kwargs.get("activity_regularizer") is not None and (l1 or l2):
            raise ValueError(f"{name}: give l1 / l2 or activity_regularizer, not both")
        if l1 or l2:
            kwargs["activity_regularizer"] = regularizers.L1L2(l1=l1, l2=l2)
        super().__init__(**kwargs)
        self.l1, self.l2 = l1, l2

    def forward(self, x):
        return x

    def get_config(self) -> dict:
        config = super().get_config()
        if self.l1 or self.l2:
            del config["activity_regularizer"]
        return {**config, "l1": self.l1, "l2": self.l2}
