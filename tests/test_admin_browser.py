"""The admin page (/admin) in real headless Chromium at 1366×768 and 390×844, and the upload-job
API behind it: drag-and-drop upload of several files with per-file progress, the new document
answerable, the review table equal to `planqa indicators --json`, CSV/XLSX exports, delete.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import ADMIN_KEY, LiveServer, api_settings, build_index, make_app, write_plans
from docgen import make_pdf
from openpyxl import load_workbook

import planqa_cli
from index.review import EXPORT_COLUMNS, flat_row

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed; run .ci/install-browser.sh", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

from test_web_experience import PDF_PAGES, SIZES  # noqa: E402
from test_widget_browser import CHROMIUM_ARGS, Page, screenshot  # noqa: E402

AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}
# An invented plan uploaded as text: one indicator led by one body, one with no lead.
PLAN_LAM_HA = """ỦY BAN NHÂN DÂN
HUYỆN LAM HÀ
Số: 88/KH-UBND
Lam Hà, ngày 03 tháng 7 năm 2023
KẾ HOẠCH
NƯỚC SẠCH NÔNG THÔN HUYỆN LAM HÀ GIAI ĐOẠN 2023-2025
I. MỤC TIÊU
- Chỉ tiêu 1: Tỷ lệ hộ dân nông thôn dùng nước sạch đạt 92,5% vào năm 2025.
- Chỉ tiêu 2: Xây mới 14 công trình cấp nước tập trung.
II. TỔ CHỨC THỰC HIỆN
1. Phòng Nông nghiệp và Phát triển nông thôn
Chủ trì thực hiện chỉ tiêu 1.
"""


@pytest.fixture(scope="module")
def admin_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("admin")
    return build_index(root / "index", write_plans(root / "plans"))


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("uploads")
    text = folder / "ke-hoach-88-lam-ha.txt"
    text.write_text(PLAN_LAM_HA, encoding="utf-8")
    return [text, make_pdf(folder / "ke-hoach-27-doi-may.pdf", PDF_PAGES)]


@pytest.fixture(scope="module")
def server(admin_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("admin-feedback") / "feedback.sqlite3"
    with LiveServer(make_app(api_settings(admin_index, feedback_db=db))) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _page(browser: Any, size: str) -> Page:
    wrapper = Page(browser, viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone",
                   accept_downloads=True)
    return wrapper


def _close(wrapper: Page) -> None:
    assert not wrapper.blocked, f"the page tried to reach the internet: {wrapper.blocked}"
    assert not wrapper.errors, wrapper.errors
    wrapper.close()


def wait_job(client: httpx.Client, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job = client.get(f"/v1/jobs/{job_id}", headers=AUTH).json()
        if job["state"] in ("done", "failed"):
            return dict(job)
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_upload_job_api(server: LiveServer, tmp_path: Path) -> None:
    good = tmp_path / "ke-hoach-5-suoi-bac.txt"
    good.write_text(PLAN_LAM_HA.replace("88/KH-UBND", "5/KH-UBND").replace("LAM HÀ", "SUỐI BẠC")
                    .replace("Lam Hà", "Suối Bạc"), encoding="utf-8")
    with httpx.Client(base_url=server.url, timeout=60) as client:
        files = [("file", (good.name, good.read_bytes(), "text/plain"))]
        assert client.post("/v1/jobs", files=files).status_code == 401
        response = client.post("/v1/jobs", files=files, headers=AUTH)
        assert response.status_code == 202, response.text
        job = response.json()
        assert job["files"][0]["stage"] in ("queued", "reading", "parsing", "embedding", "saving", "loading", "done")
        done = wait_job(client, job["id"])
        assert done["state"] == "done" and done["files"][0]["stage"] == "done", done
        assert done["files"][0]["status"] == "added" and done["files"][0]["doc_ids"]
        answer = client.post("/v1/ask", json={"question": "Chỉ tiêu 1 của huyện Suối Bạc do cơ quan nào chủ trì?"}).json()
        assert answer["status"] == "answered" and "Phòng Nông nghiệp" in answer["answer"], answer
        bad = client.post("/v1/jobs", files=[("file", ("x.pdf", b"%PDF-1.4 broken", "application/pdf"))], headers=AUTH)
        if bad.status_code == 202:  # accepted by the sniffing, then refused by the loader: a failed file
            assert wait_job(client, bad.json()["id"])["files"][0]["stage"] == "failed"
        else:
            assert bad.status_code in (415, 422), bad.text
        assert client.get("/v1/jobs/nope", headers=AUTH).status_code == 404
        assert client.get(f"/v1/admin/documents/{done['files'][0]['doc_ids'][0]}/indicators").status_code == 401


def _login(p: Any, url: str) -> None:
    p.goto(url + "/admin")
    p.get_by_label("Khóa quản trị").fill(ADMIN_KEY)
    p.get_by_role("button", name="Đăng nhập").click()
    expect(p.get_by_role("heading", name="Văn bản đã nạp")).to_be_visible()


def _drop(p: Any, paths: list[Path]) -> None:
    """Drop files on the drop zone as a user dragging them from the file manager would."""
    files = [{"name": f.name, "data": list(f.read_bytes()),
              "type": "application/pdf" if f.suffix == ".pdf" else "text/plain"} for f in paths]
    p.evaluate("""(files) => {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(new File([new Uint8Array(f.data)], f.name, {type: f.type}));
        const zone = document.getElementById('drop');
        zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", files)


@pytest.mark.parametrize("size", list(SIZES))
def test_admin_upload_review_export_delete(browser: Any, server: LiveServer, uploads: list[Path], size: str,
                                           capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    wrapper = _page(browser, size)
    p = wrapper.page
    _login(p, server.url)
    seen_stages: set[str] = set()
    p.on("response", lambda r: seen_stages.update(s for f in r.json()["files"] for s in f["stages"])
         if "/v1/jobs/" in r.url and r.status == 200 and "check" not in r.url else None)
    _drop(p, uploads)
    rows = p.locator("#jobs li")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_have_attribute("data-stage", "done", timeout=90_000)
    # The PDF is already indexed on the second run (the first size's run added it): unchanged then.
    expect(rows.nth(1)).to_have_attribute("data-stage", re.compile(r"^(done|unchanged)$"), timeout=90_000)
    expect(rows.nth(0).locator(".stage")).to_have_text("Xong")
    screenshot(p, f"admin-upload-{size}.png")
    assert seen_stages & {"reading", "parsing", "embedding", "saving", "loading", "queued"}, seen_stages

    with httpx.Client(base_url=server.url, timeout=60) as client:  # the new document answers at once
        answer = client.post("/v1/ask", json={"question": "Chỉ tiêu 1 của huyện Lam Hà do cơ quan nào chủ trì?"})
    assert answer.json()["status"] == "answered" and "Phòng Nông nghiệp" in answer.json()["answer"], answer.text
    doc_row = p.locator("#docs tbody tr").filter(has_text="ke-hoach-88-lam-ha.txt")
    expect(doc_row).to_contain_text("88/KH-UBND")
    doc_row.get_by_role("button", name="Kiểm tra ke-hoach-88-lam-ha.txt").click()
    review = p.locator("#review")
    expect(review.locator("#identity")).to_contain_text("88/KH-UBND")
    expect(review.locator("#identity")).to_contain_text("Lam Hà")
    expect(review.locator("#identity")).to_contain_text("03/07/2023")

    # The table matches `planqa indicators --json` for the same document.
    capsys.readouterr()
    code = planqa_cli.main(["indicators", "--index", str(server.app.state.settings.index_dir), "--json",
                            "--doc", "ke-hoach-88-lam-ha.txt"])
    assert code == 0
    expected = json.loads(capsys.readouterr().out)
    assert len(expected) == 2
    table = review.locator("#indicators tbody tr")
    expect(table).to_have_count(len(expected))
    for i, row in enumerate(expected):
        expect(table.nth(i).locator(".number")).to_have_text(str(row["number"]))
        expect(table.nth(i).locator(".leads")).to_have_text("; ".join(row["leads"]) or "CHƯA CÓ")
    expect(table.nth(0).locator(".targets")).to_contain_text("92,5")
    expect(table.nth(1)).to_have_class("no-lead")

    table.nth(0).get_by_role("button").click()
    mark = p.locator("#source-text mark")
    expect(mark).to_have_text(expected[0]["citation"]["quote"])
    screenshot(p, f"admin-review-{size}.png")

    with p.expect_download() as csv_download:
        p.get_by_role("button", name="Xuất CSV").click()
    lines = list(csv.reader(io.StringIO(Path(csv_download.value.path()).read_text(encoding="utf-8-sig"))))
    assert tuple(lines[0]) == EXPORT_COLUMNS
    assert lines[1:] == [["" if v is None else str(v) for v in flat_row(r)] for r in expected]
    with p.expect_download() as xlsx_download:
        p.get_by_role("button", name="Xuất XLSX").click()
    sheet = load_workbook(io.BytesIO(Path(xlsx_download.value.path()).read_bytes())).active
    assert sheet is not None
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[1:] == [[v if v not in ("",) else None for v in flat_row(r)] for r in expected]

    # Delete (two clicks) and the document is gone, from the list and from answers.
    doc_row.get_by_role("button", name="Xóa ke-hoach-88-lam-ha.txt").click()
    doc_row.get_by_role("button", name="Xóa ke-hoach-88-lam-ha.txt").click()
    expect(p.locator("#docs tbody tr").filter(has_text="ke-hoach-88-lam-ha.txt")).to_have_count(0)
    _close(wrapper)


def test_admin_refuses_a_wrong_key(browser: Any, server: LiveServer) -> None:
    wrapper = _page(browser, "desktop")
    p = wrapper.page
    p.goto(server.url + "/admin")
    p.get_by_label("Khóa quản trị").fill("wrong-key-wrong-key-000")
    p.get_by_role("button", name="Đăng nhập").click()
    expect(p.get_by_role("alert")).to_contain_text("Khóa không đúng")
    expect(p.locator("#app")).to_be_hidden()
    _close(wrapper)


def test_a_scan_upload_reports_its_ocr_pages_and_has_a_page_image(server: LiveServer, tmp_path: Path) -> None:
    from docgen import make_scan

    from ingest.ocr import ocr_available

    missing = ocr_available()
    if missing:
        pytest.skip(missing)
    scan = make_scan(tmp_path / "ke-hoach-9-khe-sanh-mo.png",
                     PLAN_LAM_HA.replace("88/KH-UBND", "9/KH-UBND").replace("LAM HÀ", "KHE SANH MỚI")
                     .replace("Lam Hà", "Khe Sanh Mới"), dpi=150)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        job = client.post("/v1/jobs", files=[("file", (scan.name, scan.read_bytes(), "image/png"))],
                          headers=AUTH).json()
        stages: list[tuple[str, Any, Any]] = []
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            state = client.get(f"/v1/jobs/{job['id']}", headers=AUTH).json()
            f = state["files"][0]
            stages.append((f["stage"], f["page"], f["pages"]))
            if state["state"] in ("done", "failed"):
                break
            time.sleep(0.05)
        assert state["state"] == "done", state
        # The page read by OCR is reported (and kept once the file moves on to parsing and embedding).
        assert (state["files"][0]["page"], state["files"][0]["pages"]) == (1, 1), state
        assert ["queued", "reading", "ocr", "parsing", "embedding", "saving", "loading", "done"] \
            == state["files"][0]["stages"], (state, stages)
        doc_id = state["files"][0]["doc_ids"][0]
        text = client.get(f"/v1/documents/{doc_id}/text").json()
        assert text["page_images"] is True
        image = client.get(f"/v1/documents/{doc_id}/pages/1.png")
        assert image.status_code == 200 and image.content[:4] == b"\x89PNG"
