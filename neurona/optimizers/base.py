"""``Optimizer``: what every update rule shares.

The base class binds the parameters, evaluates the learning rate (a number or a
schedule), clips the gradients, adds the L2 term, counts the steps and keeps the
per-parameter state. A subclass only names its state arrays (``slots``) and
writes its rule in ``_update``, in place, as the course's formula. A rule may also
give ``_kernel_update``: the same rule as one pass over memory (see
:mod:`neurona.optimizers._kernels`), used when :mod:`neurona.accelerate` is enabled.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from neurona import accelerate
from neurona.optimizers._checks import non_negative, positive_or_none
from neurona.optimizers._flat import FlatGroup, memory_order
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
        convention; :class:`AdamW` decouples it instead, as Keras 3 does in
        every optimizer).
    clipnorm : float, optional
        Before each step, rescale each parameter's gradient on its own so that
        its norm is at most ``clipnorm`` (Keras's meaning).
    global_clipnorm : float, optional
        Before each step, rescale the gradients together so that their global
        norm is at most ``global_clipnorm`` (Keras's; as :func:`clip_grad_norm_`,
        PyTorch's usual clipping). Give at most one of the two norms.
    clipvalue : float, optional
        Before each step, clip every gradient element to ``[-clipvalue, clipvalue]``.

    Clipping and the L2 term act on the optimizer's copy of the gradients:
    ``param.grad`` is left as it was. A parameter whose ``.grad`` is None is
    skipped: neither it nor its state moves (as in PyTorch). A step updates each
    ``param.data`` in place (never rebinding it), so a handle ``W = param.data``
    taken before or after binding sees every update; parameters stored one after
    another (a model's :class:`~neurona.nn.Parameter` s) are updated as one flat
    slice, in a few NumPy calls. Each step bumps the version of every parameter
    it wrote.

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
    uses_t = False
    """Whether the rule reads the per-parameter step count t (Adam's bias correction does)."""
    _hyperparameters: tuple[str, ...] = ()

    def __init__(
        self,
        params: Iterable[Tensor] | None = None,
        lr: float | Schedule | None = None,
        *,
        learning_rate: float | Schedule | None = None,
        weight_decay: float = 0.0,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
        clipvalue: float | None = None,
    ) -> None:
        owner = type(self).__name__
        if lr is not None and learning_rate is not None:
            raise TypeError(f"{owner}: give the learning rate as lr or as learning_rate, not both")
        rate = lr if lr is not None else learning_rate
        self.learning_rate = self.default_learning_rate if rate is None else rate
        self.weight_decay = non_negative(owner, "weight_decay", weight_decay)
        self.clipnorm = positive_or_none(owner, "clipnorm", clipnorm)
        self.global_clipnorm = positive_or_none(owner, "global_clipnorm", global_clipnorm)
        if clipnorm is not None and global_clipnorm is not None:
            raise ValueError(f"{owner}: give clipnorm (each gradient) or global_clipnorm (all together), not both")
        self.clipvalue = positive_or_none(owner, "clipvalue", clipvalue)
        self.iterations = 0
        self._names: list[str] = []
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

    _kernel_update = None
    """Optional: ``(theta, g, lr, t, l2, *state)``, the rule with the L2 term as one kernel call
    on flat arrays of a float dtype; ``g`` is read only."""

    def _kernel(self, theta: np.ndarray, g: np.ndarray, lr: float, t: int, l2: float, state: tuple) -> bool:
        """Run ``_kernel_update`` where it applies (flat views of float32/float64 storage); say whether it ran."""
        if self._kernel_update is None or not theta.flags.c_contiguous or not accelerate.enabled_for(theta):
            return False
        if theta.ndim != 1:  # a parameter's own array (the runs and packs are flat already)
            theta, g, state = theta.reshape(-1), g.reshape(-1), [s.reshape(-1) for s in state]
        self._kernel_update(theta, g, lr, t, l2, *state)
        return True

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

    @property
    def names(self) -> list[str]:
        """The names of the bound parameters (their index as a string where none was given)."""
        return list(self._names)

    def set_parameters(self, params: Iterable[Tensor] | Iterable[tuple[str, Tensor]]) -> None:
        """Bind the parameters to update (Keras style, called by the training code).

        ``params`` holds tensors, or ``(name, tensor)`` pairs such as
        ``model.named_parameters()``; the names key :meth:`state_dict`. A
        parameter bound before keeps its state (if its shape and dtype are
        unchanged); the others start afresh. ``iterations`` keeps counting.

        Examples
        --------
        >>> from neurona.layers import Dense
        >>> from neurona.optimizers import SGD
        >>> layer = Dense(2)
        >>> layer.build((None, 3))
        >>> opt = SGD(momentum=0.9)
        >>> opt.set_parameters(layer.named_parameters())
        >>> sorted(opt.state_dict())[:2]
        ['iterations/bias', 'iterations/kernel']
        """
        names, params = self._check_parameters(params)
        if names == self._names and self._unchanged(params):
            return
        old = {id(p): (group, i) for p, (group, i) in zip(self._params, self._where)}
        by_dtype: dict[np.dtype, list[int]] = {}
        for index, p in enumerate(params):
            by_dtype.setdefault(p._data.dtype, []).append(index)
        where: list = [None] * len(params)
        groups = []
        for members in by_dtype.values():
            members = [members[k] for k in memory_order([params[index]._data for index in members])]
            group = FlatGroup(
                [params[k] for k in members], [names[k] for k in members], self.slots, type(self).__name__, self.uses_t
            )
            groups.append(group)
            for i, index in enumerate(members):
                where[index] = (group, i)
        _carry_state(old, groups)
        self._names, self._params, self._groups, self._where = names, params, groups, where

    def _unchanged(self, params: list[Tensor]) -> bool:
        """Whether ``params`` are the bound ones, in order, each still holding the array planned for."""
        return len(params) == len(self._params) and all(
            p is q and p._data is group.arrays[i] for p, q, (group, i) in zip(params, self._params, self._where)
        )

    def _check_parameters(self, params) -> tuple[list[str], list[Tensor]]:
        owner = type(self).__name__
        if isinstance(params, Tensor):
            params = [params]
        try:
            params = list(params)
        except TypeError:
            raise TypeError(
                f"{owner}: params must be an iterable of Tensors or (name, Tensor) pairs, got {params!r} "
                f"(to set the learning rate, pass lr= or learning_rate=)"
            ) from None
        names, unique, seen = [], [], set()
        for i, item in enumerate(params):
            name, p = item if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str) else (str(i), item)
            if not isinstance(p, Tensor):
                raise TypeError(f"{owner}: parameter {name!r} is a {type(p).__name__}, not a neurona Tensor")
            if p._data.dtype.kind != "f":
                raise TypeError(f"{owner}: parameter {name!r} has dtype {p._data.dtype}; only floating tensors are optimized")
            if id(p) in seen:
                continue
            if name in names:
                raise ValueError(f"{owner}: two different parameters are named {name!r}")
            seen.add(id(p))
            names.append(name)
            unique.append(p)
        if not unique:
            raise ValueError(f"{owner}: got an empty list of parameters")
        return names, unique

    def _bound(self, method: str) -> list[FlatGroup]:
        if not self._groups:
            name = type(self).__name__
            raise RuntimeError(
                f"{name}.{method}: no parameters are bound; pass them to {name}(params) or call set_parameters(params)"
            )
        return self._groups

    # ----------------------------------------------------------------- step
    def step(self) -> None:
        """Update every parameter that has a gradient, in place, then count the step.

        Each updated parameter's version is bumped, so a graph recorded before the
        step refuses ``backward()``.
        """
        lr = self.learning_rate
        groups = self._bound("step")
        jobs = [job for group in groups for job in group.jobs()]
        if self.clipnorm is not None:
            for g in (g for group in groups for g in group.updated_grads):
                clip_by_global_norm([g], self.clipnorm)
        if self.global_clipnorm is not None:
            clip_by_global_norm([job[1] for job in jobs], self.global_clipnorm)
        if self.clipvalue is not None:
            clip_by_value([job[1] for job in jobs], self.clipvalue)
        l2 = 0.0 if self.decoupled_weight_decay else self.weight_decay
        kernels = accelerate.enabled()
        for theta, g, tmp, t, state in jobs:
            if kernels and self._kernel(theta, g, lr, t, l2, state):
                continue
            if l2:
                np.multiply(theta, l2, out=tmp)
                g += tmp                                    # g ← g + λ θ
            self._update(theta, g, tmp, lr, t, *state)
        for group in groups:
            group.finish()
        self.iterations += 1

    def zero_grad(self) -> None:
        """Forget the gradients of the bound parameters (``.grad = None``)."""
        for p in self._params:
            p.grad = None

    # ---------------------------------------------------------------- state
    def state_dict(self) -> dict[str, np.ndarray]:
        """The state as named arrays (copies), ready for ``np.savez``; keyed by parameter name.

        For each bound parameter ``<name>`` (its name from :meth:`set_parameters`,
        else its index): ``"<slot>/<name>"``, one array per slot of the rule (e.g.
        ``"m/dense.kernel"``, ``"v/dense.kernel"`` for Adam); ``"step/<name>"``,
        how many updates it received; ``"iterations/<name>"``, the optimizer's
        step count. Two optimizers over different parameters never share a key.

        Examples
        --------
        >>> import neurona as nr
        >>> from neurona.optimizers import Adam
        >>> opt = Adam([("w", nr.tensor([[1.0, 2.0]], requires_grad=True))])
        >>> {key: value.shape for key, value in opt.state_dict().items()}
        {'iterations/w': (), 'step/w': (), 'm/w': (1, 2), 'v/w': (1, 2)}
        """
        state = {}
        for name, (group, i) in zip(self._names, self._where):
            state[f"iterations/{name}"] = np.array(self.iterations, np.int64)
            state[f"step/{name}"] = np.array(group.step_counts()[i], np.int64)
            for slot, array in zip(group.slot_names, group.slot_views[i]):
                state[f"{slot}/{name}"] = array.copy()
        return state

    def load_state_dict(self, state: dict) -> None:
        """Restore :meth:`state_dict`'s output (for the same parameters, already bound).

        Everything is checked before anything is written: one error lists the
        missing and unexpected keys and every array of the wrong shape or dtype.
        """
        self._bound("load_state_dict")
        expected = self.state_dict()
        problems = _state_problems(expected, state)
        if problems:
            raise ValueError(
                f"{type(self).__name__}.load_state_dict: the state does not fit this optimizer; " + "; ".join(problems)
            )
        self.iterations = int(state[f"iterations/{self._names[0]}"])
        for group in self._groups:
            group.set_step_counts([state[f"step/{name}"] for name in group.names])
        for name, (group, i) in zip(self._names, self._where):
            for slot, array in zip(group.slot_names, group.slot_views[i]):
                np.copyto(array, state[f"{slot}/{name}"])

    # --------------------------------------------------------------- config
    def get_config(self) -> dict:
        """The hyperparameters, JSON-able; ``get(config)`` rebuilds the optimizer."""
        rate = self._rate
        config = {"name": self.name, "learning_rate": serialize(rate) if isinstance(rate, Schedule) else rate}
        config.update({key: getattr(self, key) for key in self._hyperparameters})
        config.update(
            weight_decay=self.weight_decay, clipnorm=self.clipnorm, global_clipnorm=self.global_clipnorm, clipvalue=self.clipvalue
        )
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


def _carry_state(old: dict, groups: list[FlatGroup]) -> None:
    """Copy the state and step count of each parameter bound before (same shape and dtype) to its new place."""
    for group in groups:
        steps = group.step_counts()
        for i, p in enumerate(group.params):
            before = old.get(id(p))
            if before is None or before[0].shapes[before[1]] != group.shapes[i] or before[0].dtype != group.dtype:
                continue
            source, j = before
            steps[i] = source.step_counts()[j]
            for target, value in zip(group.slot_views[i], source.slot_views[j]):
                np.copyto(target, value)
        group.set_step_counts(steps)


def _state_problems(expected: dict, state: dict) -> list[str]:
    """Every way ``state`` differs from ``expected`` (keys, shapes, dtypes, counters), as lines of text."""
    missing = [key for key in expected if key not in state]
    unexpected = [key for key in state if key not in expected]
    problems = [f"missing keys: {', '.join(missing)}"] if missing else []
    problems += [f"unexpected keys: {', '.join(unexpected)}"] if unexpected else []
    for key, want in expected.items():
        if key not in state:
            continue
        got = np.asarray(state[key])
        if got.shape != want.shape:
            problems.append(f"shape of '{key}': expected {want.shape}, got {got.shape}")
        elif want.dtype.kind == "i" and (got.dtype.kind not in "iu" or got < 0):
            problems.append(f"'{key}' must be a count (an integer >= 0), got {got!r}")
        elif want.dtype.kind == "f" and got.dtype != want.dtype:
            problems.append(f"dtype of '{key}': expected {want.dtype}, got {got.dtype}")
    counts = {
        int(state[key]) for key in expected
        if key.startswith("iterations/") and key in state and np.shape(state[key]) == () and np.asarray(state[key]).dtype.kind in "iu"
    }
    if len(counts) > 1:
        problems.append(f"the 'iterations/...' entries disagree: {sorted(counts)}")
    return problems
