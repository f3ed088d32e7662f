"""Answers served from the storage Protocols (PLANQA_STORAGE=stores) match a generation's, and follow
adds and removes without a rebuild."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from bot.pipeline import build_pipeline
from bot.settings import Settings
from index.config import IndexConfig, StoreSettings
from index.library import Library
from index.store_snapshot import StoreLexicalIndex, StoreVectorIndex, open_store_library, stores_root
from ingest.normalize import fold_ascii
from tests.facts_support import DIGITAL_PLAN, EDUCATION_PLAN, GENDER_PLAN, HEALTH_PLAN, write_plan

STORES = IndexConfig(stores=StoreSettings(storage="stores"))

QUESTIONS = [
    "Chỉ tiêu 3 của tỉnh Bình Lộc do cơ quan nào chủ trì?",  # owner, scoped by place
    "Chỉ tiêu 1 do cơ quan nào chủ trì?",  # owner, no place
    "Trung tâm Kiểm soát bệnh tật tỉnh có nhiệm vụ gì?",  # duties
    "Sở Nội vụ có nhiệm vụ gì?",  # duties
    "Tổng kinh phí chuyển đổi số của xã Tân Khê là bao nhiêu?",  # scoped free text / budget
    "Tuyên truyền về chuyển đổi số trên hệ thống nào?",  # free text
]


def _comparable(answer: Any) -> dict[str, Any]:
    d = answer.to_dict()
    d.pop("timings_ms")
    return d


@pytest.fixture(scope="module")
def plan_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    files = tmp_path_factory.mktemp("plans")
    return [write_plan(files, "binh_loc_gender.txt", GENDER_PLAN), write_plan(files, "lam_dien_health.txt", HEALTH_PLAN),
            write_plan(files, "tan_khe_digital.txt", DIGITAL_PLAN)]


@pytest.fixture(scope="module")
def generation_pipeline(plan_files: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("gen") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(plan_files)
    assert len(report.ok) == 3, report.failed
    return build_pipeline(Settings(index_dir=root))


def _store_index(plan_files: list[Path], root: Path) -> None:
    lib = open_store_library(root, STORES)
    try:
        report = lib.ingest_paths(plan_files)
        assert len(report.added) == 3, report.failed
    finally:
        lib.close()


def test_stores_answer_as_the_generation_does(plan_files: list[Path], generation_pipeline: Any,
                                                tmp_path: Path) -> None:
    root = tmp_path / "index"
    _store_index(plan_files, root)
    assert (stores_root(root) / "facts.sqlite").exists() and not list(root.glob("gen-*"))
    stores = build_pipeline(Settings(index_dir=root, index=STORES))
    assert isinstance(stores.snapshot.vectors, StoreVectorIndex)
    assert isinstance(stores.snapshot.lexical, StoreLexicalIndex)
    assert set(stores.snapshot.documents) == set(generation_pipeline.snapshot.documents)
    for question in QUESTIONS:
        got, want = stores.ask(question), generation_pipeline.ask(question)
        assert got.status == "answered", (question, got.answer)
        assert _comparable(got) == _comparable(want), question
    owner = stores.ask(QUESTIONS[0])
    assert "lao dong - thuong binh" in fold_ascii(owner.answer).lower()
    assert any(c.doc_number == "73/KH-UBND" for c in owner.citations)


def test_scoped_search_filters_inside_the_store(plan_files: list[Path], tmp_path: Path) -> None:
    root = tmp_path / "index"
    _store_index(plan_files, root)
    pipeline = build_pipeline(Settings(index_dir=root, index=STORES))
    snap = pipeline.snapshot
    health = next(d for d, rec in snap.documents.items() if rec.number == "210/KH-SYT")
    # A question about another plan's words, scoped to the health plan: only the health plan's passages come back.
    hits = pipeline.retriever.retrieve("chuyển đổi số hồ sơ trực tuyến", k=5, doc_ids={health})
    assert hits and {h.doc_id for h in hits} == {health}
    unscoped = pipeline.retriever.retrieve("chuyển đổi số hồ sơ trực tuyến", k=5)
    assert unscoped[0].doc_id != health


def test_add_and_remove_change_answers_without_a_rebuild(plan_files: list[Path], tmp_path: Path) -> None:
    root = tmp_path / "index"
    _store_index(plan_files, root)
    pipeline = build_pipeline(Settings(index_dir=root, index=STORES))
    question = "Phòng Văn hóa - Xã hội của phường An Thạnh có nhiệm vụ gì?"
    before = pipeline.ask(question)
    assert "kiem tra cong tac pho cap" not in fold_ascii(before.answer).lower()

    lib = open_store_library(root, STORES)
    try:
        report = lib.ingest_paths([write_plan(tmp_path, "an_thanh_education.txt", EDUCATION_PLAN)])
        assert len(report.added) == 1, report.failed
        pipeline.reload()
        added = pipeline.ask(question)
        assert added.status == "answered"
        assert "kiem tra cong tac pho cap" in fold_ascii(added.answer).lower()
        assert any(c.doc_number == "08/KH-UBND" for c in added.citations)

        gender = next(d for d, rec in pipeline.snapshot.documents.items() if rec.number == "73/KH-UBND")
        assert lib.remove(gender)
    finally:
        lib.close()
    pipeline.reload()
    assert gender not in pipeline.snapshot.documents
    gone = pipeline.ask("Chỉ tiêu 3 của tỉnh Bình Lộc do cơ quan nào chủ trì?")
    assert not any(c.doc_number == "73/KH-UBND" for c in gone.citations)
    assert not root.joinpath("gen-000001").exists()  # never a generation rebuild


def test_cli_ingests_into_and_removes_from_the_stores(plan_files: list[Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    import planqa_cli

    monkeypatch.setenv("PLANQA_STORAGE", "stores")
    root = tmp_path / "index"
    assert planqa_cli.main(["ingest", "--quiet", "--index", str(root), *map(str, plan_files[:2])]) == 0
    assert "2 added" in capsys.readouterr().out
    assert (stores_root(root) / "facts.sqlite").exists() and not list(root.glob("gen-*"))
    assert planqa_cli.main(["remove", "--index", str(root), "210/KH-SYT"]) == 0
    assert "removed" in capsys.readouterr().out
    assert planqa_cli.main(["remove", "--index", str(root), "210/KH-SYT"]) == 1
    lib = open_store_library(root, STORES)
    try:
        numbers = {d.meta.get("number") for d in lib.stores.facts.documents()}
    finally:
        lib.close()
    assert numbers == {"73/KH-UBND"}


def test_upload_commits_one_document_and_bad_bytes_change_nothing(tmp_path: Path) -> None:
    from index.store_uploads import StoreDocumentLibrary

    root = tmp_path / "index"
    uploads = root / "uploads"
    uploads.mkdir(parents=True)
    lib = StoreDocumentLibrary(open_store_library(root, STORES))
    try:
        target = uploads / "an_thanh.txt"
        first = lib.ingest_upload(EDUCATION_PLAN.encode(), target)
        assert len(first.ok) == 1 and target.read_text(encoding="utf-8") == EDUCATION_PLAN
        assert lib.ingest_upload(EDUCATION_PLAN.encode(), target).ok == []  # same bytes: unchanged
        bad = lib.ingest_upload(b"", target)  # nothing to index: the stored file and document stay
        assert bad.failed and bad.ok == []
        assert target.read_text(encoding="utf-8") == EDUCATION_PLAN
        assert [d.doc_id for d in lib.lib.stores.facts.documents()] == list(first.ok)
        edited = EDUCATION_PLAN.replace("100% trẻ em 6 tuổi", "99% trẻ em 6 tuổi")
        second = lib.ingest_upload(edited.encode(), target)
        assert second.replaced and [d.doc_id for d in lib.lib.stores.facts.documents()] == list(second.ok)
        assert not list(uploads.glob(".staging-*"))
        assert list(lib.remove("08/KH-UBND")) == list(second.ok)
        assert lib.lib.stores.facts.documents() == []
    finally:
        lib.lib.close()


# ---------------------------------------------------------------- remote profile: milvus-lite + real PostgreSQL


@pytest.fixture(scope="module")
def postgres_server() -> Iterator[Any]:
    from tests.pg_support import running_postgres

    with running_postgres() as server:
        yield server


def test_remote_stores_serve_the_same_facts(plan_files: list[Path], generation_pipeline: Any, postgres_server: Any,
                                            tmp_path: Path) -> None:
    remote = IndexConfig(stores=StoreSettings(vector_store=str(tmp_path / "milvus.db"),
                                              database_url=SecretStr(postgres_server.new_database())))
    lib = open_store_library(tmp_path / "index", remote)
    try:
        assert len(lib.ingest_paths(plan_files).added) == 3
    finally:
        lib.close()
    pipeline = build_pipeline(Settings(index_dir=tmp_path / "index", index=remote))
    assert isinstance(pipeline.snapshot.lexical, StoreLexicalIndex)
    assert set(pipeline.snapshot.documents) == set(generation_pipeline.snapshot.documents)
    for question in QUESTIONS[:4]:  # facts: owners and duties come from PostgreSQL, typed as in a generation
        got, want = pipeline.ask(question), generation_pipeline.ask(question)
        assert got.status == "answered", (question, got.answer)
        assert _comparable(got) == _comparable(want), question
    digital = next(d for d, rec in pipeline.snapshot.documents.items() if rec.number == "19/KH-UBND")
    hits = pipeline.retriever.retrieve("giám sát dịch bệnh vùng lũ", k=3, doc_ids={digital})  # Milvus filters inside
    assert hits and {h.doc_id for h in hits} == {digital}
