"""The command line itself: every subcommand's --help, the default command, the module interface."""
import argparse
import subprocess
import sys

import pytest

from neurona.cli import parser as cli_parser

from .conftest import ROOT, assert_user_error

COMMANDS = ["demo", "train", "evaluate", "predict", "summary", "datasets", "plot"]


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.returncode == 0 and result.stdout.startswith("usage: neurona")
    for name in COMMANDS:
        assert f"\n    {name} " in result.stdout


@pytest.mark.parametrize("command", [*COMMANDS, "datasets list", "datasets fetch", "datasets verify", "datasets path"])
def test_every_subcommand_has_help(cli, command):
    result = cli(*command.split(), "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: neurona {command}")


def test_no_command_runs_the_demo(cli):
    result = cli("--debug")
    assert result.returncode == 0, result.stderr
    assert "Iris softmax classifier" in result.stdout and "test accuracy" in result.stdout


def test_demo_takes_its_options(cli):
    result = cli("demo", "--epochs", "3", "--seed", "1")
    assert result.returncode == 0 and "3 epochs of Adam" in result.stdout


def test_version(cli):
    from neurona import __version__

    assert cli("--version").stdout.strip() == f"neurona {__version__}"


def test_unknown_command_and_bad_option_values_are_usage_errors(cli):
    result = cli("fly")
    assert result.returncode == 2 and "invalid choice: 'fly'" in result.stderr
    result = cli("train", "iris-softmax", "--epochs", "0")
    assert result.returncode == 2 and "expected a positive integer, got 0" in result.stderr
    result = cli("train", "iris-softmax", "--lr", "nan")
    assert result.returncode == 2 and "positive finite number" in result.stderr


def test_every_command_module_has_the_interface():
    for module in cli_parser.command_modules():
        assert isinstance(module.NAME, str) and isinstance(module.HELP, str) and module.HELP
        assert callable(module.configure) and callable(module.run)


def test_a_module_that_cannot_be_found_is_left_out(monkeypatch):
    monkeypatch.setattr(cli_parser, "COMMANDS", (*cli_parser.COMMANDS[:2], "neurona.no_such_package.command"))
    assert [m.NAME for m in cli_parser.command_modules()] == ["demo", "train"]


def test_a_module_added_to_the_list_becomes_a_command(monkeypatch, tmp_path):
    (tmp_path / "hello_command.py").write_text(
        "NAME = 'hello'\nHELP = 'say hello'\n"
        "def configure(parser):\n    parser.add_argument('--who', default='world')\n"
        "def run(args):\n    print('hello', args.who)\n    return 0\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli_parser, "COMMANDS", (*cli_parser.COMMANDS, "hello_command"))
    assert cli_parser.main(["hello", "--who", "neurona"]) == 0


def test_help_imports_neither_matplotlib_nor_the_datasets():
    code = ("import sys\nfrom neurona.cli.parser import build_parser\nbuild_parser().format_help()\n"
            "print(sorted(m for m in ('matplotlib', 'neurona.datasets', 'PIL') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_debug_shows_the_traceback(cli):
    assert_user_error(cli("train", "no-such-preset"), "unknown preset 'no-such-preset'", "mnist-mlp")
    result = cli("train", "no-such-preset", "--debug")
    assert result.returncode == 1 and "Traceback" in result.stderr and "CLIError" in result.stderr


def test_a_bug_is_not_hidden_as_a_user_error(monkeypatch, capsys):
    def broken(args: argparse.Namespace) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("neurona.cli.demo.run", broken)
    with pytest.raises(ZeroDivisionError):
        cli_parser.main(["demo"])


def test_the_console_script_is_the_same_main():
    import importlib
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    module, _, name = scripts["neurona"].partition(":")
    assert getattr(importlib.import_module(module), name) is cli_parser.main
