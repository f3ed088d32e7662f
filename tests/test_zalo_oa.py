"""The OA webhook and customer-service client against the fake Zalo server, on a real index."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import unicodedata
from pathlib import Path
from typing import Any

import httpx
import pytest
from zalo_fake import FakeZalo, LoopbackServer, wait_until
from zalo_support import QUESTION, bot_headers, bot_update, env_for, oa_event, settings_for, signed

from api.channels.core.engine import PipelineSource
from bot.answer import Answer, Citation
from bot.conversation import Conversation

WEBHOOK = "/zalo/oa/webhook"


@pytest.fixture(autouse=True)
def _info_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="planqa.zalo")


def post_event(url: str, fake: FakeZalo, event: dict[str, Any], **kwargs: Any) -> httpx.Response:
    raw, headers = signed(event, fake.app_id, fake.oa_secret_key, **kwargs)
    return httpx.post(url + WEBHOOK, content=raw, headers=headers, timeout=30)


def events(caplog: pytest.LogCaptureFixture, name: str) -> list[logging.LogRecord]:
    return [r for r in list(caplog.records) if getattr(r, "event", None) == name]


class BlockingSource(PipelineSource):
    """The real pipeline, except that questions containing `marker` wait for `release`."""

    def __init__(self, pipeline: Any, marker: str) -> None:
        super().__init__(lambda: pipeline)
        self.marker = marker
        self.started = threading.Event()
        self.release = threading.Event()

    def ask(self, question: str, conversation: Conversation | None, doc_id: str | None) -> Answer:
        if self.marker in question:
            self.started.set()
            assert self.release.wait(60)
        return super().ask(question, conversation, doc_id)


class CannedSource:
    """Always the same answer (for formatting tests that need a long one)."""

    def __init__(self, answer: Answer) -> None:
        self.answer = answer

    def ask(self, question: str, conversation: Conversation | None, doc_id: str | None) -> Answer:
        return self.answer

    def documents(self) -> list[dict[str, Any]]:
        return []


# ---------------------------------------------------------------------------- the Done-when scenario


def test_done_when_on_the_real_app(fake: FakeZalo, fake_url: str, zalo_index: Path, zalo_pipeline: Any,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Signed event delivered twice -> one CS message naming Sở Tư pháp with a citation; unsigned -> 401;
    the same through the bot webhook. Settings come from the environment, as in production."""
    from api.app import create_app
    from api.settings import ServiceSettings

    env_for(monkeypatch, settings_for(fake, fake_url, tmp_path))
    app = create_app(ServiceSettings(index_dir=zalo_index), pipeline_factory=lambda: zalo_pipeline)
    with LoopbackServer(app) as server:
        wait_until(lambda: httpx.get(server.url + "/readyz").status_code == 200, what="the index")
        event = oa_event("user-14", QUESTION, msg_id="msg-done-when")
        raw, headers = signed(event, fake.app_id, fake.oa_secret_key)
        for _ in range(2):  # Zalo delivers again
            assert httpx.post(server.url + WEBHOOK, content=raw, headers=headers).status_code == 200
        unsigned = oa_event("user-unsigned", QUESTION, msg_id="msg-unsigned")
        response = httpx.post(server.url + WEBHOOK, json=unsigned)
        assert response.status_code == 401

        update = bot_update("chat-14", QUESTION, message_id="bm-done-when")
        for _ in range(2):
            assert httpx.post(server.url + "/zalo/bot/webhook", json=update, headers=bot_headers()).status_code == 200
        wrong = bot_update("chat-wrong", QUESTION, message_id="bm-wrong")
        assert httpx.post(server.url + "/zalo/bot/webhook", json=wrong, headers=bot_headers("nope-nope")).status_code == 403

        wait_until(lambda: fake.delivered_to("user-14") and fake.bot_texts("chat-14"), what="both replies")
    # After shutdown every background task has finished: the counts are final.
    oa_replies, bot_replies = fake.delivered_to("user-14"), fake.bot_texts("chat-14")
    assert len(oa_replies) == 1 and len(bot_replies) == 1
    for reply in (oa_replies[0], bot_replies[0]):
        assert "Sở Tư pháp" in reply
        assert "[1] KH 51/KH-UBND (Cà Mau), mục" in reply
    assert fake.delivered_to("user-unsigned") == [] and fake.bot_calls_for("chat-wrong") == []
    assert [c.params["action"] for c in fake.bot_sent("chat-14", "sendChatAction")] == ["typing"]


# ---------------------------------------------------------------------------- signatures and timestamps


@pytest.mark.parametrize("prefix", ["mac=", ""])
def test_signed_event_is_answered_with_or_without_mac_prefix(fake: FakeZalo, serve_zalo: Any, prefix: str) -> None:
    url = serve_zalo()
    response = post_event(url, fake, oa_event("user-1", QUESTION), prefix=prefix)
    assert response.status_code == 200 and response.json() == {"ok": True}
    wait_until(lambda: fake.delivered_to("user-1"), what="the reply")
    assert fake.cs_messages[0].access_token == "at-0"


@pytest.mark.parametrize("tamper", ["missing", "wrong-mac", "body-changed", "app-secret-used"])
def test_bad_signature_is_401_and_nothing_is_sent(fake: FakeZalo, serve_zalo: Any, tamper: str,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    event = oa_event("user-bad", QUESTION)
    raw, headers = signed(event, fake.app_id, fake.app_secret if tamper == "app-secret-used" else fake.oa_secret_key)
    if tamper == "missing":
        del headers["X-ZEvent-Signature"]
    elif tamper == "wrong-mac":
        headers["X-ZEvent-Signature"] = "mac=" + "0" * 64
    elif tamper == "body-changed":
        raw = raw.replace(b"user-bad", b"user-bax")
    response = httpx.post(url + WEBHOOK, content=raw, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "bad_signature"
    # A correctly signed event sent afterwards is answered, and is the only thing sent.
    assert post_event(url, fake, oa_event("user-good", QUESTION, msg_id="m-good")).status_code == 200
    wait_until(lambda: fake.delivered_to("user-good"), what="the good reply")
    assert {m.user_id for m in fake.cs_messages} == {"user-good"}


@pytest.mark.parametrize("age_seconds", [3600, -3600])
def test_event_outside_the_timestamp_window_is_dropped(fake: FakeZalo, serve_zalo: Any, age_seconds: int) -> None:
    url = serve_zalo()
    stale = oa_event("user-old", QUESTION, timestamp_ms=int((time.time() - age_seconds) * 1000))
    response = post_event(url, fake, stale)
    # Authentic but stale: 200 (Zalo would retry a failure for hours), and not answered.
    assert response.status_code == 200 and response.json() == {"ok": True, "ignored": "stale"}
    assert post_event(url, fake, oa_event("user-new", QUESTION, msg_id="m-new")).status_code == 200
    wait_until(lambda: fake.delivered_to("user-new"), what="the fresh reply")
    assert fake.delivered_to("user-old") == []


def test_not_json_is_400_and_disabled_oa_is_404(fake: FakeZalo, fake_url: str, serve_zalo: Any,
                                                tmp_path: Path) -> None:
    url = serve_zalo()
    response = httpx.post(url + WEBHOOK, content=b"[not json", headers={"X-ZEvent-Signature": "mac=00"})
    assert response.status_code == 400
    disabled = serve_zalo(settings_for(fake, fake_url, tmp_path, oa_secret_key=None))
    assert httpx.post(disabled + WEBHOOK, json=oa_event("u", QUESTION)).status_code == 404


# ---------------------------------------------------------------------------- deliveries


def test_duplicate_deliveries_get_exactly_one_reply(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    event = oa_event("user-dup", QUESTION, msg_id="msg-dup")
    answers = [post_event(url, fake, event).json() for _ in range(3)]
    assert answers == [{"ok": True}, {"ok": True, "duplicate": True}, {"ok": True, "duplicate": True}]
    other = oa_event("user-dup", "Sở Tư pháp phụ trách những chỉ tiêu nào?", msg_id="msg-dup-2")
    assert post_event(url, fake, other).json() == {"ok": True}
    wait_until(lambda: len(fake.delivered_to("user-dup")) == 2, what="two replies")
    first, second = fake.delivered_to("user-dup")
    assert "Sở Tư pháp" in first and "Sở Tư pháp" in second and "14" in second


@pytest.mark.parametrize(("event_name", "expected"), [
    ("user_send_image", "hình ảnh"),
    ("user_send_sticker", "bằng chữ"),
    ("user_send_file", "tệp"),
    ("user_send_location", "bằng chữ"),
])
def test_unsupported_messages_get_a_polite_reply(fake: FakeZalo, serve_zalo: Any, event_name: str,
                                                 expected: str) -> None:
    url = serve_zalo()
    assert post_event(url, fake, oa_event("user-pic", event_name=event_name, msg_id=f"m-{event_name}")).status_code == 200
    wait_until(lambda: fake.delivered_to("user-pic"), what="the polite reply")
    (reply,) = fake.delivered_to("user-pic")
    assert reply.startswith(("Xin lỗi", "Cảm ơn")) and expected in reply


def test_receipts_and_unfollow_are_not_answered(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    for name in ("user_received_message", "user_seen_message", "unfollow"):
        assert post_event(url, fake, oa_event("user-quiet", event_name=name, msg_id=f"m-{name}")).status_code == 200
    assert post_event(url, fake, oa_event("user-quiet", QUESTION, msg_id="m-q")).status_code == 200
    wait_until(lambda: fake.delivered_to("user-quiet"), what="the answer")
    assert len(fake.cs_messages) == 1


def test_conversation_commands_and_sources(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()

    def say(text: str, n: int) -> str:
        assert post_event(url, fake, oa_event("user-cmd", text, msg_id=f"m-cmd-{n}")).status_code == 200
        wait_until(lambda: len(fake.delivered_to("user-cmd")) == n, what=f"reply {n}")
        return fake.delivered_to("user-cmd")[-1]

    assert "/tailieu" in say("/help", 1)
    listing = say("/tailieu", 2)
    assert "1. KH 51/KH-UBND (Cà Mau)" in listing
    assert say("xem nguồn 1", 3).startswith("Chưa có nguồn")
    answer = say(QUESTION, 4)
    assert "[2] KH 51/KH-UBND (Cà Mau), mục IV.2" in answer
    source = say("xem nguồn 2", 5)
    assert source.startswith("[2] KH 51/KH-UBND (Cà Mau), mục IV.2") and "Hướng dẫn, thực hiện chỉ tiêu 14" in source
    assert "Đã chọn: KH 51/KH-UBND (Cà Mau)" in say("/chon 1", 6)
    assert "(đang chọn)" in say("/tailieu", 7)
    assert "Không tìm thấy tài liệu" in say("/chon Hà Giang", 8)
    assert "cuộc trò chuyện mới" in say("/moi", 9)
    assert "(đang chọn)" not in say("/tailieu", 10)
    assert say("xem nguồn 1", 11).startswith("Chưa có nguồn")


def test_one_users_messages_are_answered_in_order(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    texts = [QUESTION, "/tailieu", "xem nguồn 2", "/help"]
    for n, text in enumerate(texts):
        post_event(url, fake, oa_event("user-order", text, msg_id=f"m-order-{n}"))
    wait_until(lambda: len(fake.delivered_to("user-order")) == 4, what="four replies")
    answer, listing, source, help_text = fake.delivered_to("user-order")
    assert "Sở Tư pháp" in answer and listing.startswith("Các tài liệu") and source.startswith("[2]")
    assert "/tailieu" in help_text


def test_follow_up_uses_the_conversation(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    post_event(url, fake, oa_event("user-f", QUESTION, msg_id="m-f1"))
    wait_until(lambda: fake.delivered_to("user-f"), what="the first answer")
    post_event(url, fake, oa_event("user-f", "Còn chỉ tiêu 15 thì sao?", msg_id="m-f2"))
    post_event(url, fake, oa_event("user-g", "Còn chỉ tiêu 15 thì sao?", msg_id="m-g1"))
    wait_until(lambda: len(fake.delivered_to("user-f")) == 2 and fake.delivered_to("user-g"), what="follow-ups")
    follow_up = fake.delivered_to("user-f")[1]
    assert re.search(r"\b15\b", follow_up) and "Cà Mau" in follow_up


def test_long_answers_arrive_as_numbered_parts_within_the_limit(fake: FakeZalo, serve_zalo: Any) -> None:
    paragraph = "Sở Tư pháp hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình [1]. " * 10
    text = unicodedata.normalize("NFD", "\n\n".join([paragraph.strip()] * 8))
    quote = "- Hướng dẫn, thực hiện chỉ tiêu 14 của Chương trình."
    answer = Answer("answered", text, [Citation("d1", "000.txt", "Kế hoạch", "51/KH-UBND",
                                                "IV. TỔ CHỨC THỰC HIỆN › 2. Sở Tư pháp", quote, None, 0, 10,
                                                "c-1", "Cà Mau")])
    url = serve_zalo(source=CannedSource(answer))
    post_event(url, fake, oa_event("user-long", "Sở Tư pháp làm gì?"))
    wait_until(lambda: fake.delivered_to("user-long") and fake.delivered_to("user-long")[-1].count("/") >= 2
               and "xem nguồn" in fake.delivered_to("user-long")[-1], what="all parts")
    parts = fake.delivered_to("user-long")
    assert len(parts) >= 3
    assert all(len(unicodedata.normalize("NFC", p)) <= 2000 and p == unicodedata.normalize("NFC", p) for p in parts)
    assert [p.split(" ", 1)[0] for p in parts] == [f"({k}/{len(parts)})" for k in range(1, len(parts) + 1)]
    assert parts[-1].rstrip().endswith('để đọc nguyên văn đoạn trích.')
    assert all(m.accepted for m in fake.cs_messages)


# ---------------------------------------------------------------------------- tokens


def test_expired_token_is_refreshed_once_and_the_rotated_pair_persisted(
        fake: FakeZalo, fake_url: str, serve_zalo: Any, tmp_path: Path, zalo_pipeline: Any) -> None:
    settings = settings_for(fake, fake_url, tmp_path)
    url = serve_zalo(settings)
    fake.expire_token()
    post_event(url, fake, oa_event("user-exp", QUESTION, msg_id="m-exp"))
    wait_until(lambda: fake.delivered_to("user-exp"), what="the reply after a refresh")
    attempts = [m for m in fake.cs_messages if m.user_id == "user-exp"]
    assert [(m.access_token, m.accepted) for m in attempts] == [("at-0", False), ("at-1", True)]
    assert len(fake.token_requests) == 1
    assert fake.token_requests[0] == {"refresh_token": "rt-0", "app_id": fake.app_id,
                                      "grant_type": "refresh_token", "secret_key": fake.app_secret}
    token_store = settings.channels.zalo_oa.oa_token_store
    stored = json.loads(token_store.read_text())
    assert (stored["access_token"], stored["refresh_token"]) == ("at-1", "rt-1")
    assert stored["expires_at"] > time.time() + 24 * 3600
    assert token_store.stat().st_mode & 0o077 == 0
    assert [p.name for p in token_store.parent.iterdir()] == ["oa_tokens.json"]  # no temp file left

    # A restart reads the rotated pair (the configured refresh token is spent) and needs no refresh.
    restarted = serve_zalo(settings_for(fake, fake_url, tmp_path, oa_access_token="at-0", oa_refresh_token="rt-0"))
    post_event(restarted, fake, oa_event("user-exp2", QUESTION, msg_id="m-exp2"))
    wait_until(lambda: fake.delivered_to("user-exp2"), what="the reply after a restart")
    assert [m.access_token for m in fake.cs_messages if m.user_id == "user-exp2"] == ["at-1"]
    assert len(fake.token_requests) == 1


def test_many_users_hitting_an_expired_token_cause_one_refresh(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    fake.expire_token()
    users = [f"user-many-{i}" for i in range(6)]
    for i, user in enumerate(users):
        post_event(url, fake, oa_event(user, QUESTION, msg_id=f"m-many-{i}"))
    wait_until(lambda: all(fake.delivered_to(u) for u in users), what="all replies")
    assert len(fake.token_requests) == 1  # a rotated refresh token used twice would break the chain


@pytest.mark.parametrize("code", [-216, -220])
def test_token_error_with_a_fresh_token_retries_once(fake: FakeZalo, serve_zalo: Any, code: int) -> None:
    url = serve_zalo()
    fake.oa_errors.extend([code])
    post_event(url, fake, oa_event("user-tok", QUESTION, msg_id=f"m-tok{code}"))
    wait_until(lambda: fake.delivered_to("user-tok"), what="the retried reply")
    assert len(fake.token_requests) == 1 and len(fake.cs_messages) == 2


def test_a_second_token_error_is_not_refreshed_again(fake: FakeZalo, serve_zalo: Any,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.extend([-216, -216])
    post_event(url, fake, oa_event("user-tok2", QUESTION, msg_id="m-tok2"))
    wait_until(lambda: events(caplog, "zalo_oa_error"), what="the error log")
    assert len(fake.token_requests) == 1 and len(fake.cs_messages) == 2
    assert fake.delivered_to("user-tok2") == []


def test_refused_refresh_is_logged_and_does_not_crash(fake: FakeZalo, fake_url: str, serve_zalo: Any,
                                                      tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo(settings_for(fake, fake_url, tmp_path, oa_refresh_token="rt-spent"))
    fake.expire_token()
    post_event(url, fake, oa_event("user-r", QUESTION, msg_id="m-r"))
    wait_until(lambda: events(caplog, "zalo_oa_refresh_failed"), what="the refresh failure")
    fake.access_token = "at-0"  # an operator fixed the token; the next message goes through
    fake.oa_errors.clear()
    post_event(url, fake, oa_event("user-r", "/help", msg_id="m-r2"))
    wait_until(lambda: fake.delivered_to("user-r"), what="the next reply")


@pytest.mark.parametrize("code", [-230, -232, -213])
def test_users_out_of_reach_are_dropped_without_retry(fake: FakeZalo, serve_zalo: Any, code: int,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.extend([code])
    post_event(url, fake, oa_event("user-gone", QUESTION, msg_id=f"m-gone{code}"))
    wait_until(lambda: events(caplog, "zalo_oa_dropped"), what="the drop log")
    assert len(fake.cs_messages) == 1 and fake.token_requests == []
    assert events(caplog, "zalo_oa_dropped")[0].error == code  # type: ignore[attr-defined]


def test_rate_limit_backs_off_and_retries(fake: FakeZalo, serve_zalo: Any, caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.extend([-32, -32])
    post_event(url, fake, oa_event("user-rl", QUESTION, msg_id="m-rl"))
    wait_until(lambda: fake.delivered_to("user-rl"), what="the reply after back-off")
    assert len(fake.cs_messages) == 3 and len(events(caplog, "zalo_oa_rate_limited")) == 2


def test_bad_parameter_is_logged_as_a_bug(fake: FakeZalo, serve_zalo: Any, caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo()
    fake.oa_errors.extend([-201])
    post_event(url, fake, oa_event("user-201", QUESTION, msg_id="m-201"))
    wait_until(lambda: events(caplog, "zalo_oa_error"), what="the error log")
    record = events(caplog, "zalo_oa_error")[0]
    assert record.levelno == logging.ERROR and "bug" in record.reason  # type: ignore[attr-defined]
    assert len(fake.cs_messages) == 1


def test_network_timeout_is_logged_and_later_messages_still_work(
        fake: FakeZalo, fake_url: str, serve_zalo: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    url = serve_zalo(settings_for(fake, fake_url, tmp_path, http_timeout_seconds=0.3))
    fake.delays["cs"] = 3
    post_event(url, fake, oa_event("user-slow-net", QUESTION, msg_id="m-net1"))
    wait_until(lambda: events(caplog, "zalo_oa_timeout"), what="the timeout log")
    fake.delays.clear()
    post_event(url, fake, oa_event("user-slow-net", "/help", msg_id="m-net2"))
    wait_until(lambda: any("/tailieu" in t for t in fake.delivered_to("user-slow-net")), what="the next reply")


def test_unreachable_zalo_is_logged(fake: FakeZalo, serve_zalo: Any, tmp_path: Path,
                                    caplog: pytest.LogCaptureFixture) -> None:
    closed = LoopbackServer(fake.app)  # a port nobody listens on once closed
    port_url = closed.url
    closed._socket.close()
    url = serve_zalo(settings_for(fake, port_url, tmp_path))
    assert post_event(url, fake, oa_event("user-x", QUESTION, msg_id="m-x")).status_code == 200
    wait_until(lambda: events(caplog, "zalo_oa_network_error"), what="the network error log")


# ---------------------------------------------------------------------------- concurrency and privacy


def test_other_users_are_answered_while_one_answer_is_slow(fake: FakeZalo, serve_zalo: Any,
                                                           zalo_pipeline: Any) -> None:
    source = BlockingSource(zalo_pipeline, marker="chậm")
    url = serve_zalo(source=source)
    post_event(url, fake, oa_event("user-slow", "Chỉ tiêu 14 của Cà Mau do ai phụ trách? (chậm)", msg_id="m-s"))
    assert source.started.wait(60)
    post_event(url, fake, oa_event("user-quick", QUESTION, msg_id="m-q"))
    wait_until(lambda: fake.delivered_to("user-quick"), what="the quick reply")
    assert fake.delivered_to("user-slow") == []  # still being computed
    source.release.set()
    wait_until(lambda: fake.delivered_to("user-slow"), what="the slow reply")


def test_other_users_are_answered_while_one_send_is_slow(fake: FakeZalo, serve_zalo: Any) -> None:
    url = serve_zalo()
    gate = fake.hold("user-held")
    post_event(url, fake, oa_event("user-held", QUESTION, msg_id="m-h"))
    post_event(url, fake, oa_event("user-free", QUESTION, msg_id="m-f"))
    wait_until(lambda: fake.delivered_to("user-free"), what="the free reply")
    assert fake.delivered_to("user-held") == []
    gate.set()
    wait_until(lambda: fake.delivered_to("user-held"), what="the held reply")


def test_logs_carry_no_message_text_or_raw_user_id(fake: FakeZalo, serve_zalo: Any,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    url = serve_zalo()
    post_event(url, fake, oa_event("user-private-777", QUESTION, msg_id="m-p"))
    wait_until(lambda: events(caplog, "zalo_oa_sent"), what="the sent log")
    zalo_records = [r for r in caplog.records if r.name in ("planqa.zalo", "planqa.chat")]
    assert {r.name for r in zalo_records} == {"planqa.zalo", "planqa.chat"}
    for record in zalo_records:
        dumped = json.dumps({k: str(v) for k, v in vars(record).items()}, ensure_ascii=False)
        assert "Chỉ tiêu 14" not in dumped and "user-private-777" not in dumped
