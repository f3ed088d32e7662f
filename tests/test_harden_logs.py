"""No secret reaches a log line, at any level, from any logger (httpx included) (issue 12, defect 1).

The webhook and polling paths run against a fake Zalo whose bot token and OA tokens are
recognisable strings; every record captured, and every line the JSON formatter writes, is searched.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from zalo_fake import FakeZalo, LoopbackServer, wait_until
from zalo_support import (
    BOT_SECRET,
    QUESTION,
    bot_headers,
    bot_runtime,
    bot_update,
    oa_event,
    settings_for,
    signed,
)

from api.app import create_app
from api.channels.zalo_bot.poller import BotPoller
from api.logs import JsonFormatter, redact, register_secrets

BOT_TOKEN = "424242:LEAKyBotT0kenZQX"
OA_ACCESS = "oaAccessLEAKY7788"
OA_REFRESH = "oaRefreshLEAKY9911"
APP_SECRET = "appSecretLEAKY5566"
OA_SECRET_KEY = "oaSignLEAKY3344"
SECRETS = (BOT_TOKEN, OA_ACCESS, OA_REFRESH, APP_SECRET, OA_SECRET_KEY, BOT_SECRET, "LEAKY", "LEAKy")


@pytest.fixture
def leaky_fake() -> Iterator[tuple[FakeZalo, str]]:
    fake = FakeZalo(app_secret=APP_SECRET, oa_secret_key=OA_SECRET_KEY, bot_token=BOT_TOKEN,
                    access_token=OA_ACCESS, refresh_token=OA_REFRESH)
    with LoopbackServer(fake.app) as server:
        yield fake, server.url


@pytest.fixture
def all_logs(caplog: pytest.LogCaptureFixture) -> Iterator[tuple[pytest.LogCaptureFixture, io.StringIO]]:
    """Every record of every logger at DEBUG, and the same records as the service writes them (JSON)."""
    caplog.set_level(logging.DEBUG)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    try:
        yield caplog, stream
    finally:
        logging.getLogger().removeHandler(handler)


def assert_no_secret(caplog: pytest.LogCaptureFixture, stream: io.StringIO) -> None:
    records = list(caplog.records)
    assert records
    for record in records:
        dumped = record.getMessage() + json.dumps({k: str(v) for k, v in vars(record).items()})
        for secret in SECRETS:
            assert secret not in dumped, (record.name, record.getMessage())
    written = stream.getvalue() + caplog.text
    for secret in SECRETS:
        assert secret not in written


def test_webhook_paths_log_no_token(leaky_fake: tuple[FakeZalo, str], zalo_pipeline: Any, tmp_path: Path,
                                    all_logs: tuple[pytest.LogCaptureFixture, io.StringIO]) -> None:
    fake, fake_url = leaky_fake
    caplog, stream = all_logs
    settings = settings_for(fake, fake_url, tmp_path)
    app = create_app(settings, pipeline_factory=lambda: zalo_pipeline)
    with LoopbackServer(app) as server:
        for i in range(3):
            response = httpx.post(server.url + "/zalo/bot/webhook", headers=bot_headers(),
                                  json=bot_update("chat-leak", "/help" if i else QUESTION, message_id=f"bm-l{i}"))
            assert response.status_code == 200
        raw, headers = signed(oa_event("user-leak", QUESTION, msg_id="m-leak"), fake.app_id, OA_SECRET_KEY)
        assert httpx.post(server.url + "/zalo/oa/webhook", content=raw, headers=headers).status_code == 200
        wait_until(lambda: len(fake.bot_texts("chat-leak")) == 3, what="three bot replies")
        wait_until(lambda: fake.delivered_to("user-leak"), what="the OA reply")
    bot_urls = [r.getMessage() for r in caplog.records if r.name == "httpx" and "/sendMessage" in r.getMessage()]
    assert len(bot_urls) == 3  # httpx did log each call, with the token masked
    assert all("/bot***/sendMessage" in line for line in bot_urls)
    assert_no_secret(caplog, stream)


def test_polling_path_logs_no_token(leaky_fake: tuple[FakeZalo, str], zalo_pipeline: Any, tmp_path: Path,
                                    all_logs: tuple[pytest.LogCaptureFixture, io.StringIO]) -> None:
    fake, fake_url = leaky_fake
    caplog, stream = all_logs
    settings = settings_for(fake, fake_url, tmp_path)
    fake.idle_polls = 2
    fake.bot_errors.append(("getUpdates", 502))
    fake.updates.append(bot_update("chat-poll-leak", "/help", message_id="bm-pl"))

    async def main() -> int:
        runtime, client = bot_runtime(settings, zalo_pipeline)
        try:
            return await asyncio.wait_for(BotPoller(runtime, client, 1).run(max_updates=1), 120)
        finally:
            await runtime.aclose()

    assert asyncio.run(main()) == 1
    assert fake.bot_texts("chat-poll-leak")
    polls = [r.getMessage() for r in caplog.records if r.name == "httpx" and "/getUpdates" in r.getMessage()]
    assert len(polls) >= 3 and all("/bot***/getUpdates" in line for line in polls)
    assert_no_secret(caplog, stream)


def test_exception_and_extra_fields_are_redacted_in_json_lines() -> None:
    register_secrets(["LEAKYextraSECRET01"])
    logger = logging.getLogger("planqa.test.redact")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    try:
        try:
            raise RuntimeError("failed calling https://h/bot777:LEAKYinTrace/getMe")
        except RuntimeError:
            logger.error("boom", exc_info=True, extra={"url": "https://h/x?access_token=LEAKYquery",
                                                       "note": "LEAKYextraSECRET01"})
    finally:
        logger.removeHandler(handler)
    line = stream.getvalue()
    assert "boom" in line and "RuntimeError" in line
    assert "LEAKY" not in line


@pytest.mark.parametrize(("text", "expected"), [
    ("GET http://127.0.0.1:9/bot1234:abcd/getMe", "GET http://127.0.0.1:9/bot***/getMe"),
    ("https://u:pa55word@host/x", "https://u:***@host/x"),
    ("/v1/bottom/page", "/v1/bottom/page"),  # an ordinary path is left alone
])
def test_redact_patterns(text: str, expected: str) -> None:
    assert redact(text) == expected
