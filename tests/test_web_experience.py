"""Issue 11 in real headless Chromium, at desktop (1366×768) and phone (390×844) sizes: answers
first with compact sources, the cited document one click away (page images of PDFs), copy buttons,
and the API docs served offline. Every request outside loopback is aborted and fails the test.
Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_support import LiveServer, api_settings, build_index, make_app, write_plans
from docgen import make_pdf

from api.service import EXCERPT_CHARS
from core.quotes import trim_quote

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed; run .ci/install-browser.sh", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

from test_widget_browser import CHROMIUM_ARGS, Page, screenshot  # noqa: E402

SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
FOUR_SOURCES = "Chỉ tiêu 14 do cơ quan nào chủ trì?"  # two plans, each: the indicator and its lead

# An invented three-page PDF plan: its indicators are on page 2, its assignments on page 3.
PDF_PAGES = [
    "ỦY BAN NHÂN DÂN\nTỈNH ĐỒI MÂY\nSố: 27/KH-UBND\nĐồi Mây, ngày 12 tháng 5 năm 2022\nKẾ HOẠCH\n"
    "PHÁT TRIỂN VĂN HÓA CƠ SỞ TỈNH ĐỒI MÂY GIAI ĐOẠN 2022-2025\nI. MỤC TIÊU\n1. Mục tiêu chung\n"
    "Nâng cao đời sống văn hóa của nhân dân trên địa bàn tỉnh.",
    "2. Mục tiêu cụ thể\n- Chỉ tiêu 1: Phấn đấu 100% thôn, bản có nhà văn hóa vào năm 2025.\n"
    "- Chỉ tiêu 2: Tỷ lệ gia đình văn hóa đạt 85% vào năm 2025.\n"
    "- Chỉ tiêu 3: Tỷ lệ xã có thư viện đạt 60% vào năm 2024.\n"
    "- Chỉ tiêu 4: Tổ chức 12 lễ hội truyền thống mỗi năm.",
    "II. TỔ CHỨC THỰC HIỆN\n1. Sở Văn hóa, Thể thao và Du lịch\nChủ trì thực hiện các chỉ tiêu 1, 2, 3 và 4.\n"
    "2. Sở Tài chính\nPhối hợp bố trí kinh phí thực hiện chỉ tiêu 3.",
]


@pytest.fixture(scope="module")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("web")
    paths = write_plans(root / "plans")
    paths.append(make_pdf(root / "plans" / "ke-hoach-27-doi-may.pdf", PDF_PAGES))
    return build_index(root / "index", paths)


@pytest.fixture(scope="module")
def server(web_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("web-feedback") / "feedback.sqlite3"
    with LiveServer(make_app(api_settings(web_index, feedback_db=db))) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(params=list(SIZES))
def page(request: pytest.FixtureRequest, browser: Any) -> Iterator[Page]:
    size = request.param
    wrapper = Page(browser, viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    wrapper.size = size  # type: ignore[attr-defined]
    yield wrapper
    assert not wrapper.blocked, f"the page tried to reach the internet: {wrapper.blocked}"
    assert not wrapper.errors, wrapper.errors
    wrapper.close()


def open_widget(p: Any) -> None:
    p.get_by_role("button", name="Mở trợ lý hỏi đáp").click()
    expect(p.get_by_role("textbox", name="Câu hỏi của bạn")).to_be_focused()


def ask(p: Any, question: str) -> Any:
    box = p.get_by_role("textbox", name="Câu hỏi của bạn")
    box.fill(question)
    box.press("Enter")
    answer = p.locator("article.msg.bot[aria-busy='false']").last
    expect(answer).to_be_visible(timeout=30_000)
    return answer


def first_line_in_view(p: Any) -> bool:
    """The top of the last answer is inside the log's visible area (not scrolled past)."""
    return bool(p.evaluate("""() => {
        const root = document.querySelector('#planqa-widget').shadowRoot;
        const log = root.querySelector('.log').getBoundingClientRect();
        const answers = root.querySelectorAll('article.msg.bot .answer');
        const first = answers[answers.length - 1].getBoundingClientRect();
        return first.top >= log.top - 1 && first.top + 16 <= log.bottom;
    }"""))


def test_answer_first_with_compact_sources(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    ask(p, "Chỉ tiêu 3 của tỉnh Đồi Mây là gì?")  # fills the log so the next answer must scroll
    answer = ask(p, FOUR_SOURCES)
    assert first_line_in_view(p), "the answer's first line should be at the top of the view"
    expect(answer.locator(".answer")).to_contain_text("Sở Tư pháp")

    cites = answer.locator(".cites li > button.cite")
    phone = page.size == "phone"  # type: ignore[attr-defined]
    if phone:
        more = answer.get_by_role("button", name="Nguồn (4)")
        expect(more).to_be_visible()
        expect(cites.first).to_be_hidden()
        screenshot(p, f"answer-first-{page.size}.png")  # type: ignore[attr-defined]
        more.click()
    expect(cites).to_have_count(4)
    labels = [c.inner_text() for c in cites.all()]
    assert any(re.search(r"KH 51/KH-UBND · Cà Mau · II\.1 Sở Tư pháp", label) for label in labels), labels
    assert all(".txt" not in label for label in labels), "file names only in the expanded view"
    first = cites.first
    height = first.bounding_box()["height"]
    assert height < 40, f"a source is one line by default (got {height}px)"
    detail = answer.locator(".cdetail").first
    expect(detail).to_be_hidden()
    first.click()
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(detail).to_contain_text(".txt")
    expect(detail.locator("blockquote")).not_to_be_empty()
    if not phone:
        screenshot(p, f"answer-first-{page.size}.png")  # type: ignore[attr-defined]


def test_citation_opens_the_document_at_the_cited_page(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    answer = ask(p, "Chỉ tiêu 3 của tỉnh Đồi Mây là gì?")
    answer.locator("button.fn").first.click()
    viewer = p.get_by_role("dialog", name=re.compile(r"^\[1\] KH 27\/KH-UBND"))
    expect(viewer).to_be_visible()
    expect(viewer).to_have_attribute("data-page", "2")
    mark = viewer.locator("mark")
    expect(mark).to_have_text(re.compile(r"Chỉ tiêu 3: Tỷ lệ xã có thư viện đạt 60% vào năm 2024"))
    expect(mark).to_be_in_viewport()
    # The whole document is there, page by page, and the mark sits on page 2.
    expect(viewer.locator(".pageno")).to_have_text(["Trang 1", "Trang 2", "Trang 3"])
    expect(viewer.locator(".vpage[data-page='2'] mark")).to_have_count(1)
    expect(viewer.locator(".vtext")).to_contain_text("Sở Tài chính")
    expect(viewer.locator(".vmeta")).to_contain_text("Trang 2")
    screenshot(p, f"viewer-text-{page.size}.png")  # type: ignore[attr-defined]

    viewer.get_by_role("button", name="Xem ảnh trang").click()
    image = viewer.locator(".vimage img")
    expect(image).to_be_visible()
    p.wait_for_function(
        "() => { const i = document.querySelector('#planqa-widget').shadowRoot.querySelector('.vimage img');"
        " return i && i.complete && i.naturalWidth > 300; }"
    )
    screenshot(p, f"viewer-page-image-{page.size}.png")  # type: ignore[attr-defined]
    p.keyboard.press("Escape")
    expect(viewer).to_be_hidden()


def test_copy_answer_and_citation(page: Page, server: LiveServer) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    answer = ask(p, FOUR_SOURCES)
    answer.get_by_role("button", name="Sao chép câu trả lời").click()
    copied = p.evaluate("navigator.clipboard.readText()")
    assert "Sở Tư pháp" in copied and "[1]" not in copied.splitlines()[0]
    assert "Kế hoạch số 51/KH-UBND ngày 06/4/2021 của UBND tỉnh Cà Mau" in copied

    if page.size == "phone":  # type: ignore[attr-defined]
        answer.get_by_role("button", name="Nguồn (4)").click()
    tiet = answer.locator(".cites li").filter(has_text="Sở Tư pháp").first
    tiet.locator("button.cite").click()
    tiet.get_by_role("button", name="Sao chép trích dẫn").click()
    copied = p.evaluate("navigator.clipboard.readText()")
    assert "Kế hoạch số 51/KH-UBND ngày 06/4/2021 của UBND tỉnh Cà Mau, mục II.1" in copied, copied
    assert "“Chủ trì, phối hợp" in copied


def test_api_docs_render_offline(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/docs")
    expect(p.locator(".swagger-ui .info .title")).to_contain_text("planqa", timeout=20_000)
    expect(p.locator(".opblock-summary-path").filter(has_text="/v1/ask").first).to_be_visible()
    screenshot(p, f"docs-{page.size}.png")  # type: ignore[attr-defined]
    p.goto(server.url + "/redoc")
    expect(p.locator("h1").filter(has_text="planqa").first).to_be_visible(timeout=20_000)
    screenshot(p, f"redoc-{page.size}.png")  # type: ignore[attr-defined]


def test_document_text_and_page_image_urls(server: LiveServer) -> None:
    with httpx.Client(base_url=server.url) as client:
        docs = {d["source"]: d for d in client.get("/v1/documents").json()["documents"]}
        pdf = docs["ke-hoach-27-doi-may.pdf"]
        body = client.get(f"/v1/documents/{pdf['doc_id']}/text").json()
        assert body["page_images"] is True and [p["page"] for p in body["pages"]] == [1, 2, 3]
        page2 = body["pages"][1]
        assert "Chỉ tiêu 3" in body["text"][page2["start"]:page2["end"]]
        image = client.get(f"/v1/documents/{pdf['doc_id']}/pages/2.png")
        assert image.status_code == 200 and image.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert client.get(f"/v1/documents/{pdf['doc_id']}/pages/2.png").content == image.content  # cached
        assert client.get(f"/v1/documents/{pdf['doc_id']}/pages/9.png").status_code == 404
        txt = docs["ke-hoach-51-ca-mau.txt"]
        assert client.get(f"/v1/documents/{txt['doc_id']}/text").json()["page_images"] is False
        assert client.get(f"/v1/documents/{txt['doc_id']}/pages/1.png").json()["error"]["code"] == "no_page_images"
        assert client.get("/v1/documents/nope/text").status_code == 404
        answer = client.post("/v1/ask", json={"question": FOUR_SOURCES}).json()
        for citation in answer["citations"]:  # the compact view's quote, cut by the one shared function
            assert citation["excerpt"] == trim_quote(citation["quote"], EXCERPT_CHARS)
        found = client.get("/v1/suggestions", params={"question": "thư viện xã"}).json()
        assert found["documents"][0]["doc_number"] == "27/KH-UBND"
        assert any(q["doc_id"] == pdf["doc_id"] for q in found["questions"])


def test_document_picker_limits_answers(page: Page, server: LiveServer) -> None:
    p = page.page
    bodies: list[dict[str, Any]] = []
    p.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/v1/ask/stream") else None)
    p.goto(server.url + "/")
    open_widget(p)
    picker = p.get_by_label("Hỏi trong văn bản")
    expect(picker.locator("option")).to_have_count(4)  # all, and the three documents
    options = picker.locator("option").all_inner_texts()
    picker.select_option(index=next(i for i, o in enumerate(options) if o.startswith("QĐ 333/QĐ-UBND · Điện Biên")))
    answer = ask(p, FOUR_SOURCES)
    assert bodies[-1].get("doc_id"), bodies
    expect(answer.locator(".answer")).to_contain_text("Điện Biên")
    expect(answer.locator(".answer")).not_to_contain_text("Cà Mau")


def test_suggestions_after_not_found(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    answer = ask(p, "Kinh phí xây thư viện xã lấy từ đâu?")
    expect(answer).to_contain_text("không")  # the documents do not say
    suggest = answer.locator(".suggest")
    expect(suggest.get_by_role("button", name=re.compile(r"Chỉ hỏi trong: KH 27\/KH-UBND · Đồi Mây"))).to_be_visible()
    screenshot(p, f"not-found-suggestions-{page.size}.png")  # type: ignore[attr-defined]
    suggest.get_by_role("button", name=re.compile(r"^Chỉ tiêu \d+ của 27\/KH-UBND")).click()
    follow = p.locator("article.msg.bot[aria-busy='false']").last
    expect(follow.locator(".answer")).to_contain_text("Sở Văn hóa, Thể thao và Du lịch", timeout=30_000)
    expect(p.get_by_label("Hỏi trong văn bản")).to_have_value(re.compile(r"\w+"))


def test_conversation_survives_a_reload(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    ask(p, FOUR_SOURCES)
    p.reload()
    open_widget(p)
    log = p.get_by_role("log")
    expect(log).to_contain_text(FOUR_SOURCES)
    expect(log.locator("article.msg.bot .answer").last).to_contain_text("Sở Tư pháp")
    expect(log.locator("article.msg.bot button.fn").first).to_be_visible()
    bodies: list[dict[str, Any]] = []
    p.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/v1/ask/stream") else None)
    answers = log.locator("article.msg.bot[aria-busy='false']")
    before = answers.count()
    ask(p, "Còn chỉ tiêu 1 thì sao?")
    expect(answers).to_have_count(before + 1, timeout=30_000)
    assert bodies and bodies[-1].get("conversation_id"), "the follow-up continues the same conversation"
    p.get_by_role("button", name="Bắt đầu cuộc trò chuyện mới").click()
    p.reload()
    open_widget(p)
    expect(p.get_by_role("log")).not_to_contain_text(FOUR_SOURCES)


def test_keyboard_focus_stays_in_the_panel(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    bubble = p.get_by_role("button", name="Mở trợ lý hỏi đáp")
    bubble.focus()
    p.keyboard.press("Enter")
    expect(p.get_by_role("textbox", name="Câu hỏi của bạn")).to_be_focused()
    inside = "document.querySelector('#planqa-widget').shadowRoot.activeElement?.closest('.panel') !== null"
    for _ in range(14):
        p.keyboard.press("Tab")
        assert p.evaluate(inside), "Tab left the panel"
    for _ in range(14):
        p.keyboard.press("Shift+Tab")
        assert p.evaluate(inside), "Shift+Tab left the panel"
    modal = p.locator("#planqa-widget").evaluate("h => h.shadowRoot.querySelector('.panel').getAttribute('aria-modal')")
    assert modal == ("true" if page.size == "phone" else "false")  # type: ignore[attr-defined]
    screenshot(p, f"keyboard-{page.size}.png")  # type: ignore[attr-defined]


def test_deleting_a_document_drops_its_cached_page_images(web_index: Path, tmp_path: Path) -> None:
    import shutil

    from api_support import ADMIN_KEY

    index = tmp_path / "index"
    shutil.copytree(web_index, index)
    with LiveServer(make_app(api_settings(index, feedback_db=tmp_path / "f.sqlite3"))) as live, \
            httpx.Client(base_url=live.url, timeout=60) as client:
        pdf = next(d for d in client.get("/v1/documents").json()["documents"] if d["source"].endswith(".pdf"))
        assert client.get(f"/v1/documents/{pdf['doc_id']}/pages/1.png").status_code == 200
        cached = list((index / "page-cache").rglob("*.png"))
        assert cached
        deleted = client.delete(f"/v1/documents/{pdf['doc_id']}", headers={"Authorization": f"Bearer {ADMIN_KEY}"})
        assert deleted.status_code == 200, deleted.text
        assert not any(p.exists() for p in cached)
        assert client.get(f"/v1/documents/{pdf['doc_id']}/text").status_code == 404

