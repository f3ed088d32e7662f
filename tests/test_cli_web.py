"""Issue 11's command-line side: per-document ingest progress, `planqa indicators --doc` by place or
title words (non-zero exit when nothing matches), the readable table, and `… | head` ending quietly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from api_support import write_plans

import planqa_cli
from core.quotes import trim_quote

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_plans(tmp_path_factory.mktemp("cli-web") / "plans")


@pytest.fixture(scope="module")
def index(plans: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-web-index") / "index"
    assert planqa_cli.main(["ingest", *map(str, plans), "--index", str(root)]) == 0
    return root


def test_ingest_shows_each_document_and_stage(plans: list[Path], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert planqa_cli.main(["ingest", *map(str, plans), "--index", str(tmp_path / "i")]) == 0
    err = capsys.readouterr().err
    for name in (p.name for p in plans):
        assert f"] {name}: reading" in err and f"] {name}: parsing" in err
    assert "[1/2]" in err and "[2/2]" in err
    assert "embedding passages" in err and "saving the index" in err
    assert "embedded " in err and " new passages" in err


@pytest.mark.parametrize("ref", ["Cà Mau", "ca mau", "tỉnh Cà Mau", "51/KH-UBND", "ke-hoach-51-ca-mau.txt"])
def test_indicators_by_place_or_title_words(index: Path, ref: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert planqa_cli.main(["indicators", "--index", str(index), "--doc", ref]) == 0
    out = capsys.readouterr().out
    assert "51/KH-UBND · Cà Mau" in out and "Điện Biên" not in out
    header = next(line for line in out.splitlines() if "Chỉ tiêu" in line and "Chủ trì" in line)
    row = next(line for line in out.splitlines() if line.strip().startswith("14 "))
    assert row.index("Sở Tư pháp") == header.index("Chủ trì"), "columns line up"
    assert "98,5%" in row


def test_indicators_title_words_select_both_plans(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert planqa_cli.main(["indicators", "--index", str(index), "--doc", "tre em", "--json"]) == 0
    out = capsys.readouterr().out
    assert "ke-hoach-51-ca-mau.txt" in out and "quyet-dinh-333-dien-bien.txt" in out


def test_indicators_without_a_match_fails(index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert planqa_cli.main(["indicators", "--index", str(index), "--doc", "Lâm Viên"]) == 1
    captured = capsys.readouterr()
    assert "no document matches 'Lâm Viên'" in captured.err and captured.out == ""


def test_output_into_a_closed_pipe_ends_quietly(index: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, planqa_cli; sys.exit(planqa_cli.main(sys.argv[1:]))",
         "indicators", "--index", str(index), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read enough before planqa writes
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_numbers_are_never_cut_in_the_table() -> None:
    text = "Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2025."
    assert trim_quote(text, 56) == text


def test_serve_prints_the_url_to_open(index: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys, planqa_cli; sys.exit(planqa_cli.main(sys.argv[1:]))",
         "serve", "--index", str(index), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert f"open http://127.0.0.1:{port}/ in a browser" in line, line
        ready = next(line for line in proc.stderr if line.startswith("planqa: ready"))
        assert f"2 document(s) indexed: open http://127.0.0.1:{port}/" in ready
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_eval_shows_progress_while_building_its_index(plans: list[Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    from bot.settings import Settings
    from eval.systems import build_index

    report = build_index(tmp_path / "eval-index", plans, Settings(index_dir=tmp_path / "eval-index"))
    assert len(report.ok) == 2
    err = capsys.readouterr().err
    assert f"planqa eval: building the index [1/2] {plans[0].name}: reading" in err
    assert "planqa eval: building the index: embedding passages" in err
