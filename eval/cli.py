"""`planqa eval`: run the question set through planqa and the baselines, write a report.

Wired into the main CLI with `add_commands(subparsers)`; also runnable alone:
`python -m eval.cli --report out/`.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from core.errors import PlanqaError
from eval.dataset import ALL_SPLITS, DATASETS_DIR, corpus_dirs, load_dataset, resolve_dataset
from eval.errors import EvalError

QUICK_LIMIT_NOTE = "run only planqa (unless --systems is given) and skip the charts"
# Modules of the `eval` extra, and what needs them.
EXTRA_MODULES = {"matplotlib": "charts", "langchain_community": "langchain",
                 "langchain_text_splitters": "langchain"}


def require_eval_extra(charts: bool, systems: list[str]) -> None:
    """An EvalError naming what is missing when this run needs the `eval` extra and it is not installed."""
    needed = [m for m, use in EXTRA_MODULES.items() if (use == "charts" and charts) or use in systems]
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        raise EvalError(f"the eval extra is not installed (no {', '.join(missing)}): "
                        "pip install -e '.[eval]', or use --quick")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset", default=None, metavar="FILE|dev|test|all",
        help="a JSONL question file, a bundled split name, or all (both splits, reported per split; default: dev)",
    )
    parser.add_argument(
        "--index", type=Path, default=None, metavar="DIR",
        help="an index built from the corpus (default: build a temporary one from --corpus)",
    )
    parser.add_argument(
        "--corpus", type=Path, action="append", default=None, metavar="DIR",
        help="a folder of documents to index and to build the LangChain baseline from; repeatable "
             "(default: eval/corpus for dev; eval/corpus and eval/heldout for test and all)",
    )
    parser.add_argument("--report", type=Path, default=Path("eval-report"), metavar="DIR",
                        help="folder for report.md, summary.json, results.jsonl and charts (default: eval-report)")
    parser.add_argument("--systems", default=None, metavar="LIST",
                        help="comma-separated subset of planqa,bm25,dense,langchain (default: all)")
    parser.add_argument("--quick", action="store_true", help=QUICK_LIMIT_NOTE)
    parser.add_argument("--min-accuracy", type=float, default=None, metavar="X",
                        help="exit with status 1 when planqa's accuracy is below X (0-1)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def add_commands(subparsers: Any) -> None:
    """Register `eval` on the main CLI's subparsers (argparse's `add_subparsers()` result)."""
    parser = subparsers.add_parser(
        "eval",
        help="evaluate planqa and baselines on a question set",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    add_arguments(parser)
    parser.set_defaults(func=cmd_eval, handler=cmd_eval)


def _run(args: argparse.Namespace, index_dir: Path, build: bool) -> int:
    from eval.harness import EvalRun, corpus_documents, now_iso, parse_systems, prepare_systems, run_systems
    from eval.report import build_summary, write_report

    started = time.perf_counter()
    if str(args.dataset) == ALL_SPLITS:
        dataset_path, items = DATASETS_DIR / ALL_SPLITS, load_dataset(ALL_SPLITS)
    else:
        dataset_path = resolve_dataset(args.dataset)
        items = load_dataset(dataset_path)
    names = parse_systems(args.systems, args.quick)
    require_eval_extra(charts=not args.quick, systems=names)
    split = ALL_SPLITS if str(args.dataset) == ALL_SPLITS else (items[0].split if items else dataset_path.stem)
    folders: list[Path] = args.corpus or corpus_dirs(split)
    documents = [doc for folder in folders for doc in corpus_documents(folder)]
    if not documents:
        raise EvalError(f"no documents in {', '.join(str(f) for f in folders)}")
    prepared = prepare_systems(names, index_dir, documents, build=build)
    for name, why in prepared.skipped.items():
        print(f"planqa eval: skipped {name}: {why}", file=sys.stderr)
    results = run_systems(prepared.systems, items, show_progress=not args.no_progress)
    meta = dict(prepared.meta, skipped=prepared.skipped, generated_at=now_iso(),
                duration_s=round(time.perf_counter() - started, 2))
    run = EvalRun(str(dataset_path), split, [s.name for s in prepared.systems], results, meta)
    paths = write_report(run, args.report, charts=not args.quick)
    summary = build_summary(run)["systems"]
    _print_summary(summary, split, paths["report"])
    return _gate(summary, args.min_accuracy, prepared.skipped)


def _print_summary(summary: dict[str, Any], split: str, report: Path) -> None:
    for name, s in summary.items():
        acc = s.get("accuracy")
        label = "accuracy" if s.get("answers") else "context sufficiency"
        shown = f"{acc:.3f}" if acc is not None else "—"
        print(f"{name:>10}  {label} on {split}: {shown}  ({s['scored']} scored, {s['errors']} errors)")
    print(f"report: {report}")


def _gate(summary: dict[str, Any], min_accuracy: float | None, skipped: dict[str, str]) -> int:
    if min_accuracy is None:
        return 0
    planqa = summary.get("planqa")
    if planqa is None:
        why = skipped.get("planqa", "it was not among --systems")
        print(f"planqa eval: cannot check --min-accuracy: planqa did not run ({why})", file=sys.stderr)
        return 1
    accuracy = planqa.get("accuracy") or 0.0
    if accuracy < min_accuracy:
        print(f"planqa eval: accuracy {accuracy:.3f} is below --min-accuracy {min_accuracy:.3f}", file=sys.stderr)
        return 1
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    try:
        if args.index is not None:
            return _run(args, args.index, build=False)
        with tempfile.TemporaryDirectory(prefix="planqa-eval-") as tmp:
            return _run(args, Path(tmp) / "index", build=True)
    except PlanqaError as exc:  # EvalError and the other layers' errors: one line, no traceback
        print(f"planqa eval: {exc}", file=sys.stderr)
        return exc.exit_code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="planqa eval", description=__doc__.splitlines()[0] if __doc__ else None)
    add_arguments(parser)
    return cmd_eval(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
