"""``Tensor``: an array that remembers the operation that made it.

A tensor wraps a NumPy array (``.data``). When it ``requires_grad``, operations on
it record a graph of :class:`~neurona.function.Function` nodes, and
``backward()`` fills ``.grad`` of the leaves by reverse-mode automatic
differentiation (see :mod:`neurona.engine`).

Dtypes: floating data becomes the default dtype (float32) unless ``dtype`` says
otherwise; integer and boolean data keep their kind (labels, indices, masks).
Results promote as in PyTorch: integers with floats give the default float dtype,
Python scalars never widen a float32 tensor, float32 with float64 gives float64;
the gradient that reaches each tensor is cast back to that tensor's own dtype.

In-place writes through the library (``add_``, ``copy_``, ``t[i] = v``, optimizer
steps) bump the tensor's ``version``; backward refuses a tensor changed after an op saved it.
"""
from __future__ import annotations

import numpy as np

import itertools

from neurona import backend
from neurona.engine import backprop
from neurona.grad_mode import _GradMode

creation_counter = itertools.count()
"""Numbers every tensor in creation order; the engine's reverse topological order rests on it."""


def _as_array(data, dtype=None) -> np.ndarray:
    if isinstance(data, Tensor):
        data = data.data
    if dtype is not None:
        return np.array(data, dtype=dtype)
    array = np.array(data)
    if array.dtype.kind == "f" or array.dtype == object:
        return array.astype(backend.get_default_dtype(), copy=False)
    return array


class Tensor:
    """An n-dimensional array with reverse-mode automatic differentiation.

    Parameters
    ----------
    data : array_like
        The values. Floating data is stored in the default dtype (float32).
    requires_grad : bool
        Record operations on this tensor so that ``backward()`` can reach it.
    dtype : dtype, optional
        Force a dtype, e.g. ``"float64"`` for gradient checks.

    Examples
    --------
    >>> import neurona as nr
    >>> x = nr.Tensor([[1.0, 2.0]], requires_grad=True)
    >>> (x * x).sum().backward()
    >>> x.grad
    array([[2., 4.]], dtype=float32)
    """

    __slots__ = ("_data", "_version", "grad", "requires_grad", "_creator", "_retains_grad", "_seq", "__weakref__")
    __array_ufunc__ = None  # make NumPy defer to Tensor's reflected operators

    def __init__(self, data, requires_grad: bool = False, dtype=None) -> None:
        self._data = _as_array(data, dtype)
        self._version = [0]
        self._seq = next(creation_counter)
        self.grad = None
        self._creator = None
        self._retains_grad = False
        self.requires_grad = False
        if requires_grad:
            self.requires_grad_()

    # ----------------------------------------------------------------- graph
    def backward(self, grad=None, retain_graph: bool = False) -> None:
        """Compute the gradients of this tensor with respect to the leaves of its graph.

        ``grad`` is required unless the tensor holds a single element. The graph is
        freed afterwards unless ``retain_graph`` is true.
        """
        if not self.requires_grad:
            raise RuntimeError(
                "backward: this tensor does not require grad, so there is no graph to walk; "
                "create the inputs with requires_grad=True"
            )
        if grad is None:
            if self._data.size != 1:
                raise RuntimeError(
                    f"backward: an implicit gradient exists only for a one-element output, but this "
                    f"tensor has shape {self.data.shape}; reduce it (e.g. .sum()) or pass backward(grad)"
                )
            grad = np.empty_like(self._data)  # with fill, half the cost of np.ones_like
            grad.fill(1)
        else:
            grad = np.array(grad.data if isinstance(grad, Tensor) else grad, dtype=self.data.dtype)
            if grad.shape != self.data.shape:
                raise ValueError(
                    f"backward: grad has shape {grad.shape} but the tensor has shape {self.data.shape}"
                )
        backprop(self, grad, retain_graph)

    def requires_grad_(self, requires_grad: bool = True) -> "Tensor":
        """Set ``requires_grad`` in place (floating tensors only) and return self."""
        if requires_grad and self.data.dtype.kind != "f":
            raise TypeError(
                f"requires_grad_: only floating tensors can require gradients, this one is {self.data.dtype}"
            )
        self.requires_grad = requires_grad
        return self

    def retain_grad(self) -> None:
        """Keep ``.grad`` on this intermediate tensor during ``backward()``."""
        self._retains_grad = True

    def detach(self) -> "Tensor":
        """Return a tensor that shares the data (and its version counter) but is cut from the graph."""
        out = Tensor._wrap(self._data)
        out._version = self._version
        return out

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (``.grad = None``)."""
        self.grad = None

    @property
    def is_leaf(self) -> bool:
        """True for tensors made by the user rather than by an operation."""
        return self._creator is None

    @property
    def grad_fn(self):
        """The Function that created this tensor, or None for a leaf."""
        return self._creator

    @staticmethod
    def from_numpy(array: np.ndarray) -> "Tensor":
        """A Tensor sharing ``array``'s memory and keeping its dtype, as ``torch.from_numpy`` does.

        Examples
        --------
        >>> import numpy as np
        >>> import neurona as nr
        >>> x = np.arange(3.0)
        >>> t = nr.Tensor.from_numpy(x)
        >>> x[0] = 7.0
        >>> t.dtype, float(t[0])
        (dtype('float64'), 7.0)
        """
        if not isinstance(array, np.ndarray) or array.dtype.kind not in "biuf":
            what = f"dtype {array.dtype}" if isinstance(array, np.ndarray) else type(array).__name__
            raise TypeError(f"Tensor.from_numpy: expected a numpy array of numbers or booleans, got {what}")
        return Tensor._wrap(array)

    @staticmethod
    def _wrap(array: np.ndarray) -> "Tensor":
        out = Tensor.__new__(Tensor)
        out._data = array
        out._version = [0]
        out._seq = next(creation_counter)
        out.grad = None
        out.requires_grad = False
        out._creator = None
        out._retains_grad = False
        return out

    # ------------------------------------------------------------ the data
    @property
    def data(self) -> np.ndarray:
        """The values, a NumPy array (shared, not copied)."""
        return self._data

    @data.setter
    def data(self, array: np.ndarray) -> None:
        # Rebinding, and augmented assignment such as ``t.data *= 2`` (which Python
        # ends with a rebinding), count as in-place writes.
        self._data = array
        self._version[0] += 1

    @property
    def version(self) -> int:
        """How many in-place writes this tensor has seen (PyTorch's ``_version``).

        Backward refuses to use a tensor whose version changed after an op saved it.
        Writes through the library count: optimizer steps, ``load_state_dict``, the
        in-place methods (``add_``, ``mul_``, ``copy_``, ``t[i] = v``...), assigning
        or augmenting ``t.data``. A view (``reshape``, ``transpose``, basic indexing,
        ``detach``) shares the counter of the tensor it views. Writing into the array
        with NumPy (``t.data[...] = 0``, ``np.copyto(t.data, a)``) cannot be seen: use
        the in-place methods, or call ``bump_version()`` after such a write.
        """
        return self._version[0]

    def bump_version(self) -> None:
        """Record an in-place write done to ``.data`` (for code that writes the array itself)."""
        self._version[0] += 1

    # ------------------------------------------------------- in-place writes
    def add_(self, other) -> "Tensor":
        """Add ``other`` into this tensor in place and return it (bumps the version).

        Like every in-place method it refuses a tensor that requires grad while
        graph recording is on: do weight updates under ``no_grad()``.

        Examples
        --------
        >>> import neurona as nr
        >>> w = nr.tensor([1.0, 2.0], requires_grad=True)
        >>> with nr.no_grad():
        ...     w.add_(1.0)
        tensor([2., 3.], requires_grad=True)
        >>> w.version
        1
        """
        return self._write("add_", _in_place(np.add), other)

    def sub_(self, other) -> "Tensor":
        """Subtract ``other`` in place and return this tensor."""
        return self._write("sub_", _in_place(np.subtract), other)

    def mul_(self, other) -> "Tensor":
        """Multiply by ``other`` in place and return this tensor."""
        return self._write("mul_", _in_place(np.multiply), other)

    def div_(self, other) -> "Tensor":
        """Divide by ``other`` in place and return this tensor."""
        return self._write("div_", _in_place(np.true_divide), other)

    def copy_(self, source) -> "Tensor":
        """Copy ``source`` (broadcast to this shape, cast to this dtype) into this tensor in place.

        Examples
        --------
        >>> import neurona as nr
        >>> nr.tensor([0.0, 0.0]).copy_([1.5, 2.5])
        tensor([1.5, 2.5])
        """
        return self._write("copy_", np.copyto, source)

    def fill_(self, value) -> "Tensor":
        """Set every element to ``value`` in place and return this tensor."""
        return self._write("fill_", np.copyto, value)

    def zero_(self) -> "Tensor":
        """Set every element to zero in place and return this tensor."""
        return self._write("zero_", np.copyto, 0)

    def __setitem__(self, index, value) -> None:
        """``t[index] = value``: an in-place write through the library (bumps the version)."""
        def assign(out, v):
            out[_plain_index(index)] = v

        self._write("__setitem__", assign, value)

    def _write(self, name: str, write, value) -> "Tensor":
        if _GradMode.enabled and (self.requires_grad or getattr(value, "requires_grad", False)):
            which = "this tensor requires" if self.requires_grad else "the value written requires"
            raise RuntimeError(
                f"Tensor.{name}: {which} grad, and an in-place write is not recorded in the graph; "
                "do it under `with neurona.no_grad():` (as a weight update is), or use an out-of-place op"
            )
        try:
            write(self._data, _data(value))
        except (TypeError, ValueError) as error:
            kind = TypeError if isinstance(error, TypeError) else ValueError
            raise kind(f"Tensor.{name} on a tensor of shape {self.shape} and dtype {self.dtype}: {error}") from error
        self._version[0] += 1
        return self

    # ------------------------------------------------------------ array info
    @property
    def shape(self) -> tuple:
        return self.data.shape

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    def __len__(self) -> int:
        return len(self.data)

    def numpy(self) -> np.ndarray:
        """Return the underlying array (shared, not copied)."""
        return self.data

    def item(self) -> float | int | bool:
        """Return the value of a one-element tensor as a Python number."""
        if self.data.size != 1:
            raise ValueError(f"item: only one-element tensors convert to a number, this one has shape {self.shape}")
        return self.data.item()

    def astype(self, dtype) -> "Tensor":
        """Return a copy in another dtype, cut from the graph."""
        return Tensor._wrap(self.data.astype(dtype))

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="tensor(")
        extra = ""
        if self.data.dtype != backend.get_default_dtype():
            extra += f", dtype={self.data.dtype}"
        if self._creator is not None:
            extra += f", grad_fn={type(self._creator).__name__}"
        elif self.requires_grad:
            extra += ", requires_grad=True"
        return f"tensor({body}{extra})"

    def __bool__(self) -> bool:
        return bool(self.data)

    def __float__(self) -> float:
        return float(self.item())

    def __int__(self) -> int:
        return int(self.item())

    def __hash__(self) -> int:
        return id(self)

    # ------------------------------------------------------------- operators
    def __add__(self, other): return Add()(self, other)
    def __radd__(self, other): return Add()(other, self)
    def __sub__(self, other): return Sub()(self, other)
    def __rsub__(self, other): return Sub()(other, self)
    def __mul__(self, other): return Mul()(self, other)
    def __rmul__(self, other): return Mul()(other, self)
    def __truediv__(self, other): return Div()(self, other)
    def __rtruediv__(self, other): return Div()(other, self)
    def __pow__(self, other): return Pow()(self, other)
    def __rpow__(self, other): return Pow()(other, self)
    def __matmul__(self, other): return F.matmul(self, other)
    def __rmatmul__(self, other): return F.matmul(other, self)
    def __neg__(self): return Neg()(self)
    def __getitem__(self, index): return F.getitem(self, index)

    # comparisons record no graph and return boolean tensors
    def __eq__(self, other): return Tensor._wrap(self.data == _data(other))
    def __ne__(self, other): return Tensor._wrap(self.data != _data(other))
    def __lt__(self, other): return Tensor._wrap(self.data < _data(other))
    def __le__(self, other): return Tensor._wrap(self.data <= _data(other))
    def __gt__(self, other): return Tensor._wrap(self.data > _data(other))
    def __ge__(self, other): return Tensor._wrap(self.data >= _data(other))

    # --------------------------------------------------------------- methods
    @property
    def T(self) -> "Tensor":
        return F.transpose(self)

    def sum(self, axis=None, keepdims=False): return F.sum(self, axis, keepdims)
    def mean(self, axis=None, keepdims=False): return F.mean(self, axis, keepdims)
    def max(self, axis=None, keepdims=False): return F.max(self, axis, keepdims)
    def min(self, axis=None, keepdims=False): return F.min(self, axis, keepdims)
    def var(self, axis=None, keepdims=False, ddof=0): return F.var(self, axis, keepdims, ddof)
    def std(self, axis=None, keepdims=False, ddof=0): return F.std(self, axis, keepdims, ddof)
    def logsumexp(self, axis=None, keepdims=False): return F.logsumexp(self, axis, keepdims)
    def reshape(self, *shape): return F.reshape(self, shape[0] if len(shape) == 1 else shape)
    def transpose(self, *axes): return F.transpose(self, axes or None)
    def permute(self, *axes): return F.transpose(self, axes)
    def flatten(self, start_axis=0, end_axis=-1): return F.flatten(self, start_axis, end_axis)
    def squeeze(self, axis=None): return F.squeeze(self, axis)
    def unsqueeze(self, axis): return F.unsqueeze(self, axis)
    def broadcast_to(self, shape): return F.broadcast_to(self, shape)
    def exp(self): return F.exp(self)
    def log(self): return F.log(self)
    def sqrt(self): return F.sqrt(self)
    def abs(self): return F.abs(self)
    def clip(self, low=None, high=None): return F.clip(self, low, high)
    def sigmoid(self): return F.sigmoid(self)
    def tanh(self): return F.tanh(self)
    def relu(self): return F.relu(self)
    def softmax(self, axis=-1): return F.softmax(self, axis)
    def log_softmax(self, axis=-1): return F.log_softmax(self, axis)
    def matmul(self, other): return F.matmul(self, other)
    def argmax(self, axis=None): return Tensor._wrap(np.argmax(self.data, axis=axis))
    def argmin(self, axis=None): return Tensor._wrap(np.argmin(self.data, axis=axis))


def _data(x):
    return x._data if isinstance(x, Tensor) else x


def _in_place(ufunc):
    return lambda out, value: ufunc(out, value, out=out)


def _plain_index(index):
    """An index with any tensors in it replaced by their arrays."""
    if isinstance(index, tuple):
        return tuple(_data(p) for p in index)
    return _data(index)


def tensor(data, requires_grad: bool = False, dtype=None) -> Tensor:
    """Create a :class:`Tensor` (float32 by default for floating data).

    Examples
    --------
    >>> import neurona as nr
    >>> nr.tensor([1, 2, 3]).dtype
    dtype('int64')
    >>> nr.tensor([1.0, 2.0], dtype="float64").dtype
    dtype('float64')
    """
    return Tensor(data, requires_grad=requires_grad, dtype=dtype)


def as_tensor(data, dtype=None) -> Tensor:
    """A :class:`Tensor` on ``data`` without a copy where possible, as ``torch.as_tensor`` does.

    A NumPy array already of the dtype wanted (``dtype``; else the default float dtype
    for floating data and its own dtype otherwise) is shared, not copied: writes through
    either are seen by both (writes through NumPy bypass the version counter). A Tensor
    of that dtype is returned as it is; anything else is converted as :func:`tensor` does.

    Examples
    --------
    >>> import numpy as np
    >>> import neurona as nr
    >>> x = np.zeros((2, 3), np.float32)
    >>> np.shares_memory(nr.as_tensor(x).numpy(), x), np.shares_memory(nr.tensor(x).numpy(), x)
    (True, False)
    >>> nr.as_tensor(np.zeros(2)).dtype  # float64 data becomes the default float32: a copy
    dtype('float32')
    """
    if isinstance(data, Tensor):
        if dtype is None or data.dtype == np.dtype(dtype):
            return data
        data = data._data
    if type(data) is np.ndarray:
        wanted = np.dtype(dtype) if dtype is not None else (
            backend.get_default_dtype() if data.dtype.kind == "f" else data.dtype)
        if data.dtype == wanted:
            return Tensor._wrap(data)
    return Tensor(data, dtype=dtype)


# The operators above call neurona.functional, which itself builds on Tensor.
from neurona import functional as F  # noqa: E402
from neurona.functional.arithmetic import Add, Div, Mul, Neg, Pow, Sub  # noqa: E402
