"""Every endpoint on the real app and a real index built from small plan documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
from api_support import ADMIN_KEY, LiveServer, api_settings, make_app, ready_client

QUESTION = "Chỉ tiêu 14 do cơ quan nào chủ trì?"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def parse_sse(text: str) -> list[tuple[str, dict[str, Any]]]:
    events = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


def doc_id_of(client: httpx.Client, source_prefix: str) -> str:
    documents = client.get("/v1/documents").json()["documents"]
    return next(d["doc_id"] for d in documents if d["source"].startswith(source_prefix))


def test_health_and_readiness(shared_client: httpx.Client) -> None:
    assert shared_client.get("/healthz").json() == {"status": "ok"}
    ready = shared_client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "documents": 2, "error": None}


def test_ask_answers_with_citations_in_the_cli_contract(shared_client: httpx.Client) -> None:
    response = shared_client.post("/v1/ask", json={"question": QUESTION})
    assert response.status_code == 200
    body = response.json()
    assert {"status", "answer", "citations", "facts", "timings_ms", "language", "intent"} <= body.keys()
    assert body["status"] == "answered"
    assert len(body["conversation_id"]) >= 8 and len(body["answer_id"]) == 32
    assert body["citations"], body
    citation = body["citations"][0]
    assert {"doc_id", "source", "section", "quote", "char_start", "char_end", "chunk_id"} <= citation.keys()
    assert (
        citation["citation_id"] == f"{citation['chunk_id']}:{citation['char_start']}-{citation['char_end']}"
    )
    assert citation["quote"].strip()


def test_ask_restricted_to_one_document(shared_client: httpx.Client) -> None:
    doc_id = doc_id_of(shared_client, "quyet-dinh-333")
    body = shared_client.post("/v1/ask", json={"question": QUESTION, "doc_id": doc_id}).json()
    assert body["citations"] and {c["doc_id"] for c in body["citations"]} == {doc_id}


def test_follow_up_keeps_the_conversation(shared_client: httpx.Client) -> None:
    first = shared_client.post("/v1/ask", json={"question": QUESTION}).json()
    follow = shared_client.post(
        "/v1/ask", json={"question": "Còn chỉ tiêu 1 thì sao?", "conversation_id": first["conversation_id"]}
    )
    assert follow.status_code == 200
    assert follow.json()["conversation_id"] == first["conversation_id"]
    assert follow.json()["answer_id"] != first["answer_id"]
    own = shared_client.post("/v1/ask", json={"question": QUESTION, "conversation_id": "client-chosen-id-1"})
    assert own.json()["conversation_id"] == "client-chosen-id-1"


def test_stream_sends_deltas_then_citations_then_done(shared_client: httpx.Client) -> None:
    response = shared_client.post("/v1/ask/stream", json={"question": QUESTION})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["cache-control"] == "no-cache"
    events = parse_sse(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"delta"}
    done = events[-1][1]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert events[-2][1]["citations"] == done["citations"]
    assert done["conversation_id"] and done["answer_id"]


def test_stream_events_arrive_in_order(shared_client: httpx.Client) -> None:
    seen: list[str] = []
    with shared_client.stream("POST", "/v1/ask/stream", json={"question": QUESTION}) as response:
        assert response.status_code == 200
        for line in response.iter_lines():
            if line.startswith("event:"):
                seen.append(line[6:].strip())
    assert seen[0] == "delta" and seen[-2:] == ["citations", "done"]


def test_documents_list(shared_client: httpx.Client) -> None:
    documents = shared_client.get("/v1/documents").json()["documents"]
    assert sorted(d["source"] for d in documents) == [
        "ke-hoach-51-ca-mau.txt",
        "quyet-dinh-333-dien-bien.txt",
    ]
    ca_mau = next(d for d in documents if d["source"].startswith("ke-hoach-51"))
    assert ca_mau["doc_number"] == "51/KH-UBND" and ca_mau["place"] == "Cà Mau"


def test_source_returns_the_passage_with_the_quote_highlighted(shared_client: httpx.Client) -> None:
    citation = shared_client.post("/v1/ask", json={"question": QUESTION}).json()["citations"][0]
    passage = shared_client.get(f"/v1/sources/{citation['citation_id']}").json()
    assert passage["chunk_id"] == citation["chunk_id"] and passage["doc_id"] == citation["doc_id"]
    span = passage["highlight"]
    assert span is not None
    assert " ".join(passage["text"][span["start"] : span["end"]].split()) == " ".join(
        citation["quote"].split()
    )
    by_chunk = shared_client.get(f"/v1/sources/{citation['chunk_id']}").json()
    assert by_chunk["text"] == passage["text"] and by_chunk["highlight"] is None


def test_feedback_is_stored_with_question_answer_and_citations(shared_index: Path, tmp_path: Path) -> None:
    db = tmp_path / "feedback.sqlite3"
    app = make_app(api_settings(shared_index, feedback_db=db))
    for client in ready_client(app):
        answer = client.post("/v1/ask", json={"question": QUESTION}).json()
        response = client.post("/v1/feedback", json={"answer_id": answer["answer_id"], "rating": "down"})
        assert response.status_code == 201 and response.json()["rating"] == "down"
        again = client.post(
            "/v1/feedback",
            json={"answer_id": answer["answer_id"], "rating": "down", "comment": "Sai cơ quan"},
        )
        assert again.json()["id"] == response.json()["id"]  # one row per answer
        rows = app.state.feedback.all()
    assert len(rows) == 1
    row = rows[0]
    assert (row["question"], row["rating"], row["comment"]) == (QUESTION, "down", "Sai cơ quan")
    assert row["answer"] == answer["answer"] and row["conversation_id"] == answer["conversation_id"]
    assert json.loads(row["citations_json"])[0]["quote"] == answer["citations"][0]["quote"]


def test_metrics_in_prometheus_format(shared_client: httpx.Client) -> None:
    shared_client.post("/v1/ask", json={"question": QUESTION})
    response = shared_client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert 'planqa_http_requests_total{method="POST",route="/v1/ask",status="200"}' in text
    assert "planqa_http_request_duration_seconds_bucket" in text
    assert 'planqa_answers_total{status="answered"}' in text
    assert "planqa_index_ready 1.0" in text and "planqa_documents 2.0" in text


def test_openapi_docs_are_served(shared_client: httpx.Client) -> None:
    schema = shared_client.get("/openapi.json").json()
    for path in (
        "/v1/ask",
        "/v1/ask/stream",
        "/v1/documents",
        "/v1/documents/{doc_id}",
        "/v1/sources/{ref}",
        "/v1/feedback",
        "/healthz",
        "/readyz",
        "/metrics",
    ):
        assert path in schema["paths"], path
    assert "multipart/form-data" in schema["paths"]["/v1/documents"]["post"]["requestBody"]["content"]
    assert shared_client.get("/docs").status_code == 200


def test_widget_script_and_demo_page(shared_client: httpx.Client) -> None:
    script = shared_client.get("/widget.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert "__PLANQA_CSS__" not in script.text and ":host" in script.text
    assert "http://" not in script.text.replace("http://www.w3.org/2000/svg", "")  # nothing from the internet
    assert "https://" not in script.text.replace("https://HOST/", "")
    cached = shared_client.get("/widget.js", headers={"If-None-Match": script.headers["etag"]})
    assert cached.status_code == 304
    page = shared_client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]  # the browser tests run under it
    assert (
        'src="/widget.js"' in page.text
        and f"{str(shared_client.base_url).rstrip('/')}/widget.js" in page.text
    )


def test_admin_upload_then_delete(index_copy: Path, tmp_path: Path) -> None:
    for client in ready_client(make_app(api_settings(index_copy))):
        text = "KẾ HOẠCH\nSố: 12/KH-UBND\nI. MỤC TIÊU\n- Chỉ tiêu 3: 100% trường học có tủ sách pháp luật.\n"
        response = client.post(
            "/v1/documents", headers=ADMIN, files={"file": ("ke-hoach-12.txt", text.encode(), "text/plain")}
        )
        assert response.status_code == 201, response.text
        uploaded = response.json()
        assert uploaded["status"] == "added" and uploaded["format"] == "txt" and len(uploaded["doc_ids"]) == 1
        new_id = uploaded["doc_ids"][0]
        assert new_id in {d["doc_id"] for d in client.get("/v1/documents").json()["documents"]}
        assert client.get("/readyz").json()["documents"] == 3

        same = client.post(
            "/v1/documents", headers=ADMIN, files={"file": ("ke-hoach-12.txt", text.encode(), "text/plain")}
        )
        assert same.status_code == 201 and same.json()["status"] == "unchanged"

        deleted = client.delete(f"/v1/documents/{new_id}", headers={"X-Admin-Key": ADMIN_KEY})
        assert deleted.status_code == 200 and deleted.json() == {"deleted": new_id}
        assert new_id not in {d["doc_id"] for d in client.get("/v1/documents").json()["documents"]}
        assert client.delete(f"/v1/documents/{new_id}", headers=ADMIN).status_code == 404
        assert client.post("/v1/ask", json={"question": QUESTION}).json()["status"] == "answered"


def test_first_upload_makes_an_empty_service_ready(tmp_path: Path, plan_paths: list[Path]) -> None:
    app = make_app(api_settings(tmp_path / "new-index"))
    with (
        LiveServer(app, wait_ready=False) as server,
        httpx.Client(base_url=server.url, timeout=120) as client,
    ):
        app.state.service.holder.wait(60)
        assert client.get("/readyz").json()["status"] == "failed"  # no index yet
        upload = client.post(
            "/v1/documents", headers=ADMIN, files={"file": (plan_paths[0].name, plan_paths[0].read_bytes())}
        )
        assert upload.status_code == 201, upload.text
        assert client.get("/readyz").json() == {"status": "ready", "documents": 1, "error": None}
        assert client.post("/v1/ask", json={"question": QUESTION}).json()["status"] == "answered"
