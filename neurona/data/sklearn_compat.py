"""Exception and warning classes that extend scikit-learn's when it is installed.

scikit-learn's tools catch its own ``NotFittedError`` and filter its own
``DataConversionWarning``; neurona's classes of the same name subclass them, so
that those tools recognize neurona's. To keep scikit-learn an optional
dependency that ``import neurona`` never loads, such a class is built on first
use (by a cached function of the module that owns it).
"""
from __future__ import annotations

import importlib


def extending_sklearn(name: str, sklearn_module: str, fallback: tuple[type, ...], module: str, doc: str) -> type:
    """A new class ``module.name`` whose base is ``sklearn_module.name``, or ``fallback`` without scikit-learn.

    Examples
    --------
    >>> Error = extending_sklearn("NotFittedError", "sklearn.exceptions", (ValueError,), "demo", "Not fitted.")
    >>> Error.__module__, Error.__qualname__, issubclass(Error, ValueError)
    ('demo', 'NotFittedError', True)
    """
    try:
        bases: tuple[type, ...] = (getattr(importlib.import_module(sklearn_module), name),)
    except ImportError:
        bases = fallback
    return type(name, bases, {"__module__": module, "__qualname__": name, "__doc__": doc})
