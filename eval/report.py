"""Write an evaluation run to a folder: report.md, summary.json, results.jsonl and PNG charts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eval.dataset import CATEGORIES
from eval.harness import EvalRun
from eval.scoring import ItemResult, summarize

REPORT_MD = "report.md"
SUMMARY_JSON = "summary.json"
RESULTS_JSONL = "results.jsonl"
CATEGORY_PNG = "accuracy_by_category.png"
LAYOUTS = ("txt", "docx", "doc", "pdf", "scan", "xlsx", "tcvn3", "portal", "html", "multi", "none")
LATENCY_PNG = "latency.png"
MAX_FAILURES_SHOWN = 200


def fmt(value: Any, digits: int = 3) -> str:
    """A table cell: numbers rounded, missing values as an em dash.

    >>> fmt(0.81234), fmt(None), fmt(12), fmt(3.14159, 1)
    ('0.812', '—', '12', '3.1')
    """
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _md_escape(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_md_escape(c) for c in row) + " |" for row in rows]
    return lines


def _get(summary: dict[str, Any], path: str) -> Any:
    value: Any = summary
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


# (label, path in the summary, applies to retrieval-only systems too)
_SIDE_BY_SIDE: list[tuple[str, str, bool]] = [
    ("accuracy (answers; retrieval-only: context sufficiency)", "accuracy", True),
    ("questions scored", "scored", True),
    ("owner leads precision", "owner_leads.precision", False),
    ("owner leads recall", "owner_leads.recall", False),
    ("owner leads F1", "owner_leads.f1", False),
    ("owner supports F1", "owner_supports.f1", False),
    ("citation precision", "citation_precision", False),
    ("list completeness (share of expected items)", "list_completeness", False),
    ("source-document correctness", "source_doc_correct", False),
    ("section hit", "section_hit", False),
    ("abstention precision", "abstention.precision", False),
    ("abstention recall", "abstention.recall", False),
    ("retrieval recall@5", "retrieval.recall@5", True),
    ("retrieval recall@10", "retrieval.recall@10", True),
    ("retrieval MRR@10", "retrieval.mrr@10", True),
    ("retrieval nDCG@10", "retrieval.ndcg@10", True),
    ("context sufficiency@4", "retrieval.sufficient@4", True),
    ("context sufficiency@10", "retrieval.sufficient@10", True),
    ("latency p50 (ms)", "latency_ms.p50", True),
    ("latency p95 (ms)", "latency_ms.p95", True),
    ("errors", "errors", True),
]


def _side_by_side(summaries: dict[str, dict[str, Any]]) -> list[str]:
    names = list(summaries)
    rows = []
    for label, path, everywhere in _SIDE_BY_SIDE:
        digits = 1 if path.startswith("latency") else 3
        row = [label]
        for name in names:
            applies = everywhere or summaries[name].get("answers")
            row.append(fmt(_get(summaries[name], path), digits) if applies else "n/a")
        rows.append(row)
    return _table(["metric", *names], rows)


def _breakdown(summaries: dict[str, dict[str, Any]], key: str, order: Sequence[str] | None = None) -> list[str]:
    names = list(summaries)
    groups: list[str] = list(order or [])
    for summary in summaries.values():
        groups += [g for g in summary.get(key, {}) if g not in groups]
    rows = []
    for group in groups:
        cells = [summaries[n].get(key, {}).get(group) for n in names]
        if not any(cells):
            continue
        count = next((c["n"] for c in cells if c), 0)
        rows.append([group, str(count)] + [fmt(c["accuracy"]) if c else "—" for c in cells])
    return _table([key.removeprefix("by_"), "n", *names], rows)


def _failure_block(r: ItemResult) -> list[str]:
    got = dict(r.got)
    lines = [
        f"### `{r.item_id}` ({r.category}, {r.language}{', ' + ', '.join(r.variant) if r.variant else ''})",
        "",
        f"- **question**: {r.question}" + (f" (follow-up of `{r.followup_of}`)" if r.followup_of else ""),
        f"- **expected**: {json.dumps(r.expected, ensure_ascii=False)}",
        f"- **got**: {json.dumps(got, ensure_ascii=False)[:1500]}",
        f"- **why**: {'; '.join(r.reasons) or 'see above'}",
        "",
    ]
    return lines


def _failures(results: Sequence[ItemResult], split: str = "") -> list[str]:
    lines: list[str] = []
    if split == "all":
        # A run over both splits is what developers look at: held-out questions stay unseen.
        hidden = sum(1 for r in results if r.split == "test" and r.correct is False)
        results = [r for r in results if r.split != "test"]
        lines += [f"Failures on held-out test questions are not listed ({hidden} across systems); "
                  "run `--dataset test` to see them (lead only).", ""]
    for system in dict.fromkeys(r.system for r in results):
        failed = [r for r in results if r.system == system and r.correct is False]
        lines += [f"## Failures: {system} ({len(failed)})", ""]
        if not failed:
            lines += ["None.", ""]
            continue
        if results and not next(r for r in results if r.system == system).answers:
            rows = [[f"`{r.item_id}`", r.category, r.question, "; ".join(r.reasons)] for r in failed]
            lines += [*_table(["id", "category", "question", "missing from the passages"], rows), ""]
            continue
        for r in failed[:MAX_FAILURES_SHOWN]:
            lines += _failure_block(r)
    return lines


def _header(run: EvalRun, summaries: dict[str, dict[str, Any]]) -> list[str]:
    meta = run.meta
    n_questions = len({r.item_id for r in run.results})
    lines = [
        "# planqa evaluation report",
        "",
        f"**Split: `{run.split}`** ({n_questions} questions from `{run.dataset}`). "
        + ("Tune on dev only; quote test numbers as held-out results." if run.split in ("dev", "test") else ""),
        "",
        f"- generated: {meta.get('generated_at', '—')}; duration: {fmt(meta.get('duration_s'), 1)} s",
        f"- documents: {', '.join(meta.get('documents', [])) or '—'}",
        f"- index: {meta.get('index', '—')}"
        + (f" (built in {fmt(meta.get('index_build_s'), 1)} s)" if meta.get("index_build_s") is not None else ""),
        f"- systems: {', '.join(summaries) or '—'}",
    ]
    for name, why in (meta.get("skipped") or {}).items():
        lines.append(f"- **skipped {name}**: {why}")
    lines += [
        "",
        "Retrieval-only systems (bm25, dense, langchain) have no answer: their accuracy is context "
        "sufficiency (every gold passage and every required pattern is in the passages they return: "
        "top 10 for bm25/dense, top 4 for langchain), an upper bound for a reader of those passages; "
        "they are not scored on unanswerable questions.",
        "",
    ]
    return lines


def render_markdown(run: EvalRun, summaries: dict[str, dict[str, Any]]) -> str:
    lines = _header(run, summaries)
    lines += ["## Systems side by side", "", *_side_by_side(summaries), ""]
    lines += ["## Accuracy by category", "", *_breakdown(summaries, "by_category", CATEGORIES), ""]
    lines += ["## Accuracy by language", "", *_breakdown(summaries, "by_language", ["vi", "en"]), ""]
    lines += ["## Accuracy by variant", "", *_breakdown(summaries, "by_variant"), ""]
    lines += ["## Accuracy by layout", "",
              "Layout of the documents a question is about (`none`: questions no document answers).", "",
              *_breakdown(summaries, "by_layout", LAYOUTS), ""]
    lines += ["## Accuracy by split", "", *_breakdown(summaries, "by_split", ["dev", "test"]), ""]
    if run.split == "all":
        lines += ["## Accuracy by split and category", "", *_breakdown(summaries, "by_split_category"), ""]
    lines += _failures(run.results, run.split)
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# Charts


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display; must precede pyplot's import
    import matplotlib.pyplot as plt

    return plt


def chart_accuracy_by_category(summaries: dict[str, dict[str, Any]], path: Path) -> None:
    plt = _pyplot()
    categories = [c for c in CATEGORIES if any(c in s.get("by_category", {}) for s in summaries.values())]
    fig, ax = plt.subplots(figsize=(max(8.0, 1.2 * len(categories)), 4.8))
    width = 0.8 / max(len(summaries), 1)
    for i, (name, summary) in enumerate(summaries.items()):
        values = [(_get(summary, f"by_category.{c}.accuracy") or 0.0) for c in categories]
        positions = [x + i * width for x in range(len(categories))]
        ax.bar(positions, values, width=width, label=name)
    ax.set_xticks([x + width * (len(summaries) - 1) / 2 for x in range(len(categories))])
    ax.set_xticklabels([c.replace("_", "\n") for c in categories], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("accuracy (retrieval-only: context sufficiency)")
    ax.set_title("Accuracy by category")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def chart_latency(results: Sequence[ItemResult], path: Path) -> None:
    plt = _pyplot()
    systems = list(dict.fromkeys(r.system for r in results))
    data = [[r.latency_ms for r in results if r.system == s and r.latency_ms is not None] or [0.0] for s in systems]
    fig, ax = plt.subplots(figsize=(max(6.0, 1.6 * len(systems)), 4.2))
    ax.boxplot(data, showfliers=True)
    ax.set_xticks(range(1, len(systems) + 1))
    ax.set_xticklabels(systems)
    ax.set_ylabel("latency per question (ms)")
    ax.set_title("Latency distribution (planqa: ask; others: retrieval)")
    if any(v > 0 for series in data for v in series):
        ax.set_yscale("log")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


# ---------------------------------------------------------------------------------------------


def _write_json(path: Path, value: Any) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")


def build_summary(run: EvalRun) -> dict[str, Any]:
    return {
        "dataset": run.dataset,
        "split": run.split,
        "questions": len({r.item_id for r in run.results}),
        "meta": run.meta,
        "systems": summarize(run.results),
    }


def write_report(run: EvalRun, out_dir: Path, charts: bool = True) -> dict[str, Path]:
    """Write the report files; returns their paths by name."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = build_summary(run)
    paths = {
        "summary": out_dir / SUMMARY_JSON,
        "report": out_dir / REPORT_MD,
        "results": out_dir / RESULTS_JSONL,
    }
    _write_json(paths["summary"], summary)
    paths["report"].write_text(render_markdown(run, summary["systems"]), encoding="utf-8")
    with paths["results"].open("w", encoding="utf-8") as fh:
        for r in run.results:
            fh.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
    if charts:
        paths["chart_category"] = out_dir / CATEGORY_PNG
        chart_accuracy_by_category(summary["systems"], paths["chart_category"])
        paths["chart_latency"] = out_dir / LATENCY_PNG
        chart_latency(run.results, paths["chart_latency"])
    return paths


def load_results(path: Path) -> list[ItemResult]:
    """Read results.jsonl back (to re-render a report without re-running)."""
    with Path(path).open(encoding="utf-8") as fh:
        return [ItemResult(**json.loads(line)) for line in fh if line.strip()]
