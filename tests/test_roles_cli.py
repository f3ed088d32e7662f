"""`planqa indicators` on an index of the plans written in tests/test_roles_documents.py: every indicator's
leads and supports through the real CLI, and the indicators without a lead shown to a reviewer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docgen import make_docx, write_text
from test_roles_documents import (
    COMMUNE_PARAGRAPHS,
    COMMUNE_ROLES,
    COMMUNE_TABLE,
    DISTRICT_PLAN,
    DISTRICT_ROLES,
    ENVIRONMENT_PLAN,
    ENVIRONMENT_ROLES,
    GENDER_PLAN,
    GENDER_ROLES,
    HEALTH_PLAN,
    HEALTH_ROLES,
    Roles,
)

PLANS: dict[str, Roles] = {
    "binh_dang_gioi.txt": GENDER_ROLES,
    "chuyen_doi_so.docx": COMMUNE_ROLES,
    "phong_chong_thien_tai.txt": DISTRICT_ROLES,
    "moi_truong.txt": ENVIRONMENT_ROLES,
    "suc_khoe_hoc_sinh.txt": HEALTH_ROLES,
}


def run(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planqa_cli", *args, "--index", str(index)],
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("plans")
    write_text(folder / "binh_dang_gioi.txt", GENDER_PLAN)
    make_docx(folder / "chuyen_doi_so.docx", COMMUNE_PARAGRAPHS, [COMMUNE_TABLE], table_after=len(COMMUNE_PARAGRAPHS))
    write_text(folder / "phong_chong_thien_tai.txt", DISTRICT_PLAN)
    write_text(folder / "moi_truong.txt", ENVIRONMENT_PLAN)
    write_text(folder / "suc_khoe_hoc_sinh.txt", HEALTH_PLAN)
    idx = tmp_path_factory.mktemp("idx") / "index"
    result = run("ingest", str(folder), index=idx)
    assert result.returncode == 0, result.stderr
    return idx


def test_indicators_json_has_every_lead_and_support(index: Path) -> None:
    out = run("indicators", "--json", index=index)
    assert out.returncode == 0, out.stderr
    got: dict[str, Roles] = {}
    for r in json.loads(out.stdout):
        got.setdefault(r["source"], {})[r["number"]] = (set(r["leads"]), set(r["supports"]))
        assert r["lead_missing"] == (not r["leads"])
    assert got == PLANS


def test_indicators_without_a_lead_are_shown(index: Path) -> None:
    rows = json.loads(run("indicators", "--json", "--no-lead", index=index).stdout)
    assert [(r["source"], r["number"]) for r in rows] == [("binh_dang_gioi.txt", 11)]
    assert rows[0]["supports"] == ["Công an tỉnh"]
    text = run("indicators", "--doc", "binh_dang_gioi.txt", index=index)
    assert text.returncode == 0, text.stderr
    line11 = next(ln for ln in text.stdout.splitlines() if ln.strip().startswith("11 "))
    assert "KHÔNG CÓ" in line11 and line11.rstrip().endswith("Công an tỉnh")
    assert "binh_dang_gioi.txt: 1 of 11 indicators without a lead: #11" in text.stdout
    full = run("indicators", "--doc", "moi_truong.txt", index=index).stdout
    assert "without a lead" not in full and "KHÔNG CÓ" not in full
