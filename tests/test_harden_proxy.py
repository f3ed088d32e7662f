"""Client addresses behind a proxy: PLANQA_TRUSTED_PROXIES (default none) decides whether
X-Forwarded-For is believed for the rate-limit key (issue 12, defect 6).

The app is served with the uvicorn configuration `planqa serve` uses (api.cli.server_config).
"""

from __future__ import annotations

import logging
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from api_support import api_settings, make_app

from api.cli import server_config
from api.settings import ServiceSettings
from core.errors import ConfigError
from core.settings import load_settings

EMPTY_QUESTION = {"question": ""}  # 422 when let through, 429 when rate limited: no answering needed


@contextmanager
def serve(settings: ServiceSettings) -> Iterator[str]:
    """The app on a loopback port with `planqa serve`'s uvicorn configuration."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(make_app(settings), settings, "127.0.0.1", port))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def statuses(url: str, forwarded: list[str | None]) -> list[int]:
    with httpx.Client(base_url=url, timeout=60) as client:
        return [client.post("/v1/ask", json=EMPTY_QUESTION,
                            headers={"X-Forwarded-For": f} if f is not None else {}).status_code
                for f in forwarded]


def random_ip() -> str:
    raw = uuid.uuid4().bytes
    return f"{raw[0] % 223 + 1}.{raw[1]}.{raw[2]}.{raw[3] % 254 + 1}"


def test_by_default_forwarded_for_is_not_believed(shared_index: Path, tmp_path: Path) -> None:
    settings = api_settings(shared_index, feedback_db=tmp_path / "f.sqlite3", rate_limit="3/hour")
    with serve(settings) as url:
        got = statuses(url, [random_ip() for _ in range(6)])
    assert got == [422, 422, 422, 429, 429, 429]  # random headers do not dodge the limit


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket(shared_index: Path, tmp_path: Path) -> None:
    settings = api_settings(shared_index, feedback_db=tmp_path / "f.sqlite3", rate_limit="2/hour",
                            trusted_proxies="127.0.0.1, 10.0.0.0/8")
    with serve(settings) as url:
        assert statuses(url, [random_ip() for _ in range(6)]) == [422] * 6  # six users, one request each
        one_user = statuses(url, ["198.51.100.7"] * 3)
        assert one_user == [422, 422, 429]
        # What the client wrote left of the proxies' entries is not believed: same user, same bucket.
        spoofed = statuses(url, [f"{random_ip()}, 203.0.113.9, 10.1.2.3" for _ in range(3)])
        assert spoofed == [422, 422, 429]


def test_a_trusted_proxy_without_the_header_puts_its_clients_in_one_bucket(shared_index: Path, tmp_path: Path,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="planqa.api")
    settings = api_settings(shared_index, feedback_db=tmp_path / "f.sqlite3", rate_limit="2/hour",
                            trusted_proxies="127.0.0.1")
    with serve(settings) as url:
        assert statuses(url, [None, None, None]) == [422, 422, 429]
    assert [r for r in caplog.records if getattr(r, "event", None) == "proxy_without_forwarded_for"]


def test_trusted_proxies_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    assert ServiceSettings().api.trusted_proxies == []
    monkeypatch.setenv("PLANQA_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,::1")
    assert load_settings(ServiceSettings).api.trusted_proxies == ["127.0.0.1", "10.0.0.0/8", "::1"]
    monkeypatch.setenv("PLANQA_TRUSTED_PROXIES", "proxy.local")
    with pytest.raises(ConfigError, match="PLANQA_TRUSTED_PROXIES"):
        load_settings(ServiceSettings)


def test_serve_does_not_let_uvicorn_rewrite_the_client(shared_index: Path) -> None:
    config: Any = server_config(None, ServiceSettings(index_dir=shared_index), "127.0.0.1", 8000)
    assert config.proxy_headers is False
