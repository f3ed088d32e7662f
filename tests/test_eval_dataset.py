"""The bundled evaluation dataset parses, covers what it claims, and quotes its documents exactly."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import docx
import pytest

from eval.corpus_tools import build_dataset
from eval.corpus_tools.make_documents import all_entries, text_view
from eval.dataset import (
    CATEGORIES,
    CORPUS_DIR,
    DATASETS_DIR,
    HELDOUT_DIR,
    EvalItem,
    load_dataset,
    parse_lines,
)
from eval.errors import DatasetError
from eval.text import collapse_ws, matches

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@cache
def all_items() -> tuple[EvalItem, ...]:
    return tuple(load_dataset("dev")) + tuple(load_dataset("test"))


@cache
def document_text(name: str) -> str:
    """What an eval document says: the file for the sample texts and the synthetic DOCX; the
    source text for authored documents (a scan, a .doc, a workbook say what their source says)."""
    entry = all_entries().get(name)
    if entry is None:
        return (CORPUS_DIR / name).read_text(encoding="utf-8")
    return text_view(entry)


def comparable(text: str) -> str:
    # Whitespace and Unicode composition only: the An Giang file is partly NFD.
    return collapse_ws(unicodedata.normalize("NFC", text))


def test_both_splits_parse_and_total_at_least_300_over_12_documents() -> None:
    dev, test = load_dataset("dev"), load_dataset("test")
    assert len(dev) + len(test) >= 300
    assert {i.split for i in dev} == {"dev"} and {i.split for i in test} == {"test"}
    documents = {d for i in all_items() for d in i.expect.source_docs}
    assert len(documents) >= 12


def test_ids_unique_across_splits() -> None:
    ids = [i.id for i in all_items()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_category_in_each_split(split: str) -> None:
    assert {i.category for i in load_dataset(split)} == set(CATEGORIES)


def test_split_is_by_document() -> None:
    # Dev questions never cite a held-out document; every answered test question cites one.
    heldout = {p.name for p in HELDOUT_DIR.iterdir() if p.is_file()}
    assert len(heldout & {e.file for e in all_entries().values()}) >= 6
    for item in load_dataset("dev"):
        assert not set(item.expect.source_docs) & heldout, item.id
    for item in load_dataset("test"):
        if item.expect.status == "answered":
            assert set(item.expect.source_docs) & heldout, item.id
    assert {e.folder for e in all_entries().values() if e.file in heldout} == {HELDOUT_DIR}


def test_test_split_is_at_least_a_quarter_of_the_questions() -> None:
    dev, test = load_dataset("dev"), load_dataset("test")
    assert len(test) / (len(dev) + len(test)) >= 0.25


def test_variants_and_layouts_are_covered() -> None:
    variants = Counter(v for i in all_items() for v in i.variant)
    for tag in ("english", "no_diacritics", "typo", "topic", "table", "range", "lead_support", "clause",
                "near_miss"):
        assert variants[tag] >= 2, tag
    assert sum(i.language == "en" for i in all_items()) >= 30
    for split in ("dev", "test"):
        layouts = Counter(lay for i in load_dataset(split) for lay in i.layout)
        for layout in ("docx", "doc", "scan", "xlsx", "tcvn3", "portal"):
            assert layouts[layout] >= 5, (split, layout)


def test_authored_documents_cover_the_forms_domains_and_administrations() -> None:
    authored = [e for e in all_entries().values() if e.form != "given"]
    assert len(authored) >= 8
    assert {e.form for e in authored} >= {"scan", "doc", "docx", "xlsx", "tcvn3", "portal"}
    assert len({e.domain for e in authored} - {"children"}) >= 3
    assert {"post2025", "pre2025"} <= {e.admin for e in authored}
    assert any(e.form == "scan" and e.level == "commune" for e in authored)
    for entry in authored:
        assert entry.path.is_file(), entry.file


def test_every_source_doc_exists() -> None:
    for item in all_items():
        for name in item.expect.source_docs:
            assert name in all_entries() and all_entries()[name].path.is_file(), f"{item.id}: {name}"


def test_answered_items_name_sources_and_gold_passages() -> None:
    for item in all_items():
        if item.expect.status == "answered":
            assert item.expect.source_docs, item.id
            assert item.expect.gold_passages, item.id
            assert item.expect.must_contain or item.expect.list_items, item.id
        else:
            assert not item.expect.gold_passages and not item.expect.source_docs, item.id


def test_every_gold_passage_is_verbatim_in_a_source_document() -> None:
    missing = []
    for item in all_items():
        for gold in item.expect.gold_passages:
            texts = [comparable(document_text(d)) for d in item.expect.source_docs]
            if not any(comparable(gold) in t for t in texts):
                missing.append(f"{item.id}: {gold!r}")
    assert not missing, "\n".join(missing)


def test_every_must_contain_pattern_is_satisfiable_from_the_documents() -> None:
    # A pattern no source document satisfies could only be met by a made-up answer.
    unsatisfiable = []
    for item in all_items():
        for pattern in (*item.expect.must_contain, *item.expect.list_items):
            if pattern.startswith("re:") and "|" in pattern:
                continue  # alternations allow English renderings
            if not any(matches(document_text(d), pattern) for d in item.expect.source_docs):
                unsatisfiable.append(f"{item.id}: {pattern!r}")
    assert not unsatisfiable, "\n".join(unsatisfiable)


def test_tcvn3_documents_are_legacy_bytes_that_decode_to_their_text() -> None:
    for entry in all_entries().values():
        if entry.form != "tcvn3":
            continue
        data = entry.path.read_bytes()
        assert b"\xc3" not in data[:200] and data.decode("latin-1").count("\xb8") > 0  # not UTF-8; TCVN3 "á"
        back = "".join(chr(c) for c in data)
        assert "Chñ tr× thùc hiÖn" in back or "chñ tr× thùc hiÖn" in back, entry.file


def test_followups_point_to_an_earlier_item_in_the_same_split() -> None:
    for split in ("dev", "test"):
        seen: set[str] = set()
        for item in load_dataset(split):
            if item.followup_of:
                assert item.followup_of in seen, item.id
            seen.add(item.id)


def test_real_corpus_files_are_unchanged_copies() -> None:
    if not SHARED_CORPUS.is_dir():
        pytest.skip("shared corpus not present")
    for path in SHARED_CORPUS.iterdir():
        if path.is_dir():
            continue
        assert (CORPUS_DIR / path.name).read_bytes() == path.read_bytes(), path.name


def test_dataset_files_match_their_source() -> None:
    assert build_dataset.main(["--check"]) == 0


def test_parse_errors_name_file_and_line() -> None:
    good = json.dumps({"id": "a", "question": "q", "language": "vi", "category": "count",
                       "expect": {"status": "answered"}})
    bad = json.dumps({"id": "b", "question": "q", "language": "fr", "category": "count",
                      "expect": {"status": "answered"}})
    with pytest.raises(DatasetError, match=r"x\.jsonl:2: language"):
        parse_lines([good, bad], source="x.jsonl")
    with pytest.raises(DatasetError, match="duplicate id"):
        parse_lines([good, good], source="x.jsonl")
    with pytest.raises(DatasetError, match=r"x\.jsonl:1: "):
        parse_lines(["{not json"], source="x.jsonl")


def test_bundled_splits_resolve_by_name() -> None:
    assert (DATASETS_DIR / "dev.jsonl").is_file()
    with pytest.raises(DatasetError, match="not found"):
        load_dataset("/nonexistent/file.jsonl")


def test_committed_synthetic_docx_matches_its_generator() -> None:
    from eval.corpus_tools.make_synthetic import OUT_NAME, build_document

    def texts(document: object) -> list[str]:
        parts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
        tables = document.tables  # type: ignore[attr-defined]
        return parts + [cell.text for table in tables for row in table.rows for cell in row.cells]

    assert texts(docx.Document(str(CORPUS_DIR / OUT_NAME))) == texts(build_document())


@pytest.mark.parametrize("folder", [CORPUS_DIR, HELDOUT_DIR])
def test_ingesting_a_document_folder_reads_the_documents_not_their_sources(folder: Path) -> None:
    from index.library import expand_paths

    files, missing = expand_paths([folder])
    assert not missing
    assert {f.name for f in files} == {e.file for e in all_entries().values() if e.folder == folder}
