"""The evaluation dataset: JSONL files of questions with what a correct answer must satisfy.

One JSON object per line; the format is documented in eval/README.md. `load_dataset` validates
every line and fails with the file and line number, so a typo in a hand-written question is
reported where it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from eval.errors import DatasetError

EVAL_DIR = Path(__file__).resolve().parent
DATASETS_DIR = EVAL_DIR / "datasets"
CORPUS_DIR = EVAL_DIR / "corpus"
# Held-out test documents: only the test split asks about them; rule developers never open them.
HELDOUT_DIR = EVAL_DIR / "heldout"
SPLITS = ("dev", "test")
ALL_SPLITS = "all"  # both bundled splits in one run, reported per split

CATEGORIES = (
    "owner_of_indicator",
    "indicators_of_body",
    "target_value",
    "indicator_text",
    "count",
    "duties",
    "deadline",
    "budget",
    "list",
    "summary",
    "cross_plan",
    "metadata",
    "free_form",
    "multi_document",
    "unanswerable",
    "followup",
)
Status = Literal["answered", "not_found"]
Language = Literal["vi", "en"]


@dataclass(frozen=True)
class Expectation:
    """What a correct answer to one question satisfies. Empty lists mean "not checked"."""

    status: Status
    leads: tuple[str, ...] | None = None  # None: not checked; (): checked to be empty
    supports: tuple[str, ...] | None = None
    indicators: tuple[int, ...] | None = None  # for indicators-of-body questions
    indicator: int | None = None  # the indicator an owner/target question is about
    must_contain: tuple[str, ...] = ()
    must_not_contain: tuple[str, ...] = ()
    source_docs: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    gold_passages: tuple[str, ...] = ()
    # For list questions: every item must be in the answer; the report also gives the share found.
    list_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    language: Language
    category: str
    expect: Expectation
    variant: tuple[str, ...] = ()
    followup_of: str | None = None
    split: str = ""
    layout: tuple[str, ...] = ()  # layouts of the documents it is about (txt, docx, doc, scan, xlsx…)
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def _str_tuple(value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of strings")
    return tuple(value)


def _optional_str_tuple(obj: dict[str, Any], name: str) -> tuple[str, ...] | None:
    return _str_tuple(obj[name], name) if name in obj else None


def _int_tuple(value: Any, name: str) -> tuple[int, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, int) for v in value):
        raise ValueError(f"{name} must be a list of integers")
    return tuple(value)


def parse_expectation(obj: dict[str, Any]) -> Expectation:
    status = obj.get("status")
    if status not in ("answered", "not_found"):
        raise ValueError(f"expect.status must be 'answered' or 'not_found', got {status!r}")
    indicator = obj.get("indicator")
    if indicator is not None and not isinstance(indicator, int):
        raise ValueError("expect.indicator must be an integer")
    return Expectation(
        status=status,
        leads=_optional_str_tuple(obj, "leads"),
        supports=_optional_str_tuple(obj, "supports"),
        indicators=_int_tuple(obj.get("indicators"), "indicators"),
        indicator=indicator,
        must_contain=_str_tuple(obj.get("must_contain"), "must_contain"),
        must_not_contain=_str_tuple(obj.get("must_not_contain"), "must_not_contain"),
        source_docs=_str_tuple(obj.get("source_docs"), "source_docs"),
        sections=_str_tuple(obj.get("sections"), "sections"),
        gold_passages=_str_tuple(obj.get("gold_passages"), "gold_passages"),
        list_items=_str_tuple(obj.get("list_items"), "list_items"),
    )


_KNOWN_KEYS = {"id", "question", "language", "category", "variant", "expect", "followup_of", "split", "layout"}


def parse_item(obj: dict[str, Any], split: str = "") -> EvalItem:
    """Build one item from its JSON object; raises ValueError naming the offending field."""
    for key in ("id", "question", "language", "category", "expect"):
        if key not in obj:
            raise ValueError(f"missing field {key!r}")
    if not isinstance(obj["question"], str) or not obj["question"].strip():
        raise ValueError("question must be a non-empty string")
    if obj["language"] not in ("vi", "en"):
        raise ValueError(f"language must be 'vi' or 'en', got {obj['language']!r}")
    if obj["category"] not in CATEGORIES:
        raise ValueError(f"unknown category {obj['category']!r}")
    if not isinstance(obj["expect"], dict):
        raise ValueError("expect must be an object")
    followup_of = obj.get("followup_of")
    if followup_of is not None and not isinstance(followup_of, str):
        raise ValueError("followup_of must be an item id")
    return EvalItem(
        id=str(obj["id"]),
        question=obj["question"],
        language=obj["language"],
        category=obj["category"],
        expect=parse_expectation(obj["expect"]),
        variant=_str_tuple(obj.get("variant"), "variant"),
        followup_of=followup_of,
        split=str(obj.get("split", split)),
        layout=_str_tuple(obj.get("layout"), "layout"),
        extra={k: v for k, v in obj.items() if k not in _KNOWN_KEYS},
    )


def _check_followups(items: list[EvalItem], source: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.followup_of is not None and item.followup_of not in seen:
            raise DatasetError(
                f"{source}: {item.id} follows up {item.followup_of!r}, which must come earlier in the file"
            )
        seen.add(item.id)


def parse_lines(lines: Iterable[str], source: str = "<dataset>", split: str = "") -> list[EvalItem]:
    items: list[EvalItem] = []
    ids: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = parse_item(json.loads(line), split=split)
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            raise DatasetError(f"{source}:{lineno}: {exc}") from exc
        if item.id in ids:
            raise DatasetError(f"{source}:{lineno}: duplicate id {item.id!r}")
        ids.add(item.id)
        items.append(item)
    _check_followups(items, source)
    return items


def resolve_dataset(name_or_path: str | Path | None) -> Path:
    """`None`/"dev"/"test" name a bundled split; anything else is a path to a JSONL file.
    ("all", both bundled splits, is handled by `load_dataset`.)"""
    if name_or_path is None:
        return DATASETS_DIR / "dev.jsonl"
    if str(name_or_path) in SPLITS:
        return DATASETS_DIR / f"{name_or_path}.jsonl"
    path = Path(name_or_path)
    if not path.is_file():
        raise DatasetError(f"dataset file not found: {path}")
    return path


def load_dataset(name_or_path: str | Path | None = None) -> list[EvalItem]:
    if str(name_or_path) == ALL_SPLITS:
        return [item for split in SPLITS for item in load_dataset(split)]
    path = resolve_dataset(name_or_path)
    split = path.stem if path.parent == DATASETS_DIR else path.name
    with path.open(encoding="utf-8") as fh:
        return parse_lines(fh, source=str(path), split=split)


def corpus_dirs(split: str) -> list[Path]:
    """The document folders a split's questions are asked over. Test questions are asked over the
    whole library (dev and held-out documents), as an official's library holds both; dev
    questions only over the dev corpus, so nothing a developer reads depends on held-out files."""
    return [CORPUS_DIR, HELDOUT_DIR] if split in ("test", ALL_SPLITS) else [CORPUS_DIR]


def conversations(items: list[EvalItem]) -> Iterator[list[EvalItem]]:
    """Group items into conversations: a question and the follow-ups chained to it, in order.

    >>> a = parse_item({"id": "a", "question": "q", "language": "vi", "category": "followup",
    ...                 "expect": {"status": "answered"}})
    >>> b = parse_item({"id": "b", "question": "còn chỉ tiêu 15?", "language": "vi",
    ...                 "category": "followup", "followup_of": "a", "expect": {"status": "answered"}})
    >>> [[i.id for i in c] for c in conversations([a, b])]
    [['a', 'b']]
    """
    root_of: dict[str, str] = {}
    groups: dict[str, list[EvalItem]] = {}
    for item in items:
        root = root_of.get(item.followup_of, item.followup_of) if item.followup_of else item.id
        if root not in groups:  # a follow-up whose parent is not in this selection starts fresh
            root = item.id
            groups[root] = []
        root_of[item.id] = root
        groups[root].append(item)
    yield from groups.values()
