"""The Starlette application: the packaged page, ``/status``, and the ``/ws`` WebSocket.

Safe by default: only the files of ``static/`` are served (Starlette's
``StaticFiles`` refuses paths outside it), every response carries a
Content-Security-Policy, a WebSocket from a page of another origin is refused,
and at most ``max_sessions`` pages train at once (the next one gets an error
and is closed); a page that disconnects stops its training and frees its session.
"""
from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket

from neurona.playground.connection import Connection

STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = {"content-security-policy": CSP, "x-content-type-options": "nosniff", "referrer-policy": "no-referrer",
           "x-frame-options": "DENY"}
TRY_AGAIN_LATER = 1013


class SecurityHeaders:
    """ASGI middleware: the security headers on every HTTP response."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _index(request: Request) -> FileResponse:
    return FileResponse(STATIC / "index.html")


async def _status(request: Request) -> JSONResponse:
    state = request.app.state
    return JSONResponse({"sessions": len(state.connections), "max_sessions": state.max_sessions})


def _same_origin(websocket: WebSocket) -> bool:
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1] == websocket.headers.get("host")


async def _socket(websocket: WebSocket) -> None:
    state = websocket.app.state
    if not _same_origin(websocket):
        await websocket.close(code=1008)
        return
    await websocket.accept()
    if len(state.connections) >= state.max_sessions:
        await websocket.send_json({"type": "error", "message": f"the playground already serves {state.max_sessions} "
                                   "pages (its limit): close one, then reload"})
        await websocket.close(code=TRY_AGAIN_LATER)
        return
    connection = Connection(websocket)
    state.connections.add(connection)
    try:
        await connection.run()
    finally:
        state.connections.discard(connection)


def create_app(max_sessions: int = 4) -> Starlette:
    """The playground application, serving at most ``max_sessions`` pages at once.

    Examples
    --------
    >>> app = create_app(max_sessions=2)
    >>> app.state.max_sessions
    2
    """
    if isinstance(max_sessions, bool) or not isinstance(max_sessions, int) or max_sessions < 1:
        raise ValueError(f"create_app: max_sessions must be a positive int, got {max_sessions!r}")
    app = Starlette(routes=[
        Route("/", _index),
        Route("/status", _status),
        WebSocketRoute("/ws", _socket),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ])
    app.add_middleware(SecurityHeaders)
    app.state.connections = set()
    app.state.max_sessions = max_sessions
    return app
