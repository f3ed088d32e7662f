"""Regenerate the Word 97-2003 (.doc) fixtures of the tests from documents authored in docgen.

planqa reads .doc with antiword, which cannot write them; these files were written by LibreOffice
(`soffice --headless --convert-to doc`) from the .docx files docgen builds, and are committed so the
tests need no LibreOffice. Run from the repository root after changing what they hold:

    python tests/data/make_doc_fixtures.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from docgen import FORMS_PLAN_LINES, make_docx  # noqa: E402

# A table with a merged cell and a long cell, for the table reading of .doc files.
TABLE_DOC_ROWS = [
    ["STT", "Chỉ tiêu", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    ["1", "Tỷ lệ xã có điểm phục vụ dịch vụ công trực tuyến đạt 100% vào năm 2026", "Văn phòng HĐND và UBND huyện",
     "Công an huyện"],
    ["2", "Tỷ lệ doanh nghiệp nhỏ dùng hóa đơn điện tử đạt 90% vào năm 2026", "Chi cục Thuế khu vực", ""],
]


def main() -> int:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("needs LibreOffice (Debian: apt-get install --no-install-recommends libreoffice-writer-nogui)")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        make_docx(out / "forms_plan.docx", FORMS_PLAN_LINES)
        make_docx(out / "table_plan.docx", ["KẾ HOẠCH\nChuyển đổi số", "Các chỉ tiêu tại bảng sau:", "Hết."],
                  tables=[TABLE_DOC_ROWS], table_after=2, merges=[(0, 2, 2, 3)])
        for name in ("forms_plan", "table_plan"):
            subprocess.run([soffice, "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(out),
                            str(out / f"{name}.docx")], check=True, capture_output=True, timeout=300)
            shutil.copy(out / f"{name}.doc", HERE / f"{name}.doc")
            print(HERE / f"{name}.doc")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
