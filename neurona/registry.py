"""``Registry``: the one name table of each kind of object (activations, initializers, layers, ...).

A registry maps names to classes (or, for activations, to functions). ``get``
resolves a name (case-insensitive), a ``{"class_name": ..., "config": {...}}`` dict
or an instance; ``serialize`` gives that dict back. Loading a file only ever looks
names up here: nothing stored in a file is run.

User classes and functions join through :func:`register_serializable` (one global
table, under ``"Package>Name"``) or, while loading, through
:func:`custom_object_scope`; every registry looks in both after its own names.

Examples
--------
>>> from neurona.registry import Registry
>>> class Greeting:
...     def __init__(self, word="hi"):
...         self.word = word
...     def get_config(self):
...         return {"word": self.word}
...     @classmethod
...     def from_config(cls, config):
...         return cls(**config)
>>> GREETINGS = Registry("greeting", base=Greeting)
>>> _ = GREETINGS.register(Greeting, aliases=("hello",))
>>> GREETINGS.get("HELLO").word
'hi'
>>> GREETINGS.serialize(Greeting("hola"))
{'class_name': 'Greeting', 'config': {'word': 'hola'}}
>>> GREETINGS.get({"class_name": "Greeting", "config": {"word": "hola"}}).word
'hola'
"""
from __future__ import annotations

import importlib

import contextlib
import contextvars
from collections.abc import Iterator, Mapping
from typing import Any, Callable

_SCOPE: contextvars.ContextVar[Mapping[str, Any]] = contextvars.ContextVar("neurona_custom_objects", default={})

HOW_TO_REGISTER = (
    "decorate the class or function with @neurona.saving.register_serializable(), "
    "or pass custom_objects={{{name!r}: ...}} when loading"
)


class Registry:
    """Names → classes (or functions) of one kind; see the module docstring.

    Parameters
    ----------
    kind : str
        What the entries are (``"layer"``, ``"initializer"``), for error messages.
    base : type, optional
        Entries found outside this registry (registered by users) must subclass it.
    functions : bool
        The entries are functions, returned as they are (activations), rather than
        classes whose instances ``get`` makes.
    callables : bool
        ``get`` passes any callable through unchanged (a custom initializer ``fn(shape, dtype)``).
    """

    def __init__(self, kind: str, base: type | None = None, *, functions: bool = False,
                 callables: bool = False) -> None:
        self.kind, self.base, self.functions, self.callables = kind, base, functions, callables
        self._entries: dict[str, Any] = {}
        self._providers: dict[str, str] = {}
        self._shown: dict[str, str] = {}
        self._names: dict[Any, str] = {}

    # ----------------------------------------------------------- registering
    def register(self, obj: Any = None, *, name: str | None = None, aliases: tuple[str, ...] = ()):
        """Register ``obj`` under ``name`` (default: its ``__name__``), the name it is saved by,
        and under ``aliases``; usable as a decorator, with or without arguments. Returns ``obj``."""
        if obj is None:
            return lambda target: self.register(target, name=name, aliases=aliases)
        canonical = name or obj.__name__
        for key in (*aliases, canonical):
            self._add(key, obj)
        self._names.setdefault(obj, canonical)
        return obj

    def alias(self, name: str, factory: Callable[[], Any]) -> None:
        """Make ``get(name)`` return ``factory()`` (a preset such as ``'momentum'`` → ``SGD(momentum=0.9)``)."""
        self._add(name, _Preset(factory))

    def provided_by(self, module: str, *names: str) -> None:
        """Declare that importing ``module`` registers ``names``; it is imported on their first lookup.

        This lets a package above this registry's (``neurona.text`` for the layers) add entries
        that loading a file finds, without this registry's package importing it.
        """
        for name in names:
            self._providers[name.lower()] = module
            self._shown.setdefault(name.lower(), name)

    def _add(self, name: str, obj: Any) -> None:
        if not isinstance(name, str) or not name:
            raise ValueError(f"{self.kind} registry: a name is a non-empty string, got {name!r}")
        key = name.lower()
        old = self._entries.get(key)
        if old is not None and old is not obj and not _same_definition(old, obj):
            raise ValueError(f"{self.kind} registry: the name {name!r} is already taken by {old!r}")
        self._entries[key] = obj
        self._shown.setdefault(key, name)

    # --------------------------------------------------------------- reading
    def names(self) -> list[str]:
        """Every name ``get`` accepts, as registered, in registration order."""
        return list(self._shown.values())

    def __iter__(self) -> Iterator[str]:
        return iter(self.names())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._entries

    def lookup(self, name: str) -> Any:
        """The entry for ``name``: the active custom objects first, then this registry, then
        :func:`register_serializable`'s table. An unknown name is an error naming it."""
        if not isinstance(name, str):
            raise TypeError(f"{self.kind}: a registered name is a string, got {type(name).__name__} {name!r}")
        found = _scoped(name)
        if found is None:
            found = self._entries.get(name.lower())
            if found is None and name.lower() in self._providers:
                importlib.import_module(self._providers.pop(name.lower()))
                found = self._entries.get(name.lower())
            if found is not None:
                return found
            if self is not SERIALIZABLE:
                found = SERIALIZABLE._entries.get(name.lower())
        if found is None:
            raise ValueError(
                f"unknown {self.kind} {name!r}; valid names: {', '.join(self.names())}. "
                f"For a custom {self.kind}, " + HOW_TO_REGISTER.format(name=name)
            )
        if not self._fits(found):
            raise TypeError(f"{name!r} is registered, but it is not a {self.kind}: {found!r}")
        return found

    def _fits(self, obj: Any) -> bool:
        if not isinstance(obj, type):
            return (self.functions or self.callables) and callable(obj)
        return not self.functions and (self.base is None or issubclass(obj, self.base))

    def get(self, identifier: Any) -> Any:
        """Resolve a name, a ``{"class_name", "config"}`` dict, an instance (returned as it is),
        or a function where the kind allows it."""
        if isinstance(identifier, str):
            return self._make(identifier, self.lookup(identifier), {})
        if isinstance(identifier, dict):
            return self.deserialize(identifier)
        if self.base is not None and isinstance(identifier, self.base):
            return identifier
        if (self.functions or self.callables) and callable(identifier) and not isinstance(identifier, type):
            return identifier
        accepted = "a name or a {'class_name': ..., 'config': ...} dict"
        if self.base is not None:
            accepted += f" or {_a(self.base.__name__)}"
        if self.functions or self.callables:
            accepted += " or a function"
        raise TypeError(f"{_a(self.kind)} is {accepted}, not {type(identifier).__name__} {_short(identifier)}")

    def deserialize(self, config: dict) -> Any:
        """Rebuild an object from :meth:`serialize`'s ``{"class_name": ..., "config": {...}}``."""
        name, options = config.get("class_name"), config.get("config", {})
        if not isinstance(name, str) or not isinstance(options, dict):
            raise ValueError(
                f"a serialized {self.kind} is {{'class_name': str, 'config': dict}}, got {_short(config)}"
            )
        return self._make(name, self.lookup(name), options)

    def _make(self, name: str, entry: Any, options: dict) -> Any:
        """A preset's instance, a class built from ``options``, or a function as it is."""
        if not isinstance(entry, type) and options:
            raise ValueError(f"{self.kind} {name!r} takes no config, got {_short(options)}")
        if isinstance(entry, _Preset):
            return entry.factory()
        if not isinstance(entry, type):
            return entry
        try:
            return entry.from_config(options) if hasattr(entry, "from_config") else entry(**options)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{self.kind} {name!r} cannot be built from config {_short(options)}: {error}") from error

    # --------------------------------------------------------------- writing
    def name_of(self, obj: Any) -> str:
        """The name ``obj`` (a function, or an instance's class) is saved by.

        An unregistered subclass of ``base`` is saved by its class name (unless that
        name is taken), which loading then resolves through ``custom_objects``.
        """
        instance = self.base is not None and isinstance(obj, self.base)
        target = type(obj) if instance or not (self.functions or self.callables) else obj
        for table in (self, SERIALIZABLE):
            try:
                return table._names[target]
            except (KeyError, TypeError):
                continue
        name = getattr(target, "__name__", None)
        if instance and name not in self and name not in SERIALIZABLE:
            return name
        how = HOW_TO_REGISTER.format(name=name)
        if name in (None, "<lambda>"):
            how = "define it with def (a lambda has no name) and decorate it with @neurona.saving.register_serializable()"
        raise ValueError(f"{_short(obj)} is not a registered {self.kind}, so it cannot be saved by name; {how}")

    def serialize(self, obj: Any) -> dict:
        """``{"class_name": ..., "config": obj.get_config()}``, JSON-able; :meth:`deserialize` reverses it."""
        name = self.name_of(obj)
        if not callable(getattr(obj, "get_config", None)):
            raise TypeError(f"{type(obj).__name__} has no get_config(), so it cannot be saved as {_a(self.kind)}")
        return {"class_name": name, "config": obj.get_config()}


class _Preset:
    """A name that stands for a configured instance (``'l1_l2'`` → ``L1L2(0.01, 0.01)``)."""

    def __init__(self, factory: Callable[[], Any]) -> None:
        self.factory = factory

    def __repr__(self) -> str:
        return f"preset {self.factory!r}"


def _same_definition(old: Any, new: Any) -> bool:
    """The same class or function defined again (a reloaded module, a re-run notebook cell)."""
    return all(
        getattr(old, attr, None) is not None and getattr(old, attr, None) == getattr(new, attr, None)
        for attr in ("__module__", "__qualname__")
    )


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _scoped(name: str) -> Any:
    scope = _SCOPE.get()
    if not scope:
        return None
    bare = name.rpartition(">")[2]
    for candidate in (name, bare):
        for key, value in scope.items():
            if key == candidate or key.lower() == candidate.lower():
                return value
    return None


SERIALIZABLE = Registry("serializable object")
"""The table of :func:`register_serializable`: user classes and functions, by ``"Package>Name"``."""


def register_serializable(package: str = "Custom", name: str | None = None):
    """Class or function decorator: make a user object loadable by name, as ``"package>name"``.

    Examples
    --------
    >>> from neurona.layers import Layer
    >>> from neurona.registry import register_serializable
    >>> @register_serializable(package="Docs")
    ... class Doubler(Layer):
    ...     def forward(self, x):
    ...         return x * 2
    >>> from neurona import layers
    >>> layers.serialize(Doubler(name="d"))["class_name"]
    'Docs>Doubler'
    >>> type(layers.deserialize({"class_name": "Docs>Doubler", "config": {"name": "d"}})).__name__
    'Doubler'
    """
    if not isinstance(package, str) or not package or ">" in package:
        raise ValueError(f"register_serializable: package must be a non-empty string without '>', got {package!r}")

    def decorate(obj):
        return SERIALIZABLE.register(obj, name=f"{package}>{name or obj.__name__}")

    return decorate


@contextlib.contextmanager
def custom_object_scope(objects: Mapping[str, Any] | None):
    """Within the block, every registry also resolves the names in ``objects`` (looked up first).

    Examples
    --------
    >>> from neurona import activations
    >>> def swish(x):
    ...     return x * x.sigmoid()
    >>> with custom_object_scope({"swish": swish}):
    ...     activations.get("swish") is swish
    True
    """
    objects = dict(objects or {})
    for key in objects:
        if not isinstance(key, str):
            raise TypeError(f"custom_objects: the keys are names (strings), got {key!r}")
    token = _SCOPE.set({**_SCOPE.get(), **objects})
    try:
        yield
    finally:
        _SCOPE.reset(token)
