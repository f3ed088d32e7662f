"""OCR benchmark: scans of plans authored here, read back, compared with their text.

Prints one JSON object: OCR seconds per page, the character error rate (CER) of each scan against
the text it was rendered from at 150/200/300 dpi, clean and degraded (skew, noise, red seal,
signature), and fact accuracy of each scan against the text version of the same plan (indicators,
leads, supports, targets: the share of the text version's facts the scan also has, and the facts
the scan has that the text has not). Rerun it with:

    ./w python scripts/ocr_bench.py --out /tmp/ocr.json     # all plans at 150/200/300 dpi, degraded
    ./w python scripts/ocr_bench.py --dpi 200 --only gender --style both
    ./w python scripts/ocr_bench.py --no-bench --ten-page /tmp/scan10.pdf; ./w planqa ingest /tmp/scan10.pdf

`--ten-page PATH` also writes a ten-page scanned plan there (for `planqa ingest PATH`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval.corpus_tools.render_scan import ScanStyle, render_pages, save_scan  # noqa: E402
from ingest.agencies import agency_key  # noqa: E402
from ingest.loaders import PageProgress, load_document  # noqa: E402
from ingest.model import PlanDocument  # noqa: E402
from ingest.ocr import character_error_rate, ocr_available  # noqa: E402
from ingest.parse import parse_document  # noqa: E402

DOMAINS = [
    ("CHUYỂN ĐỔI SỐ", "Chuyển đổi số", [
        "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình",
        "Tỷ lệ hộ gia đình có kết nối Internet cáp quang",
        "Tỷ lệ người dân trưởng thành có tài khoản định danh điện tử mức 2",
        "Tỷ lệ cơ quan nhà nước dùng chữ ký số trong văn bản điện tử",
        "Tỷ lệ doanh nghiệp nhỏ và vừa sử dụng hóa đơn điện tử",
        "Tỷ lệ trường học sử dụng học bạ số",
    ]),
    ("BÌNH ĐẲNG GIỚI", "Bình đẳng giới", [
        "Tỷ lệ nữ tham gia cấp ủy Đảng nhiệm kỳ mới",
        "Tỷ lệ lao động nữ được đào tạo nghề",
        "Tỷ số giới tính khi sinh không vượt quá 109 bé trai trên 100 bé gái",
        "Tỷ lệ xã có mô hình phòng, chống bạo lực gia đình",
        "Tỷ lệ nữ làm chủ doanh nghiệp được hỗ trợ vay vốn",
        "Tỷ lệ cán bộ làm công tác bình đẳng giới được tập huấn",
    ]),
    ("PHÒNG, CHỐNG THIÊN TAI", "Phòng, chống thiên tai", [
        "Tỷ lệ hộ dân vùng trũng được hướng dẫn kỹ năng ứng phó lũ lụt",
        "Tỷ lệ trường học có phương án di dời học sinh khi có bão",
        "Tỷ lệ xã có lực lượng xung kích phòng chống thiên tai được huấn luyện",
        "Tỷ lệ tuyến đê xung yếu được gia cố",
        "Tỷ lệ hồ chứa nước có quy trình vận hành được phê duyệt",
        "Tỷ lệ hộ nghèo được hỗ trợ nhà ở an toàn trước thiên tai",
    ]),
]
BODIES = ["Phòng Nội vụ", "Phòng Văn hóa và Thông tin", "Công an huyện", "Phòng Giáo dục và Đào tạo",
          "Trung tâm Y tế huyện", "Phòng Tài chính - Kế hoạch", "Phòng Nông nghiệp và Môi trường",
          "Ban Chỉ huy Quân sự huyện"]


def authored_plan(domain: int, repeat: int = 1) -> str:
    """A district plan in one domain: numbered indicators with targets, then per-body assignments.
    `repeat` > 1 adds goal groups to make a longer plan (ten pages at repeat=6)."""
    caps, title, texts = DOMAINS[domain]
    lines = ["ỦY BAN NHÂN DÂN HUYỆN THANH LĨNH", f"Số: {31 + domain}/KH-UBND",
             "Thanh Lĩnh, ngày 14 tháng 4 năm 2025", "KẾ HOẠCH",
             f"{title} huyện Thanh Lĩnh giai đoạn 2025-2030", "I. MỤC TIÊU", "1. Mục tiêu chung",
             f"Triển khai đồng bộ công tác {title.lower()} trên địa bàn huyện, huy động sự tham gia của các "
             "cơ quan, đơn vị và Nhân dân.", "2. Mục tiêu cụ thể"]
    n = 0
    for group in range(repeat):
        lines.append(f"Mục tiêu {group + 1}: Nhóm chỉ tiêu về {caps.lower()} thứ {group + 1}")
        for k, text in enumerate(texts):
            n += 1
            value = 60 + (n * 7 + k * 3) % 40
            year = 2025 + (n % 6)
            lines.append(f"- Chỉ tiêu {n}: {text} đạt {value}% vào năm {year}.")
        lines.append("Các chỉ tiêu trên được rà soát, cập nhật hằng năm theo hướng dẫn của tỉnh; kết quả thực "
                     "hiện được tổng hợp, báo cáo Ủy ban nhân dân huyện trước ngày 15 tháng 12.")
    lines.append("II. TỔ CHỨC THỰC HIỆN")
    for b, body in enumerate(BODIES):
        own = [i for i in range(1, n + 1) if i % len(BODIES) == b]
        helps = [i for i in range(1, n + 1) if (i + 3) % len(BODIES) == b][:2]
        lines.append(f"{b + 1}. {body}")
        if own:
            lines.append(f"- Chủ trì thực hiện chỉ tiêu {', '.join(map(str, own))}.")
        if helps:
            lines.append(f"- Phối hợp thực hiện chỉ tiêu {', '.join(map(str, helps))}.")
        lines.append("- Định kỳ báo cáo kết quả thực hiện về Phòng Nội vụ để tổng hợp.")
    lines += ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Minh Khang"]
    return "\n".join(lines) + "\n"


def test_plans() -> dict[str, str]:
    """The plans written for the tests (tests/docgen.py, tests/test_roles_documents.py): other
    domains, both administrations, every clause shape. A table-less text of the commune plan."""
    sys.path.insert(0, str(ROOT / "tests"))
    from docgen import FORMS_PLAN
    from test_roles_documents import (
        COMMUNE_PARAGRAPHS,
        DISTRICT_PLAN,
        ENVIRONMENT_PLAN,
        GENDER_PLAN,
        HEALTH_PLAN,
    )

    return {
        "forms (district, digital)": FORMS_PLAN,
        "gender (province, post-2025)": GENDER_PLAN,
        "commune (digital, post-2025)": "\n".join(COMMUNE_PARAGRAPHS[:-1]) + "\n",
        "district (disasters)": DISTRICT_PLAN,
        "environment (province, abbreviations)": ENVIRONMENT_PLAN,
        "health (owners with indicators)": HEALTH_PLAN,
    }


def fresh_plans() -> dict[str, str]:
    """Plans written after the OCR repairs were made (tests/scan_plans.py): a check they generalise."""
    sys.path.insert(0, str(ROOT / "tests"))
    from scan_plans import SCAN_PLANS

    return {f"fresh {name}": text for name, (text, _) in SCAN_PLANS.items()}


def all_plans(which: str) -> dict[str, str]:
    plans: dict[str, str] = {}
    if which in ("tests", "all"):
        plans.update(test_plans())
    if which in ("fresh", "all"):
        plans.update(fresh_plans())
    if which in ("bench", "all"):
        plans.update({f"bench {DOMAINS[d][1]}": authored_plan(d) for d in range(len(DOMAINS))})
    return plans


Facts = dict[str, set[tuple[object, ...]]]


def fact_set(doc: PlanDocument) -> Facts:
    """Bodies are compared by `agency_key`, the product's identity of a body (so "Ủy ban nhân dân
    các xã thị trấn" read without its comma is the same body); `name_variants` counts those."""
    return {
        "indicators": {(i.number,) for i in doc.indicators},
        "targets": {(i.number, t.year, t.value) for i in doc.indicators for t in i.targets},
        "leads": {(a.indicator_number, agency_key(a.agency)) for a in doc.assignments if a.role == "lead"},
        "supports": {(a.indicator_number, agency_key(a.agency)) for a in doc.assignments if a.role == "support"},
    }


def name_variants(scan: PlanDocument, text: PlanDocument) -> list[str]:
    """Bodies the scan names otherwise than the text (same key, other spelling)."""
    written = {agency_key(a.agency): a.agency for a in text.assignments}
    return sorted({a.agency for a in scan.assignments
                   if agency_key(a.agency) in written and written[agency_key(a.agency)] != a.agency})


def compare(got: Facts, want: Facts) -> dict[str, object]:
    """Per kind: how many of the text version's facts the scan has, and how many it has that the
    text has not (a wrong lead is a lead the text version does not give)."""
    out: dict[str, object] = {}
    for kind in want:
        out[kind] = {"found": len(got[kind] & want[kind]), "of": len(want[kind]),
                     "extra": sorted(map(str, got[kind] - want[kind]))}
    found = sum(len(got[k] & want[k]) for k in want)
    total = sum(len(want[k]) for k in want)
    extra = sum(len(got[k] - want[k]) for k in want)
    out["recall"] = round(found / total, 4) if total else None
    out["precision"] = round(found / (found + extra), 4) if found + extra else None
    out["missing"] = sorted(str((k, *f)) for k in want for f in want[k] - got[k])
    return out


def run(dpis: list[int], styles: dict[str, dict[str, object]], plans: dict[str, str], tmp: Path) -> dict[str, object]:
    page_seconds: list[float] = []
    results: list[dict[str, object]] = []
    counts: dict[str, dict[str, int]] = {}
    for seed, (name, source) in enumerate(plans.items()):
        text_path = tmp / f"plan{seed}.txt"
        text_path.write_text(source, encoding="utf-8")
        text_doc = parse_document(load_document(text_path))
        want = fact_set(text_doc)
        for dpi in dpis:
            for style_name, style in styles.items():
                pages = render_pages(source, ScanStyle(dpi=dpi, seed=seed, **style))  # type: ignore[arg-type]
                path = tmp / f"plan{seed}-{dpi}-{style_name}.pdf"
                save_scan(pages, path, dpi)
                events: list[PageProgress] = []
                started = time.perf_counter()
                raw = load_document(path, progress=events.append)
                seconds = time.perf_counter() - started
                page_seconds.extend(e.seconds for e in events)
                scan_doc = parse_document(raw)
                got = fact_set(scan_doc)
                facts = compare(got, want)
                facts["name_variants"] = name_variants(scan_doc, text_doc)
                key = f"{dpi}dpi-{style_name}"
                c = counts.setdefault(key, {"found": 0, "of": 0, "extra": 0, "wrong_leads": 0, "docs": 0,
                                            "name_variants": 0})
                c["docs"] += 1
                c["name_variants"] += len(facts["name_variants"])  # type: ignore[arg-type]
                for kind in want:
                    c["found"] += len(got[kind] & want[kind])
                    c["of"] += len(want[kind])
                    c["extra"] += len(got[kind] - want[kind])
                c["wrong_leads"] += len(got["leads"] - want["leads"])
                results.append({
                    "plan": name, "dpi": dpi, "style": style_name, "pages": len(events),
                    "seconds": round(seconds, 2), "confidence": raw.ocr_confidence,
                    "cer": character_error_rate("\n".join(b.text for b in raw.blocks), source),
                    "facts": facts, "warnings": raw.warnings,
                })
    summary: dict[str, object] = {}
    for key, c in counts.items():
        rows = [r for r in results if f"{r['dpi']}dpi-{r['style']}" == key]
        summary[key] = {
            "documents": c["docs"],
            "cer_mean": round(statistics.mean(float(r["cer"]) for r in rows), 4),  # type: ignore[arg-type]
            "cer_max": round(max(float(r["cer"]) for r in rows), 4),  # type: ignore[arg-type]
            "facts_recall": round(c["found"] / c["of"], 4) if c["of"] else None,
            "facts_precision": round(c["found"] / (c["found"] + c["extra"]), 4) if c["found"] + c["extra"] else None,
            "facts_found": c["found"], "facts_of": c["of"], "facts_extra": c["extra"],
            "wrong_leads": c["wrong_leads"], "name_variants": c["name_variants"],
            "worst_recall": min(float(r["facts"]["recall"] or 0) for r in rows),  # type: ignore[index]
        }
    return {
        "ocr_seconds_per_page": {
            "mean": round(statistics.mean(page_seconds), 2),
            "median": round(statistics.median(page_seconds), 2),
            "max": round(max(page_seconds), 2),
            "pages": len(page_seconds),
        } if page_seconds else None,
        "summary": summary,
        "documents": results,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpi", type=int, action="append", help="150, 200, 300 (repeatable; default all three)")
    ap.add_argument("--plans", choices=["tests", "fresh", "bench", "all"], default="all",
                    help="the plans written for the tests, those written after the OCR repairs, the "
                         "benchmark's own three, or all (default)")
    ap.add_argument("--only", help="only the plans whose name contains this")
    ap.add_argument("--style", choices=["degraded", "clean", "both"], default="degraded",
                    help="degraded: skew, noise, red seal, signature (default); clean: none of them")
    ap.add_argument("--ten-page", type=Path, help="also write a ten-page scanned plan (200 dpi, degraded) here")
    ap.add_argument("--no-bench", action="store_true", help="only write the --ten-page plan")
    ap.add_argument("--out", type=Path, help="write the full JSON report here; print only the summary")
    args = ap.parse_args(argv)
    missing = ocr_available()
    if missing:
        print(json.dumps({"error": missing}))
        return 1
    all_styles: dict[str, dict[str, object]] = {
        "clean": {},
        "degraded": {"skew_degrees": 1.5, "noise": 0.004, "stamp": True, "signature": True},
    }
    styles = all_styles if args.style == "both" else {args.style: all_styles[args.style]}
    plans = {k: v for k, v in all_plans(args.plans).items() if not args.only or args.only in k}
    report: dict[str, object] = {}
    if not args.no_bench:
        with tempfile.TemporaryDirectory(prefix="planqa-ocr-bench-") as tmp:
            report = run(args.dpi or [150, 200, 300], styles, plans, Path(tmp))
    if args.ten_page:
        repeat = 6
        while len(render_pages(authored_plan(0, repeat), ScanStyle(dpi=72))) < 10:
            repeat += 1
        source = authored_plan(0, repeat)
        pages = render_pages(source, ScanStyle(dpi=200, seed=9, skew_degrees=1.0, noise=0.003, stamp=True,
                                               signature=True))
        save_scan(pages, args.ten_page, 200)
        args.ten_page.with_suffix(".txt").write_text(source, encoding="utf-8")
        report["ten_page_plan"] = {"path": str(args.ten_page), "pages": len(pages)}
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        report = {k: v for k, v in report.items() if k != "documents"}
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
