"""The chat widget in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

The app is served by uvicorn on a loopback port with a real index; every request the page makes
outside loopback is aborted and reported. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_support import LiveServer, api_settings, make_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
QUESTION = "Chỉ tiêu 14 do cơ quan nào chủ trì?"

if not CHROMIUM.exists():
    pytest.skip("Debian chromium is not installed; run .ci/install-browser.sh", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


class Portal:
    """Another site on loopback (another port, so another origin) whose pages embed the widget."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        pages = self.pages

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = pages.get(self.path, "").encode("utf-8")
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def portal() -> Iterator[Portal]:
    site = Portal()
    yield site
    site.close()


@pytest.fixture(scope="module")
def server(
    shared_index: Path, portal: Portal, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("widget") / "feedback.sqlite3"
    settings = api_settings(shared_index, feedback_db=db, allowed_origins=[portal.origin])
    with LiveServer(make_app(settings)) as live:
        yield live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Page:
    """A page that can only reach loopback; remembers anything else it tried to load."""

    def __init__(self, browser: Any, **context_options: Any) -> None:
        self.context = browser.new_context(locale="vi-VN", **context_options)
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if re.match(r"^https?://(127\.0\.0\.1|localhost)(:\d+)?/", url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    wrapper = Page(browser, viewport={"width": 1280, "height": 860})
    yield wrapper
    assert not wrapper.blocked, f"the page tried to reach the internet: {wrapper.blocked}"
    assert not wrapper.errors, wrapper.errors
    wrapper.close()


def screenshot(page: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 0
    return path


def open_widget(page: Any) -> Any:
    page.get_by_role("button", name="Mở trợ lý hỏi đáp").click()
    panel = page.get_by_role("dialog", name="Hỏi đáp văn bản kế hoạch")
    sync_api.expect(panel).to_be_visible()
    return panel


def ask(page: Any, question: str) -> Any:
    box = page.get_by_role("textbox", name="Câu hỏi của bạn")
    box.fill(question)
    box.press("Enter")
    answer = page.locator("article.msg.bot[aria-busy='false']").last
    sync_api.expect(answer).to_be_visible(timeout=30_000)
    return answer


def test_ask_stream_and_open_the_cited_passage(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    answer = ask(p, QUESTION)

    sync_api.expect(answer.locator(".answer")).to_contain_text("Sở Tư pháp")
    assert int(answer.get_attribute("data-deltas") or 0) > 1, (
        "the answer should arrive in several streamed pieces"
    )
    footnotes = answer.locator("button.fn")
    assert footnotes.count() >= 1
    sync_api.expect(footnotes.first).to_have_text("[1]")
    sync_api.expect(answer.locator(".cites li")).to_have_count(footnotes.count())

    footnotes.first.click()
    viewer = p.get_by_role("dialog", name=re.compile(r"^\[1\] "))
    sync_api.expect(viewer).to_be_visible()
    mark = viewer.locator("mark")
    sync_api.expect(mark).to_contain_text("Chỉ tiêu 14")
    sync_api.expect(viewer.locator(".vtext")).to_contain_text(
        mark.inner_text()
    )  # the quote sits in its passage
    screenshot(p, "widget-citation.png")

    p.keyboard.press("Escape")
    sync_api.expect(viewer).to_be_hidden()
    assert p.evaluate("document.querySelector('#planqa-widget').shadowRoot.activeElement.className") == "fn"


def test_follow_up_and_feedback(page: Page, server: LiveServer) -> None:
    p = page.page
    bodies: list[dict[str, Any]] = []
    p.on("request", lambda r: bodies.append(r.post_data_json) if r.url.endswith("/v1/ask/stream") else None)
    p.goto(server.url + "/")
    open_widget(p)
    first = ask(p, QUESTION)
    first.get_by_role("button", name="Câu trả lời hữu ích").click()
    sync_api.expect(first.get_by_role("status")).to_have_text("Cảm ơn phản hồi của bạn!")
    sync_api.expect(first.get_by_role("button", name="Câu trả lời hữu ích")).to_have_attribute(
        "aria-pressed", "true"
    )

    ask(p, "Còn chỉ tiêu 1 thì sao?")
    assert len(bodies) == 2 and "conversation_id" not in bodies[0]
    stored = server.server.config.app.state.feedback.all()
    assert stored and stored[-1]["rating"] == "up" and stored[-1]["question"] == QUESTION
    assert bodies[1]["conversation_id"] == stored[-1]["conversation_id"]
    sync_api.expect(p.locator(".starters")).to_be_hidden()  # starters only before the first question


def test_thumbs_down_with_a_comment(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    answer = ask(p, QUESTION)
    answer.get_by_role("button", name="Câu trả lời chưa đúng").click()
    comment = answer.get_by_role("textbox", name="Góp ý thêm (không bắt buộc)")
    sync_api.expect(comment).to_be_focused()
    comment.fill("Thiếu cơ quan phối hợp")
    comment.press("Enter")
    sync_api.expect(comment).to_be_hidden()
    rows = server.server.config.app.state.feedback.all()
    assert any(r["rating"] == "down" and r["comment"] == "Thiếu cơ quan phối hợp" for r in rows)


def test_starter_questions_and_english_switch(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    open_widget(p)
    starters = p.get_by_role("group", name="Gợi ý câu hỏi").get_by_role("button")
    assert starters.count() == 3
    p.get_by_role("button", name="Switch to English").click()
    sync_api.expect(p.get_by_role("dialog", name="Plan documents Q&A")).to_be_visible()
    sync_api.expect(p.get_by_role("textbox", name="Your question")).to_be_visible()
    english = p.get_by_role("group", name="Suggested questions").get_by_role("button")
    sync_api.expect(english.first).to_have_text("Which agency leads indicator 14?")
    english.first.click()
    answer = p.locator("article.msg.bot[aria-busy='false']").last
    sync_api.expect(answer.locator("button.fn").first).to_be_visible(timeout=30_000)
    sync_api.expect(answer.get_by_role("button", name="Helpful answer", exact=True)).to_be_visible()
    p.get_by_role("button", name="Chuyển sang tiếng Việt").click()
    sync_api.expect(p.get_by_role("button", name="Câu trả lời hữu ích")).to_be_visible()


def test_keyboard_only(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")
    bubble = p.get_by_role("button", name="Mở trợ lý hỏi đáp")
    bubble.focus()
    p.keyboard.press("Enter")
    sync_api.expect(bubble).to_have_attribute("aria-expanded", "true")
    box = p.get_by_role("textbox", name="Câu hỏi của bạn")
    sync_api.expect(box).to_be_focused()
    p.keyboard.type(QUESTION)
    p.keyboard.press("Enter")
    answer = p.locator("article.msg.bot[aria-busy='false']").last
    footnote = answer.locator("button.fn").first
    sync_api.expect(footnote).to_be_visible(timeout=30_000)
    sync_api.expect(p.get_by_role("log")).to_contain_text(QUESTION)

    footnote.focus()
    p.keyboard.press("Enter")
    viewer = p.get_by_role("dialog", name=re.compile(r"^\[1\] "))
    sync_api.expect(viewer.get_by_role("button", name="Đóng")).to_be_focused()
    p.keyboard.press("Tab")
    p.keyboard.press("Tab")  # focus stays inside the open passage
    assert p.evaluate(
        "document.querySelector('#planqa-widget').shadowRoot.activeElement.closest('.viewer') !== null"
    )
    p.keyboard.press("Escape")
    sync_api.expect(footnote).to_be_focused()
    p.keyboard.press("Escape")
    sync_api.expect(bubble).to_have_attribute("aria-expanded", "false")
    sync_api.expect(bubble).to_be_focused()


def test_phone_screen(browser: Any, server: LiveServer) -> None:
    phone = Page(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    try:
        p = phone.page
        p.goto(server.url + "/")
        p.get_by_role("button", name="Mở trợ lý hỏi đáp").tap()
        panel = p.get_by_role("dialog", name="Hỏi đáp văn bản kế hoạch")
        sync_api.expect(panel).to_be_visible()
        box = panel.bounding_box()
        assert box is not None and box["width"] >= 389 and box["height"] >= 800  # full screen
        p.get_by_role("group", name="Gợi ý câu hỏi").get_by_role("button").first.tap()
        answer = p.locator("article.msg.bot[aria-busy='false']").last
        sync_api.expect(answer.locator("button.fn").first).to_be_visible(timeout=30_000)
        send = p.get_by_role("button", name="Gửi", exact=True)
        send_box = send.bounding_box()
        assert send_box is not None and send_box["height"] >= 40  # a thumb-sized target
        screenshot(p, "widget-phone.png")
        assert not phone.blocked and not phone.errors
    finally:
        phone.close()


def test_host_page_styles_do_not_reach_the_widget(page: Page, server: LiveServer) -> None:
    p = page.page
    p.goto(server.url + "/")  # the demo page styles every <button> red, dashed and serif
    open_widget(p)
    widget_send = p.get_by_role("button", name="Gửi", exact=True)
    assert widget_send.evaluate("b => getComputedStyle(b).borderStyle") != "dashed"
    assert "serif" != widget_send.evaluate("b => getComputedStyle(b).fontFamily")
    host_button = p.evaluate(
        "() => { const b = document.createElement('button'); document.body.appendChild(b);"
        " return getComputedStyle(b).borderStyle; }"
    )
    assert host_button == "dashed"  # and the widget's own styles do not leak out


def test_embedded_on_another_origin(page: Page, server: LiveServer, portal: Portal) -> None:
    portal.pages["/trang-chu.html"] = (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Cổng thông tin</title>"
        "<link rel='icon' href='data:,'></head><body><h1>Sở Tư pháp</h1>"
        f"<script src='{server.url}/widget.js' data-lang='en' data-title='Ask the plans'"
        " data-starters='Which agency leads indicator 14?|Sở Y tế phụ trách những chỉ tiêu nào?'"
        " data-position='left'></script></body></html>"
    )
    p = page.page
    p.goto(portal.origin + "/trang-chu.html")
    p.get_by_role("button", name="Open the Q&A assistant").click()
    panel = p.get_by_role("dialog", name="Ask the plans")
    sync_api.expect(panel).to_be_visible()
    starters = p.get_by_role("group", name="Suggested questions").get_by_role("button")
    sync_api.expect(starters).to_have_count(2)
    starters.first.click()  # answered through CORS: the portal's origin is in PLANQA_ALLOWED_ORIGINS
    answer = p.locator("article.msg.bot[aria-busy='false']").last
    sync_api.expect(answer.locator("button.fn").first).to_be_visible(timeout=30_000)
    answer.locator("button.fn").first.click()
    sync_api.expect(p.locator(".viewer mark")).to_be_visible()
    box = p.locator("#planqa-widget").bounding_box()
    assert box is not None and box["x"] < 200  # data-position="left"
    screenshot(p, "widget-embedded.png")


def test_origins_not_allowed_get_no_answers(page: Page, server: LiveServer, portal: Portal) -> None:
    portal.pages["/khac.html"] = (
        "<!doctype html><html><head><meta charset='utf-8'><link rel='icon' href='data:,'></head><body>"
        f"<script src='{server.url}/widget.js'></script></body></html>"
    )
    p = page.page
    # The same site under another name is another origin, and not in PLANQA_ALLOWED_ORIGINS.
    p.goto(portal.origin.replace("127.0.0.1", "localhost") + "/khac.html")
    open_widget(p)
    box = p.get_by_role("textbox", name="Câu hỏi của bạn")
    box.fill(QUESTION)
    box.press("Enter")
    failed = p.locator("article.msg.bot.error")
    sync_api.expect(failed).to_contain_text("Không kết nối được máy chủ", timeout=30_000)
