"""The ``neurona`` command: train the course's presets, evaluate, predict, inspect data, plot.

Each subcommand is a module with one interface (``NAME``, ``HELP``,
``configure(parser)``, ``run(args) -> int``); :mod:`neurona.cli.parser` builds the
command line from the list of those modules. ``python -m neurona`` is the same
command; with no subcommand it runs the demo.

Examples
--------
>>> from neurona.cli import main
>>> main(["datasets", "path", "iris"])  # doctest: +ELLIPSIS
tabular/iris/iris.data: ...iris.data
0
"""
from neurona.cli.parser import main

__all__ = ["main"]
