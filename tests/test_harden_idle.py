"""Idle and slow connections do not take the service down (issue 12, defect 2).

A real `planqa serve` process, limited to 256 open files, is flooded with more idle sockets (and
sockets that send half a request head) than it can hold; while they are held open, /readyz and
/v1/ask still answer, the held sockets are closed by the server, and its log does not flood.
"""

from __future__ import annotations

import collections
import http.client
import json
import logging
import os
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.logs import RepeatLimiter
from api.middleware import LimitConcurrency

REPO = Path(__file__).resolve().parents[1]
FD_LIMIT = 256
IDLE_SOCKETS = 400  # more than the server process can hold open
SLOW_SOCKETS = 60
QUESTION = "Chỉ tiêu 14 do cơ quan nào chủ trì?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def limit_open_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FD_LIMIT, FD_LIMIT))


@pytest.fixture
def served(shared_index: Path, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str], Path]]:
    port = free_port()
    log_path = tmp_path / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PLANQA_HEADER_TIMEOUT_SECONDS": "2",
           "PLANQA_RATE_LIMIT": "1000/second", "PLANQA_FEEDBACK_DB": str(tmp_path / "fb.sqlite3")}
    code = f"import sys, planqa_cli; sys.exit(planqa_cli.main(['serve', '--index', {str(shared_index)!r}, " \
           f"'--port', '{port}']))"
    with open(log_path, "w") as log_file:
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=log_file, stderr=log_file, text=True, env=env,
                                cwd=REPO, preexec_fn=limit_open_files)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, "the server did not become ready"
            try:
                if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        yield url, proc, log_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def open_sockets(port: int, count: int, head: bytes = b"") -> list[socket.socket]:
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        if head:
            sock.sendall(head)
        sockets.append(sock)
    return sockets


def closed_by_server(sock: socket.socket) -> bool:
    sock.settimeout(0.05)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except OSError:  # reset
        return True


def test_idle_and_slow_sockets_do_not_stop_health_and_ask(served: tuple[str, subprocess.Popen[str], Path]) -> None:
    url, proc, log_path = served
    port = int(url.rsplit(":", 1)[1])
    held = open_sockets(port, IDLE_SOCKETS)
    held += open_sockets(port, SLOW_SOCKETS, head=b"GET /v1/documents HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            for _ in range(3):  # while every one of those sockets is still open on our side
                assert client.get("/readyz").status_code == 200
                response = client.post("/v1/ask", json={"question": QUESTION})
                assert response.status_code == 200, response.text
                assert response.json()["citations"]
                more = open_sockets(port, 50)  # and keep flooding between requests
                held += more
        # The server closes what it holds (header timeout, or evicted at the cap), never waiting forever.
        deadline = time.monotonic() + 60
        still_open = list(held)
        while still_open and time.monotonic() < deadline:
            still_open = [s for s in still_open if not closed_by_server(s)]
        assert not still_open, f"{len(still_open)} idle sockets were never closed by the server"
        assert proc.poll() is None
    finally:
        for sock in held:
            sock.close()
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert any(r.get("event") in ("connection_evicted", "header_timeout") for r in lines)
    per_message = collections.Counter((r["logger"], r["msg"]) for r in lines if r["level"] in ("warning", "error"))
    assert max(per_message.values()) <= 10 * 3, per_message.most_common(3)  # rate-limited, not a flood


def test_repeated_warnings_are_rate_limited_with_a_count() -> None:
    clock = [0.0]
    limiter = RepeatLimiter(burst=3, period=60, clock=lambda: clock[0])

    def record(msg: str, level: int = logging.ERROR) -> logging.LogRecord:
        return logging.LogRecord("asyncio", level, "", 0, msg, None, None)

    passed = [limiter.filter(record("socket.accept() out of system resource")) for _ in range(1000)]
    assert passed.count(True) == 3
    assert limiter.filter(record("another problem"))  # other messages are not held back
    assert all(limiter.filter(record("request", logging.INFO)) for _ in range(100))  # access lines never are
    clock[0] = 61.0
    later = record("socket.accept() out of system resource")
    assert limiter.filter(later) and later.repeats_suppressed == 997  # type: ignore[attr-defined]


def test_requests_beyond_the_concurrency_limit_get_503_but_health_answers() -> None:
    import asyncio

    async def slow_app(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        await asyncio.sleep(0.2)
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"ok"})  # type: ignore[operator]

    middleware = LimitConcurrency(slow_app, limit=2)

    async def call(path: str) -> int:
        status = []

        async def send(message: dict) -> None:  # type: ignore[type-arg]
            if message["type"] == "http.response.start":
                status.append(message["status"])

        async def receive() -> dict:  # type: ignore[type-arg]
            return {"type": "http.request", "body": b""}

        await middleware({"type": "http", "path": path, "method": "GET", "headers": []}, receive, send)
        return status[0]

    async def main() -> list[int]:
        return list(await asyncio.gather(*(call("/v1/documents") for _ in range(5)), call("/readyz")))

    statuses = asyncio.run(main())
    assert sorted(statuses[:5]) == [200, 200, 503, 503, 503] and statuses[5] == 200


def test_header_timeout_closes_silent_and_slow_connections_but_not_busy_ones(shared_index: Path,
                                                                              tmp_path: Path) -> None:
    from api_support import api_settings
    from test_harden_proxy import serve

    settings = api_settings(shared_index, feedback_db=tmp_path / "fb.sqlite3", header_timeout_seconds=1)
    with serve(settings) as url:
        port = int(url.rsplit(":", 1)[1])
        silent = socket.create_connection(("127.0.0.1", port), timeout=30)
        slow = socket.create_connection(("127.0.0.1", port), timeout=30)
        slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")  # the head never ends
        served = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        served.request("GET", "/healthz")
        assert served.getresponse().read() == b'{"status":"ok"}'
        for sock in (silent, slow):
            assert sock.recv(1) == b""  # closed by the server (the socket timeout is far longer)
        # A connection that sent its head at once was answered; one more request on it still works.
        served.request("GET", "/healthz")
        assert served.getresponse().status == 200
        for sock in (silent, slow):
            sock.close()
        served.close()
