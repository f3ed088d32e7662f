"""Fixtures and helpers of the Zalo tests (no tests here): a real index built once, the fake Zalo
server, signed OA events and bot updates, and the app served on loopback."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from zalo_fake import FakeZalo, LoopbackServer

from api.app import create_app
from api.channels.core.engine import AnswerSource, PipelineSource
from api.channels.core.runtime import ChatRuntime
from api.channels.zalo_bot.client import BotClient, make_client
from api.channels.zalo_oa.signature import oa_signature
from api.settings import ChannelSettings, ServiceSettings
from core.settings import variables

CORPUS_FILE = "000_c7b69bf84426735b.txt"  # Kế hoạch 51/KH-UBND of Cà Mau
BOT_SECRET = "bot-secret-token-0123"
QUESTION = "Chỉ tiêu 14 của Cà Mau do ai phụ trách?"


def corpus_dir() -> Path:
    here = Path(__file__).resolve()
    local = here.parents[1] / "eval" / "corpus"
    return local if (local / CORPUS_FILE).exists() else here.parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def zalo_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from index.config import IndexConfig
    from index.library import Library

    index_dir = tmp_path_factory.mktemp("zalo") / "index"
    Library.create_or_open(index_dir, IndexConfig()).ingest_paths([corpus_dir() / CORPUS_FILE])
    return index_dir


@pytest.fixture(scope="session")
def zalo_pipeline(zalo_index: Path) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    return build_pipeline(Settings(index_dir=zalo_index))


@pytest.fixture(scope="session")
def fake_server() -> Iterator[tuple[FakeZalo, str]]:
    fake = FakeZalo()
    with LoopbackServer(fake.app) as server:
        yield fake, server.url


@pytest.fixture
def fake(fake_server: tuple[FakeZalo, str]) -> Iterator[FakeZalo]:
    zalo, _ = fake_server
    zalo.reset()
    yield zalo
    for gate in zalo.holds.values():
        gate.set()


@pytest.fixture
def fake_url(fake_server: tuple[FakeZalo, str]) -> str:
    return fake_server[1]


ZALO_SECTIONS = ("chat", "zalo_oa", "zalo_bot")


def settings_for(fake: FakeZalo, url: str, tmp_path: Path, index_dir: Path | None = None,
                 **overrides: Any) -> ServiceSettings:
    """The service's settings pointing both Zalo channels at the fake; `overrides` by field name."""
    values: dict[str, Any] = {
        "app_id": fake.app_id, "app_secret": fake.app_secret, "oa_secret_key": fake.oa_secret_key,
        "oa_access_token": fake.access_token, "oa_refresh_token": fake.refresh_token,
        "oa_api_base": url, "oauth_base": url, "bot_api_base": url,
        "bot_token": fake.bot_token, "bot_secret_token": BOT_SECRET,
        "oa_token_store": tmp_path / "zalo" / "oa_tokens.json",
        "backoff_seconds": 0.01, "max_backoff_seconds": 0.05, "http_timeout_seconds": 10,
        "poll_timeout_seconds": 1, "user_hash_key": "test-hash-key",
    }
    values.update(overrides)
    sections: dict[str, dict[str, Any]] = {name: {} for name in ZALO_SECTIONS}
    for name, value in values.items():
        (section,) = [s for s in ZALO_SECTIONS if name in ChannelSettings.model_fields[s].annotation.model_fields]
        sections[section][name] = value
    return ServiceSettings(index_dir=index_dir or tmp_path / "index", channels=sections)


def env_for(monkeypatch: pytest.MonkeyPatch, settings: ServiceSettings) -> None:
    """Set the PLANQA_* variables of the chat and Zalo sections of `settings`, as an operator would."""
    for variable in variables(ServiceSettings):
        if variable.path[0] != "channels" or variable.path[1] not in ZALO_SECTIONS:
            continue
        value: Any = getattr(getattr(settings.channels, variable.path[1]), variable.path[2])
        if value is not None:
            raw = value.get_secret_value() if hasattr(value, "get_secret_value") else value
            monkeypatch.setenv(variable.name, str(raw))


@pytest.fixture
def zalo_settings(fake: FakeZalo, fake_url: str, tmp_path: Path) -> ServiceSettings:
    return settings_for(fake, fake_url, tmp_path)


def zalo_app(settings: ServiceSettings, pipeline: Any, source: AnswerSource | None = None) -> FastAPI:
    """The real app on `pipeline`; the chat channels answer from `source` when one is given."""
    return create_app(settings, pipeline_factory=lambda: pipeline, chat_source=source)


def bot_runtime(settings: ServiceSettings, pipeline: Any) -> tuple[ChatRuntime, BotClient]:
    """What `planqa zalo-bot poll` runs on: a chat runtime on `pipeline` and the Bot API client."""
    runtime = ChatRuntime(settings.channels.chat, PipelineSource.of(pipeline))
    client = make_client(settings, runtime)
    assert client is not None
    return runtime, client


@pytest.fixture
def serve_zalo(zalo_settings: ServiceSettings, zalo_pipeline: Any) -> Iterator[Any]:
    """serve_zalo(settings=None, source=None) -> base URL of the app (Zalo webhooks included) on loopback."""
    servers: list[LoopbackServer] = []

    def start(settings: ServiceSettings | None = None, source: AnswerSource | None = None) -> str:
        server = LoopbackServer(zalo_app(settings or zalo_settings, zalo_pipeline, source))
        servers.append(server.__enter__())
        return server.url

    yield start
    for server in reversed(servers):
        server.__exit__(None, None, None)


# ---------------------------------------------------------------------------- payloads


def oa_event(user_id: str, text: str | None = None, msg_id: str = "msg-1", event_name: str = "user_send_text",
             timestamp_ms: int | None = None, app_id: str = "app-123") -> dict[str, Any]:
    message: dict[str, Any] = {"msg_id": msg_id}
    if text is not None:
        message["text"] = text
    if event_name == "user_send_sticker":
        message["attachments"] = [{"type": "sticker", "payload": {"id": "s1", "url": "https://example.invalid/s"}}]
    return {
        "app_id": app_id, "sender": {"id": user_id}, "user_id_by_app": f"app-{user_id}",
        "recipient": {"id": "oa-1"}, "event_name": event_name, "message": message,
        "timestamp": str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)),
    }


def signed(event: dict[str, Any], app_id: str, oa_secret_key: str, prefix: str = "mac=") -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(event, ensure_ascii=False).encode()
    mac = oa_signature(app_id, raw, str(event["timestamp"]), oa_secret_key)
    return raw, {"Content-Type": "application/json", "X-ZEvent-Signature": prefix + mac}


def bot_update(chat_id: str, text: str | None = None, message_id: str = "bm-1",
               event_name: str = "message.text.received", wrapped: bool = True) -> dict[str, Any]:
    message: dict[str, Any] = {
        "from": {"id": chat_id, "display_name": "Cán bộ", "is_bot": False},
        "chat": {"id": chat_id, "chat_type": "PRIVATE"},
        "message_id": message_id, "date": int(time.time() * 1000),
    }
    if text is not None:
        message["text"] = text
    update = {"event_name": event_name, "message": message}
    return {"ok": True, "result": update} if wrapped else update


def bot_headers(secret: str | None = BOT_SECRET) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Bot-Api-Secret-Token"] = secret
    return headers
