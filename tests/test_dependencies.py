"""Eval-only libraries live in the `eval` extra; `planqa eval` says so in one line when it is missing."""

from __future__ import annotations

import argparse
import importlib.util
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import eval.cli

REPO = Path(__file__).resolve().parents[1]
EVAL_ONLY = {"matplotlib": "matplotlib", "langchain-community": "langchain_community",
             "langchain-text-splitters": "langchain_text_splitters"}


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}


def test_eval_only_libraries_are_in_the_eval_extra() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not requirement_names(project["dependencies"]) & set(EVAL_ONLY)
    assert requirement_names(project["optional-dependencies"]["eval"]) == set(EVAL_ONLY)
    assert "tenacity" in requirement_names(project["dependencies"])
    assert ".[dev,st,llm,eval]" in (REPO / "scripts" / "_venv.sh").read_text(encoding="utf-8")


def test_only_eval_imports_eval_only_libraries() -> None:
    pattern = re.compile(rf"^\s*(?:from|import)\s+({'|'.join(EVAL_ONLY.values())})\b", re.M)
    users = [p.relative_to(REPO) for d in ("core", "ingest", "index", "bot", "api") for p in (REPO / d).rglob("*.py")
             if pattern.search(p.read_text(encoding="utf-8"))]
    assert users == []


@pytest.mark.parametrize(("argv", "missing"), [
    ([], "matplotlib"),  # charts are drawn unless --quick
    (["--quick", "--systems", "planqa,langchain"], "langchain_community"),
])
def test_planqa_eval_without_the_extra_is_one_clear_line(argv: list[str], missing: str, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    real_find_spec = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == missing else real_find_spec(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    parser = argparse.ArgumentParser()
    eval.cli.add_arguments(parser)
    args = parser.parse_args([*argv, "--index", str(tmp_path / "unused"), "--report", str(tmp_path / "report")])
    assert eval.cli.cmd_eval(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "eval extra" in err[0] and missing in err[0] and "pip install -e '.[eval]'" in err[0]
    assert not (tmp_path / "report").exists()


def test_planqa_eval_quick_on_planqa_needs_no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None)
    eval.cli.require_eval_extra(charts=False, systems=["planqa", "bm25", "dense"])  # nothing to raise
