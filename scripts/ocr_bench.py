"""OCR benchmark: scans of plans authored here, read back, compared with their text.

Prints one JSON object: OCR seconds per page, the character error rate (CER) of each scan against
the text it was rendered from at 150/200/300 dpi, clean and degraded (skew, noise, red seal,
signature), and fact accuracy of each scan against the text version of the same plan (indicators,
leads, supports, targets: the share of the text version's facts the scan also has, and the facts
the scan has that the text has not). Rerun it with:

    .venv/bin/python scripts/ocr_bench.py                  # all dpi, both styles, two plans
    .venv/bin/python scripts/ocr_bench.py --dpi 200 --ten-page data/scan10.pdf

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


def fact_set(doc: PlanDocument) -> dict[str, set[tuple[object, ...]]]:
    return {
        "indicators": {(i.number,) for i in doc.indicators},
        "targets": {(i.number, t.year, t.value) for i in doc.indicators for t in i.targets},
        "leads": {(a.indicator_number, a.agency) for a in doc.assignments if a.role == "lead"},
        "supports": {(a.indicator_number, a.agency) for a in doc.assignments if a.role == "support"},
    }


def compare(scan: PlanDocument, text: PlanDocument) -> dict[str, object]:
    got, want = fact_set(scan), fact_set(text)
    out: dict[str, object] = {}
    total_found = total = 0
    for kind in want:
        found = len(got[kind] & want[kind])
        out[kind] = {"found": found, "of": len(want[kind]), "extra": len(got[kind] - want[kind])}
        total_found += found
        total += len(want[kind])
    out["share_of_text_facts"] = round(total_found / total, 4) if total else None
    return out


def run(dpis: list[int], styles: dict[str, dict[str, object]], plans: list[int], tmp: Path) -> dict[str, object]:
    page_seconds: list[float] = []
    results = []
    for domain in plans:
        source = authored_plan(domain)
        text_path = tmp / f"plan{domain}.txt"
        text_path.write_text(source, encoding="utf-8")
        text_doc = parse_document(load_document(text_path))
        for dpi in dpis:
            for style_name, style in styles.items():
                pages = render_pages(source, ScanStyle(dpi=dpi, seed=domain, **style))  # type: ignore[arg-type]
                path = tmp / f"plan{domain}-{dpi}-{style_name}.pdf"
                save_scan(pages, path, dpi)
                events: list[PageProgress] = []
                started = time.perf_counter()
                raw = load_document(path, progress=events.append)
                seconds = time.perf_counter() - started
                page_seconds.extend(e.seconds for e in events)
                scan_doc = parse_document(raw)
                results.append({
                    "plan": DOMAINS[domain][1], "dpi": dpi, "style": style_name, "pages": len(events),
                    "seconds": round(seconds, 2), "confidence": raw.ocr_confidence,
                    "cer": character_error_rate("\n".join(b.text for b in raw.blocks), source),
                    "facts": compare(scan_doc, text_doc), "warnings": raw.warnings,
                })
    by = {}
    for dpi in dpis:
        for style_name in styles:
            rows = [r for r in results if r["dpi"] == dpi and r["style"] == style_name]
            by[f"{dpi}dpi-{style_name}"] = {
                "cer_mean": round(statistics.mean(float(r["cer"]) for r in rows), 4),  # type: ignore[arg-type]
                "facts_share_mean": round(statistics.mean(
                    float(r["facts"]["share_of_text_facts"]) for r in rows), 4),  # type: ignore[index]
            }
    return {
        "ocr_seconds_per_page": {
            "mean": round(statistics.mean(page_seconds), 2),
            "median": round(statistics.median(page_seconds), 2),
            "max": round(max(page_seconds), 2),
            "pages": len(page_seconds),
        },
        "summary": by,
        "documents": results,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dpi", type=int, action="append", help="150, 200, 300 (repeatable; default all three)")
    ap.add_argument("--plans", type=int, default=2, help="how many authored plans (domains), 1-3")
    ap.add_argument("--ten-page", type=Path, help="also write a ten-page scanned plan (200 dpi, degraded) here")
    args = ap.parse_args(argv)
    missing = ocr_available()
    if missing:
        print(json.dumps({"error": missing}))
        return 1
    styles: dict[str, dict[str, object]] = {
        "clean": {},
        "degraded": {"skew_degrees": 1.5, "noise": 0.004, "stamp": True, "signature": True},
    }
    with tempfile.TemporaryDirectory(prefix="planqa-ocr-bench-") as tmp:
        report = run(args.dpi or [150, 200, 300], styles, list(range(max(1, min(3, args.plans)))), Path(tmp))
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
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
