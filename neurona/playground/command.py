"""``neurona playground``: serve the browser playground (the CLI's subcommand interface).

Needs the ``playground`` extra (``pip install "neurona[playground]"``: Starlette
and uvicorn), imported only when the command runs.
"""
from __future__ import annotations

import argparse
import sys
import threading
import webbrowser

NAME = "playground"
HELP = "serve the browser playground (TensorFlow Playground's experiments, trained by neurona)"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
WS_MAX_BYTES = 64 * 1024  # uvicorn drops a larger WebSocket message before it is read (the page's are < 4 KiB)


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is in 0..65535, got {value}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def configure(parser: argparse.ArgumentParser) -> None:
    """Add the command's options to ``parser``."""
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this computer only)")
    parser.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    parser.add_argument("--open", action="store_true", help="open the page in the web browser")
    parser.add_argument("--max-sessions", type=_positive, default=4, help="pages served at once (default 4)")


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; 2 when the ``playground`` extra is missing."""
    try:
        import uvicorn

        from neurona.playground.app import create_app
    except ImportError as error:
        print(f"neurona playground: needs the playground extra ({error.name} is missing): "
              'pip install "neurona[playground]"', file=sys.stderr)
        return 2
    if args.host not in LOOPBACK:
        print(f"neurona playground: warning: listening on {args.host}, so anyone on the network "
              "can use this playground (and the server's CPU)", file=sys.stderr)
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{args.port}/"
    print(f"neurona playground: {url} (Ctrl+C stops it)", flush=True)
    if args.open:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    uvicorn.run(create_app(args.max_sessions), host=args.host, port=args.port, log_level="warning",
                ws_max_size=WS_MAX_BYTES)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run (what ``python -m neurona.playground`` does)."""
    parser = argparse.ArgumentParser(prog="neurona playground", description=HELP)
    configure(parser)
    return run(parser.parse_args(argv))
