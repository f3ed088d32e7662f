"""The OpenAPI schema says what the service does (issue 12, defect 8).

The schema facts are checked one by one; then schemathesis fuzzes the real app over HTTP (served
with `planqa serve`'s configuration) from its own schema, a bounded number of examples per
operation, without and with the admin key, and fails on any 5xx or any answer the schema does
not describe (status, media type, headers, body, SSE events, the Allow header of a 405).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from api_support import ADMIN_KEY, api_settings, make_app
from test_harden_proxy import serve

from api.settings import ServiceSettings

CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
    "response_schema_conformance", "allow_header_conformance", "negative_data_rejection",
])
EXAMPLES_PER_OPERATION = 12


def fuzz_settings(index_dir: Path, tmp_path: Path) -> ServiceSettings:
    # Limits high enough that the fuzzer meets the answers, not only 429s.
    return api_settings(index_dir, feedback_db=tmp_path / "fb.sqlite3", rate_limit="100000/second",
                        admin_failure_limit="100000/second")


@pytest.fixture
def schema(shared_index: Path, tmp_path: Path) -> dict:  # type: ignore[type-arg]
    return make_app(fuzz_settings(shared_index, tmp_path)).openapi()


def test_question_length_is_in_the_schema(schema: dict) -> None:  # type: ignore[type-arg]
    question = schema["components"]["schemas"]["AskRequest"]["properties"]["question"]
    assert question["minLength"] == 1
    assert question["maxLength"] == ServiceSettings().bot.max_question_chars
    assert question["pattern"] == r"\S"


def test_sse_events_are_described(schema: dict) -> None:  # type: ignore[type-arg]
    content = schema["paths"]["/v1/ask/stream"]["post"]["responses"]["200"]["content"]["text/event-stream"]
    events = {e["properties"]["event"]["const"]: e for e in content["schema"]["oneOf"]}
    assert set(events) == {"delta", "citations", "done"}
    assert events["delta"]["properties"]["data"]["contentSchema"]["required"] == ["text"]


def test_disabled_webhooks_and_upload_media_types_are_documented(schema: dict) -> None:  # type: ignore[type-arg]
    for path in ("/zalo/oa/webhook", "/zalo/bot/webhook"):
        assert "disabled" in schema["paths"][path]["post"]["responses"]["404"]["description"]
    body = schema["paths"]["/v1/documents"]["post"]["requestBody"]["content"]["multipart/form-data"]
    types = body["encoding"]["file"]["contentType"].split(", ")
    assert {"application/pdf", "text/plain", "application/octet-stream"} <= set(types)
    assert "application/vnd.openxmlformats-officedocument.wordprocessingml.document" in types


def test_405_allow_header_lists_every_method_of_the_path(shared_index: Path, tmp_path: Path) -> None:
    with serve(fuzz_settings(shared_index, tmp_path)) as url:
        for method, path, allowed in [("PUT", "/v1/documents", {"GET", "POST"}),
                                      ("OPTIONS", "/v1/documents", {"GET", "POST"}),
                                      ("PUT", "/v1/documents/abc", {"DELETE"}),
                                      ("GET", "/v1/ask", {"POST"})]:
            response = httpx.request(method, url + path)
            assert response.status_code == 405
            assert set(response.headers["Allow"].split(", ")) == allowed
            assert response.json()["error"]["code"] == "method_not_allowed"


@pytest.mark.timeout(900)
@pytest.mark.parametrize("admin", [False, True], ids=["anonymous", "admin-key"])
def test_schemathesis_finds_no_5xx_and_no_schema_violation(index_copy: Path, tmp_path: Path, admin: bool) -> None:
    auth = ["-H", f"Authorization: Bearer {ADMIN_KEY}"] if admin else []
    with serve(fuzz_settings(index_copy, tmp_path)) as url:
        result = subprocess.run(
            [sys.executable, "-m", "schemathesis.cli", "run", f"{url}/openapi.json", "--checks", CHECKS,
             "--max-examples", str(EXAMPLES_PER_OPERATION), "--phases", "examples,coverage,fuzzing",
             "--seed", "12", "--no-shrink", "--request-timeout", "60", "--workers", "1", *auth],
            capture_output=True, text=True, timeout=840, cwd=tmp_path,
        )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    assert " passed" in output and "failure" not in output.split("SUMMARY")[-1].lower(), output[-3000:]
