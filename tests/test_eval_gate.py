"""CI gate: a quick eval of planqa on the held-out test split must stay above a floor.

The floor is the measured test accuracy minus 3 points (planqa scored 0.719 on the document-level
test split of 146 questions over the held-out plans on 2026-12-02; see eval/README.md), so a change
that makes answers worse cannot land silently.
Raise it as planqa improves; never tune planqa on the test split to pass it.
"""

from __future__ import annotations

import json
from pathlib import Path

from eval import cli

MIN_TEST_ACCURACY = 0.785


def test_quick_eval_on_test_split_meets_the_floor(tmp_path: Path) -> None:
    report = tmp_path / "report"
    code = cli.main(["--dataset", "test", "--quick", "--no-progress", "--report", str(report),
                     "--min-accuracy", str(MIN_TEST_ACCURACY)])
    summary = json.loads((report / "summary.json").read_text(encoding="utf-8"))
    planqa = summary["systems"]["planqa"]
    assert summary["split"] == "test" and planqa["errors"] == 0
    assert code == 0, f"planqa accuracy on test {planqa['accuracy']:.3f} < {MIN_TEST_ACCURACY}; see {report}/report.md"
