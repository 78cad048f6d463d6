"""``Optimizer``: what every update rule shares.

The base class binds the parameters, evaluates the learning rate (a number or a
schedule), clips the gradients, adds the L2 term, counts the steps and keeps the
per-parameter state. A subclass only names its state arrays (``slots``) and
writes its rule in ``_update``, in place, as the course's formula.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurona.optimizers._checks import non_negative, positive_or_none
from neurona.optimizers._flat import FlatGroup
from neurona.optimizers.clipping import clip_by_global_norm, clip_by_value
from neurona.optimizers.schedules import Schedule, deserialize, serialize
from neurona.tensor import Tensor


class Optimizer:
    """Base class of the optimizers: ``step()``, ``zero_grad()``, the learning rate and the state.

    Parameters
    ----------
    params : iterable of Tensor, optional
        PyTorch style: the parameters to update. Keras style: leave it out; the
        training code binds them later with :meth:`set_parameters`.
    lr, learning_rate : float or Schedule, optional
        The learning rate η, under either name (give one). A
        :class:`~neurona.optimizers.schedules.Schedule` is evaluated at
        ``iterations`` before each step. Each optimizer has its own default.
    weight_decay : float
        L2 penalty λ added to the gradient, ``g ← g + λ θ`` (PyTorch's
        convention; :class:`AdamW` decouples it instead).
    clipnorm : float, optional
        Before each step, rescale the gradients so that their *global* norm is
        at most ``clipnorm`` (as :func:`clip_grad_norm_`; Keras calls this
        ``global_clipnorm``, its ``clipnorm`` clips each gradient on its own).
    clipvalue : float, optional
        Before each step, clip every gradient element to ``[-clipvalue, clipvalue]``.

    Clipping and the L2 term act on the optimizer's copy of the gradients:
    ``param.grad`` is left as it was. A parameter whose ``.grad`` is None is
    skipped: neither it nor its state moves (as in PyTorch). Binding copies the
    parameters into one flat buffer and rebinds each ``param.data`` to a view of
    it, so that a step is a few NumPy calls on whole buffers; code that keeps
    the old arrays of ``param.data`` from before binding no longer sees the
    updates (code that rebinds ``param.data`` afterwards is noticed and handled).

    Examples
    --------
    >>> import numpy as np, neurona as nr
    >>> from neurona.optimizers import SGD
    >>> w = nr.tensor([1.0, 2.0], requires_grad=True)
    >>> opt = SGD([w], lr=0.1)                      # PyTorch style
    >>> w.grad = np.array([1.0, -1.0], dtype=np.float32)
    >>> opt.step()
    >>> w.data
    array([0.9, 2.1], dtype=float32)
    >>> opt = SGD(learning_rate=0.1)                # Keras style
    >>> opt.set_parameters([w])
    """

    name = "optimizer"
    default_learning_rate = 0.01
    decoupled_weight_decay = False
    _hyperparameters: tuple[str, ...] = ()

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        *,
        learning_rate: float | Schedule | None = None,
        weight_decay: float = 0.0,
        clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        owner = type(self).__name__
        if lr is not None and learning_rate is not None:
            raise TypeError(f"{owner}: give the learning rate as lr or as learning_rate, not both")
        rate = lr if lr is not None else learning_rate
        self.learning_rate = self.default_learning_rate if rate is None else rate
        self.weight_decay = non_negative(owner, "weight_decay", weight_decay)
        self.clipnorm = positive_or_none(owner, "clipnorm", clipnorm)
        self.clipvalue = positive_or_none(owner, "clipvalue", clipvalue)
        self.iterations = 0
        self._params: list[Tensor] = []
        self._groups: list[FlatGroup] = []
        self._where: list[tuple[FlatGroup, int]] = []
        if params is not None:
            self.set_parameters(params)

    # ------------------------------------------------------------ the rule
    @property
    def slots(self) -> dict[str, float]:
        """The per-parameter state arrays of the rule, by name, with their initial values."""
        return {}

    def _update(self, theta: np.ndarray, g: np.ndarray, tmp: np.ndarray, lr: float, t: int, *state: np.ndarray) -> None:
        """Apply the rule in place to ``theta``; ``g`` (a private copy) and ``tmp`` are scratch."""
        raise NotImplementedError(f"{type(self).__name__} must define _update")

    # ------------------------------------------------------- learning rate
    @property
    def learning_rate(self) -> float:
        """The rate the next step uses (a schedule's value at ``iterations``); settable."""
        rate = self._rate
        return float(rate(self.iterations)) if isinstance(rate, Schedule) else rate

    @learning_rate.setter
    def learning_rate(self, value: float | Schedule) -> None:
        if isinstance(value, Schedule):
            self._rate = value
        else:
            self._rate = non_negative(type(self).__name__, "learning_rate", value)

    @property
    def lr(self) -> float:
        """Alias of :attr:`learning_rate`."""
        return self.learning_rate

    @lr.setter
    def lr(self, value: float | Schedule) -> None:
        self.learning_rate = value

    # ----------------------------------------------------------- parameters
    @property
    def params(self) -> list[Tensor]:
        """The bound parameters, in order (empty before :meth:`set_parameters`)."""
        return list(self._params)

    def set_parameters(self, params: Iterable[Tensor]) -> None:
        """Bind the parameters to update (Keras style, called by the training code).

        Binding the same parameters again keeps the state; other parameters start
        a fresh state (``iterations`` keeps counting).
        """
        params = self._check_parameters(params)
        if [id(p) for p in params] == [id(p) for p in self._params] and all(
            p.data.shape == group.shapes[i] and p.data.dtype == group.data.dtype
            for p, (group, i) in zip(params, self._where)
        ):
            for p, (group, i) in zip(params, self._where):
                if p.data is not group.views[i]:
                    group.adopt(i)
            return
        by_dtype: dict[np.dtype, list[Tensor]] = {}
        places = []
        for p in params:
            members = by_dtype.setdefault(p.data.dtype, [])
            places.append((p.data.dtype, len(members)))
            members.append(p)
        groups = {dtype: FlatGroup(members, self.slots, type(self).__name__) for dtype, members in by_dtype.items()}
        self._params = params
        self._groups = list(groups.values())
        self._where = [(groups[dtype], i) for dtype, i in places]

    def _check_parameters(self, params) -> list[Tensor]:
        owner = type(self).__name__
        if isinstance(params, Tensor):
            params = [params]
        try:
            params = list(params)
        except TypeError:
            raise TypeError(
                f"{owner}: params must be an iterable of Tensors, got {params!r} "
                f"(to set the learning rate, pass lr= or learning_rate=)"
            ) from None
        unique = list({id(p): p for p in params}.values())
        for i, p in enumerate(unique):
            if not isinstance(p, Tensor):
                raise TypeError(f"{owner}: parameter {i} is a {type(p).__name__}, not a neurona Tensor")
            if p.data.dtype.kind != "f":
                raise TypeError(f"{owner}: parameter {i} has dtype {p.data.dtype}; only floating tensors are optimized")
        if not unique:
            raise ValueError(f"{owner}: got an empty list of parameters")
        return unique

    def _bound(self, method: str) -> list[FlatGroup]:
        if not self._groups:
            name = type(self).__name__
            raise RuntimeError(
                f"{name}.{method}: no parameters are bound; pass them to {name}(params) or call set_parameters(params)"
            )
        return self._groups

    # ----------------------------------------------------------------- step
    def step(self) -> None:
        """Update every parameter that has a gradient, in place, then count the step."""
        lr = self.learning_rate
        jobs = [job for group in self._bound("step") for job in group.jobs()]
        if self.clipnorm is not None:
            clip_by_global_norm([job[1] for job in jobs], self.clipnorm)
        if self.clipvalue is not None:
            clip_by_value([job[1] for job in jobs], self.clipvalue)
        l2 = 0.0 if self.decoupled_weight_decay else self.weight_decay
        for theta, g, tmp, t, state in jobs:
            if l2:
                np.multiply(theta, l2, out=tmp)
                g += tmp                                    # g ← g + λ θ
            self._update(theta, g, tmp, lr, t, *state)
        self.iterations += 1

    def zero_grad(self) -> None:
        """Forget the gradients of the bound parameters (``.grad = None``)."""
        for p in self._params:
            p.grad = None

    # ---------------------------------------------------------------- state
    def state_dict(self) -> dict[str, np.ndarray]:
        """The state as named arrays (copies), ready for ``np.savez``.

        ``"iterations"``; ``"steps"``, how many updates each parameter received;
        and one array per parameter and slot, named ``"<slot>.<index>"`` (e.g.
        ``"m.0"``, ``"v.0"`` for Adam), index in the order of the parameters.

        Examples
        --------
        >>> import neurona as nr
        >>> from neurona.optimizers import Adam
        >>> opt = Adam([nr.tensor([[1.0, 2.0]], requires_grad=True)])
        >>> {key: value.shape for key, value in opt.state_dict().items()}
        {'iterations': (), 'steps': (1,), 'm.0': (1, 2), 'v.0': (1, 2)}
        """
        state = {"iterations": np.array(self.iterations, np.int64)}
        if self._groups:
            state["steps"] = np.array([group.step_counts()[i] for group, i in self._where], np.int64)
        for index, (group, i) in enumerate(self._where):
            for name, array in zip(group.slot_names, group.slot_views[i]):
                state[f"{name}.{index}"] = array.copy()
        return state

    def load_state_dict(self, state: dict) -> None:
        """Restore :meth:`state_dict`'s output (for the same parameters, already bound)."""
        owner = type(self).__name__
        self._bound("load_state_dict")
        expected = self.state_dict()
        missing = [key for key in expected if key not in state]
        unexpected = [key for key in state if key not in expected]
        shapes = [
            f"'{key}': expected {expected[key].shape}, got {np.shape(state[key])}"
            for key in expected
            if key in state and np.shape(state[key]) != expected[key].shape
        ]
        if missing or unexpected or shapes:
            problems = [f"missing keys: {', '.join(missing)}"] if missing else []
            problems += [f"unexpected keys: {', '.join(unexpected)}"] if unexpected else []
            problems += [f"shape of {line}" for line in shapes]
            raise ValueError(f"{owner}.load_state_dict: the state does not fit this optimizer; " + "; ".join(problems))
        self.iterations = int(state["iterations"])
        steps = np.asarray(state["steps"])
        for group in self._groups:
            group.set_step_counts([steps[index] for index, (g, _) in enumerate(self._where) if g is group])
        for index, (group, i) in enumerate(self._where):
            for name, array in zip(group.slot_names, group.slot_views[i]):
                np.copyto(array, state[f"{name}.{index}"])

    # --------------------------------------------------------------- config
    def get_config(self) -> dict:
        """The hyperparameters, JSON-able; ``get(config)`` rebuilds the optimizer."""
        rate = self._rate
        config = {"name": self.name, "learning_rate": serialize(rate) if isinstance(rate, Schedule) else rate}
        config.update({key: getattr(self, key) for key in self._hyperparameters})
        config.update(weight_decay=self.weight_decay, clipnorm=self.clipnorm, clipvalue=self.clipvalue)
        return config

    @classmethod
    def from_config(cls, config: dict) -> Optimizer:
        """Build an optimizer (with no parameters yet) from :meth:`get_config`'s output."""
        config = {key: value for key, value in config.items() if key != "name"}
        rate = config.pop("learning_rate", None)
        if isinstance(rate, dict):
            rate = deserialize(rate)
        return cls(learning_rate=rate, **config)

    def __repr__(self) -> str:
        config = self.get_config()
        config.pop("name")
        return f"{type(self).__name__}({', '.join(f'{key}={value!r}' for key, value in config.items())})"
