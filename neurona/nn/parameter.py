"""``Parameter``: a tensor that a module learns, stored where optimizers update it in place."""
from __future__ import annotations

import numpy as np

from neurona import backend
from neurona.nn import arena
from neurona.tensor import Tensor


class Parameter(Tensor):
    """A floating :class:`~neurona.Tensor` that always requires grad.

    Assigning a Parameter as an attribute of a :class:`~neurona.nn.Module`
    registers it, so that ``parameters()`` and ``state_dict()`` find it.

    Its values are stored in the parameter arena (:mod:`neurona.nn.arena`), right
    after those of the Parameter created before it, so an optimizer updates a
    whole model's parameters as one slice, in place. ``param.data`` is that
    storage: a handle ``W = param.data`` taken at any time sees every update.

    Assigning ``param.data = array`` copies ``array`` into the storage when it has
    the same shape and dtype (so every handle stays live); an array of another
    shape or dtype replaces the storage (an optimizer bound to the parameter then
    asks to be bound again). Anything that is not an array is first converted to
    the parameter's dtype.

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
    >>> W = w.data
    >>> w.data = [[0, 0], [0, 1]]        # copied into the storage W shares
    >>> W
    array([[0., 0.],
           [0., 1.]], dtype=float32)
    """

    __slots__ = ()

    def __init__(self, data, dtype=None) -> None:
        dtype = backend.get_default_dtype() if dtype is None else np.dtype(dtype)
        if dtype.kind != "f":
            raise TypeError(f"Parameter: the dtype must be floating, got {dtype}")
        super().__init__(data, requires_grad=True, dtype=dtype)
        self._data = arena.place(self._data)

    def _assign(self, array) -> None:
        storage = self._data
        if array is not storage:
            if not isinstance(array, np.ndarray):
                array = np.array(array, dtype=storage.dtype)
            if array.shape == storage.shape and array.dtype == storage.dtype:
                np.copyto(storage, array)
            elif array.dtype.kind != "f":
                raise TypeError(
                    f"Parameter: .data must be floating, got an array of dtype {array.dtype} "
                    f"(the parameter is {storage.dtype} {storage.shape})"
                )
            else:
                self._data = array
        self.bump_version()

    data = property(Tensor.data.fget, _assign, doc=Tensor.data.__doc__)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()
