"""`planqa bench`: latency, cold start, ingest throughput and peak memory, measured (never asserted)."""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.settings import Settings
from core.errors import PlanqaError
from core.stats import percentile
from index.embeddings import PlanqaEmbeddings
from ingest.normalize import fold_ascii

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


# ---- `planqa bench --synthetic N`: how costs grow with the library ---------------------------------------------

HASH_MODEL = "hash-64"  # the bench's embedder: never used to answer real questions


class HashEmbeddings(PlanqaEmbeddings):
    """BENCH ONLY: a deterministic feature-hashing "embedding" (folded words and word pairs into 64 signed buckets).

    It has no meaning beyond shared words; it exists so that `planqa bench --synthetic` measures
    storage, retrieval and answering rather than the embedding model, offline and in milliseconds."""

    def __init__(self, dimension: int = 64) -> None:
        self._dimension = dimension
        self.model_id = f"{HASH_MODEL[:5]}{dimension}/bench-only"

    @property
    def dimension(self) -> int:
        return self._dimension

    def embed_batch(self, texts: list[str], *, is_query: bool) -> np.ndarray:
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", fold_ascii(text))
            for feature in words + [f"{a} {b}" for a, b in itertools.pairwise(words)]:
                h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
                out[row, h % self._dimension] += 1.0 if (h >> 32) & 1 else -1.0
            out[row, 0] += 1e-3  # never the zero vector
        return out


# Syllables for invented place names ("Khê Ngọc Hạc"), one from each list, so no name repeats a syllable and the
# 4,096 names are all different; a document's places take consecutive names.
_SYLLABLES = (("Khê", "Lâm", "Vạn", "Thạch", "Bích", "Đào", "Liễu", "Trúc", "Quế", "Tùng", "Sâm", "Mai", "Cúc",
               "Lan", "Huệ", "Sen"),
              ("Ngọc", "Tuyền", "Mây", "Nguyệt", "Vân", "Thủy", "Hương", "Lạc", "Kim", "Ngân", "Châu", "Bảo",
               "Toàn", "Nhuận", "Đỉnh", "Cầm"),
              ("Hạc", "Phong", "Yến", "Oanh", "Quyên", "Loan", "Phượng", "Nhạn", "Cò", "Sáo", "Khuyên", "Vành",
               "Trĩ", "Bồng", "Hải", "Điệp"))
NAMES = 16 ** 3


def invented_place(k: int, seed: int = 0) -> str:
    """A deterministic name for index k, different for every k below NAMES (seed shifts the sequence)."""
    k = (k + seed * 1009) % NAMES
    return f"{_SYLLABLES[0][k % 16]} {_SYLLABLES[1][(k // 16) % 16]} {_SYLLABLES[2][k // 256]}"


_DATE_RE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_TEXT_FORMATS = {".txt", ".md", ".html", ".htm"}


@dataclass
class SampleDoc:
    """A sample plan read once: its file text and what varies between synthetic copies."""

    name: str
    suffix: str
    text: str
    places: list[str]
    number: str | None
    date: str | None


def sample_documents(corpus: Path) -> list[SampleDoc]:
    """The text-format plans of the sample corpus (their bytes can be edited as text), parsed once for their
    place names, number and date."""
    from ingest.loaders import load_document
    from ingest.parse import parse_document

    out = []
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() not in _TEXT_FORMATS or path.name.upper().startswith("README"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a legacy encoding: not editable as text here
        doc = parse_document(load_document(path))
        m = doc.meta
        places = [p for p in dict.fromkeys([m.place or "", *(r.name for r in m.place_chain)]) if len(p) > 2]
        if not places:
            continue
        out.append(SampleDoc(path.stem, path.suffix.lower(), text, places,
                             m.number, m.date))
    if not out:
        raise PlanqaError(f"no text-format plan with a place name in {corpus}")
    return out


def synthetic_copy(sample: SampleDoc, k: int, seed: int = 0) -> str:
    """Sample plan k of the library: every place it names renamed, its number and its date changed."""
    text = sample.text
    for i, place in enumerate(sample.places):
        new = invented_place(k * 4 + i, seed)

        def swap(m: re.Match[str], new: str = new) -> str:
            return new.upper() if m.group(0).isupper() else new

        text = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", swap, text, flags=re.IGNORECASE)
    if sample.number and "/" in sample.number:
        tail = sample.number.split("/", 1)[1]
        text = text.replace(sample.number, f"{1000 + k}/{tail}")
    day, month = 1 + k % 28, 1 + (k // 28) % 12

    def redate(m: re.Match[str]) -> str:
        return f"ngày {day:02d} tháng {month} năm {m.group(3)}"

    if sample.date:
        y, mo, *rest = sample.date.split("-")
        for m in _DATE_RE.finditer(text):
            if m.group(3) == y and int(m.group(2)) == int(mo) and (not rest or int(m.group(1)) == int(rest[0])):
                text = text[:m.start()] + redate(m) + text[m.end():]
                break
    return text


def _io_counters() -> dict[str, int]:
    """This process's write counters (Linux): `wchar` bytes passed to write calls, `write_bytes` to storage."""
    try:
        lines = Path("/proc/self/io").read_text().splitlines()
    except OSError:
        return {}
    return {k: int(v) for k, v in (line.split(": ") for line in lines)}


def _tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _measure(fn: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    io0, cpu0, wall0 = _io_counters(), time.process_time(), time.perf_counter()
    value = fn()
    cpu, wall, io1 = time.process_time() - cpu0, time.perf_counter() - wall0, _io_counters()
    return value, {"cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
                   "bytes_written": io1.get("wchar", 0) - io0.get("wchar", 0),
                   "storage_bytes_written": io1.get("write_bytes", 0) - io0.get("write_bytes", 0)}


def run_synthetic(settings: Settings, n: int, corpus: Path, seed: int = 0, per_kind: int = 12,
                  keep: Path | None = None) -> dict[str, Any]:
    """Build a library of `n` synthetic plans (copies of the sample corpus's text plans with invented places,
    numbers and dates; hash embeddings), then measure add-one, remove-one, and, in a fresh serving process,
    first-pass `ask` latency and answer size by question kind and serving RSS."""
    from index.library import Library

    if n < 1:
        raise PlanqaError("--synthetic needs at least one document")
    samples = sample_documents(corpus)
    tmp = Path(tempfile.mkdtemp(prefix="planqa-synth-", dir=keep))
    config = settings.index.model_copy(update={"embedding_model": HASH_MODEL})
    emb = HashEmbeddings()
    result: dict[str, Any] = {"profile": "embedded", "documents": n, "embedding_model": emb.model_id,
                              "samples": [s.name for s in samples], "seed": seed}
    try:
        docs = tmp / "docs"
        docs.mkdir()

        def write(k: int) -> Path:
            sample = samples[k % len(samples)]
            path = docs / f"synthetic_{k:05d}{sample.suffix}"
            path.write_text(synthetic_copy(sample, k, seed), encoding="utf-8")
            return path

        paths = [write(k) for k in range(n)]
        lib = Library.create_or_open(tmp / "index", config, embeddings=emb)
        report, build = _measure(lambda: lib.ingest_paths(paths))
        if report.failed:
            raise PlanqaError(f"synthetic documents failed to ingest: {report.failed[:3]}")
        counts = lib.counts()
        result["build"] = {**build, "documents": counts.get("documents", 0), "chunks": counts.get("chunks", 0),
                           "facts": sum(counts.get(t, 0) for t in ("indicators", "assignments", "duties"))}
        extra = write(n)
        added, add = _measure(lambda: lib.ingest_paths([extra]))
        gen = _current(tmp / "index")
        result["add_one"] = {**add, "generation_bytes": _tree_bytes(gen), "document_file_bytes": extra.stat().st_size}
        _, remove = _measure(lambda: lib.remove(added.ok[0]))
        result["remove_one"] = remove
        result["index_bytes"] = _tree_bytes(tmp / "index")
        result["serve"] = _serve_in_subprocess(tmp / "index", per_kind)
        result["library_documents"] = lib.counts().get("documents", 0)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return result


def _current(root: Path) -> Path:
    from index.library import current_generation

    gen = current_generation(root)
    assert gen is not None
    return gen


def _serve_in_subprocess(index_dir: Path, per_kind: int) -> dict[str, Any]:
    """Serving is measured in a fresh process, so its RSS is the server's and every question is asked first."""
    code = ("import json, sys; from pathlib import Path; from bot.bench import serve_measure; "
            f"print(json.dumps(serve_measure(Path({str(index_dir)!r}), {per_kind})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise PlanqaError(f"the serving measure failed: {out.stderr.strip().splitlines()[-1:]}")
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def bench_questions(snapshot: Any, per_kind: int, seed: int = 0) -> dict[str, list[tuple[str, str | None]]]:
    """Questions by kind, each with the document it must be answered from (None: any); all different, so each is
    asked for the first time. Built from the library's own facts, never from fixed wording about a corpus."""
    rng = random.Random(seed)
    docs = list(snapshot.documents.values())
    rng.shuffle(docs)
    # Unscoped questions about the numbers and bodies most plans share: the costly case of a large library.
    numbers = _most_shared({(a["indicator_number"], a["doc_id"]) for a in snapshot.assignments if a["role"] == "lead"})
    bodies = _most_shared({(d.agency, d.doc_id) for d in snapshot.duty_items if d.agency})
    placed = [d for d in docs if d.meta.get("place")][:per_kind]

    def where(rec: Any) -> str:
        return f"{rec.meta.get('place_level') or ''} {rec.meta['place']}".strip()

    owned: list[tuple[str, str | None]] = []
    for rec in docs:
        mine = sorted({a["indicator_number"] for a in snapshot.assignments
                       if a["doc_id"] == rec.doc_id and a["role"] == "lead"})
        if mine and rec.meta.get("place"):
            owned.append((f"Chỉ tiêu {mine[len(owned) % len(mine)]} của {where(rec)} do cơ quan nào chủ trì?",
                          rec.doc_id))
        if len(owned) >= per_kind:
            break
    free_topics = ("kinh phí thực hiện lấy từ nguồn nào", "chế độ báo cáo như thế nào",
                   "mục đích của kế hoạch là gì", "cơ quan nào tổng hợp báo cáo kết quả")
    return {
        "owner_scoped": owned,
        "owner_unscoped": [(f"Chỉ tiêu {n} do cơ quan nào chủ trì?", None) for n in numbers[:per_kind]],
        "duties_unscoped": [(f"{b} có nhiệm vụ gì?", None) for b in bodies[:per_kind]],
        "free_scoped": [(f"Ở {where(r)}, {free_topics[i % len(free_topics)]}?", r.doc_id)
                        for i, r in enumerate(placed)],
        "list": [(f"Liệt kê các chỉ tiêu trong kế hoạch của {where(r)}", r.doc_id) for r in placed],
        "summary": [(f"Tóm tắt kế hoạch của {where(r)}", r.doc_id) for r in placed],
    }


def _most_shared(pairs: set[tuple[Any, str]]) -> list[Any]:
    """The keys of (key, document) pairs, those in most documents first, ties in key order (deterministic)."""
    counts = Counter(key for key, _doc in pairs)
    return sorted(counts, key=lambda k: (-counts[k], str(k)))


def serve_measure(index_dir: Path, per_kind: int = 12) -> dict[str, Any]:
    """In a fresh process: open the library as a server does, ask each question once, report by kind."""
    from bot.pipeline import Pipeline
    from index.snapshot import IndexSnapshot

    settings = Settings(index_dir=index_dir)
    settings = settings.model_copy(update={"index": settings.index.model_copy(update={"embedding_model": HASH_MODEL})})
    t = time.perf_counter()
    pipeline = Pipeline(settings, IndexSnapshot.open(index_dir, settings.index, HashEmbeddings()))
    pipeline.warm_up()
    out: dict[str, Any] = {"open_s": round(time.perf_counter() - t, 3), "rss_after_open_mb": _rss_mb()}
    kinds: dict[str, Any] = {}
    for kind, questions in bench_questions(pipeline.snapshot, per_kind).items():
        ms: list[float] = []
        sizes: list[float] = []
        answered = scoped_ok = 0
        for question, doc_id in questions:
            t = time.perf_counter()
            answer = pipeline.ask(question)
            ms.append((time.perf_counter() - t) * 1000)
            sizes.append(len(json.dumps(answer.to_dict(), ensure_ascii=False).encode()))
            answered += answer.status == "answered"
            cited = {c.doc_id for c in answer.citations}
            scoped_ok += answer.status == "answered" and doc_id is not None and cited == {doc_id}
        kinds[kind] = {"questions": len(questions), "answered": answered, "ask_ms": _summary(ms),
                       "answer_bytes": _summary(sizes)}
        if questions and questions[0][1] is not None:
            kinds[kind]["answered_from_the_named_plan"] = scoped_ok
    out["kinds"] = kinds
    out["rss_mb"] = _rss_mb()
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out
