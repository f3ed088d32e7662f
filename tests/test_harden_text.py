"""Documents with no indexable text (only punctuation or symbols): refused with a clear 422, and
the lexical index tolerates token lists that are all empty (issue 12, defect 3)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from api_support import ADMIN_KEY, LiveServer, api_settings, make_app

from index.lexical import LexicalIndex
from index.library import Library, current_generation

ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}
PUNCTUATION_ONLY = ["_", "'?:", "- - -", "...", "'?:\n- - -\n...\n_\n"]


def test_lexical_index_of_empty_token_lists_builds_saves_and_searches(tmp_path: Path) -> None:
    index = LexicalIndex()
    index.build(["a", "b"], [[], []])
    assert len(index) == 2
    assert index.search(["x"], k=3) == []
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded.ids == ["a", "b"]
    assert loaded.search(["x"], k=3) == []


def test_lexical_index_saved_over_an_earlier_corpus_forgets_it(tmp_path: Path) -> None:
    index = LexicalIndex()
    index.build(["a"], [["khai_sinh"]])
    index.save(tmp_path / "lex")
    index.build(["b"], [[]])
    index.save(tmp_path / "lex")
    assert LexicalIndex.load(tmp_path / "lex").search(["khai_sinh"], k=3) == []


@pytest.mark.parametrize("text", PUNCTUATION_ONLY)
def test_library_refuses_a_document_with_no_text_to_index(tmp_path: Path, text: str) -> None:
    doc = tmp_path / "dau-cau.txt"
    doc.write_text(text, encoding="utf-8")
    library = Library.create_or_open(tmp_path / "index")
    report = library.ingest_paths([doc])
    assert report.ok == []
    assert report.failed == [("dau-cau.txt", "no text to index")]
    assert current_generation(tmp_path / "index") is None  # nothing half-written


def test_upload_of_punctuation_into_an_empty_index_is_a_422(tmp_path: Path) -> None:
    app = make_app(api_settings(tmp_path / "index", feedback_db=tmp_path / "fb.sqlite3"))
    with LiveServer(app, wait_ready=False) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        for i, text in enumerate(PUNCTUATION_ONLY):
            response = client.post("/v1/documents", headers=ADMIN,
                                   files={"file": (f"p{i}.txt", text.encode(), "text/plain")})
            assert response.status_code == 422, response.text
            assert "no text to index" in response.json()["error"]["message"]
        assert client.get("/healthz").status_code == 200
    assert not list((tmp_path / "index" / "uploads").glob("p*.txt"))  # the refused files are not kept


def test_punctuation_upload_refused_and_every_real_document_can_still_be_removed(index_copy: Path,
                                                                                tmp_path: Path) -> None:
    app = make_app(api_settings(index_copy, feedback_db=tmp_path / "fb.sqlite3"))
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        response = client.post("/v1/documents", headers=ADMIN,
                               files={"file": ("gach.txt", b"- - -\n...\n", "text/plain")})
        assert response.status_code == 422, response.text
        assert "no text to index" in response.json()["error"]["message"]
        doc_ids = [d["doc_id"] for d in client.get("/v1/documents").json()["documents"]]
        assert len(doc_ids) == 2
        for doc_id in doc_ids:
            response = client.delete(f"/v1/documents/{doc_id}", headers=ADMIN)
            assert response.status_code == 200, response.text
    assert Library.create_or_open(index_copy).counts()["documents"] == 0
