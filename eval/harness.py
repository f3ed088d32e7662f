"""Run questions through systems and score them: the part of `planqa eval` between CLI and report.

`run_systems` is independent of how systems are built (tests pass fakes); `prepare_systems`
builds the real ones from an index directory, building the index first when asked to.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eval.dataset import CORPUS_DIR, EvalItem, conversations
from eval.errors import EvalError
from eval.scoring import ItemResult, score_item
from eval.systems import (
    ALL_SYSTEMS,
    SystemOutput,
    build_bm25,
    build_dense,
    build_index,
    build_langchain,
    build_planqa,
    make_settings,
    open_index_parts,
)
from eval.systems import System as EvalSystem

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".doc", ".pdf", ".html", ".htm", ".xlsx", ".png", ".jpg", ".jpeg",
                     ".tif", ".tiff")


@dataclass
class EvalRun:
    """Everything a report is written from."""

    dataset: str
    split: str
    systems: list[str]
    results: list[ItemResult]
    meta: dict[str, Any] = field(default_factory=dict)


def corpus_documents(corpus_dir: Path = CORPUS_DIR) -> list[Path]:
    """The plan documents of a corpus folder (its README is documentation, not a plan)."""
    return sorted(
        p
        for p in Path(corpus_dir).iterdir()
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and p.name.lower() != "readme.md"
    )


def _ask(session: Any, question: str) -> SystemOutput:
    try:
        output: SystemOutput = session.ask(question)
        return output
    except Exception as exc:  # one failing question must not end the run; it is scored as wrong
        last = traceback.extract_tb(exc.__traceback__)[-1:] or None
        where = f" at {last[0].filename}:{last[0].lineno}" if last else ""
        return SystemOutput(error=f"{exc.__class__.__name__}: {exc}{where}")


def run_system(system: EvalSystem, items: Sequence[EvalItem], show_progress: bool = True) -> list[ItemResult]:
    """Ask every question, follow-ups in the same session as the question they follow."""
    results: list[ItemResult] = []
    with tqdm(total=len(items), desc=f"eval {system.name}", unit="q", disable=not show_progress) as bar:
        for conversation in conversations(list(items)):
            session = system.new_session()
            for item in conversation:
                output = _ask(session, item.question)
                results.append(score_item(item, system.name, output, system.answers))
                bar.update(1)
    return results


def run_systems(
    systems: Sequence[EvalSystem], items: Sequence[EvalItem], show_progress: bool = True
) -> list[ItemResult]:
    results: list[ItemResult] = []
    for system in systems:
        results.extend(run_system(system, items, show_progress))
    return results


# ---------------------------------------------------------------------------------------------
# Building the real systems


@dataclass
class Prepared:
    systems: list[EvalSystem]
    skipped: dict[str, str]  # system name -> why it could not be built
    meta: dict[str, Any]


def parse_systems(spec: str | None, quick: bool) -> list[str]:
    """The systems named on the command line, in canonical order.

    >>> parse_systems("dense, planqa", quick=False)
    ['planqa', 'dense']
    >>> parse_systems(None, quick=True)
    ['planqa']
    """
    if spec is None:
        return ["planqa"] if quick else list(ALL_SYSTEMS)
    names = [s.strip().lower() for s in spec.split(",") if s.strip()]
    unknown = sorted(set(names) - set(ALL_SYSTEMS))
    if unknown:
        raise EvalError(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(ALL_SYSTEMS)}")
    return [s for s in ALL_SYSTEMS if s in names]


def prepare_systems(
    names: Sequence[str], index_dir: Path, documents: Sequence[Path], build: bool
) -> Prepared:
    """Build the named systems over `index_dir`, ingesting `documents` into it first if `build`."""
    meta: dict[str, Any] = {"index": str(index_dir), "documents": [p.name for p in documents]}
    settings = make_settings(index_dir)
    if build:
        started = time.perf_counter()
        report = build_index(index_dir, documents, settings)
        meta["index_build_s"] = round(time.perf_counter() - started, 2)
        meta["index_counts"] = dict(getattr(report, "counts", {}) or {})
    systems: list[EvalSystem] = []
    skipped: dict[str, str] = {}
    parts = None
    for name in names:
        try:
            if name in ("planqa", "bm25", "dense") and parts is None:
                parts = open_index_parts(index_dir, settings)
            if name == "planqa":
                assert parts is not None
                planqa = build_planqa(settings, parts.source_of)
                systems.append(planqa)
                # Baselines embed queries with the very model instance planqa loaded.
                snapshot = getattr(planqa.pipeline, "snapshot", None)
                parts.embeddings = getattr(snapshot, "embeddings", None) or parts.embeddings
            elif name == "bm25":
                assert parts is not None
                systems.append(build_bm25(parts))
            elif name == "dense":
                assert parts is not None
                systems.append(build_dense(parts))
            elif name == "langchain":
                embeddings = parts.embeddings if parts is not None else open_index_parts(index_dir, settings).embeddings
                systems.append(build_langchain(documents, embeddings))
        except Exception as exc:  # a baseline that cannot be built is reported, not fatal
            skipped[name] = f"{exc.__class__.__name__}: {exc}"
    return Prepared(systems, skipped, meta)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
