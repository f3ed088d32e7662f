"""Bad input gets a 4xx with a clear JSON error; the service keeps serving and loses nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import ADMIN_KEY, LiveServer, api_settings, load_pipeline, make_app, ready_client
from docgen import make_docx_bomb

QUESTION = "Chỉ tiêu 14 do cơ quan nào chủ trì?"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
MB = 1024 * 1024


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message"} and error["message"].strip()
    assert "Traceback" not in response.text and 'File "' not in response.text
    if code:
        assert error["code"] == code, error
    return dict(error)


def still_serving(client: httpx.Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.post("/v1/ask", json={"question": QUESTION}).json()["status"] == "answered"


@pytest.mark.parametrize(
    "body",
    [b"{bad json", b'{"question": "x",}', b"[1, 2", b"\xff\xfe\x00garbage", b'{"question": "unterminated'],
)
def test_malformed_json(shared_client: httpx.Client, body: bytes) -> None:
    response = shared_client.post("/v1/ask", content=body, headers={"Content-Type": "application/json"})
    assert "not valid JSON" in assert_error(response, 400, "malformed_json")["message"]
    still_serving(shared_client)


def test_malformed_json_has_its_own_code(shared_client: httpx.Client) -> None:
    response = shared_client.post("/v1/ask", content=b"{bad", headers={"Content-Type": "application/json"})
    assert "not valid JSON" in assert_error(response, 400, "malformed_json")["message"]


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
@pytest.mark.parametrize("path", ["/v1/ask", "/v1/ask/stream", "/v1/feedback"])
def test_wrong_content_type(shared_client: httpx.Client, content_type: str | None, path: str) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = shared_client.post(path, content='{"question": "Chỉ tiêu 14?"}'.encode(), headers=headers)
    assert_error(response, 415, "unsupported_media_type")


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "invalid_request"),
        ({"question": 42}, "invalid_request"),
        ({"question": ["a"]}, "invalid_request"),
        ({"question": QUESTION, "extra": 1}, "invalid_request"),
        ({"question": QUESTION, "conversation_id": "../../etc"}, "invalid_request"),
        ({"question": "   "}, "empty_question"),
        ({"question": "第十四项指标由哪个机构负责?"}, "bad_question"),  # refused by the pipeline itself
        ("just a string", "invalid_request"),
        ([QUESTION], "invalid_request"),
    ],
)
def test_invalid_fields(shared_client: httpx.Client, payload: Any, code: str) -> None:
    assert_error(shared_client.post("/v1/ask", json=payload), 422, code)


def test_question_of_ten_thousand_characters(shared_client: httpx.Client) -> None:
    long_question = ("Chỉ tiêu 14 do cơ quan nào chủ trì " * 300)[:10_000]
    for path in ("/v1/ask", "/v1/ask/stream"):
        error = assert_error(
            shared_client.post(path, json={"question": long_question}), 422, "question_too_long"
        )
        assert "2000" in error["message"]
    still_serving(shared_client)


def test_fifty_megabyte_body(shared_client: httpx.Client) -> None:
    body = b'{"question": "' + b"a" * (50 * MB) + b'"}'
    declared = shared_client.post("/v1/ask", content=body, headers={"Content-Type": "application/json"})
    assert_error(declared, 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: refused while reading
        yield b'{"question": "'
        for _ in range(50):
            yield b"a" * MB

    streamed = shared_client.post("/v1/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(streamed, 413, "payload_too_large")
    still_serving(shared_client)


def test_unknown_ids(shared_client: httpx.Client) -> None:
    assert_error(
        shared_client.post("/v1/ask", json={"question": QUESTION, "doc_id": "nope"}), 404, "unknown_document"
    )
    assert_error(shared_client.get("/v1/sources/c-doesnotexist"), 404, "unknown_source")
    assert_error(shared_client.get("/v1/sources/c-doesnotexist:10-20"), 404, "unknown_source")
    assert_error(
        shared_client.post("/v1/feedback", json={"answer_id": "0" * 32, "rating": "up"}),
        404,
        "unknown_answer",
    )
    assert_error(shared_client.delete("/v1/documents/nope", headers=ADMIN), 404, "unknown_document")
    assert_error(shared_client.get("/v1/nothing-here"), 404, "not_found")
    assert_error(shared_client.put("/v1/ask", json={"question": QUESTION}), 405, "method_not_allowed")


def test_bad_feedback(shared_client: httpx.Client) -> None:
    answer = shared_client.post("/v1/ask", json={"question": QUESTION}).json()
    bad = [
        {"answer_id": answer["answer_id"], "rating": "meh"},
        {"answer_id": "not-an-id", "rating": "up"},
        {"answer_id": answer["answer_id"], "rating": "up", "comment": "x" * 2001},
    ]
    for payload in bad:
        assert_error(shared_client.post("/v1/feedback", json=payload), 422, "invalid_request")


def _docx_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ole_with_stream(name: str) -> bytes:
    """A legacy Office file holding one stream: "Workbook" is what an old Excel .xls holds."""
    olefile = pytest.importorskip("olefile")
    docgen = pytest.importorskip("docgen")
    data = bytearray(docgen.DOC_FIXTURE.read_bytes())
    at = data.find("WordDocument".encode("utf-16-le"))
    data[at : at + 24] = (name + "\0" * (12 - len(name))).encode("utf-16-le")
    data[at + 64 : at + 66] = (2 * (len(name) + 1)).to_bytes(2, "little")
    assert olefile.OleFileIO(bytes(data)).exists(name)
    return bytes(data)


DOCX_SKELETON = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}


@pytest.fixture
def upload_client(index_copy: Path) -> Iterator[httpx.Client]:
    yield from ready_client(
        make_app(api_settings(index_copy, max_upload_bytes=2 * MB, max_docx_expanded_bytes=64 * MB))
    )


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("ke-hoach.pdf", bytes(range(256)) * 64, 415, "not_a_document"),
        ("anh.docx", b"\x89PNG\r\n\x1a\n" + bytes(4096), 422, "corrupt_document"),
        ("bang-tinh.docx", _docx_bytes({"xl/workbook.xml": b"<workbook/>"}), 415, "not_a_document"),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), 422, "corrupt_document"),
        ("bang.xls", _ole_with_stream("Workbook"), 415, "unsupported_format"),
        ("hong.docx", b"PK\x03\x04" + bytes(100), 422, "corrupt_document"),
        ("rong.txt", b"", 422, "empty_document"),
        (
            "bomb.docx",
            _docx_bytes({**DOCX_SKELETON, "word/media/x.xml": b"0" * (200 * MB)}),
            413,
            "file_too_large",
        ),
        (
            "evil.docx",
            _docx_bytes({**DOCX_SKELETON, "../../../tmp/evil.sh": b"echo"}),
            422,
            "corrupt_document",
        ),
        ("lon.txt", b"a" * (2 * MB + 10), 413, "file_too_large"),
        ("rat-lon.txt", b"a" * (3 * MB), 413, "payload_too_large"),
    ],
)
def test_bad_uploads(upload_client: httpx.Client, name: str, data: bytes, status: int, code: str) -> None:
    before = upload_client.get("/v1/documents").json()["documents"]
    response = upload_client.post(
        "/v1/documents", headers=ADMIN, files={"file": (name, data, "application/octet-stream")}
    )
    assert_error(response, status, code)
    assert upload_client.get("/v1/documents").json()["documents"] == before
    still_serving(upload_client)


def test_docx_bomb_built_like_a_real_one(upload_client: httpx.Client, tmp_path: Path) -> None:
    bomb = make_docx_bomb(tmp_path / "bomb.docx", expanded_bytes=300 * MB)
    response = upload_client.post(
        "/v1/documents",
        headers=ADMIN,
        files={"file": ("bomb.docx", bomb.read_bytes(), "application/octet-stream")},
    )
    assert_error(response, 413, "file_too_large")
    still_serving(upload_client)


def test_upload_needs_multipart_with_a_file(upload_client: httpx.Client) -> None:
    assert_error(
        upload_client.post("/v1/documents", headers=ADMIN, json={"file": "x"}), 415, "unsupported_media_type"
    )
    missing = upload_client.post(
        "/v1/documents", headers=ADMIN, data={"other": "x"}, files={"x": ("a.txt", b"a")}
    )
    assert_error(missing, 400, "missing_file")
    broken = upload_client.post(
        "/v1/documents",
        content=b"--x\r\nnot a form",
        headers={**ADMIN, "Content-Type": "multipart/form-data; boundary=x"},
    )
    assert "multipart" in assert_error(broken, 400, "bad_request")["message"]


def test_upload_file_name_cannot_escape(upload_client: httpx.Client, index_copy: Path) -> None:
    text = "KẾ HOẠCH\nSố: 7/KH-UBND\nI. MỤC TIÊU\n- Chỉ tiêu 2: 90% xã có điểm vui chơi cho trẻ em.\n"
    response = upload_client.post(
        "/v1/documents", headers=ADMIN, files={"file": ("../../../outside.txt", text.encode(), "text/plain")}
    )
    assert response.status_code == 201, response.text
    assert response.json()["source"] == "outside.txt"
    assert (index_copy / "uploads" / "outside.txt").exists()
    assert not (index_copy.parent / "outside.txt").exists()


def test_unexpected_errors_never_show_a_stack_trace(shared_index: Path, tmp_path: Path) -> None:
    real = load_pipeline(shared_index)

    class Exploding:
        def ask(self, question: str, conversation: Any = None, doc_id: str | None = None) -> Any:
            if "boom" in question:
                raise RuntimeError("internal detail /srv/secret/path")
            return real.ask(question, conversation, doc_id)

        def documents(self) -> list[dict[str, Any]]:
            return list(real.documents())

        def passage(self, ref: str) -> dict[str, Any] | None:
            return real.passage(ref)  # type: ignore[no-any-return]

        def reload(self) -> None:
            real.reload()

    app = make_app(api_settings(shared_index, feedback_db=tmp_path / "f.sqlite3"))
    app.state.service.holder._factory = Exploding
    for client in ready_client(app):
        response = client.post("/v1/ask", json={"question": "boom"})
        error = assert_error(response, 500, "internal_error")
        assert "secret" not in response.text and "RuntimeError" not in response.text
        assert error["message"]
        still_serving(client)


def test_missing_index_is_reported_not_crashed(tmp_path: Path) -> None:
    app = make_app(api_settings(tmp_path / "no-index-here", feedback_db=tmp_path / "f.sqlite3"))
    with LiveServer(app, wait_ready=False) as server, httpx.Client(base_url=server.url) as client:
        app.state.service.holder.wait(60)
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["status"] == "failed"
        assert ready.json()["error"]["message"]
        response = client.post("/v1/ask", json={"question": QUESTION})
        assert_error(response, 503, "index_unavailable")
        assert int(response.headers["Retry-After"]) > 0
        assert client.get("/healthz").status_code == 200
