"""Admin key handling: whitespace and guessable keys refused at startup, failed attempts throttled
per client (issue 12, defect 5)."""

from __future__ import annotations

import argparse
import secrets
from pathlib import Path

import httpx
import pytest
from api_support import ADMIN_KEY, LiveServer, api_settings, make_app

from api.cli import run_serve
from api.settings import ServiceSettings, admin_key_problem
from core.errors import ConfigError


@pytest.mark.parametrize("key", [f" {ADMIN_KEY}", f"{ADMIN_KEY} ", f"{ADMIN_KEY}\n", f"\t{ADMIN_KEY}",
                                 "test-admin key-0123456789abcdef"])
def test_admin_key_with_whitespace_stops_the_service_with_one_line(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ValueError, match="whitespace"):
        ServiceSettings(api={"enable_admin": True, "admin_key": key})
    monkeypatch.setenv("PLANQA_ENABLE_ADMIN", "true")
    monkeypatch.setenv("PLANQA_ADMIN_KEY", key)
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: pytest.fail("must not start"))
    with pytest.raises(ConfigError, match=r"PLANQA_ADMIN_KEY.*whitespace") as info:
        run_serve(argparse.Namespace(index=None, host="127.0.0.1", port=0))
    assert "\n" not in info.value.message and info.value.exit_code == 2


@pytest.mark.parametrize("key", ["1234567890123456", "abcdefghijklmnopqrst", "aaaaaaaabbbbbbbbcccc",
                                 "9876543210987654321", "1111222233334444"])
def test_guessable_keys_are_refused(key: str) -> None:
    problem = admin_key_problem(key)
    assert problem is not None
    with pytest.raises(ValueError, match="PLANQA_ADMIN_KEY"):
        ServiceSettings(api={"enable_admin": True, "admin_key": key})


@pytest.mark.parametrize("key", [secrets.token_hex(16), secrets.token_hex(32), secrets.token_urlsafe(24), ADMIN_KEY])
def test_generated_keys_are_accepted(key: str) -> None:
    assert admin_key_problem(key) is None
    assert ServiceSettings(api={"enable_admin": True, "admin_key": key}).api.enable_admin


def test_failed_admin_attempts_are_throttled_per_client(shared_index: Path, tmp_path: Path) -> None:
    settings = api_settings(shared_index, feedback_db=tmp_path / "fb.sqlite3", admin_failure_limit="10/hour")  # no refill during the test
    app = make_app(settings)
    wrong = {"Authorization": "Bearer " + "w" * 8 + "-not-the-key-" + "0" * 8}
    right = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        statuses = [client.delete("/v1/documents/none", headers=wrong).status_code for _ in range(200)]
        assert statuses[:10] == [401] * 10
        assert set(statuses[10:]) == {429}
        throttled = client.delete("/v1/documents/none", headers=right)  # even the right key waits
        assert throttled.status_code == 429
        assert throttled.json()["error"]["code"] == "too_many_admin_attempts"
        assert int(throttled.headers["Retry-After"]) >= 1
        # Another client is not affected, and questions are not.
        other = httpx.Client(base_url=server.url, timeout=60,
                             transport=httpx.HTTPTransport(local_address="127.0.0.2"))
        with other:
            assert other.delete("/v1/documents/none", headers=right).status_code == 404
            assert other.delete("/v1/documents/none", headers=wrong).status_code == 401
        assert client.get("/v1/documents").status_code == 200


def test_right_key_does_not_use_up_the_failure_budget(shared_index: Path, tmp_path: Path) -> None:
    settings = api_settings(shared_index, feedback_db=tmp_path / "fb.sqlite3", admin_failure_limit="3/minute")
    with LiveServer(make_app(settings)) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        right = {"X-Admin-Key": ADMIN_KEY}
        assert {client.delete("/v1/documents/none", headers=right).status_code for _ in range(20)} == {404}
