"""The ``neurona`` command line, built from one list of subcommand modules.

A subcommand module exposes ``NAME: str``, ``HELP: str``,
``configure(parser: argparse.ArgumentParser) -> None`` and
``run(args: argparse.Namespace) -> int``. A module of an optional package joins the
list only when it can be found. User errors print one line and exit with status 2;
``--debug`` shows the traceback instead.
"""
from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
from types import ModuleType

COMMANDS = (
    "neurona.cli.demo",
    "neurona.cli.train",
    "neurona.cli.evaluate",
    "neurona.cli.predict",
    "neurona.cli.summary",
    "neurona.cli.datasets",
    "neurona.cli.plot",
    "neurona.playground.command",
)
DEFAULT_COMMAND = "demo"


def _findable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # its package is absent
        return False


def command_modules() -> list[ModuleType]:
    """The subcommand modules of :data:`COMMANDS` that are installed, in order.

    Examples
    --------
    >>> [module.NAME for module in command_modules()][:3]
    ['demo', 'train', 'evaluate']
    """
    return [importlib.import_module(name) for name in COMMANDS if _findable(name)]


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``neurona`` with one subparser per command module.

    Examples
    --------
    >>> build_parser().parse_args(["train", "iris-softmax", "--epochs", "2"]).epochs
    2
    """
    from neurona import __version__

    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show the full traceback of an error")
    parser = argparse.ArgumentParser(
        prog="neurona", parents=[debug],
        description="neurona: the course's neural networks in NumPy. With no command, runs the demo.")
    parser.add_argument("--version", action="version", version=f"neurona {__version__}")
    parser.set_defaults(debug=False, command=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for module in command_modules():
        sub = commands.add_parser(module.NAME, help=module.HELP, description=module.__doc__ or module.HELP,
                                  parents=[debug], formatter_class=argparse.RawDescriptionHelpFormatter)
        module.configure(sub)
        sub.set_defaults(command=module.NAME, run=module.run)
    return parser


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    if isinstance(error, OSError) and error.filename is not None and str(error.filename) not in text:
        text = f"{text}: {error.filename}"
    return text or type(error).__name__


def main(argv: list[str] | None = None) -> int:
    """Run the command line ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, DEFAULT_COMMAND])
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print(f"neurona {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        from neurona.cli.errors import user_errors

        if args.debug or not isinstance(error, user_errors()):
            raise
        print(f"neurona {args.command}: error: {_one_line(error)}", file=sys.stderr)
        return 2
