"""``Module``: the container of parameters, buffers and sub-modules (the PyTorch-style API).

A module registers the :class:`~neurona.nn.Parameter` s and sub-modules assigned
to its attributes, in assignment order, and buffers (arrays that are state but are
not learned, such as running statistics) through :meth:`Module.register_buffer`.
Everything it registers is reachable by dotted name (``'0.kernel'``,
``'dense.bias'``) in :meth:`Module.named_parameters` and :meth:`Module.state_dict`.
"""
from __future__ import annotations

from typing import Callable, Iterator, NamedTuple

import numpy as np

from neurona.nn.node import call_symbolic, is_symbolic
from neurona.nn.parameter import Parameter
from neurona.tensor import Tensor


class _Calls:
    """The outermost module calls, counted: the losses a module adds belong to the call that made them."""

    depth = 0
    count = 0


class LoadResult(NamedTuple):
    """The keys that ``load_state_dict(..., strict=False)`` skipped."""

    missing_keys: list
    unexpected_keys: list


class Module:
    """Base class of everything with parameters: layers, blocks and whole models.

    Subclasses call ``super().__init__()`` first, assign Parameters and Modules as
    attributes, and define ``forward``; calling the module calls ``forward``.

    Examples
    --------
    >>> import neurona as nr
    >>> from neurona.nn import Module, Parameter
    >>> class Scale(Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.weight = Parameter([2.0])
    ...     def forward(self, x):
    ...         return x * self.weight
    >>> m = Scale()
    >>> m(nr.tensor([1.0, 3.0]))
    tensor([2., 6.], grad_fn=Mul)
    >>> [name for name, _ in m.named_parameters()]
    ['weight']
    """

    training: bool

    def __init__(self) -> None:
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", {})
        object.__setattr__(self, "_buffers", {})
        object.__setattr__(self, "_modules", {})
        object.__setattr__(self, "_penalties", {})
        object.__setattr__(self, "_trainable", True)
        object.__setattr__(self, "_losses", [])
        object.__setattr__(self, "_loss_call", 0)
        object.__setattr__(self, "_call_id", 0)

    def forward(self, *args, **kwargs):
        raise NotImplementedError(f"{type(self).__name__} must define forward()")

    def __call__(self, *args, **kwargs):
        if _Calls.depth:
            return self._call(*args, **kwargs)
        if args and is_symbolic(args[0]):
            return call_symbolic(self, args[0], args[1:], kwargs)
        _Calls.count += 1
        object.__setattr__(self, "_call_id", _Calls.count)
        _Calls.depth = 1
        try:
            return self._call(*args, **kwargs)
        finally:
            _Calls.depth = 0

    def _call(self, *args, **kwargs):
        """What a call does inside the bookkeeping of ``__call__``; layers add building and checks."""
        return self.forward(*args, **kwargs)

    # ---------------------------------------------------------- registration
    def __setattr__(self, name: str, value) -> None:
        registries = self.__dict__.get("_parameters")
        if registries is None:
            if isinstance(value, (Parameter, Module)):
                raise AttributeError(
                    f"{type(self).__name__}: call super().__init__() before assigning '{name}'"
                )
        elif isinstance(value, Parameter):
            if not self._trainable:
                value.requires_grad = False
            self._modules.pop(name, None)
            self._buffers.pop(name, None)
            self._parameters[name] = value
        elif isinstance(value, Module):
            self._parameters.pop(name, None)
            self._buffers.pop(name, None)
            self._modules[name] = value
        elif name in self._parameters:
            raise TypeError(
                f"{type(self).__name__}: '{name}' is a parameter; assign a Parameter "
                f"(or change its values in place with .data[...] = ...), not {type(value).__name__}"
            )
        elif name in self._buffers:
            if not isinstance(value, np.ndarray):
                raise TypeError(f"{type(self).__name__}: buffer '{name}' must be a NumPy array, not {type(value).__name__}")
            self._buffers[name] = value
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        for registry in (self._parameters, self._buffers, self._modules, self._penalties):
            registry.pop(name, None)
        object.__delattr__(self, name)

    def add_module(self, name: str, module: "Module") -> None:
        """Register a sub-module under a name chosen by code (``'0'``, ``'1'``, ...).

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> from neurona.nn import Module
        >>> stack = Module()
        >>> stack.add_module("0", Dense(2))
        >>> stack.children()[0].units
        2
        """
        _check_name(self, name)
        if not isinstance(module, Module):
            raise TypeError(f"{type(self).__name__}.add_module: '{name}' must be a Module, not {type(module).__name__}")
        setattr(self, name, module)

    def register_parameter(self, name: str, param: Parameter) -> None:
        """Register a Parameter under a name chosen by code."""
        _check_name(self, name)
        if not isinstance(param, Parameter):
            raise TypeError(
                f"{type(self).__name__}.register_parameter: '{name}' must be a Parameter, not {type(param).__name__}"
            )
        setattr(self, name, param)

    def register_buffer(self, name: str, array: np.ndarray) -> None:
        """Register an array that is state but not learned (it appears in ``state_dict``).

        Update a buffer in place (``self.running[...] = ...``) or by assigning a new array.

        Examples
        --------
        >>> import numpy as np
        >>> from neurona.nn import Module
        >>> m = Module()
        >>> m.register_buffer("running_mean", np.zeros(3))
        >>> list(m.state_dict()), m.parameters()
        (['running_mean'], [])
        """
        _check_name(self, name)
        if not isinstance(array, np.ndarray):
            raise TypeError(f"{type(self).__name__}.register_buffer: '{name}' must be a NumPy array, not {type(array).__name__}")
        self._parameters.pop(name, None)
        self._modules.pop(name, None)
        self._buffers[name] = array
        object.__setattr__(self, name, array)

    def register_penalty(self, name: str, penalty: Callable[[Tensor], Tensor]) -> None:
        """Attach a regularizer to the parameter ``name``; see :meth:`regularization_losses`."""
        if name not in self._parameters:
            raise KeyError(f"{type(self).__name__}.register_penalty: no parameter named '{name}'")
        self._penalties[name] = penalty

    # --------------------------------------------------------------- walking
    def named_modules(self, prefix: str = "") -> Iterator[tuple[str, "Module"]]:
        """Yield ``(dotted name, module)`` for this module and every module below it, once each."""
        seen = set()
        stack = [(prefix, self)]
        while stack:
            name, module = stack.pop()
            if id(module) in seen:
                continue
            seen.add(id(module))
            yield name, module
            children = [(f"{name}.{child}" if name else child, m) for child, m in module._modules.items()]
            stack.extend(reversed(children))

    def modules(self) -> list["Module"]:
        """This module and every module below it, depth first."""
        return [m for _, m in self.named_modules()]

    def children(self) -> list["Module"]:
        """The direct sub-modules, in registration order."""
        return list(self._modules.values())

    def named_children(self) -> list[tuple[str, "Module"]]:
        """``(name, module)`` of the direct sub-modules."""
        return list(self._modules.items())

    def _named_members(self, kind: str, unique: bool) -> list[tuple[str, object]]:
        members, seen = [], set()
        for prefix, module in self.named_modules():
            for name, value in getattr(module, kind).items():
                if unique and id(value) in seen:
                    continue
                seen.add(id(value))
                members.append((f"{prefix}.{name}" if prefix else name, value))
        return members

    def named_parameters(self) -> list[tuple[str, Parameter]]:
        """``(dotted name, parameter)`` pairs; a shared parameter appears once.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> from neurona.nn import Module
        >>> net = Module()
        >>> net.hidden = Dense(4)
        >>> net.hidden.build((None, 3))
        >>> [name for name, _ in net.named_parameters()]
        ['hidden.kernel', 'hidden.bias']
        """
        return self._named_members("_parameters", unique=True)

    def parameters(self) -> list[Parameter]:
        """Every learnable parameter, once each (what an optimizer takes).

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> layer = Dense(3, input_dim=2)
        >>> layer.build((None, 2))
        >>> [p.shape for p in layer.parameters()]
        [(2, 3), (3,)]
        """
        return [p for _, p in self.named_parameters()]

    def named_buffers(self) -> list[tuple[str, np.ndarray]]:
        """``(dotted name, array)`` pairs of the buffers."""
        return self._named_members("_buffers", unique=True)

    def buffers(self) -> list[np.ndarray]:
        """Every buffer array, once each."""
        return [b for _, b in self.named_buffers()]

    # -------------------------------------------------------------- freezing
    @property
    def trainable(self) -> bool:
        """Whether the optimizers update this module's parameters; setting it sets every sub-module.

        A frozen module's parameters do not require grad, are left out of
        :meth:`trainable_parameters` (what ``fit`` gives the optimizers) and of the
        weight penalties in :attr:`losses`.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> layer = Dense(2, input_dim=3)
        >>> layer.build((None, 3))
        >>> layer.trainable = False
        >>> layer.trainable_parameters(), len(layer.parameters())
        ([], 2)
        """
        return self._trainable

    @trainable.setter
    def trainable(self, value: bool) -> None:
        value = bool(value)
        for module in self.modules():
            object.__setattr__(module, "_trainable", value)
            for param in module._parameters.values():
                param.requires_grad = value

    def trainable_parameters(self) -> list[Parameter]:
        """The parameters that learn (those of modules not frozen with ``trainable = False``), once each."""
        return [p for p in self.parameters() if p.requires_grad]

    # ---------------------------------------------------------------- losses
    def add_loss(self, loss: Tensor) -> None:
        """Add a scalar loss term during ``forward``; :attr:`losses` collects it and ``fit`` adds it to the loss.

        Examples
        --------
        >>> import neurona as nr
        >>> from neurona.nn import Module
        >>> class Sparse(Module):
        ...     def forward(self, x):
        ...         self.add_loss(0.1 * x.abs().sum())
        ...         return x
        >>> m = Sparse()
        >>> _ = m(nr.tensor([1.0, -2.0]))
        >>> [round(t.item(), 4) for t in m.losses]
        [0.3]
        """
        if not isinstance(loss, Tensor) or loss.size != 1:
            shape = loss.shape if isinstance(loss, Tensor) else type(loss).__name__
            raise ValueError(f"{type(self).__name__}.add_loss: expected a one-element Tensor, got {shape}")
        if self._loss_call != _Calls.count:
            object.__setattr__(self, "_losses", [])
            object.__setattr__(self, "_loss_call", _Calls.count)
        self._losses.append(loss.reshape(()) if loss.ndim else loss)

    @property
    def losses(self) -> list[Tensor]:
        """The loss terms of the latest call: those added with :meth:`add_loss` during it (activity
        regularizers included) by this module or any below it, then the trainable weights' penalties."""
        return self._losses_of(self.modules())

    def _losses_of(self, modules: list["Module"]) -> list[Tensor]:
        """:attr:`losses`, given the list of modules below this one (training code keeps it between steps)."""
        call = self._call_id
        terms = [t for m in modules if call and m._loss_call == call for t in m._losses]
        for m in modules:
            for name, penalty in m._penalties.items():
                param = m._parameters.get(name)
                if param is not None and param.requires_grad:
                    terms.append(penalty(param))
        return terms

    # ---------------------------------------------------------------- modes
    def train(self, mode: bool = True) -> "Module":
        """Set training mode (dropout active, batch statistics) here and below; return self.

        Examples
        --------
        >>> from neurona.layers import Dropout
        >>> Dropout(0.5).eval().train().training
        True
        """
        for module in self.modules():
            module.training = mode
        return self

    def eval(self) -> "Module":
        """Set evaluation mode (``train(False)``) here and below; return self.

        Examples
        --------
        >>> from neurona.layers import Dropout
        >>> Dropout(0.5).eval().training
        False
        """
        return self.train(False)

    def zero_grad(self) -> None:
        """Forget the gradients of every parameter, frozen or not (``.grad = None``)."""
        for param in self.parameters():
            param.grad = None

    def regularization_losses(self) -> list[Tensor]:
        """The penalties of the registered regularizers of trainable weights, computed from their current values.

        Add their sum to the loss before ``backward()``.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> layer = Dense(2, kernel_regularizer="l2")
        >>> layer.build((None, 3))
        >>> [loss.shape for loss in layer.regularization_losses()]
        [()]
        """
        return [
            penalty(module._parameters[name])
            for module in self.modules()
            for name, penalty in module._penalties.items()
            if name in module._parameters and module._parameters[name].requires_grad
        ]

    # ---------------------------------------------------------------- state
    def _state(self) -> dict[str, np.ndarray]:
        state = {}
        for prefix, module in self.named_modules():
            dot = f"{prefix}." if prefix else ""
            for name, param in module._parameters.items():
                state[dot + name] = param.data
            for name, buffer in module._buffers.items():
                state[dot + name] = buffer
        return state

    def state_dict(self) -> dict[str, np.ndarray]:
        """A copy of every parameter and buffer, by dotted name.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> layer = Dense(3)
        >>> layer.build((None, 2))
        >>> {name: a.shape for name, a in layer.state_dict().items()}
        {'kernel': (2, 3), 'bias': (3,)}
        """
        return {name: array.copy() for name, array in self._state().items()}

    def load_state_dict(self, state: dict, strict: bool = True) -> LoadResult:
        """Copy arrays into the parameters and buffers, in place, all or nothing.

        The arrays are written into the existing ones (``np.copyto``), so an
        optimizer that holds them keeps working. Everything is checked before the
        first write, and one error lists every problem: a shape or dtype difference
        (dtypes must match, byte order aside: no float64 into float32, no integers
        into floats) always, missing or unexpected keys when ``strict``. On an error the
        module is left as it was.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> a, b = Dense(3), Dense(3)
        >>> a.build((None, 2)); b.build((None, 2))
        >>> b.load_state_dict(a.state_dict())
        LoadResult(missing_keys=[], unexpected_keys=[])
        """
        targets = self._state()
        missing = [name for name in targets if name not in state]
        unexpected = [name for name in state if name not in targets]
        values = {name: _as_array(state[name]) for name in targets if name in state}
        problems = [
            problem for name, value in values.items() if (problem := _misfit(name, targets[name], value)) is not None
        ]
        if problems or (strict and (missing or unexpected)):
            raise ValueError(self._state_error(missing, unexpected, problems))
        tensors = self._state_tensors()
        for name, value in values.items():
            np.copyto(targets[name], value, casting="equiv")
            if name in tensors:
                tensors[name].bump_version()
        return LoadResult(missing, unexpected)

    def _state_tensors(self) -> dict[str, Parameter]:
        return {
            (f"{prefix}.{name}" if prefix else name): param
            for prefix, module in self.named_modules()
            for name, param in module._parameters.items()
        }

    def _state_error(self, missing: list, unexpected: list, problems: list) -> str:
        lines = [f"{type(self).__name__}.load_state_dict: the state does not fit this module (nothing was loaded)"]
        if missing:
            lines.append(f"  missing keys: {', '.join(missing)}")
        if unexpected:
            lines.append(f"  unexpected keys: {', '.join(unexpected)}")
        lines.extend(f"  {problem}" for problem in problems)
        if any(getattr(m, "built", True) is False for m in self.modules()):
            lines.append("  (some layers are not built yet, so they have no parameters: call the model on data first)")
        return "\n".join(lines)

    # ------------------------------------------------------------------ repr
    def extra_repr(self) -> str:
        """The text inside the parentheses of ``repr``; subclasses describe their options here."""
        return ""

    def __repr__(self) -> str:
        head = f"{type(self).__name__}({self.extra_repr()}"
        if not self._modules:
            return head + ")"
        lines = [head]
        for name, module in self._modules.items():
            child = repr(module).replace("\n", "\n  ")
            lines.append(f"  ({name}): {child}")
        return "\n".join(lines) + "\n)"


def _check_name(module: Module, name: str) -> None:
    if "_parameters" not in module.__dict__:
        raise AttributeError(f"{type(module).__name__}: call super().__init__() before registering '{name}'")
    if not isinstance(name, str) or not name or "." in name:
        raise KeyError(f"{type(module).__name__}: a registered name must be a non-empty string without '.', got {name!r}")
    if hasattr(type(module), name):
        raise KeyError(f"{type(module).__name__}: '{name}' would hide the attribute of the same name")


def _as_array(value) -> np.ndarray:
    return value.data if isinstance(value, Tensor) else np.asarray(value)


def _misfit(name: str, target: np.ndarray, value: np.ndarray) -> str | None:
    """Why ``value`` cannot be copied into ``target`` as it is, or None."""
    if value.shape != target.shape:
        return f"shape of '{name}': expected {target.shape}, got {value.shape}"
    if not np.can_cast(value.dtype, target.dtype, "equiv"):
        return f"dtype of '{name}': expected {target.dtype}, got {value.dtype}"
    if not target.flags.writeable:
        return f"'{name}' is a read-only array and cannot be loaded into"
    return None
