"""The CLI through its real entry point, on a small index of documents written here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = """ỦY BAN NHÂN DÂN HUYỆN SƠN MINH
Số: 12/KH-UBND
Sơn Minh, ngày 02 tháng 3 năm 2024
KẾ HOẠCH
THỰC HIỆN CÔNG TÁC TRẺ EM HUYỆN SƠN MINH NĂM 2024
I. MỤC TIÊU
- Chỉ tiêu 1: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 96% vào năm 2024.
- Chỉ tiêu 2: 100% trẻ em dưới 6 tuổi được cấp thẻ bảo hiểm y tế vào năm 2024.
- Chỉ tiêu 3: Tỷ lệ trẻ em được đăng ký khai sinh đúng hạn đạt 99% vào năm 2024.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Y tế
- Chủ trì thực hiện các chỉ tiêu 1, 2; phối hợp thực hiện chỉ tiêu 3.
2. Phòng Tư pháp
- Chủ trì, phối hợp với Phòng Y tế thực hiện chỉ tiêu 3.
"""


def run(*args: str, index: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planqa_cli", *args, "--index", str(index)],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "son_minh.txt").write_text(PLAN, encoding="utf-8")
    (folder / "junk.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    index = tmp_path_factory.mktemp("idx") / "index"
    result = run("ingest", str(folder), index=index)
    assert result.returncode == 1, result.stderr  # junk.txt fails, the plan is still ingested
    assert "junk.txt" in result.stderr and "Traceback" not in result.stderr
    assert "1 added" in result.stdout
    return index


def test_indicators_json_contract(small_index: Path) -> None:
    out = run("indicators", "--json", index=small_index)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    by_number = {r["number"]: r for r in rows}
    assert set(by_number) == {1, 2, 3}
    assert by_number[1]["leads"] == ["Phòng Y tế"]
    assert by_number[3]["leads"] == ["Phòng Tư pháp"] and by_number[3]["supports"] == ["Phòng Y tế"]
    for r in rows:
        assert {"doc_id", "source", "doc_number", "number", "text", "targets", "leads", "supports",
                "citation"} <= set(r)
        assert r["source"] == "son_minh.txt" and r["doc_number"] == "12/KH-UBND"
        assert r["citation"]["quote"].startswith("- Chỉ tiêu")
    assert by_number[1]["targets"][0]["year"] == 2024 and by_number[1]["targets"][0]["value"] == 96.0


def test_ingest_again_skips_unchanged(small_index: Path, tmp_path: Path) -> None:
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "son_minh.txt").write_text(PLAN, encoding="utf-8")
    out = run("ingest", str(folder / "son_minh.txt"), index=small_index)
    assert out.returncode == 0 and "1 unchanged" in out.stdout


def test_ask_json_contract(small_index: Path) -> None:
    out = run("ask", "Chỉ tiêu 3 do ai chủ trì?", "--json", index=small_index)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == "answered" and "Phòng Tư pháp" in data["answer"]
    cite = data["citations"][0]
    assert set(cite) >= {"doc_id", "source", "title", "doc_number", "section", "quote", "page", "char_start",
                         "char_end"}
    assert "total" in data["timings_ms"]


def test_ask_batch_prints_one_json_per_line(small_index: Path, tmp_path: Path) -> None:
    qfile = tmp_path / "q.txt"
    qfile.write_text("Chỉ tiêu 1 do ai chủ trì?\nchi tieu 2 do ai phu trach\n", encoding="utf-8")
    out = run("ask", "--batch", str(qfile), index=small_index)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["status"] for line in lines] == ["answered", "answered"]
    assert all("Phòng Y tế" in line["answer"] for line in lines)


@pytest.mark.parametrize("question", ["", "a" * 10_000])
def test_ask_bad_question_exits_nonzero_without_traceback(small_index: Path, question: str) -> None:
    out = run("ask", question, index=small_index)
    assert out.returncode == 2
    assert out.stderr.startswith("error:") and "Traceback" not in out.stderr


def test_missing_index_is_a_clear_error(tmp_path: Path) -> None:
    out = run("ask", "Chỉ tiêu 1 do ai chủ trì?", index=tmp_path / "nowhere")
    assert out.returncode == 3 and "planqa ingest" in out.stderr and "Traceback" not in out.stderr


def test_index_from_another_model_is_refused(small_index: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "planqa_cli", "docs", "--index", str(small_index)],
                         capture_output=True, text=True, timeout=120,
                         env={**__import__("os").environ, "PLANQA_EMBEDDING_MODEL": "/models/other"})
    assert out.returncode == 3 and "embedding model" in out.stderr


def test_remove_document(small_index: Path, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(small_index, copy)
    out = run("remove", "12/KH-UBND", index=copy)
    assert out.returncode == 0, out.stderr
    docs = json.loads(run("docs", "--json", index=copy).stdout)
    assert docs == []
    assert json.loads(run("docs", "--json", index=small_index).stdout)[0]["doc_number"] == "12/KH-UBND"
