"""The report writer turns a small hand-made run into report.md, summary.json, results.jsonl and PNGs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.harness import EvalRun
from eval.report import load_results, render_markdown, write_report
from eval.scoring import ItemResult, summarize

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _planqa(item_id: str, category: str, correct: bool, latency: float, **kw: object) -> ItemResult:
    base: dict[str, object] = {
        "item_id": item_id,
        "system": "planqa",
        "category": category,
        "language": "vi",
        "question": f"câu hỏi {item_id}",
        "split": "dev",
        "expected": {"status": "answered", "must_contain": ["Sở Tư pháp"], "source_docs": ["a.txt"]},
        "got": {"status": "answered", "answer": "Sở Tư pháp" if correct else "Sở Y tế", "sources": ["a.txt"]},
        "correct": correct,
        "reasons": [] if correct else ["missing 'Sở Tư pháp'"],
        "latency_ms": latency,
        "retrieval": {"recall@5": 1.0, "recall@10": 1.0, "mrr@10": 0.5, "ndcg@10": 0.63,
                      "sufficient@4": 1.0, "sufficient@10": 1.0},
        "citations_supported": 1,
        "citations_total": 2,
        "source_ok": True,
        "source_recall": 1.0,
        "lead_counts": [1, 0, 0] if correct else [0, 1, 1],
    }
    base.update(kw)
    return ItemResult(**base)  # type: ignore[arg-type]


def _bm25(item_id: str, category: str, sufficient: bool | None) -> ItemResult:
    return ItemResult(
        item_id=item_id,
        system="bm25",
        category=category,
        language="en" if item_id.endswith("en") else "vi",
        question=f"q {item_id}",
        answers=False,
        expected={"status": "answered", "must_contain": []},
        got={"passages": ["[a.txt] 2. Sở Tư pháp"]},
        correct=sufficient,
        reasons=[] if sufficient else ["passages lack: 'Hướng dẫn'"],
        latency_ms=2.0,
        retrieval={"recall@5": 1.0 if sufficient else 0.0, "mrr@10": 1.0 if sufficient else 0.0},
    )


@pytest.fixture
def run() -> EvalRun:
    results = [
        _planqa("own-1", "owner_of_indicator", True, 12.0),
        _planqa("own-2", "owner_of_indicator", False, 30.0, variant=["no_diacritics"]),
        _planqa("none-1", "unanswerable", True, 5.0,
                expected={"status": "not_found", "must_contain": [], "source_docs": []},
                got={"status": "not_found", "answer": "Không tìm thấy."},
                citations_total=0, citations_supported=0, source_ok=None, lead_counts=None, retrieval={}),
        _bm25("own-1", "owner_of_indicator", True),
        _bm25("own-2", "owner_of_indicator", False),
        _bm25("none-1", "unanswerable", None),
    ]
    return EvalRun("eval/datasets/dev.jsonl", "dev", ["planqa", "bm25"], results,
                   {"documents": ["a.txt"], "index": "/tmp/x", "generated_at": "2025-01-01T00:00:00+00:00",
                    "duration_s": 1.5, "skipped": {"dense": "ImportError: no module"}})


def test_summary_numbers(run: EvalRun) -> None:
    summary = summarize(run.results)
    planqa, bm25 = summary["planqa"], summary["bm25"]
    assert planqa["accuracy"] == pytest.approx(2 / 3)
    assert planqa["by_category"]["owner_of_indicator"] == {"accuracy": 0.5, "n": 2}
    assert planqa["citation_precision"] == pytest.approx(2 / 4)
    assert planqa["owner_leads"]["precision"] == pytest.approx(1 / 2)
    assert planqa["abstention"]["precision"] == 1.0 and planqa["abstention"]["recall"] == 1.0
    assert planqa["latency_ms"]["p50"] == 12.0
    assert bm25["scored"] == 2 and bm25["accuracy"] == 0.5
    assert "owner_leads" not in bm25


def test_write_report_produces_every_file(run: EvalRun, tmp_path: Path) -> None:
    paths = write_report(run, tmp_path / "out")
    for name in ("report", "summary", "results", "chart_category", "chart_latency"):
        assert paths[name].is_file(), name
    for name in ("chart_category", "chart_latency"):
        assert paths[name].read_bytes()[:8] == PNG_MAGIC
    summary = json.loads(paths["summary"].read_text(encoding="utf-8"))
    assert summary["split"] == "dev" and summary["questions"] == 3
    assert set(summary["systems"]) == {"planqa", "bm25"}
    assert load_results(paths["results"]) == run.results


def test_markdown_shows_systems_side_by_side_and_failures(run: EvalRun) -> None:
    md = render_markdown(run, summarize(run.results))
    assert "**Split: `dev`**" in md
    assert "| metric | planqa | bm25 |" in md
    assert "| owner_of_indicator | 2 | 0.500 | 0.500 |" in md
    assert "## Accuracy by language" in md and "no_diacritics" in md
    assert "### `own-2`" in md and "missing 'Sở Tư pháp'" in md  # planqa failure with expected/got
    assert "passages lack" in md  # bm25 failure table
    assert "skipped dense" in md
    assert "n/a" in md  # answer-only metrics are not applicable to bm25


def test_report_without_charts(run: EvalRun, tmp_path: Path) -> None:
    paths = write_report(run, tmp_path, charts=False)
    assert "chart_category" not in paths and not (tmp_path / "latency.png").exists()


def test_accuracy_by_layout_and_split_and_list_completeness() -> None:
    results = [
        _planqa("a", "list", True, 5.0, layout=["xlsx"], split="dev", list_completeness=1.0),
        _planqa("b", "list", False, 5.0, layout=["scan"], split="test", list_completeness=0.5),
        _planqa("c", "owner_of_indicator", True, 5.0, layout=["scan", "txt"], split="test"),
        _planqa("d", "unanswerable", True, 5.0, layout=[], split="test"),
    ]
    summary = summarize(results)["planqa"]
    assert summary["by_layout"]["scan"] == {"accuracy": 0.5, "n": 2}
    assert summary["by_layout"]["xlsx"]["accuracy"] == 1.0 and summary["by_layout"]["none"]["n"] == 1
    assert summary["by_split"]["dev"]["accuracy"] == 1.0
    assert summary["by_split"]["test"] == {"accuracy": pytest.approx(2 / 3), "n": 3}
    assert summary["by_split_category"]["test · list"]["accuracy"] == 0.0
    assert summary["list_completeness"] == 0.75
    all_run = EvalRun("datasets/all", "all", ["planqa"], results, {})
    text = render_markdown(all_run, {"planqa": summary})
    assert "## Accuracy by layout" in text and "## Accuracy by split and category" in text
    # A run over both splits lists dev failures only: held-out questions stay unseen.
    assert "câu hỏi b" not in text and "not listed (1 across systems)" in text
