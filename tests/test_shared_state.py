"""Shared state (api.state) on a real redis-server (tests/redis_support.py) and in process.

- the state contract, for both implementations: rate-limit buckets (atomic under threads), JSON
  with a TTL, delivery de-duplication, locks, set-if-absent;
- a rate limit and a conversation shared by two real `planqa serve` processes over HTTP, and
  `planqa serve --workers 2` (refused without Redis);
- one Zalo OA token refresh when several clients (each with its own memory, as separate
  processes have) meet an expired token at once, against the local fake Zalo server;
- one reply when the same OA event is delivered to two app instances;
- an upload job enqueued through the API, run by `planqa worker`, shown done by the jobs API;
- Redis stopped mid-run: 503 with one line, and service again once it is back.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from api_support import ADMIN_KEY, PLAN_CA_MAU, LiveServer, api_settings, make_app
from pydantic import SecretStr
from zalo_fake import FakeZalo
from zalo_support import oa_event, settings_for, signed, zalo_app

from api.channels.zalo_oa.client import OAClient
from api.channels.zalo_oa.tokens import TokenStore
from api.settings import RateLimit
from api.state import InProcessState, RedisState, SharedState, StateUnavailable
from bot.conversation import Conversation
from bot.places import PlaceMatch, PlaceNote
from bot.understand import Query

if TYPE_CHECKING:
    from redis_support import RedisServer

pytest_plugins = ["redis_support"]

REPO = Path(__file__).resolve().parents[1]


def wait_until(check: Callable[[], Any], timeout: float = 60.0, what: str = "the condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


# ---------------------------------------------------------------------------- the contract


@pytest.fixture(params=["in_process", "redis"])
def state(request: pytest.FixtureRequest) -> Iterator[SharedState]:
    if request.param == "in_process":
        yield InProcessState()
        return
    server: RedisServer = request.getfixturevalue("redis_clean")
    redis_state = RedisState(server.url)
    yield redis_state
    redis_state.close()


def test_token_bucket_allows_the_limit_then_refuses_with_seconds_to_wait(state: SharedState) -> None:
    limit = RateLimit(3, 60)
    assert [state.take_token("ask", "a", limit) for _ in range(3)] == [None, None, None]
    refused = state.take_token("ask", "a", limit)
    assert refused is not None and 1 <= refused <= 20  # one token refills in 20 s
    assert state.take_token("ask", "a", limit, take=False) is not None  # looking takes nothing and is refused
    assert state.take_token("ask", "b", limit) is None  # another client has its own bucket
    assert state.take_token("admin", "a", limit) is None  # another bucket name too


def test_looking_at_a_bucket_takes_no_token(state: SharedState) -> None:
    limit = RateLimit(1, 60)
    assert state.take_token("ask", "c", limit, take=False) is None
    assert state.take_token("ask", "c", limit, take=False) is None
    assert state.take_token("ask", "c", limit) is None
    assert state.take_token("ask", "c", limit) is not None


def test_tokens_refill_over_time(state: SharedState) -> None:
    limit = RateLimit(2, 1)  # two a second
    assert state.take_token("ask", "r", limit) is None and state.take_token("ask", "r", limit) is None
    assert state.take_token("ask", "r", limit) is not None
    time.sleep(0.7)  # more than one token's worth
    assert state.take_token("ask", "r", limit) is None


def test_token_bucket_is_atomic_under_threads(state: SharedState) -> None:
    limit = RateLimit(25, 3600)
    allowed: list[bool] = []
    lock = threading.Lock()

    def hammer() -> None:
        for _ in range(10):
            ok = state.take_token("ask", "t", limit) is None
            with lock:
                allowed.append(ok)

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(allowed) == 80 and sum(allowed) == 25


def test_json_values_round_trip_and_expire(state: SharedState) -> None:
    value = {"text": "Sở Tư pháp chủ trì", "n": [1, 2.5, None], "nested": {"ok": True}}
    state.put_json("conversation:x", value, 60)
    assert state.get_json("conversation:x") == value
    assert state.get_json("conversation:missing") is None
    state.put_json("conversation:short", value, 0.3)
    time.sleep(0.6)
    assert state.get_json("conversation:short") is None
    state.delete("conversation:x")
    assert state.get_json("conversation:x") is None


def test_setdefault_keeps_the_first_value(state: SharedState) -> None:
    assert state.setdefault_json("key", "first", 60) == "first"
    assert state.setdefault_json("key", "second", 60) == "first"
    assert state.get_json("key") == "first"


def test_first_seen_is_true_once_per_window(state: SharedState) -> None:
    assert state.first_seen("oa:msg-1", 60) is True
    assert state.first_seen("oa:msg-1", 60) is False
    assert state.first_seen("oa:msg-2", 60) is True
    assert state.first_seen("oa:short", 0.5) is True
    time.sleep(1.2)
    assert state.first_seen("oa:short", 0.5) is True  # the window is over (Redis rounds up to 1 s)


def test_first_seen_under_threads_lets_exactly_one_through(state: SharedState) -> None:
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def deliver() -> None:
        barrier.wait()
        results.append(state.first_seen("oa:race", 60))

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False] * 7 + [True]


def test_lock_is_exclusive_released_only_by_its_holder_and_expires(state: SharedState) -> None:
    token = state.try_lock("refresh", 30)
    assert token is not None
    assert state.try_lock("refresh", 30) is None
    state.unlock("refresh", "not-the-token")
    assert state.try_lock("refresh", 30) is None
    state.unlock("refresh", token)
    again = state.try_lock("refresh", 0.3)
    assert again is not None and again != token
    time.sleep(0.6)
    assert state.try_lock("refresh", 30) is not None  # a holder that died frees the lock at its expiry


def test_conversation_survives_its_json_form() -> None:
    query = Query("còn chỉ tiêu 15 thì sao?", "con chi tieu 15 thi sao?", indicator=15, agency_keys=["so tu phap"],
                  places=["tinh an phu"], doc_number="12/KH-UBND", year=2025, is_followup=True, topic="khai sinh",
                  place_match=PlaceMatch(["tinh an phu"], {"d2", "d1"}, None,
                                         [PlaceNote("An Phú", "tỉnh An Phú", ["tỉnh Bình Phú"], True)],
                                         within={"d1", "d3"}))
    conversation = Conversation(query, "d1", 123.0, 3)
    import json

    restored = Conversation.from_json(json.loads(json.dumps(conversation.to_json())))
    assert restored == conversation
    assert Conversation.from_json(Conversation().to_json()).last is None


# ---------------------------------------------------------------------------- the service over HTTP, real processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def planqa_env(**variables: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANQA_")}
    env["PYTHONPATH"] = str(REPO) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.update(variables)
    return env


def planqa(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys, planqa_cli; sys.exit(planqa_cli.main())", *args]


class ServeProcess:
    """`planqa serve` in its own process, on a free port."""

    def __init__(self, index: Path, env: dict[str, str], log: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = log.open("wb")
        self.process = subprocess.Popen(planqa("serve", "--index", str(index), "--port", str(self.port), *extra),
                                        env=env, stdout=self._out, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"planqa serve exited: {self.log.read_text(errors='replace')[-3000:]}")
            try:
                if httpx.get(self.url + "/readyz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"planqa serve not ready: {self.log.read_text(errors='replace')[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._out.close()


@pytest.fixture(scope="module")
def two_servers(redis_server: RedisServer, shared_index: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServeProcess, ServeProcess]]:
    """Two `planqa serve` processes on one index and one Redis, as two machines behind a balancer."""
    logs = tmp_path_factory.mktemp("serve")
    env = planqa_env(PLANQA_REDIS_URL=redis_server.url, PLANQA_RATE_LIMIT="5/minute",
                     PLANQA_TRUSTED_PROXIES="127.0.0.1", PLANQA_FEEDBACK_DB=str(logs / "feedback.sqlite3"))
    servers = (ServeProcess(shared_index, env, logs / "a.log"), ServeProcess(shared_index, env, logs / "b.log"))
    try:
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        for server in servers:
            server.stop()


def ask(url: str, question: str, client_ip: str, conversation_id: str | None = None) -> httpx.Response:
    body: dict[str, Any] = {"question": question}
    if conversation_id:
        body["conversation_id"] = conversation_id
    return httpx.post(url + "/v1/ask", json=body, headers={"X-Forwarded-For": client_ip}, timeout=60)


def test_rate_limit_is_enforced_across_two_serving_processes(two_servers: tuple[ServeProcess, ServeProcess]) -> None:
    a, b = two_servers
    statuses = [ask((a, b)[i % 2].url, "Chỉ tiêu 14 do cơ quan nào chủ trì?", "203.0.113.7").status_code
                for i in range(5)]
    assert statuses == [200] * 5  # three answered by one process, two by the other
    for server in (a, b):  # the sixth is refused whichever process answers it
        refused = ask(server.url, "Chỉ tiêu 14 do cơ quan nào chủ trì?", "203.0.113.7")
        assert refused.status_code == 429, refused.text
        assert int(refused.headers["Retry-After"]) >= 1
    assert ask(a.url, "Chỉ tiêu 14 do cơ quan nào chủ trì?", "203.0.113.8").status_code == 200  # another client


def test_a_conversation_continues_on_the_other_process(two_servers: tuple[ServeProcess, ServeProcess],
                                                      redis_server: RedisServer) -> None:
    a, b = two_servers
    first = ask(a.url, "Chỉ tiêu 14 của Cà Mau do cơ quan nào chủ trì?", "198.51.100.1")
    assert first.status_code == 200, first.text
    conversation_id = first.json()["conversation_id"]
    follow = ask(b.url, "còn chỉ tiêu 1 thì sao?", "198.51.100.1", conversation_id)
    assert follow.status_code == 200, follow.text
    assert follow.json()["conversation_id"] == conversation_id
    stored = RedisState(redis_server.url).get_json(f"conversation:{conversation_id}")
    assert stored is not None and stored["turns"] == 2  # B continued A's conversation, it did not start anew
    assert stored["last"]["indicator"] == 1
    # The follow-up kept the place of the first question: its answer is about Cà Mau's plan.
    assert "Sở Y tế" in follow.json()["answer"], follow.json()["answer"]


def test_serve_with_two_workers_shares_the_limit(redis_clean: RedisServer, shared_index: Path,
                                                  tmp_path: Path) -> None:
    env = planqa_env(PLANQA_REDIS_URL=redis_clean.url, PLANQA_RATE_LIMIT="4/minute",
                     PLANQA_FEEDBACK_DB=str(tmp_path / "feedback.sqlite3"))
    server = ServeProcess(shared_index, env, tmp_path / "serve.log", "--workers", "2")
    try:
        server.wait_ready()
        # /readyz answered by one worker says nothing of the other: wait until many in a row are ready.
        wait_until(lambda: all(httpx.get(server.url + "/readyz", timeout=5).status_code == 200 for _ in range(12)),
                   timeout=180, what="both workers to load the index")
        # A new connection per request: the kernel hands each to either worker.
        responses = [ask(server.url, "Chỉ tiêu 14 do cơ quan nào chủ trì?", "ignored") for _ in range(8)]
        statuses = [r.status_code for r in responses]
        assert statuses == [200] * 4 + [429] * 4, [(r.status_code, r.text[:200]) for r in responses]
    finally:
        server.stop()
    log = server.log.read_text(errors="replace")
    assert log.count("Started server process") == 2 or log.count("service started") >= 2, log[-3000:]


def test_serve_refuses_several_workers_without_redis(shared_index: Path) -> None:
    done = subprocess.run(planqa("serve", "--index", str(shared_index), "--workers", "2", "--port", str(free_port())),
                          env=planqa_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "PLANQA_REDIS_URL" in lines[0], done.stderr


def test_serve_with_an_unreachable_redis_stops_with_one_line(shared_index: Path, tmp_path: Path) -> None:
    env = planqa_env(PLANQA_REDIS_URL=f"unix://{tmp_path}/no-redis.sock")
    done = subprocess.run(planqa("serve", "--index", str(shared_index), "--workers", "2", "--port", str(free_port())),
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 4
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Redis" in lines[0] and "PLANQA_REDIS_URL" in lines[0], done.stderr


# ---------------------------------------------------------------------------- Zalo OA: one refresh, one reply


def test_one_token_refresh_when_several_processes_meet_an_expired_token(
        fake: FakeZalo, fake_url: str, tmp_path: Path, redis_clean: RedisServer) -> None:
    assert refreshes_by_independent_clients(fake, fake_url, tmp_path, lambda: RedisState(redis_clean.url)) == 1
    assert sum(m.accepted for m in fake.cs_messages) == 6  # every client sent its message, with the new token


def test_without_shared_state_independent_clients_refresh_more_than_once(
        fake: FakeZalo, fake_url: str, tmp_path: Path) -> None:
    # The control: what separate processes did before, and why the lock must be shared.
    assert refreshes_by_independent_clients(fake, fake_url, tmp_path, InProcessState) > 1


def refreshes_by_independent_clients(fake: FakeZalo, fake_url: str, tmp_path: Path,
                                     make_state: Callable[[], SharedState], clients: int = 6) -> int:
    """`clients` OA clients, each in its own thread and event loop with its own memory, token file
    and state connection (as separate worker processes have), all sending while the token is expired."""
    settings = settings_for(fake, fake_url, tmp_path)
    fake.delays["oauth"] = 0.3  # a slow refresh: everyone else meets the expired token meanwhile
    fake.expire_token()
    barrier = threading.Barrier(clients)
    outcomes: list[str] = []

    def run(i: int) -> None:
        async def main() -> None:
            async with httpx.AsyncClient(timeout=10) as http:
                client = OAClient(settings.channels.zalo_oa, settings.channels.chat, lambda: http,
                                  TokenStore(tmp_path / f"worker-{i}" / "tokens.json"), make_state())
                barrier.wait()
                outcomes.append(await client.send_text(f"u-{i}", f"tin nhắn {i}"))

        asyncio.run(main())

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    if len(fake.token_requests) == 1:
        assert outcomes == ["sent"] * clients, outcomes
    return len(fake.token_requests)


def test_same_event_delivered_to_two_instances_is_answered_once(
        fake: FakeZalo, fake_url: str, tmp_path: Path, redis_clean: RedisServer, zalo_pipeline: Any) -> None:
    settings = settings_for(fake, fake_url, tmp_path)
    settings = settings.model_copy(update={"api": settings.api.model_copy(update={"redis_url": SecretStr(redis_clean.url)})})
    assert deliveries_answered(fake, settings, zalo_pipeline, "u-dup") == (1, [{"ok": True},
                                                                            {"ok": True, "duplicate": True}])


def test_without_shared_state_two_instances_answer_a_redelivery_twice(
        fake: FakeZalo, fake_url: str, tmp_path: Path, zalo_pipeline: Any) -> None:
    settings = settings_for(fake, fake_url, tmp_path)
    assert deliveries_answered(fake, settings, zalo_pipeline, "u-twice")[0] == 2


def deliveries_answered(fake: FakeZalo, settings: Any, pipeline: Any, user: str) -> tuple[int, list[Any]]:
    """Deliver one signed event to two app instances (each its own memory); replies the user got."""
    event = oa_event(user, "/moi", msg_id=f"m-{user}")  # a one-message reply
    raw, headers = signed(event, fake.app_id, fake.oa_secret_key)
    bodies = []
    with LiveServer(zalo_app(settings, pipeline)) as one, LiveServer(zalo_app(settings, pipeline)) as two:
        for server in (one, two):
            response = httpx.post(server.url + "/zalo/oa/webhook", content=raw, headers=headers, timeout=30)
            assert response.status_code == 200, response.text
            bodies.append(response.json())
        wait_until(lambda: fake.delivered_to(user), what="the reply")
        time.sleep(0.5)  # a second reply, if any, would come now
    return len(fake.delivered_to(user)), bodies


# ---------------------------------------------------------------------------- the ingest queue


def test_upload_job_is_run_by_planqa_worker_and_shown_done(redis_clean: RedisServer, index_copy: Path,
                                                          tmp_path: Path) -> None:
    settings = api_settings(index_copy, redis_url=redis_clean.url, feedback_db=tmp_path / "f.sqlite3")
    plan = PLAN_CA_MAU.replace("51/KH-UBND", "77/KH-UBND").replace("Chỉ tiêu 14", "Chỉ tiêu 9").replace("chỉ tiêu 14", "chỉ tiêu 9")
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with LiveServer(make_app(settings)) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        created = client.post("/v1/jobs", headers=admin,
                              files=[("file", ("ke-hoach-77.txt", plan.encode(), "text/plain"))])
        assert created.status_code == 202, created.text
        job_id = created.json()["id"]
        time.sleep(0.5)
        queued = client.get(f"/v1/jobs/{job_id}", headers=admin).json()
        assert queued["state"] == "queued" and queued["files"][0]["stage"] == "queued"  # not run in the API
        assert not (index_copy / "uploads" / "ke-hoach-77.txt").exists()
        redis = redis_clean.client()
        assert redis.get(f"planqa:upload:{job_id}:0") == plan.encode()

        worker = subprocess.run(planqa("worker", "--burst", "--index", str(index_copy)),
                                env=planqa_env(PLANQA_REDIS_URL=redis_clean.url), capture_output=True, text=True,
                                timeout=300)
        assert worker.returncode == 0, worker.stderr[-3000:]
        done = client.get(f"/v1/jobs/{job_id}", headers=admin).json()
        assert done["state"] == "done", done
        (file,) = done["files"]
        assert file["stage"] == "done" and file["status"] == "added" and file["doc_ids"], file
        assert not redis.keys("planqa:upload:*")  # the bytes go once ingested
        # The serving process hears of the change (api.state.IndexChangeWatcher) and serves the new plan.
        wait_until(lambda: set(file["doc_ids"]) <= {d["doc_id"] for d in client.get("/v1/documents").json()["documents"]},
                   what="the API to serve the document the worker added")
        answer = client.post("/v1/ask", json={"question": "Chỉ tiêu 9 của kế hoạch 77/KH-UBND do cơ quan nào chủ trì?"})
        assert answer.status_code == 200 and "Sở Tư pháp" in answer.json()["answer"], answer.text
    assert {"queued", "reading", "parsing", "embedding", "done"} <= set(file["stages"]), file["stages"]
    assert (index_copy / "uploads" / "ke-hoach-77.txt").read_text(encoding="utf-8") == plan


def test_worker_without_redis_says_so_in_one_line(index_copy: Path) -> None:
    done = subprocess.run(planqa("worker", "--burst", "--index", str(index_copy)), env=planqa_env(),
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "PLANQA_REDIS_URL" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------------- Redis going away


def test_redis_stopped_mid_run_gives_503_then_service_resumes(shared_index: Path, tmp_path: Path,
                                                            start_redis: Callable[[Path], RedisServer]) -> None:
    server = start_redis(tmp_path / "r")
    settings = api_settings(shared_index, redis_url=server.url, rate_limit="100/minute",
                            feedback_db=tmp_path / "f.sqlite3")
    admin = {"Authorization": f"Bearer {ADMIN_KEY}"}
    try:
        with LiveServer(make_app(settings)) as live, httpx.Client(base_url=live.url, timeout=60) as client:
            ok = client.post("/v1/ask", json={"question": "Chỉ tiêu 14 do cơ quan nào chủ trì?"})
            assert ok.status_code == 200, ok.text
            conversation_id = ok.json()["conversation_id"]
            server.stop()
            down = client.post("/v1/ask", json={"question": "còn chỉ tiêu 1?", "conversation_id": conversation_id})
            assert down.status_code == 503, down.text
            error = down.json()["error"] if "error" in down.json() else down.json()
            assert "Redis" in str(error) and "\n" not in str(error), error
            assert down.headers.get("Retry-After")
            job = client.post("/v1/jobs", headers=admin, files=[("file", ("x.txt", b"abc" * 100, "text/plain"))])
            assert job.status_code == 503, job.text
            assert client.get("/healthz").status_code == 200  # the service itself keeps running

            server = start_redis(tmp_path / "r")  # back, on the same socket (empty: nothing was persisted)
            again = client.post("/v1/ask", json={"question": "Chỉ tiêu 14 do cơ quan nào chủ trì?"})
            assert again.status_code == 200, again.text
    finally:
        server.stop()


def test_state_unavailable_is_one_line() -> None:
    state = RedisState("unix:///nonexistent/planqa-test.sock", timeout_seconds=0.5)
    with pytest.raises(StateUnavailable) as caught:
        state.take_token("ask", "a", RateLimit(1, 1))
    assert caught.value.status_code == 503 and "\n" not in caught.value.message
    assert "PLANQA_REDIS_URL" in caught.value.message


# ---------------------------------------------------------------------------- chat sessions across instances


def source_reply_on_second_instance(fake: FakeZalo, settings: Any, pipeline: Any, user: str) -> str:
    """Ask on one app instance, then "xem nguồn 1" on another: the reply to the second message."""
    with LiveServer(zalo_app(settings, pipeline)) as one, LiveServer(zalo_app(settings, pipeline)) as two:
        for n, (server, text) in enumerate(((one, "Chỉ tiêu 14 do cơ quan nào chủ trì?"), (two, "xem nguồn 1"))):
            raw, headers = signed(oa_event(user, text, msg_id=f"{user}-{n}"), fake.app_id, fake.oa_secret_key)
            response = httpx.post(server.url + "/zalo/oa/webhook", content=raw, headers=headers, timeout=30)
            assert response.status_code == 200, response.text
            before = len(fake.delivered_to(user))
            wait_until(lambda before=before: len(fake.delivered_to(user)) > before, what=f"the reply to {text!r}")
            time.sleep(0.3)  # a long answer may come in several parts
    return fake.delivered_to(user)[-1]


def test_a_chat_session_continues_on_another_instance(fake: FakeZalo, fake_url: str, tmp_path: Path,
                                                     redis_clean: RedisServer, zalo_pipeline: Any) -> None:
    settings = settings_for(fake, fake_url, tmp_path)
    settings = settings.model_copy(update={"api": settings.api.model_copy(update={"redis_url": SecretStr(redis_clean.url)})})
    reply = source_reply_on_second_instance(fake, settings, zalo_pipeline, "u-session")
    assert reply.startswith("[1] ") and "“" in reply, reply  # the citation the first instance gave


def test_without_shared_state_the_other_instance_has_no_session(fake: FakeZalo, fake_url: str, tmp_path: Path,
                                                               zalo_pipeline: Any) -> None:
    reply = source_reply_on_second_instance(fake, settings_for(fake, fake_url, tmp_path), zalo_pipeline, "u-alone")
    assert reply.startswith("Chưa có nguồn nào"), reply


def test_webhook_answers_503_while_redis_is_down(fake: FakeZalo, fake_url: str, tmp_path: Path,
                                                 start_redis: Callable[[Path], RedisServer], zalo_pipeline: Any) -> None:
    server = start_redis(tmp_path / "r")
    settings = settings_for(fake, fake_url, tmp_path)
    settings = settings.model_copy(update={"api": settings.api.model_copy(update={"redis_url": SecretStr(server.url)})})
    try:
        with LiveServer(zalo_app(settings, zalo_pipeline)) as live:
            server.stop()
            raw, headers = signed(oa_event("u-down", "/moi", msg_id="m-down"), fake.app_id, fake.oa_secret_key)
            down = httpx.post(live.url + "/zalo/oa/webhook", content=raw, headers=headers, timeout=30)
            assert down.status_code == 503, down.text  # Zalo delivers it again later: the message is not lost
            server = start_redis(tmp_path / "r")
            again = httpx.post(live.url + "/zalo/oa/webhook", content=raw, headers=headers, timeout=30)
            assert again.status_code == 200 and again.json() == {"ok": True}, again.text
            wait_until(lambda: fake.delivered_to("u-down"), what="the reply to the redelivered event")
    finally:
        server.stop()
