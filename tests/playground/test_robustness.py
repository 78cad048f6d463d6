"""A bounded burst of random and malformed messages and requests (loopback only): the server survives it,
leaks no session, and its memory stays bounded."""
import json
import random
import socket
import time
import urllib.error
import urllib.request

import pytest

websockets_client = pytest.importorskip("websockets.sync.client")

BURST = 300
RSS_GROWTH_LIMIT_MB = 150


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        line = next(line for line in status if line.startswith("VmRSS"))
    return int(line.split()[1]) / 1024


def random_message(rng: random.Random) -> str | bytes:
    junk = [
        lambda: rng.randbytes(rng.randint(0, 64)),
        lambda: "".join(chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(0, 50))),
        lambda: json.dumps({"type": rng.choice(["config", "play", "pause", "step", "reset", "regenerate",
                                                "export_code", "export_model", "drawn", "x", None, 3])}),
        lambda: json.dumps({"type": "config", "config": {rng.choice(["hidden", "features", "learning_rate", "noise",
                            "batch_size", "seed", "optimizer", "?"]): rng.choice([[], [9] * 9, -1, 1e308, "a", None,
                                                                                   {"a": 1}, [2, 2], 0.5, 7])}}),
        lambda: "[" * rng.randint(1, 3000),
        lambda: '{"type": "config", "config": {"noise": ' + "9" * rng.randint(1, 5000) + "}}",
        lambda: json.dumps({"type": "config", "config": {"hidden": [8] * 6, "features": ["x1", "x2", "sin_x1"]}}),
    ]
    return rng.choice(junk)()


def replies_until_code(page, codes: int) -> list[dict]:
    """The page's messages up to the ``codes``-th exported code (the last message sent), so all were handled."""
    replies = []
    while codes:
        replies.append(json.loads(page.recv(timeout=60)))
        codes -= replies[-1]["type"] == "code"
    return replies


def raw_http(port: int, request: bytes) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(request)
        try:
            conn.recv(4096)
        except OSError:
            pass


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def sessions(url: str) -> int:
    with urllib.request.urlopen(url + "status", timeout=10) as response:
        return json.load(response)["sessions"]


def test_a_burst_of_bad_input_leaves_the_server_well(server):
    url, process = server
    port = int(url.rsplit(":", 1)[1].strip("/"))
    ws_url = url.replace("http", "ws") + "ws"
    rng = random.Random(13)
    before = rss_mb(process.pid)
    for round_ in range(6):
        with websockets_client.connect(ws_url, max_size=None) as page:
            burst = [random_message(rng) for _ in range(BURST // 6)] + [json.dumps({"type": "export_code"})]
            for message in burst:
                page.send(message)
            codes = burst.count(burst[-1])
            errors = [reply for reply in replies_until_code(page, codes) if reply["type"] == "error"]
            assert len(errors) >= BURST // 30
            if round_ % 2:
                page.send(json.dumps({"type": "play"}))  # and drop the connection while training
        raw_http(port, rng.choice([b"GET /static/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                                   b"\x00\xff garbage\r\n\r\n", b"GET / HTTP/1.1\r\n" + b"X: " + b"a" * 70000,
                                   b"POST /ws HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"]))
        assert http_status(url + rng.choice(["static/%2e%2e/app.py", "nothing", "static/main.js?x=%00"])) in (
            200, 404)
    for _ in range(200):  # the server frees sessions as it notices the disconnects
        if sessions(url) == 0:
            break
        time.sleep(0.05)
    assert sessions(url) == 0
    assert http_status(url) == 200
    with websockets_client.connect(ws_url) as page:
        assert json.loads(page.recv())["type"] == "data"
        page.send(json.dumps({"type": "step"}))
        frames = [json.loads(page.recv()) for _ in range(2)]
        assert frames[-1]["epoch"] == 1
    assert process.poll() is None
    growth = rss_mb(process.pid) - before
    print(f"server memory: {before:.0f} MB before the burst, grew by {growth:.1f} MB")
    assert growth < RSS_GROWTH_LIMIT_MB
