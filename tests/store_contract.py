"""The storage contract (index.stores.base) as tests, run against every profile.

A profile's test module imports these tests (`from store_contract import *`) and defines three
fixtures returning *fresh, empty* stores: `make_vector_store` (a callable taking the dimension),
`make_lexical_store` and `make_fact_store` (callables taking nothing). The same assertions then
hold for the embedded stores and for Milvus/PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from facts_support import GENDER_PLAN, HEALTH_PLAN, parse_text

from index.stores.base import DocFilter, FactStore, LexicalStore, StoredPassage, VectorStore

__all__ = [
    "test_facts_lookup_by_indicator_and_body",
    "test_facts_roundtrip_typed",
    "test_facts_upsert_replaces_and_delete_removes",
    "test_lexical_filter_inside_search",
    "test_lexical_upsert_replaces_and_delete_removes",
    "test_vector_filter_inside_search",
    "test_vector_upsert_replaces_and_delete_removes",
]


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_vector_upsert_replaces_and_delete_removes(make_vector_store: Callable[[int], VectorStore]) -> None:
    store = make_vector_store(4)
    assert isinstance(store, VectorStore)
    store.upsert("d1", ["d1:a", "d1:b"], _unit(np.array([[1, 0, 0, 0], [0, 1, 0, 0]])))
    store.upsert("d2", ["d2:a"], _unit(np.array([[0, 0, 1, 0]])))
    assert store.count() == 3
    hits = store.search(_unit(np.array([[1, 0.1, 0, 0]]))[0], k=1)
    assert [(h.id, h.doc_id) for h in hits] == [("d1:a", "d1")]
    # Upsert replaces the document's vectors: the old ids are gone.
    store.upsert("d1", ["d1:c"], _unit(np.array([[0, 0, 0, 1]])))
    assert store.count() == 2
    assert {h.id for h in store.search(_unit(np.array([[1, 0, 0, 0]]))[0], k=10)} == {"d1:c", "d2:a"}
    assert store.delete_document("d1") == 1
    assert store.delete_document("d1") == 0
    assert [h.id for h in store.search(_unit(np.array([[0, 0, 0, 1]]))[0], k=10)] == ["d2:a"]


def test_vector_filter_inside_search(make_vector_store: Callable[[int], VectorStore]) -> None:
    """A document's vectors are found by a filtered search even when 200 closer ones belong to others."""
    store = make_vector_store(4)
    rng = np.random.default_rng(7)
    near = _unit(np.array([[1, 0, 0, 0]]) + rng.normal(0, 0.01, size=(200, 4)))
    for n in range(20):
        store.upsert(f"other{n}", [f"other{n}:{i}" for i in range(10)], near[n * 10:(n + 1) * 10])
    store.upsert("mine", ["mine:0"], _unit(np.array([[0, 1, 0, 0]])))
    query = _unit(np.array([[1, 0, 0, 0]]))[0]
    assert "mine:0" not in {h.id for h in store.search(query, k=5)}
    hits = store.search(query, k=5, where=DocFilter(doc_ids=frozenset({"mine"})))
    assert [h.id for h in hits] == ["mine:0"]
    assert store.search(query, k=5, where=DocFilter(doc_ids=frozenset({"absent"}))) == []


def _passages(doc_id: str, texts: list[str]) -> list[StoredPassage]:
    return [StoredPassage(id=f"{doc_id}:{i}", doc_id=doc_id, tokens=t) for i, t in enumerate(texts)]


def test_lexical_upsert_replaces_and_delete_removes(make_lexical_store: Callable[[], LexicalStore]) -> None:
    store = make_lexical_store()
    assert isinstance(store, LexicalStore)
    store.upsert("d1", _passages("d1", ["sở y_tế chủ_trì tiêm_chủng", "sở tư_pháp khai_sinh"]))
    store.upsert("d2", _passages("d2", ["bình_đẳng giới phụ_nữ"]))
    assert store.count() == 3
    assert [h.id for h in store.search(["khai_sinh"], k=5)] == ["d1:1"]
    store.upsert("d1", _passages("d1", ["giáo_dục mầm_non"]))
    assert store.count() == 2
    assert store.search(["khai_sinh"], k=5) == []
    assert store.delete_document("d2") == 1
    assert store.search(["giới"], k=5) == []
    assert [h.doc_id for h in store.search(["mầm_non"], k=5)] == ["d1"]


def test_lexical_filter_inside_search(make_lexical_store: Callable[[], LexicalStore]) -> None:
    """The scoped document's passage survives although 300 better matches come from other documents."""
    store = make_lexical_store()
    for n in range(30):
        store.upsert(f"other{n}", _passages(f"other{n}", ["khai_sinh khai_sinh đăng_ký khai_sinh"] * 10))
    store.upsert("mine", _passages("mine", ["báo_cáo kết_quả đăng_ký khai_sinh hằng năm và các nội_dung khác"]))
    assert "mine" not in {h.doc_id for h in store.search(["khai_sinh"], k=10)}
    hits = store.search(["khai_sinh"], k=10, where=DocFilter(doc_ids=frozenset({"mine"})))
    assert [h.id for h in hits] == ["mine:0"]


def test_facts_roundtrip_typed(make_fact_store: Callable[[], FactStore], tmp_path: Path) -> None:
    store = make_fact_store()
    assert isinstance(store, FactStore)
    doc = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    store.upsert_document(doc)
    [info] = store.documents()
    assert (info.doc_id, info.source, info.content_hash) == (doc.doc_id, doc.source, doc.content_hash)
    assert store.document_text(doc.doc_id) == doc.text
    assert store.indicators(doc.doc_id) == doc.indicators
    assert doc.assignments and sorted(store.assignments(doc.doc_id), key=lambda a: a.id) == sorted(
        doc.assignments, key=lambda a: a.id)
    assert store.plan_facts(doc.doc_id) == doc.plan_facts
    wanted = [c.id for c in doc.chunks[:2]]
    assert sorted(c.id for c in store.chunks(wanted)) == sorted(wanted)
    assert {c.id: c for c in store.chunks(wanted)} == {c.id: c for c in doc.chunks[:2]}


def test_facts_lookup_by_indicator_and_body(make_fact_store: Callable[[], FactStore], tmp_path: Path) -> None:
    store = make_fact_store()
    docs = [parse_text(tmp_path, "gender.txt", GENDER_PLAN), parse_text(tmp_path, "health.txt", HEALTH_PLAN)]
    for d in docs:
        store.upsert_document(d)
    for d in docs:
        for a in d.assignments:
            found = store.assignments(d.doc_id, indicator_number=a.indicator_number)
            assert a in found and all(f.doc_id == d.doc_id and f.indicator_number == a.indicator_number for f in found)
            by_body = store.assignments(agency_key=a.agency_key)
            assert a in by_body and all(f.agency_key == a.agency_key for f in by_body)
        for i in d.indicators:
            if i.number is not None:
                assert i in store.indicators(d.doc_id, i.number)
        for duty in d.duties:
            assert duty in store.duties(d.doc_id, duty.agency_key)
    assert store.indicators("absent") == [] and store.assignments("absent") == []


def test_facts_upsert_replaces_and_delete_removes(make_fact_store: Callable[[], FactStore], tmp_path: Path) -> None:
    store = make_fact_store()
    doc = parse_text(tmp_path, "gender.txt", GENDER_PLAN)
    store.upsert_document(doc)
    store.upsert_document(doc)  # idempotent: no duplicate rows
    assert len(store.documents()) == 1
    assert len(store.indicators(doc.doc_id)) == len(doc.indicators)
    other = parse_text(tmp_path, "health.txt", HEALTH_PLAN)
    store.upsert_document(other)
    place = other.meta.place
    if place:
        assert [d.doc_id for d in store.documents(DocFilter(place=place))] == [other.doc_id]
    assert store.delete_document(doc.doc_id) is True
    assert store.delete_document(doc.doc_id) is False
    assert store.indicators(doc.doc_id) == [] and store.plan_facts(doc.doc_id) == type(doc.plan_facts)()
    assert [d.doc_id for d in store.documents()] == [other.doc_id]
