"""``neurona playground``: the subcommand interface, its options, the warning off loopback, the missing extra."""
import argparse
import sys

import pytest

from neurona.playground import command


def parse(*argv):
    parser = argparse.ArgumentParser()
    command.configure(parser)
    return parser.parse_args(argv)


def test_the_interface_and_the_safe_defaults():
    assert command.NAME == "playground" and command.HELP
    args = parse()
    assert (args.host, args.port, args.open, args.max_sessions) == ("127.0.0.1", 8000, False, 4)


@pytest.mark.parametrize("argv", [["--port", "70000"], ["--port", "x"], ["--max-sessions", "0"]])
def test_bad_options_are_refused(argv, capsys):
    with pytest.raises(SystemExit):
        parse(*argv)
    assert "error" in capsys.readouterr().err


def test_run_serves_the_app_and_warns_off_loopback(monkeypatch, capsys):
    uvicorn = pytest.importorskip("uvicorn")
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    assert command.run(parse("--port", "8123")) == 0
    assert calls[-1][1] == {"host": "127.0.0.1", "port": 8123, "log_level": "warning", "ws_max_size": 64 * 1024}
    assert "warning" not in capsys.readouterr().err
    assert command.run(parse("--host", "0.0.0.0", "--max-sessions", "3")) == 0
    assert "anyone on the network" in capsys.readouterr().err
    assert calls[-1][0].state.max_sessions == 3


def test_without_the_extra_it_says_what_to_install(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "uvicorn", None)
    assert command.run(parse()) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and 'pip install "neurona[playground]"' in err
