"""`planqa`: the command line. Every command calls the same pipeline builder as the API."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from core.quotes import trim_quote
from ingest.errors import PlanqaError

SAMPLE_CORPUS = Path(__file__).resolve().parent / "eval" / "corpus"


def _settings(args: argparse.Namespace) -> Any:
    """The settings tree (PLANQA_* variables, --index first); an invalid value is one line and exit 2."""
    from bot.settings import Settings
    from core.settings import load_settings

    kw: dict[str, Any] = {}
    if getattr(args, "index", None):
        kw["index_dir"] = Path(args.index)
    return load_settings(Settings, **kw)


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# ---- ingest ---------------------------------------------------------------------------------


def cmd_ingest(args: argparse.Namespace) -> int:
    from index.library import Library, expand_paths
    from index.progress import IngestProgress

    settings = _settings(args)
    if _uses_stores(settings):
        return _ingest_into_stores(args, settings)
    lib = Library.create_or_open(settings.index_dir, settings.index)
    files, _ = expand_paths([Path(p) for p in args.paths])
    progress = IngestProgress(len(files), quiet=args.quiet)
    try:
        report = lib.ingest_paths([Path(p) for p in args.paths], **progress.callbacks())
    finally:
        progress.close()
    for source, reason in report.failed:
        print(f"error: {source}: {reason}", file=sys.stderr)
    for source, warning in report.warnings:
        print(f"warning: {source}: {warning}", file=sys.stderr)
    c = report.counts
    ocr = ""
    if report.ocr_pages:
        ocr = (f", {report.ocr_pages} page(s) read by OCR in {report.ocr_seconds:.1f}s "
               f"({report.ocr_seconds / report.ocr_pages:.1f} s/page)")
    print(f"{len(report.added)} added, {len(report.replaced)} replaced, {len(report.skipped)} unchanged, "
          f"{len(report.failed)} failed in {report.seconds:.1f}s{ocr} — index {settings.index_dir}: "
          f"{c.get('documents', 0)} documents, {c.get('chunks', 0)} chunks, {c.get('indicators', 0)} indicators, "
          f"{c.get('assignments', 0)} assignments")
    return 1 if report.failed else 0


def _uses_stores(settings: Any) -> bool:
    from index.store_snapshot import uses_stores

    return uses_stores(settings.index)


def _ingest_into_stores(args: argparse.Namespace, settings: Any) -> int:
    """`planqa ingest` with PLANQA_STORAGE=stores (or Milvus + PostgreSQL): each document committed on its own."""
    from index.store_snapshot import open_store_library

    lib = open_store_library(settings.index_dir, settings.index)
    try:
        report = lib.ingest_paths([Path(p) for p in args.paths], progress=None if args.quiet else (
            lambda source: print(f"indexing {source}", file=sys.stderr)))
        total = len(lib.documents())
    finally:
        lib.close()
    for source, reason in report.failed:
        print(f"error: {source}: {reason}", file=sys.stderr)
    print(f"{len(report.added)} added, {len(report.replaced)} replaced, {len(report.skipped)} unchanged, "
          f"{len(report.failed)} failed in {report.seconds:.1f}s — stores of {settings.index_dir}: {total} documents")
    return 1 if report.failed else 0


def _remove_from_stores(ref: str, settings: Any) -> list[str]:
    """`planqa remove` from the stores: by doc id, file name or document number, as from a generation."""
    from index.store_snapshot import open_store_library
    from index.store_uploads import StoreDocumentLibrary

    lib = open_store_library(settings.index_dir, settings.index)
    try:
        return list(StoreDocumentLibrary(lib).remove(ref))
    finally:
        lib.close()


def cmd_remove(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if _uses_stores(settings):
        removed = _remove_from_stores(args.doc, settings)
    else:
        from index.library import Library, open_generation

        open_generation(settings.index_dir, settings.index)
        removed = Library.create_or_open(settings.index_dir, settings.index).remove(args.doc)
    if not removed:
        print(f"error: no document matches {args.doc!r} (use a doc id, file name or number from `planqa docs`)",
              file=sys.stderr)
        return 1
    print(f"removed {', '.join(removed)}")
    return 0


def _open_snapshot(args: argparse.Namespace) -> Any:
    from index.snapshot import IndexSnapshot

    settings = _settings(args)
    if _uses_stores(settings):
        from index.store_snapshot import open_snapshot

        return open_snapshot(settings.index_dir, settings.index)
    return IndexSnapshot.open(settings.index_dir, settings.index)


def cmd_docs(args: argparse.Namespace) -> int:
    from bot.pipeline import Pipeline

    settings = _settings(args)
    docs = Pipeline(settings, _open_snapshot(args)).documents()
    if args.json:
        _print_json(docs)
        return 0
    for d in docs:
        print(f"{d['doc_id']}  {d['source']}  {d['doc_number'] or '-'}  {d['place'] or '-'}  "
              f"{d['indicators']} indicators, {d['assignments']} assignments — {d['title'] or ''}")
    return 0


def matching_documents(docs: dict[str, Any], ref: str) -> set[str]:
    """Documents named by `ref`: an id, file name or number exactly; else every document whose
    number, place, title, issuer or file name holds all of `ref`'s words (with or without
    diacritics, any tone placement), as a user names a plan in `planqa ask`."""
    from ingest.normalize import fold_ascii

    exact = {d for d, rec in docs.items() if ref in (d, rec.source, rec.number)}
    if exact:
        return exact
    words = fold_ascii(ref).replace("/", " ").split()
    if not words:
        return set()
    found = set()
    for d, rec in docs.items():
        meta = rec.meta or {}
        haystack = fold_ascii(" ".join(str(x) for x in (
            rec.number, rec.source, meta.get("place"), meta.get("title"), meta.get("issuer"),
            meta.get("doc_type"), meta.get("parent_place")) if x)).replace("/", " ").split()
        if all(w in haystack for w in words):
            found.add(d)
    return found


def indicator_rows(snapshot: Any, doc_ref: str | None) -> list[dict[str, Any]]:
    from index.review import indicator_rows as build_rows

    docs = snapshot.documents
    selected = set(docs) if doc_ref is None else matching_documents(docs, doc_ref)
    documents = {d: (rec.source, rec.number) for d, rec in docs.items()}
    return build_rows(documents, snapshot.indicators, snapshot.assignments, selected)


def _target_text(target: dict[str, Any]) -> str:
    value = target.get("value")
    shown = "" if value is None else f"{value:g}".replace(".", ",") + (target.get("unit") or "")
    parts = [target.get("qualifier") or "", shown, f"({target['year']})" if target.get("year") else ""]
    return " ".join(p for p in parts if p)


def _table(rows: list[list[str]]) -> list[str]:
    """Rows of cells padded into columns (cells are shortened beforehand, by core.quotes)."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1] for row in rows]


def cmd_indicators(args: argparse.Namespace) -> int:
    snapshot = _open_snapshot(args)
    if args.doc is not None and not matching_documents(snapshot.documents, args.doc):
        print(f"error: no document matches {args.doc!r} (give a doc id, file name, number, place or title "
              "words; `planqa docs` lists them)", file=sys.stderr)
        return 1
    rows = indicator_rows(snapshot, args.doc)
    if args.no_lead:
        rows = [r for r in rows if r["lead_missing"]]
    if args.json:
        _print_json(rows)
        return 0
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_doc.setdefault(r["doc_id"], []).append(r)
    for doc_id, doc_rows in by_doc.items():
        rec = snapshot.documents[doc_id]
        head = " · ".join(x for x in (rec.number, rec.place, rec.source) if x)
        print(f"{head}\n{(rec.title or '')}")
        table = [["#", "Chỉ tiêu", "Mục tiêu", "Chủ trì", "Phối hợp"]]
        for r in doc_rows:
            n = str(r["number"]) if r["number"] is not None else f"({r['ordinal']})"
            table.append([n, trim_quote(r["text"], 56), "; ".join(_target_text(t) for t in r["targets"]) or "-",
                          ", ".join(r["leads"]) or "KHÔNG CÓ", ", ".join(r["supports"]) or "-"])
        for line in _table(table):
            print("  " + line.rstrip())
        # The indicators left without a lead, so a reviewer sees the gaps at a glance.
        missing = [r for r in doc_rows if r["lead_missing"]]
        if missing:
            numbers = ", ".join(f"#{r['number']}" if r["number"] is not None else f"({r['ordinal']})"
                                for r in missing)
            print(f"{rec.source}: {len(missing)} of {len(doc_rows)} indicators without a lead: {numbers}")
        print()
    if not rows:
        print("no indicators" + (" without a lead" if args.no_lead else ""))
    return 0


# ---- ask, chat, bench ------------------------------------------------------------------------


def _render(answer: Any) -> str:
    lines = [answer.answer, ""]
    for i, c in enumerate(answer.citations, start=1):
        page = f", trang {c.page}" if c.page else ""
        lines.append(f"[{i}] {c.source} ({c.doc_number or 'không số'}) — {c.section}{page}\n"
                     f"    “{trim_quote(c.quote, 400)}”")
    return "\n".join(lines).rstrip()


def cmd_ask(args: argparse.Namespace) -> int:
    from bot.pipeline import build_pipeline

    pipeline = build_pipeline(_settings(args))
    if args.batch:
        lines = Path(args.batch).read_text(encoding="utf-8").splitlines()
        failures = 0
        for line in lines:
            if not line.strip():
                continue
            try:
                print(json.dumps({"question": line, **pipeline.ask(line).to_dict()}, ensure_ascii=False), flush=True)
            except PlanqaError as exc:
                failures += 1
                print(json.dumps({"question": line, "error": exc.message}, ensure_ascii=False), flush=True)
        return 1 if failures else 0
    if args.question is None:
        raise PlanqaError("give a question, or --batch FILE")
    answer = pipeline.ask(args.question)
    if args.json:
        _print_json(answer.to_dict())
    else:
        print(_render(answer))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.conversation import Conversation
    from bot.pipeline import build_pipeline

    pipeline = build_pipeline(_settings(args))
    conv = Conversation()
    print("planqa — hỏi về các kế hoạch đã nạp (gõ /moi để bắt đầu lại, /thoat để thoát).")
    while True:
        try:
            question = input("› ").strip()
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if question in ("/thoat", "/exit", "/quit"):
            return 0
        if question == "/moi":
            conv.reset()
            continue
        if not question:
            continue
        try:
            print(_render(pipeline.ask(question, conv)) + "\n")
        except PlanqaError as exc:
            print(f"error: {exc.message}")


def cmd_bench(args: argparse.Namespace) -> int:
    from bot.bench import run_bench, run_synthetic

    if args.synthetic is not None:
        _print_json(run_synthetic(_settings(args), args.synthetic, Path(args.corpus) if args.corpus else SAMPLE_CORPUS,
                                  per_kind=args.per_kind))
        return 0
    result = run_bench(_settings(args), Path(args.questions) if args.questions else None, args.rounds,
                       Path(args.corpus) if args.corpus else SAMPLE_CORPUS)
    _print_json(result)
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Copy the embedded library into the stores PLANQA_VECTOR_STORE and PLANQA_DATABASE_URL name."""
    from dataclasses import asdict

    from index.library import open_generation
    from index.stores.migrate import migrate_library
    from index.stores.remote import open_stores

    settings = _settings(args)
    _, manifest = open_generation(settings.index_dir, settings.index)

    def progress(done: int, total: int, doc_id: str) -> None:
        if not args.quiet:
            print(f"[{done}/{total}] {doc_id}", file=sys.stderr)

    with open_stores(settings, dimension=int(manifest["dimension"])) as stores:
        report = migrate_library(settings.index_dir, settings.index, stores, progress)
    _print_json(asdict(report))
    return 0


def cmd_up(args: argparse.Namespace) -> int:
    """The README's main command: ingest the sample corpus if there is no index, then serve."""
    from index.library import current_generation

    settings = _settings(args)
    if current_generation(settings.index_dir) is None:
        print(f"no index at {settings.index_dir}: ingesting the sample corpus from {SAMPLE_CORPUS} …")
        ns = argparse.Namespace(paths=[str(SAMPLE_CORPUS)], index=str(settings.index_dir), quiet=False)
        cmd_ingest(ns)
    if not args.chat:
        from api.cli import run_serve

        return run_serve(argparse.Namespace(index=str(settings.index_dir), host=args.host, port=args.port))
    return cmd_chat(argparse.Namespace(index=str(settings.index_dir)))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planqa", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, fn: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--index", help="index directory (default: $PLANQA_INDEX or ./data/index)")
        p.set_defaults(func=fn)
        return p

    p = add("ingest", cmd_ingest, "ingest files or folders into the index")
    p.add_argument("paths", nargs="+")
    p.add_argument("--quiet", action="store_true")
    p = add("remove", cmd_remove, "remove a document by id, file name or number")
    p.add_argument("doc")
    p = add("docs", cmd_docs, "list ingested documents")
    p.add_argument("--json", action="store_true")
    p = add("indicators", cmd_indicators, "list indicators with their lead and support bodies")
    p.add_argument("--doc")
    p.add_argument("--json", action="store_true")
    p.add_argument("--no-lead", action="store_true", help="only the indicators no body is stated to lead")
    p = add("ask", cmd_ask, "answer a question with citations")
    p.add_argument("question", nargs="?")
    p.add_argument("--json", action="store_true")
    p.add_argument("--batch", help="file with one question per line; prints one JSON object per line")
    add("chat", cmd_chat, "interactive session with follow-up questions")
    p = add("bench", cmd_bench, "measure ask latency, cold start, ingest throughput and memory")
    p.add_argument("--questions", help="one question per line (default: a built-in mix)")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--corpus", help="folder ingested for the throughput measure (default: the sample corpus)")
    p.add_argument("--synthetic", type=int, metavar="N",
                   help="build a temporary library of N synthetic plans (copies of the corpus's text plans with "
                        "invented places, numbers, dates; hash embeddings) and report how costs grow")
    p.add_argument("--per-kind", type=int, default=12, help="with --synthetic: questions asked per kind")
    p = add("migrate", cmd_migrate, "copy the embedded index into Milvus and PostgreSQL (PLANQA_VECTOR_STORE, "
                                    "PLANQA_DATABASE_URL)")
    p.add_argument("--to", choices=["remote"], required=True, help="the profile to copy into")
    p.add_argument("--quiet", action="store_true")
    p = add("up", cmd_up, "ingest the sample corpus if needed, then serve (or chat without the API)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--chat", action="store_true", help="open the interactive CLI instead of serving")

    # The API, eval and Zalo layers register their own commands (serve, config, eval, zalo-bot).
    from api import cli as api_cli
    from api.channels.zalo_bot import cli as zalo_bot_cli
    from eval import cli as eval_cli

    for module in (api_cli, eval_cli, zalo_bot_cli):
        module.add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        code = int(args.func(args) or 0)
    except PlanqaError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `planqa … | head`: the reader left. End quietly, as other Unix tools do (128 + SIGPIPE).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    if os.environ.get("PLANQA_DEBUG_TIMING"):
        print(f"({time.perf_counter() - started:.2f}s)", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
