"""``Parameter``: a tensor that a module learns."""
from __future__ import annotations

import numpy as np

from neurona import backend
from neurona.tensor import Tensor


class Parameter(Tensor):
    """A floating :class:`~neurona.Tensor` that always requires grad.

    Assigning a Parameter as an attribute of a :class:`~neurona.nn.Module`
    registers it, so that ``parameters()`` and ``state_dict()`` find it.

    Parameters
    ----------
    data : array_like
        The initial values (copied).
    dtype : dtype, optional
        A floating dtype; the default dtype (float32) when omitted.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.nn import Parameter
    >>> w = Parameter([[1, 2], [3, 4]])
    >>> w.dtype, w.requires_grad
    (dtype('float32'), True)
    """

    __slots__ = ()

    def __init__(self, data, dtype=None) -> None:
        dtype = backend.get_default_dtype() if dtype is None else np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"Parameter: the dtype must be floating, got {dtype}")
        super().__init__(data, requires_grad=True, dtype=dtype)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()
