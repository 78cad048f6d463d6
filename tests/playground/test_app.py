"""The Starlette app with its test client: pages, headers, every message type, bad messages, limits, disconnects."""
import base64
import io
import zipfile

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
from starlette.testclient import TestClient  # noqa: E402
from starlette.websockets import WebSocketDisconnect  # noqa: E402

from neurona.playground.app import CSP, create_app  # noqa: E402
from neurona.playground.messages import MAX_MESSAGE_BYTES  # noqa: E402


@pytest.fixture
def client():
    app = create_app(max_sessions=2)
    with TestClient(app) as test_client:
        yield test_client


def receive(ws, kind):
    """The next message of ``kind`` (frames are acknowledged as the page does)."""
    while True:
        message = ws.receive_json()
        if message["type"] == "frame":
            ws.send_json({"type": "drawn"})
        if message["type"] == kind:
            return message


def greet(page):
    """Read the first data and frame that a new page gets; return the page."""
    assert receive(page, "data")["config"]["dataset"] == "circle"
    assert receive(page, "frame")["epoch"] == 0
    return page


def test_the_page_and_its_files_are_served_with_a_csp(client):
    page = client.get("/")
    assert page.status_code == 200 and "main.js" in page.text
    assert page.headers["content-security-policy"] == CSP and "script-src 'self'" in CSP
    assert "'unsafe-inline'" not in CSP
    for name in ("main.js", "state.js", "colours.js", "connection.js", "controls.js", "diagram.js", "draw.js", "url.js",
                 "playground.css"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200 and response.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/static/%2e%2e%2f%2e%2e%2fconfig.py", "/static//etc/passwd", "/app.py",
                                  "/static/", "/static/nothing.js"])
def test_nothing_outside_the_static_files_is_served(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "MessageError" not in response.text and "import" not in response.text


def test_every_message_type(client):
    with client.websocket_connect("/ws") as page:
        greet(page)
        page.send_json({"type": "step"})
        frame = receive(page, "frame")
        assert frame["epoch"] == 1 and len(frame["loss"]) == 1 and not frame["playing"]
        page.send_json({"type": "play"})
        assert receive(page, "status") == {"type": "status", "playing": True}
        while (frame := receive(page, "frame"))["epoch"] < 5:
            pass
        page.send_json({"type": "pause"})
        paused = receive(page, "frame")
        while paused["playing"]:
            paused = receive(page, "frame")
        page.send_json({"type": "export_code"})
        code = receive(page, "code")
        assert code["filename"] == "playground_circle.py" and f"EPOCHS = {paused['epoch']}" in code["source"]
        page.send_json({"type": "export_model"})
        model = receive(page, "model")
        assert model["filename"] == "playground_circle.neurona"
        assert zipfile.ZipFile(io.BytesIO(base64.b64decode(model["data"]))).testzip() is None
        page.send_json({"type": "config", "config": {"dataset": "spiral", "hidden": [8, 8]}})
        data = receive(page, "data")
        assert data["config"]["hidden"] == [8, 8] and receive(page, "frame")["epoch"] == 0
        page.send_json({"type": "regenerate"})
        assert receive(page, "data")["config"]["seed"] != data["config"]["seed"]
        assert receive(page, "frame")["epoch"] == 0
        page.send_json({"type": "step"})
        assert receive(page, "frame")["epoch"] == 1
        page.send_json({"type": "reset"})
        assert receive(page, "data")["config"]["dataset"] == "spiral"
        assert receive(page, "frame")["epoch"] == 0


BAD_MESSAGES = [
    "not json", "[]", '{"type": "fly"}', '{"type": "play", "x": 1}', '{"type": "config", "config": []}',
    '{"type": "config", "config": {"hidden": [100]}}', '{"type": "config", "config": {"learning_rate": -1}}',
    '{"type": "config", "config": {"learning_rate": NaN}}', '{"type": "config", "config": {"features": []}}',
    '{"type": "config", "config": {"batch_size": "10"}}', '{"type": "config", "config": {"dataset": "plane"}}',
    '{"type": "config", "config": {"eval": "__import__(\'os\')"}}', "x" * (MAX_MESSAGE_BYTES + 1),
]


def test_every_bad_message_gets_an_error_and_the_page_goes_on(client):
    with client.websocket_connect("/ws") as page:
        greet(page)
        for text in BAD_MESSAGES:
            page.send_text(text)
            assert receive(page, "error")["message"]
        page.send_bytes(b"\x00\x01")
        assert "text frame" in receive(page, "error")["message"]
        page.send_json({"type": "step"})
        frame = receive(page, "frame")
        assert frame["epoch"] == 1  # the bad config changed nothing
        page.send_json({"type": "export_code"})
        assert "make_circle(500" in receive(page, "code")["source"]


def test_a_diverged_run_refuses_play_until_reset(client):
    with client.websocket_connect("/ws") as page:
        greet(page)
        page.send_json({"type": "config", "config": {"problem": "regression", "dataset": "plane", "learning_rate": 10,
                                                     "activation": "relu", "hidden": [8, 8, 8]}})
        receive(page, "data")
        page.send_json({"type": "play"})
        assert "diverged" in receive(page, "error")["message"]
        page.send_json({"type": "play"})
        assert "diverged" in receive(page, "error")["message"]
        page.send_json({"type": "reset"})
        receive(page, "data")
        assert receive(page, "frame")["epoch"] == 0
        page.send_json({"type": "step"})
        assert receive(page, "frame")["epoch"] == 1


def test_the_session_limit_and_disconnects_free_sessions(client):
    app = client.app
    first = client.websocket_connect("/ws")
    greet(first.__enter__())
    second = client.websocket_connect("/ws")
    greet(second.__enter__()).send_json({"type": "play"})
    assert client.get("/status").json() == {"sessions": 2, "max_sessions": 2}
    with client.websocket_connect("/ws") as third:
        assert "already serves 2 pages" in third.receive_json()["message"]
        with pytest.raises(WebSocketDisconnect) as closed:
            third.receive_json()
        assert closed.value.code == 1013
    first.__exit__(None, None, None)
    second.__exit__(None, None, None)  # disconnects while training
    assert client.get("/status").json()["sessions"] == 0 and not app.state.connections
    with client.websocket_connect("/ws") as page:
        greet(page)
        page.send_json({"type": "step"})
        assert receive(page, "frame")["epoch"] == 1


def test_a_page_of_another_origin_is_refused(client):
    with pytest.raises(WebSocketDisconnect) as refused:
        with client.websocket_connect("/ws", headers={"origin": "http://evil.example"}) as ws:
            ws.receive_json()
    assert refused.value.code == 1008
    assert client.get("/status").json()["sessions"] == 0


def test_max_sessions_is_checked():
    with pytest.raises(ValueError, match="max_sessions"):
        create_app(max_sessions=0)


def test_a_page_asks_for_its_set_up_when_it_connects(client):
    with client.websocket_connect('/ws?setup={"dataset":"spiral","hidden":[8,8]}') as page:
        data = receive(page, "data")
        assert (data["config"]["dataset"], data["config"]["hidden"]) == ("spiral", [8, 8])
    for bad in ('{"hidden":[9]}', "not json", '{"hidden": [' + "1," * 3000 + "1]}"):
        with client.websocket_connect("/ws", params={"setup": bad}) as page:
            assert "the defaults are used" in receive(page, "error")["message"]
            greet(page)
