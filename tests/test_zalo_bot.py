"""The Zalo bot: webhook, Bot API client, long polling and the CLI, against the fake Zalo server."""

from __future__ import annotations

import argparse
import asyncio
import logging
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from zalo_fake import FakeZalo, wait_until
from zalo_support import BOT_SECRET, QUESTION, bot_headers, bot_runtime, bot_update, env_for, settings_for

from api.channels.zalo_bot.cli import add_commands
from api.channels.zalo_bot.client import BotApiError
from api.channels.zalo_bot.poller import BotPoller
from api.settings import ServiceSettings
from core.errors import ConfigError

WEBHOOK = "/zalo/bot/webhook"


@pytest.fixture(autouse=True)
def _info_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="planqa.zalo")


def events(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    return [r for r in list(caplog.records) if getattr(r, "event", None) == name]


def post_update(url: str, update: dict[str, Any], secret: str | None = BOT_SECRET) -> httpx.Response:
    return httpx.post(url + WEBHOOK, json=update, headers=bot_headers(secret), timeout=30)


# ---------------------------------------------------------------------------- webhook


@pytest.mark.parametrize("wrapped", [True, False], ids=["ok-result-wrapper", "bare-update"])
def test_both_update_shapes_are_answered_in_the_chat(fake: FakeZalo, serve_zalo: Any, wrapped: bool) -> None:
    url = serve_zalo()
    response = post_update(url, bot_update("chat-1", QUESTION, wrapped=wrapped))
    assert response.status_code == 200 and response.json() == {"ok": True}
    wait_until(lambda: fake.bot_texts("chat-1"), what="the reply")
    (reply,) = fake.bot_texts("chat-1")
    assert "Sở Tư pháp" in reply and "[2] KH 51/KH-UBND (Cà Mau), mục IV.2" in reply
    methods = [c.method for c in fake.bot_calls_for("chat-1")]
    assert methods == ["sendChatAction", "sendMessage"]  # typing first
    assert all(c.token == fake.bot_token for c in fake.bot_calls)


@pytest.mark.parametrize("secret", [None, "", "wrong-secret-token", BOT_SECRET + "x", BOT_SECRET[:-1]])
def test_wrong_or_missing_secret_is_403_and_nothing_is_sent(fake: FakeZalo, serve_zalo: Any,
                                                            secret: str | None) -> None:
    url = serve_zalo()
    response = post_update(url, bot_update("chat-bad", QUESTION), secret=secret)
    assert response.status_code == 403 and response.json()["error"]["code"] == "bad_secret_token"
    assert post_update(url, bot_update("chat-good", "/help", message_id="bm-good")).status_code == 200
    wait_until(lambda: fake.bot_texts("chat-good"), what="the good reply")
    assert fake.bot_calls_for("chat-bad") == []


def test_duplicate_updates_get_exactly_one_reply(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    update = bot_update("chat-dup", QUESTION, message_id="bm-dup")
    assert [post_update(url, update).json() for _ in range(3)] == [
        {"ok": True}, {"ok": True, "duplicate": True}, {"ok": True, "duplicate": True}]
    assert post_update(url, bot_update("chat-dup", "/help", message_id="bm-dup-2")).status_code == 200
    wait_until(lambda: len(fake.bot_texts("chat-dup")) == 2, what="two replies")
    assert "Sở Tư pháp" in fake.bot_texts("chat-dup")[0]


@pytest.mark.parametrize(("event_name", "expected"), [
    ("message.unsupported.received", "không đọc được"),
    ("message.image.received", "hình ảnh"),
    ("message.sticker.received", "bằng chữ"),
])
def test_unsupported_updates_get_a_polite_reply(fake: FakeZalo, serve_zalo: Any, event_name: str,
                                                expected: str) -> None:
    url = serve_zalo()
    assert post_update(url, bot_update("chat-u", event_name=event_name, message_id=f"bm-{event_name}")).status_code == 200
    wait_until(lambda: fake.bot_texts("chat-u"), what="the polite reply")
    (reply,) = fake.bot_texts("chat-u")
    assert reply.startswith(("Xin lỗi", "Cảm ơn")) and expected in reply


def test_malformed_update_is_acknowledged_and_ignored(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    assert post_update(url, {"ok": True, "result": {"event_name": "message.text.received"}}).json() == {
        "ok": True, "ignored": True}
    response = httpx.post(url + WEBHOOK, content=b"{not json", headers=bot_headers())
    assert response.status_code == 200
    assert fake.bot_calls == []


def test_bot_webhook_is_404_without_its_settings(fake: FakeZalo, fake_url: str, serve_zalo: Any,
                                                 tmp_path: Path) -> None:
    url = serve_zalo(settings_for(fake, fake_url, tmp_path, bot_secret_token=None))
    assert post_update(url, bot_update("chat-x", QUESTION)).status_code == 404


def test_rate_limited_send_is_retried(fake: FakeZalo, serve_zalo: Any, caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.bot_errors.extend([("sendMessage", 429)])
    post_update(url, bot_update("chat-rl", QUESTION, message_id="bm-rl"))
    wait_until(lambda: fake.bot_texts("chat-rl") and len(fake.bot_sent("chat-rl")) == 2, what="the retried reply")
    assert len(events(caplog, "zalo_bot_rate_limited")) == 1


def test_bot_api_errors_and_timeouts_are_logged_not_fatal(fake: FakeZalo, fake_url: str, serve_zalo: Any,
                                                          tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo(settings_for(fake, fake_url, tmp_path, http_timeout_seconds=0.3))
    fake.bot_errors.extend([("sendMessage", 400)])
    fake.http_status_errors = False  # errors inside an HTTP 200 answer
    post_update(url, bot_update("chat-e", QUESTION, message_id="bm-e1"))
    wait_until(lambda: events(caplog, "zalo_bot_error"), what="the error log")
    assert events(caplog, "zalo_bot_error")[0].error == 400  # type: ignore[attr-defined]
    fake.delays["bot:sendChatAction"] = 3
    post_update(url, bot_update("chat-e", QUESTION, message_id="bm-e2"))
    wait_until(lambda: events(caplog, "zalo_bot_timeout"), what="the timeout log")
    fake.delays.clear()
    post_update(url, bot_update("chat-e", "/help", message_id="bm-e3"))
    wait_until(lambda: any("/tailieu" in t for t in fake.bot_texts("chat-e")), what="a later reply")


def test_other_chats_are_answered_while_one_send_is_slow(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    gate = fake.hold("chat-held")
    post_update(url, bot_update("chat-held", QUESTION, message_id="bm-h"))
    post_update(url, bot_update("chat-free", QUESTION, message_id="bm-f"))
    wait_until(lambda: fake.bot_texts("chat-free"), what="the free reply")
    assert fake.bot_texts("chat-held") == []
    gate.set()
    wait_until(lambda: fake.bot_texts("chat-held"), what="the held reply")


# ---------------------------------------------------------------------------- polling


def run_poller(settings: ServiceSettings, pipeline: Any, max_updates: int) -> tuple[int, int]:
    async def main() -> tuple[int, int]:
        runtime, client = bot_runtime(settings, pipeline)
        poller = BotPoller(runtime, client, settings.channels.zalo_bot.poll_timeout_seconds)
        try:
            handled = await asyncio.wait_for(poller.run(max_updates=max_updates), 120)
        finally:
            await runtime.aclose()
        return handled, poller.polls

    return asyncio.run(main())


def test_polling_rides_out_idle_408s_then_answers(fake: FakeZalo, zalo_settings: ServiceSettings,
                                                  zalo_pipeline: Any) -> None:
    fake.idle_polls = 3
    fake.updates.extend([bot_update("chat-poll", QUESTION, message_id="bm-p1"),
                         bot_update("chat-poll", "/tailieu", message_id="bm-p2", wrapped=False)])
    handled, polls = run_poller(zalo_settings, zalo_pipeline, max_updates=2)
    assert handled == 2 and polls >= 5 and fake.polls == polls
    texts = fake.bot_texts("chat-poll")
    assert len(texts) == 2 and "Sở Tư pháp" in texts[0] and "KH 51/KH-UBND" in texts[1]
    get_updates = [c for c in fake.bot_calls if c.method == "getUpdates"]
    assert all(c.params["timeout"] == zalo_settings.channels.zalo_bot.poll_timeout_seconds for c in get_updates)


@pytest.mark.parametrize("status_errors", [True, False], ids=["http-status", "ok-false-in-200"])
def test_polling_backs_off_on_errors_and_carries_on(fake: FakeZalo, zalo_settings: ServiceSettings,
                                                    zalo_pipeline: Any, caplog: pytest.LogCaptureFixture,
                                                    status_errors: bool) -> None:
    fake.http_status_errors = status_errors
    fake.bot_errors.extend([("getUpdates", 429), ("getUpdates", 502)])
    fake.idle_polls = 1
    fake.updates.append(bot_update("chat-pe", "/help", message_id="bm-pe"))
    handled, _ = run_poller(zalo_settings, zalo_pipeline, max_updates=1)
    assert handled == 1 and fake.bot_texts("chat-pe")
    backoffs = [r.delay_s for r in events(caplog, "zalo_bot_poll_error")]  # type: ignore[attr-defined]
    assert len(backoffs) == 2 and backoffs[1] > backoffs[0]


def test_polling_duplicates_are_answered_once(fake: FakeZalo, zalo_settings: ServiceSettings, zalo_pipeline: Any) -> None:
    update = bot_update("chat-pd", "/help", message_id="bm-pd")
    fake.updates.extend([update, update, bot_update("chat-pd", "/moi", message_id="bm-pd2")])
    handled, _ = run_poller(zalo_settings, zalo_pipeline, max_updates=2)
    assert handled == 2 and len(fake.bot_texts("chat-pd")) == 2


def test_polling_stops_when_asked(fake: FakeZalo, zalo_settings: ServiceSettings, zalo_pipeline: Any) -> None:
    async def main() -> int:
        runtime, client = bot_runtime(zalo_settings, zalo_pipeline)
        poller = BotPoller(runtime, client, zalo_settings.channels.zalo_bot.poll_timeout_seconds)
        stop = asyncio.Event()
        task = asyncio.create_task(poller.run(stop))
        while fake.polls < 2:
            await asyncio.sleep(0.01)
        stop.set()
        handled = await asyncio.wait_for(task, 60)
        await runtime.aclose()
        return handled

    assert asyncio.run(main()) == 0


def test_bad_bot_token_is_reported(fake: FakeZalo, fake_url: str, tmp_path: Path) -> None:
    settings = settings_for(fake, fake_url, tmp_path, bot_token="999:not-the-token")

    async def main() -> None:
        runtime, client = bot_runtime(settings, None)
        try:
            with pytest.raises(BotApiError) as info:
                await client.get_me()
            assert info.value.error_code == 401
        finally:
            await runtime.aclose()

    asyncio.run(main())


# ---------------------------------------------------------------------------- CLI


def cli(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="planqa")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(argv)


def test_set_webhook_and_delete_webhook_commands(fake: FakeZalo, zalo_settings: ServiceSettings,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    env_for(monkeypatch, zalo_settings)
    args = cli(["zalo-bot", "set-webhook", "https://planqa.example.vn/zalo/bot/webhook"])
    assert args.func(args) == 0
    assert fake.webhook == {"url": "https://planqa.example.vn/zalo/bot/webhook", "secret_token": BOT_SECRET}
    assert "webhook set" in capsys.readouterr().out
    args = cli(["zalo-bot", "delete-webhook"])
    assert args.func(args) == 0 and fake.webhook is None


@pytest.mark.parametrize(("url", "env", "message"), [
    ("http://planqa.example.vn/zalo/bot/webhook", {}, "HTTPS"),
    ("https://planqa.example.vn/zalo/bot/webhook", {"PLANQA_ZALO_BOT_SECRET_TOKEN": "short"}, "8 to 256"),
    ("https://planqa.example.vn/zalo/bot/webhook", {"PLANQA_ZALO_BOT_TOKEN": ""}, "PLANQA_ZALO_BOT_TOKEN"),
    ("https://planqa.example.vn/zalo/bot/webhook", {"PLANQA_ZALO_BOT_TOKEN": "999:wrong"}, "refused setWebhook: 401"),
])
def test_set_webhook_refuses_with_one_line(fake: FakeZalo, zalo_settings: ServiceSettings,
                                           monkeypatch: pytest.MonkeyPatch, url: str, env: dict[str, str],
                                           message: str) -> None:
    env_for(monkeypatch, zalo_settings)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    args = cli(["zalo-bot", "set-webhook", url])
    with pytest.raises(ConfigError) as info:
        args.func(args)
    assert message in info.value.message and "\n" not in info.value.message
    assert fake.webhook is None


def test_poll_command_answers_until_interrupted(fake: FakeZalo, zalo_settings: ServiceSettings, zalo_index: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    env_for(monkeypatch, zalo_settings)
    fake.idle_polls = 2
    fake.updates.append(bot_update("chat-cli", QUESTION, message_id="bm-cli"))
    args = cli(["zalo-bot", "poll", "--index", str(zalo_index)])
    monkeypatch.setattr("api.logs.configure_logging", lambda *a, **k: None)  # keep pytest's log capture
    result: list[int] = []
    worker = threading.Thread(target=lambda: result.append(args.func(args)), daemon=True)
    worker.start()
    wait_until(lambda: fake.bot_texts("chat-cli"), timeout=120, what="the polled reply")
    from api.channels.zalo_bot import cli as zalo_cli

    zalo_cli.request_stop()  # what SIGINT / SIGTERM do
    worker.join(60)
    assert result == [0]
    assert "Sở Tư pháp" in fake.bot_texts("chat-cli")[0]
