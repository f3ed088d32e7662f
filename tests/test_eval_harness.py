"""The harness with fake systems: conversations, errors, scoring, and the CLI's exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eval.harness
from eval import cli
from eval.dataset import parse_lines
from eval.errors import EvalError
from eval.harness import Prepared, parse_systems, run_systems
from eval.systems import CitedPassage, Passage, RetrievalSystem, SystemOutput, answer_to_output

LINES = [
    {"id": "a", "question": "Chỉ tiêu 14 của Cà Mau do ai phụ trách?", "language": "vi", "category": "followup",
     "expect": {"status": "answered", "leads": ["Sở Tư pháp"], "indicator": 14, "must_contain": ["Sở Tư pháp"],
                "source_docs": ["cm.txt"], "gold_passages": ["thực hiện chỉ tiêu 14"]}},
    {"id": "b", "question": "còn chỉ tiêu 13 thì sao?", "language": "vi", "category": "followup", "followup_of": "a",
     "expect": {"status": "answered", "must_contain": ["Văn hóa"], "source_docs": ["cm.txt"],
                "gold_passages": ["chỉ tiêu 13, 21"]}},
    {"id": "c", "question": "Quảng Ninh 2023?", "language": "vi", "category": "unanswerable",
     "expect": {"status": "not_found"}},
    {"id": "d", "question": "boom", "language": "en", "category": "count",
     "expect": {"status": "answered", "must_contain": ["24"], "source_docs": ["cm.txt"], "gold_passages": ["24"]}},
]
ITEMS = parse_lines([json.dumps(x, ensure_ascii=False) for x in LINES], source="inline", split="dev")


class FakeSession:
    def __init__(self, log: list[list[str]]) -> None:
        self.history: list[str] = []
        log.append(self.history)

    def ask(self, question: str) -> SystemOutput:
        self.history.append(question)
        if question == "boom":
            raise RuntimeError("pipeline exploded")
        if "Quảng Ninh" in question:
            return SystemOutput(status="not_found", answer="Không tìm thấy.", latency_ms=1.0)
        if len(self.history) == 2:  # the follow-up, answered from the conversation's context
            return SystemOutput(status="answered", answer="Sở Văn hóa, Thể thao và Du lịch", latency_ms=1.0,
                                citations=[CitedPassage("cm.txt", "IV. TỔ CHỨC THỰC HIỆN", "chỉ tiêu 13, 21")],
                                passages=[Passage("thực hiện chỉ tiêu 13, 21", "cm.txt")])
        return SystemOutput(status="answered", answer="Cà Mau: Sở Tư pháp chủ trì.", leads=["Sở Tư pháp"],
                            latency_ms=2.0,
                            citations=[CitedPassage("cm.txt", "IV. TỔ CHỨC THỰC HIỆN",
                                                    "Hướng dẫn, thực hiện chỉ tiêu 14")],
                            passages=[Passage("noise"), Passage("Hướng dẫn, thực hiện chỉ tiêu 14", "cm.txt")])


class FakePlanqa:
    name = "planqa"
    answers = True

    def __init__(self) -> None:
        self.sessions: list[list[str]] = []

    def new_session(self) -> FakeSession:
        return FakeSession(self.sessions)


def test_followups_share_a_session_and_errors_are_scored_wrong() -> None:
    system = FakePlanqa()
    results = {r.item_id: r for r in run_systems([system], ITEMS, show_progress=False)}
    assert system.sessions == [[LINES[0]["question"], "còn chỉ tiêu 13 thì sao?"], ["Quảng Ninh 2023?"], ["boom"]]
    assert results["a"].correct and results["b"].correct and results["c"].correct
    assert results["d"].correct is False and "pipeline exploded" in (results["d"].error or "")
    assert results["a"].retrieval["mrr@10"] == 0.5
    assert results["a"].citations_supported == results["a"].citations_total == 1
    assert results["a"].source_ok is True


def test_retrieval_only_system_is_scored_on_sufficiency_and_skips_not_found() -> None:
    queries: list[str] = []

    def retrieve(query: str, k: int) -> list[Passage]:
        queries.append(query)
        return [Passage("2. Sở Tư pháp - Hướng dẫn, thực hiện chỉ tiêu 14", "cm.txt")][:k]

    results = {r.item_id: r for r in run_systems([RetrievalSystem("bm25", retrieve)], ITEMS, show_progress=False)}
    assert results["a"].correct is True
    assert results["b"].correct is False  # nothing about indicator 13 came back
    assert results["c"].correct is None
    assert queries[1] == f"{LINES[0]['question']} còn chỉ tiêu 13 thì sao?"  # follow-up carries its context


def test_answer_to_output_reads_the_answer_contract() -> None:
    from bot.answer import Answer, Citation

    answer = Answer(
        status="answered",
        answer="Sở Tư pháp",
        citations=[Citation("d1", "cm.txt", None, "51/KH-UBND", "IV", "Hướng dẫn, thực hiện chỉ tiêu 14", None, 0, 9)],
        facts={"results": [{"doc_id": "d1", "source": "cm.txt", "indicator": 14, "leads": ["Sở Tư pháp"],
                            "supports": []}]},
        intent="owner",
    )
    output = answer_to_output(answer, 3.0)
    assert output.leads == ["Sở Tư pháp"] and output.indicators == [14]
    assert output.citations[0].source == "cm.txt" and output.intent == "owner"


def test_parse_systems_rejects_unknown_names() -> None:
    assert parse_systems("langchain,bm25", quick=False) == ["bm25", "langchain"]
    with pytest.raises(EvalError, match="unknown system"):
        parse_systems("planqa,gpt", quick=False)


@pytest.fixture
def dataset_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in LINES), encoding="utf-8")
    return path


def _fake_prepare(names: list[str], index_dir: Path, documents: list[Path], build: bool) -> Prepared:
    return Prepared([FakePlanqa()], {}, {"index": str(index_dir), "documents": [d.name for d in documents]})


def test_cli_writes_a_report_and_gates_on_accuracy(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dataset_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(eval.harness, "prepare_systems", _fake_prepare)
    common = ["--dataset", str(dataset_file), "--index", str(tmp_path / "idx"), "--no-progress"]
    assert cli.main([*common, "--report", str(tmp_path / "r1"), "--min-accuracy", "0.7"]) == 0
    assert (tmp_path / "r1" / "report.md").is_file()
    assert cli.main([*common, "--report", str(tmp_path / "r2"), "--min-accuracy", "0.8"]) == 1
    assert "below --min-accuracy" in capsys.readouterr().err


def test_cli_reports_bad_input_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--dataset", str(tmp_path / "missing.jsonl"), "--index", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("planqa eval: dataset file not found") and "Traceback" not in err


def test_add_commands_registers_eval() -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="planqa")
    cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["eval", "--dataset", "test", "--quick", "--min-accuracy", "0.5"])
    assert args.func is cli.cmd_eval and args.quick and args.min_accuracy == 0.5 and args.dataset == "test"
