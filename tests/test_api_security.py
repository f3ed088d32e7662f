"""Admin key, CORS, rate limits, logs without question text, readiness, the serve command."""

from __future__ import annotations

import argparse
import logging
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import ADMIN_KEY, LiveServer, api_settings, load_pipeline, make_app, ready_client

import api.app
import api.deps
from api.cli import add_commands, run_config, run_serve
from api.logs import JsonFormatter
from api.settings import ServiceSettings
from core.errors import ConfigError

QUESTION = "Chỉ tiêu 14 do cơ quan nào chủ trì?"
PORTAL = "https://sotuphap.example.gov.vn"


def error_code(response: Any) -> str:
    return str(response.json()["error"]["code"])


# ---------------------------------------------------------------- admin key


def test_admin_endpoints_need_the_key(shared_client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real_compare = api.deps.secrets.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real_compare(a, b)

    monkeypatch.setattr(api.deps.secrets, "compare_digest", spy)
    files = {"file": ("a.txt", "Kế hoạch".encode(), "text/plain")}
    for headers in (
        {},
        {"Authorization": "Bearer wrong-key-wrong-key"},
        {"X-Admin-Key": ADMIN_KEY[:-1]},
        {"Authorization": f"Basic {ADMIN_KEY}"},
    ):
        for response in (
            shared_client.post("/v1/documents", headers=headers, files=files),
            shared_client.delete("/v1/documents/any", headers=headers),
        ):
            assert response.status_code == 401 and error_code(response) == "unauthorized"
            assert response.headers["WWW-Authenticate"] == "Bearer"
    assert compared, "the key must be checked with secrets.compare_digest"
    # Right key (either header): the request gets past authentication to the unknown id.
    assert (
        shared_client.delete(
            "/v1/documents/any", headers={"Authorization": f"Bearer {ADMIN_KEY}"}
        ).status_code
        == 404
    )
    assert shared_client.delete("/v1/documents/any", headers={"X-Admin-Key": ADMIN_KEY}).status_code == 404


def test_admin_endpoints_off_by_default(shared_index: Path, tmp_path: Path) -> None:
    settings = ServiceSettings(index_dir=shared_index, api={"feedback_db": tmp_path / "f.sqlite3"})
    assert settings.api.enable_admin is False
    for client in ready_client(make_app(settings)):
        response = client.delete("/v1/documents/any", headers={"X-Admin-Key": ADMIN_KEY})
        assert response.status_code == 403 and error_code(response) == "admin_disabled"


@pytest.mark.parametrize("key", ["", "changethis", "changeme", "secret", "too-short"])
def test_refuses_to_start_with_a_placeholder_admin_key(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="PLANQA_ADMIN_KEY"):
        ServiceSettings(api={"enable_admin": True, "admin_key": key})
    monkeypatch.setenv("PLANQA_ENABLE_ADMIN", "true")
    monkeypatch.setenv("PLANQA_ADMIN_KEY", key)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
    with pytest.raises(ConfigError, match="PLANQA_ADMIN_KEY") as info:
        run_serve(argparse.Namespace(index=None, host="127.0.0.1", port=0))
    assert "\n" not in info.value.message and info.value.exit_code == 2


def test_serve_and_config_commands_are_registered() -> None:
    parser = argparse.ArgumentParser(prog="planqa")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "--index", "/srv/index", "--host", "0.0.0.0", "--port", "9000"])
    assert (args.func, args.index, args.host, args.port) == (run_serve, Path("/srv/index"), "0.0.0.0", 9000)
    defaults = parser.parse_args(["serve"])
    assert (defaults.index, defaults.host, defaults.port) == (None, "127.0.0.1", 8000)
    config = parser.parse_args(["config", "--json"])
    assert (config.func, config.json, config.index) == (run_config, True, None)


# ---------------------------------------------------------------- CORS


@pytest.fixture(scope="module")
def cors_client(shared_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    db = tmp_path_factory.mktemp("cors") / "f.sqlite3"
    yield from ready_client(make_app(api_settings(shared_index, allowed_origins=[PORTAL], feedback_db=db)))


def test_cors_preflight_only_for_allowed_origins(cors_client: httpx.Client) -> None:
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    allowed = cors_client.options("/v1/ask/stream", headers={"Origin": PORTAL, **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == PORTAL
    assert "POST" in allowed.headers["access-control-allow-methods"]
    denied = cors_client.options("/v1/ask", headers={"Origin": "https://evil.example.com", **preflight})
    assert denied.status_code == 400 and "access-control-allow-origin" not in denied.headers
    no_admin = cors_client.options(
        "/v1/documents", headers={"Origin": PORTAL, "Access-Control-Request-Method": "DELETE"}
    )
    assert no_admin.status_code == 400  # browsers on portals cannot call admin endpoints


def test_cors_headers_on_answers(cors_client: httpx.Client) -> None:
    allowed = cors_client.post("/v1/ask", json={"question": QUESTION}, headers={"Origin": PORTAL})
    assert allowed.headers["access-control-allow-origin"] == PORTAL
    assert "Retry-After" in allowed.headers["access-control-expose-headers"]
    denied = cors_client.post(
        "/v1/ask", json={"question": QUESTION}, headers={"Origin": "https://evil.example.com"}
    )
    assert "access-control-allow-origin" not in denied.headers


def test_no_cross_origin_access_by_default(shared_client: httpx.Client) -> None:
    response = shared_client.post("/v1/ask", json={"question": QUESTION}, headers={"Origin": PORTAL})
    assert "access-control-allow-origin" not in response.headers


# ---------------------------------------------------------------- rate limit


def test_rate_limit_answers_429_with_retry_after(shared_index: Path, tmp_path: Path) -> None:
    settings = api_settings(shared_index, rate_limit="3/minute", feedback_db=tmp_path / "f.sqlite3")
    for client in ready_client(make_app(settings)):
        assert [client.post("/v1/ask", json={"question": QUESTION}).status_code for _ in range(2)] == [
            200,
            200,
        ]
        assert client.post("/v1/ask/stream", json={"question": QUESTION}).status_code == 200
        limited = client.post("/v1/ask", json={"question": QUESTION})
        assert limited.status_code == 429 and error_code(limited) == "rate_limited"
        assert 1 <= int(limited.headers["Retry-After"]) <= 60
        assert client.post("/v1/ask/stream", json={"question": QUESTION}).status_code == 429
        # Only answering is limited.
        assert client.get("/v1/documents").status_code == 200 and client.get("/healthz").status_code == 200
        assert "planqa_rate_limited_total 2.0" in client.get("/metrics").text


# ---------------------------------------------------------------- logs


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    formatter = JsonFormatter()
    return "\n".join(formatter.format(record) for record in caplog.records)


@pytest.mark.parametrize("log_questions", [False, True])
def test_logs_are_json_and_carry_no_question_text_by_default(
    shared_index: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, log_questions: bool
) -> None:
    question = "Chỉ tiêu 14 do cơ quan nào chủ trì, hỏi bởi Nguyễn Văn Riêngtư?"
    settings = api_settings(shared_index, web={"log_questions": log_questions}, feedback_db=tmp_path / "f.sqlite3")
    for client in ready_client(make_app(settings)):
        with caplog.at_level(logging.INFO, logger="planqa.api"):
            client.post("/v1/ask", json={"question": question})
            client.post("/v1/ask/stream", json={"question": question})
            client.post("/v1/ask", json={"question": question * 100})  # too long: an error path
    text = _logged(caplog)
    assert ('"event": "ask"' in text) and ('"event": "request"' in text)
    assert ("Riêngtư" in text) is log_questions


# ---------------------------------------------------------------- readiness and optional routers


def test_readiness_while_the_pipeline_loads(shared_index: Path, tmp_path: Path) -> None:
    release = threading.Event()

    def slow_pipeline() -> Any:
        release.wait(60)
        return load_pipeline(shared_index)

    app = api.app.create_app(api_settings(shared_index, feedback_db=tmp_path / "f.sqlite3"), slow_pipeline)
    with LiveServer(app, wait_ready=False) as server, httpx.Client(base_url=server.url) as client:
        assert client.get("/healthz").status_code == 200
        loading = client.get("/readyz")
        assert loading.status_code == 503 and loading.json()["status"] == "loading"
        busy = client.post("/v1/ask", json={"question": QUESTION})
        assert busy.status_code == 503 and error_code(busy) == "index_loading" and busy.headers["Retry-After"]
        release.set()
        assert app.state.service.holder.wait(60)
        assert client.get("/readyz").status_code == 200
        assert client.post("/v1/ask", json={"question": QUESTION}).status_code == 200


def test_a_channel_is_one_line_in_the_app(monkeypatch: pytest.MonkeyPatch, shared_index: Path) -> None:
    """A channel listed in api.app.CHANNELS gets its routes served and its client built and kept."""
    from fastapi import APIRouter

    from api.channels.core.channel import Channel
    from api.channels.core.runtime import ChatRuntime

    class PingClient:
        def __init__(self, settings: ServiceSettings) -> None:
            self.index_dir = settings.index_dir

    router = APIRouter()

    @router.get("/ping/webhook")
    async def ping(runtime: api.deps.ChatDep) -> dict[str, str]:
        client = runtime.client(PingClient)
        return {"client": str(client.index_dir) if client else "none"}

    def make_client(settings: ServiceSettings, runtime: ChatRuntime) -> PingClient:
        return PingClient(settings)

    monkeypatch.setattr(api.app, "CHANNELS", (*api.app.CHANNELS, Channel("ping", router, make_client)))
    app = make_app(api_settings(shared_index))
    with LiveServer(app, wait_ready=False) as server, httpx.Client(base_url=server.url) as client:
        assert client.get("/ping/webhook").json() == {"client": str(shared_index)}
        assert client.post("/zalo/oa/webhook", json={}).json()["error"]["code"] == "zalo_oa_disabled"
