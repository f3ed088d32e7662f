"""What an official reviews of each plan: its indicators with targets, leads and supports, each
with the passage it was read from. One builder for `planqa indicators`, the admin page and its
CSV/XLSX exports, so they always agree.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from index import facts_db
from index.library import current_generation, read_only_connection

EXPORT_COLUMNS = (
    "doc_id", "source", "doc_number", "number", "ordinal", "text", "goal", "targets", "leads", "supports",
    "lead_missing", "section", "quote", "page", "char_start", "char_end",
)


def indicator_rows(
    documents: Mapping[str, tuple[str, str | None]],
    indicators: Iterable[Mapping[str, Any]],
    assignments: Sequence[Mapping[str, Any]],
    selected: set[str] | None = None,
) -> list[dict[str, Any]]:
    """Rows of `planqa indicators --json`. `documents` maps doc id to (file name, number)."""
    rows = []
    for ind in indicators:
        if selected is not None and ind["doc_id"] not in selected:
            continue
        source, number = documents[ind["doc_id"]]
        assigns = [a for a in assignments
                   if a["doc_id"] == ind["doc_id"] and ind["number"] is not None
                   and a["indicator_number"] == ind["number"]]
        span = ind["span"]
        rows.append({
            "doc_id": ind["doc_id"], "source": source, "doc_number": number, "number": ind["number"],
            "ordinal": ind["ordinal"], "text": ind["text"], "goal": ind["goal"], "targets": ind["targets"],
            "leads": list(dict.fromkeys(a["agency"] for a in assigns if a["role"] == "lead")),
            "supports": list(dict.fromkeys(a["agency"] for a in assigns if a["role"] == "support")),
            # No body is stated as leading it (or the wording was too unclear to say): a reviewer's gap.
            "lead_missing": not any(a["role"] == "lead" for a in assigns),
            "citation": {"section": span["section"], "quote": span["quote"], "char_start": span["char_start"],
                         "char_end": span["char_end"], "page": span.get("page")},
        })
    return rows


def stored_indicator_rows(index_dir: Path, doc_id: str) -> list[dict[str, Any]]:
    """The rows of one document, read from the live generation's fact store."""
    gen = current_generation(index_dir)
    if gen is None:
        return []
    conn = read_only_connection(gen)
    try:
        docs = facts_db.rows(conn, "SELECT doc_id, source, meta FROM documents WHERE doc_id = ?", doc_id)
        indicators = facts_db.rows(conn, "SELECT * FROM indicators WHERE doc_id = ? ORDER BY ordinal", doc_id)
        assignments = facts_db.rows(
            conn, "SELECT * FROM assignments WHERE doc_id = ? ORDER BY indicator_number", doc_id)
    finally:
        conn.close()
    documents = {d["doc_id"]: (d["source"], (d["meta"] or {}).get("number")) for d in docs}
    return indicator_rows(documents, indicators, assignments, set(documents))


def flat_row(row: Mapping[str, Any]) -> list[Any]:
    """One export line: lists joined with "; ", targets as JSON, the citation's fields spread out."""
    cite = row["citation"]
    values = {**row, **cite}
    values["targets"] = json.dumps(row["targets"], ensure_ascii=False) if row["targets"] else ""
    values["leads"] = "; ".join(row["leads"])
    values["supports"] = "; ".join(row["supports"])
    return [values.get(c) for c in EXPORT_COLUMNS]


def rows_to_csv(rows: Iterable[Mapping[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for row in rows:
        writer.writerow(["" if v is None else v for v in flat_row(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM lets Excel read UTF-8


def rows_to_xlsx(rows: Iterable[Mapping[str, Any]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chỉ tiêu"
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        sheet.append(flat_row(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
