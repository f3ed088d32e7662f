"""`planqa bench`: latency, cold start, ingest throughput and peak memory, measured (never asserted)."""

from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.settings import Settings
from core.stats import percentile

DEFAULT_QUESTIONS = [
    "Chỉ tiêu 14 do cơ quan nào chủ trì?",
    "chi tieu 9 do ai phu trach",
    "who owns indicator 5?",
    "Sở Y tế phụ trách những chỉ tiêu nào?",
    "Mục tiêu tiêm chủng năm 2025 là bao nhiêu?",
    "Cấp xã phải bố trí kinh phí tối thiểu bao nhiêu?",
    "Báo cáo năm gửi trước ngày nào?",
    "Có bao nhiêu chỉ tiêu?",
    "Ai ký kế hoạch?",
    "Kế hoạch của tỉnh Quảng Ninh giao chỉ tiêu 5 cho ai?",
]


def _summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    return {"n": len(values), "p50": round(percentile(values, 50) or 0.0, 2),
            "p95": round(percentile(values, 95) or 0.0, 2), "max": round(max(values), 2),
            "mean": round(statistics.fmean(values), 2)}


def _cold_start(index_dir: Path) -> float:
    code = (
        "import time; t=time.perf_counter(); from pathlib import Path; from bot.pipeline import build_pipeline; "
        f"from bot.settings import Settings; build_pipeline(Settings(index_dir=Path({str(index_dir)!r}))); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def run_bench(settings: Settings, questions_file: Path | None, rounds: int, corpus: Path) -> dict[str, Any]:
    from bot.pipeline import build_pipeline
    from index.library import Library

    questions = (questions_file.read_text(encoding="utf-8").splitlines() if questions_file else DEFAULT_QUESTIONS)
    questions = [q for q in questions if q.strip()]
    result: dict[str, Any] = {}

    tmp = Path(tempfile.mkdtemp(prefix="planqa-bench-"))
    try:
        started = time.perf_counter()
        report = Library.create_or_open(tmp / "index", settings.index).ingest_paths([corpus])
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
        result["ingest"] = {"documents": len(report.ok), "chunks": report.counts.get("chunks", 0),
                            "seconds": round(seconds, 2), "docs_per_s": round(len(report.ok) / seconds, 3),
                            "chunks_per_s": round(report.counts.get("chunks", 0) / seconds, 2),
                            "kb_per_s": round(size / 1024 / seconds, 2), "embedding_cache": "cold"}
        index_dir = settings.index_dir if (settings.index_dir / "CURRENT").exists() else tmp / "index"
        result["cold_start_s"] = round(_cold_start(index_dir), 3)
        pipeline = build_pipeline(settings.model_copy(update={"index_dir": index_dir}))
        # The first pass meets every question for the first time (query embeddings are cached, so
        # later passes measure what a repeated question costs); both are reported.
        first: list[float] = []
        repeat: list[float] = []
        for round_ in range(rounds):
            for q in questions:
                t = time.perf_counter()
                pipeline.ask(q)
                (first if round_ == 0 else repeat).append((time.perf_counter() - t) * 1000)
        result["ask_ms"] = {"first_pass": _summary(first), "repeated": _summary(repeat),
                            "all": _summary(first + repeat)}
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        result["index"] = str(index_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return json.loads(json.dumps(result))
