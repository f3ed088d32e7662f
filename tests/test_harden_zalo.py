"""Zalo's real event shapes and error codes (issue 12, defect 7), against the fake Zalo server."""

from __future__ import annotations

import logging
import time
from typing import Any

import httpx
import pytest
from zalo_fake import FakeZalo, wait_until
from zalo_support import QUESTION, bot_headers, oa_event, signed

from api.channels.core.engine import WELCOME_TEXT

OA_WEBHOOK = "/zalo/oa/webhook"
BOT_WEBHOOK = "/zalo/bot/webhook"


@pytest.fixture(autouse=True)
def _info_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="planqa.zalo")


def events(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    return [r for r in list(caplog.records) if getattr(r, "event", None) == name]


def post_event(url: str, fake: FakeZalo, event: dict[str, Any]) -> httpx.Response:
    raw, headers = signed(event, fake.app_id, fake.oa_secret_key)
    return httpx.post(url + OA_WEBHOOK, content=raw, headers=headers, timeout=30)


def follow_event(fake: FakeZalo, user_id: str, name: str = "follow", timestamp_ms: int | None = None) -> dict[str, Any]:
    """The shape Zalo really sends for follow/unfollow: `follower`, no `sender`, no `message`."""
    return {
        "oa_id": "oa-1", "follower": {"id": user_id}, "user_id_by_app": f"app-{user_id}",
        "event_name": name, "source": "zalo", "app_id": fake.app_id,
        "timestamp": str(timestamp_ms if timestamp_ms is not None else int(time.time() * 1000)),
    }


# ---------------------------------------------------------------------------- follow / unfollow


def test_real_follow_event_gets_the_welcome_once(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    event = follow_event(fake, "follower-1")
    assert [post_event(url, fake, event).json() for _ in range(2)] == [{"ok": True}, {"ok": True, "duplicate": True}]
    # Another user following in the same millisecond is a different event.
    other = follow_event(fake, "follower-2", timestamp_ms=int(event["timestamp"]))
    assert post_event(url, fake, other).json() == {"ok": True}
    wait_until(lambda: fake.delivered_to("follower-1") and fake.delivered_to("follower-2"), what="two welcomes")
    time.sleep(0.3)  # let a wrongly doubled welcome arrive before counting
    assert fake.delivered_to("follower-1") == [WELCOME_TEXT]
    assert fake.delivered_to("follower-2") == [WELCOME_TEXT]


def test_real_unfollow_event_is_acknowledged_not_answered(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    assert post_event(url, fake, follow_event(fake, "follower-3", name="unfollow")).status_code == 200
    assert post_event(url, fake, oa_event("follower-3", "/help", msg_id="m-after")).status_code == 200
    wait_until(lambda: fake.delivered_to("follower-3"), what="the help reply")
    assert len(fake.cs_messages) == 1


# ---------------------------------------------------------------------------- stale but authentic


@pytest.mark.parametrize("age_seconds", [3 * 3600, -3600])
def test_stale_authentic_event_is_200_dropped_and_logged(fake: FakeZalo, serve_zalo: Any, age_seconds: int,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    stale = oa_event("user-late", QUESTION, msg_id="m-late", timestamp_ms=int((time.time() - age_seconds) * 1000))
    response = post_event(url, fake, stale)
    assert response.status_code == 200 and response.json() == {"ok": True, "ignored": "stale"}
    assert len(events(caplog, "zalo_oa_stale")) == 1
    assert post_event(url, fake, oa_event("user-late2", QUESTION, msg_id="m-fresh")).status_code == 200
    wait_until(lambda: fake.delivered_to("user-late2"), what="the fresh reply")
    assert fake.delivered_to("user-late") == []


def test_stale_event_with_a_wrong_signature_is_still_401(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    stale = oa_event("user-forged", QUESTION, timestamp_ms=int((time.time() - 7200) * 1000))
    raw, headers = signed(stale, fake.app_id, "not-the-oa-secret")
    response = httpx.post(url + OA_WEBHOOK, content=raw, headers=headers)
    assert response.status_code == 401 and response.json()["error"]["code"] == "bad_signature"


# ---------------------------------------------------------------------------- OA error codes


@pytest.mark.parametrize("code", [-227, -244, -217])
def test_undeliverable_users_are_dropped_and_logged(fake: FakeZalo, serve_zalo: Any, code: int,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.append(code)
    post_event(url, fake, oa_event("user-banned", QUESTION, msg_id=f"m-drop{code}"))
    wait_until(lambda: events(caplog, "zalo_oa_dropped"), what="the drop log")
    (record,) = events(caplog, "zalo_oa_dropped")
    assert record.error == code and record.levelno == logging.INFO  # type: ignore[attr-defined]
    assert len(fake.cs_messages) == 1 and fake.token_requests == []  # not retried, no refresh
    assert events(caplog, "zalo_oa_error") == []


@pytest.mark.parametrize(("code", "event", "words"), [
    (-320, "zalo_oa_config_error", "Zalo Cloud Account"),
    (-321, "zalo_oa_config_error", "Zalo Cloud Account"),
    (-211, "zalo_oa_quota_exceeded", "quota"),
    (-218, "zalo_oa_quota_exceeded", "quota"),
])
def test_configuration_and_quota_errors_have_a_clear_log_line(fake: FakeZalo, serve_zalo: Any, code: int,
                                                              event: str, words: str,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.append(code)
    post_event(url, fake, oa_event("user-quota", QUESTION, msg_id=f"m-acct{code}"))
    wait_until(lambda: events(caplog, event), what="the account log")
    (record,) = events(caplog, event)
    assert record.levelno == logging.ERROR and record.error == code  # type: ignore[attr-defined]
    assert words in record.getMessage()
    assert len(fake.cs_messages) == 1


@pytest.mark.parametrize("code", [-211, -218])
def test_quota_error_backs_off_instead_of_calling_zalo_again(fake: FakeZalo, serve_zalo: Any, code: int,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.append(code)
    post_event(url, fake, oa_event("user-q1", QUESTION, msg_id=f"m-q1{code}"))
    wait_until(lambda: events(caplog, "zalo_oa_quota_exceeded"), what="the quota log")
    post_event(url, fake, oa_event("user-q2", "/help", msg_id=f"m-q2{code}"))
    wait_until(lambda: events(caplog, "zalo_oa_quota_backoff"), what="the back-off log")
    assert len(fake.cs_messages) == 1  # the second message did not hit the exhausted quota again


# ---------------------------------------------------------------------------- bot updates without ids


def test_bot_update_without_message_id_or_date_is_answered_once(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    update = {"ok": True, "result": {"event_name": "message.text.received", "message": {
        "from": {"id": "chat-noid", "display_name": "A", "is_bot": False},
        "chat": {"id": "chat-noid", "chat_type": "PRIVATE"}, "text": "/help"}}}
    answers = [httpx.post(url + BOT_WEBHOOK, json=update, headers=bot_headers()).json() for _ in range(3)]
    assert answers == [{"ok": True}, {"ok": True, "duplicate": True}, {"ok": True, "duplicate": True}]
    other = {"ok": True, "result": {**update["result"], "message": {**update["result"]["message"], "text": "/moi"}}}
    assert httpx.post(url + BOT_WEBHOOK, json=other, headers=bot_headers()).json() == {"ok": True}
    wait_until(lambda: len(fake.bot_texts("chat-noid")) == 2, what="two replies")
    time.sleep(0.3)
    assert len(fake.bot_texts("chat-noid")) == 2
