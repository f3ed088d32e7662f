"""Generative mode: the checker on hand-made answers, and the whole pipeline against a local fake
OpenAI-compatible server (faithful reply, hallucinated reply, server error, timeout)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request  # module level: FastAPI resolves the handler's annotations here
from fastapi.responses import JSONResponse

from bot.answer import Answer, Citation
from bot.generate import Generator, build_messages, check_generated, split_sentences
from bot.settings import Settings
from bot.understand import Query
from ingest.normalize import fold_ascii

# --- the checker, on hand-made citations -----------------------------------------------------


def cite(quote: str, section: str = "I. MỤC TIÊU", doc_number: str = "45/KH-UBND") -> Citation:
    return Citation(doc_id="d1", source="ha_lam.txt", title="Kế hoạch thực hiện các chỉ tiêu về trẻ em",
                    doc_number=doc_number, section=section, quote=quote, page=None, char_start=0,
                    char_end=len(quote), place="Hà Lam")


CITATIONS = [
    cite("- Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2024."),
    cite("- Hướng dẫn, thực hiện chỉ tiêu 14.", section="II. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp"),
    cite("Sở Lao động - Thương binh và Xã hội báo cáo kết quả trước ngày 15/12/2024; kinh phí 1.000 triệu đồng.",
         section="II. TỔ CHỨC THỰC HIỆN › 3. Sở Lao động - Thương binh và Xã hội"),
]


@pytest.mark.parametrize("text", [
    "Sở Tư pháp chủ trì chỉ tiêu 14 [2].",
    "Chỉ tiêu 14 đặt mục tiêu 98,5% trẻ em dưới 5 tuổi được đăng ký khai sinh vào năm 2024 [1]. "
    "Đơn vị phụ trách là Sở Tư pháp [2].",
    "Sở Tư pháp phụ trách chỉ tiêu 14: tỷ lệ khai sinh đạt 98,5% [1][2].",
    "Indicator 14 (98.5% of children under 5 registered at birth) is led by Sở Tư pháp [1, 2].",
    "Indicator 14 is led by the Sở Tư pháp.[2]",
    "chi tieu 14 do So Tu phap chu tri [2].",  # without diacritics
    "Sở LĐ-TBXH báo cáo trước ngày 15 tháng 12 năm 2024 [3].",  # abbreviated body, date in words
    "Sở Lao động - Thương binh và Xã hội reports by December 15, 2024, with 1.000 million dong [3].",
    "Sở Lao động – Thương binh và Xã hội báo cáo trong tháng 12/2024 [3].",
    "Kết quả được báo cáo trong năm 2024 [3].",  # a year supported by a full date
])
def test_faithful_answers_pass(text: str) -> None:
    assert check_generated(text, CITATIONS) == []


@pytest.mark.parametrize(("text", "problem"), [
    ("Sở Tư pháp chủ trì chỉ tiêu 15 [2].", "number 15"),  # wrong indicator
    ("Chỉ tiêu 14 đạt 95% vào năm 2024 [1].", "number 95%"),  # wrong value
    ("Chỉ tiêu 14 đạt 98,5% vào năm 2025 [1].", "number 2025"),  # wrong year
    ("Chỉ tiêu 14 đạt 14% [1].", "number 14%"),  # a number that is there, but not as a percentage
    ("Sở Giáo dục và Đào tạo chủ trì chỉ tiêu 14 [2].", "body 'Sở Giáo dục và Đào tạo'"),  # wrong body
    ("Sở Y tế phụ trách chỉ tiêu 14 [2].", "body 'Sở Y tế'"),
    ("Sở Lao động - Thương binh và Xã hội báo cáo trước ngày 15/11/2024 [3].", "date 15/11/2024"),
    ("Sở Tư pháp chủ trì chỉ tiêu 14.", "no citation marker"),  # missing marker
    ("Sở Tư pháp chủ trì chỉ tiêu 14 [4].", "out of range"),  # marker out of range
    ("Sở Tư pháp chủ trì chỉ tiêu 14 [0].", "out of range"),
    ("Sở Tư pháp chủ trì chỉ tiêu 14 [2]. Tỷ lệ đạt 98,5%.", "sentence 2: no citation marker"),
    ("Chỉ tiêu 14 đạt 98,5% [2].", "number 98,5%"),  # true, but not in the passage it cites
    ("", "empty"),
])
def test_unfaithful_answers_fail(text: str, problem: str) -> None:
    problems = check_generated(text, CITATIONS)
    assert any(problem in p for p in problems), problems


def test_sentences_keep_their_markers_and_decimals() -> None:
    text = "Chỉ tiêu 14 đạt 98.5% [1]. Sở Tư pháp chủ trì.[2] TP. Hà Lam báo cáo [3]\n- Sở Y tế phối hợp [2]"
    assert split_sentences(text) == [
        "Chỉ tiêu 14 đạt 98.5% [1].", "Sở Tư pháp chủ trì.[2]", "TP. Hà Lam báo cáo [3]", "- Sở Y tế phối hợp [2]",
    ]
    assert split_sentences("Phấn đấu đạt 100% vào năm 2030. [1]") == ["Phấn đấu đạt 100% vào năm 2030. [1]"]


def test_quotations_and_breadcrumbs_stay_inside_their_sentence() -> None:
    text = ("Kế hoạch 45/KH-UBND (II. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp): “Hướng dẫn. Thực hiện chỉ tiêu 14.” [2] "
            "Target no. 5 is set [1].")
    assert split_sentences(text) == [text[: text.index(" Target")], "Target no. 5 is set [1]."]
    assert check_generated(text, CITATIONS) == []


def test_latex_left_in_a_quote_is_read_as_text() -> None:
    latex = [cite(r"- Chỉ tiêu 9: Tỷ lệ tiêm chủng đầy đủ đạt $\geq 95\%$ vào năm 2025.")]
    assert check_generated("Chỉ tiêu 9: tỷ lệ tiêm chủng đạt ≥ 95% vào năm 2025 [1].", latex) == []
    assert check_generated("Chỉ tiêu 9: tỷ lệ tiêm chủng đạt 96% [1].", latex) != []


def test_prompt_carries_numbered_evidence_language_and_draft() -> None:
    q = Query(text="who owns indicator 14?", folded="who owns indicator 14?", language="en")
    draft = Answer(status="answered", answer="Indicator 14 is led by Sở Tư pháp [2].", citations=CITATIONS)
    (_, system), (_, user) = build_messages(q, draft)
    assert "English" in system and "ONLY" in system and "[1]" in system
    assert "[1] (45/KH-UBND, ha_lam.txt, I. MỤC TIÊU)\n- Chỉ tiêu 14" in user
    assert "[2] (45/KH-UBND, ha_lam.txt, II. TỔ CHỨC THỰC HIỆN › 1. Sở Tư pháp)" in user
    assert "who owns indicator 14?" in user and draft.answer in user


class BrokenModel:
    def invoke(self, messages: Any) -> Any:
        raise ValueError("unexpected reply\nfrom the server")


def test_generator_never_raises_and_skips_unanswered() -> None:
    generator = Generator(llm_settings(base_url="http://127.0.0.1:9/v1"), llm=BrokenModel())
    q = Query(text="Chỉ tiêu 14 do ai chủ trì?", folded="chi tieu 14 do ai chu tri?")
    draft = Answer(status="answered", answer="Sở Tư pháp [2].", citations=CITATIONS, facts={"results": []})
    out = generator.rephrase(q, draft)
    assert out.answer == draft.answer and out.facts["generation_fallback"].startswith("error: ValueError")
    assert "\n" not in out.facts["generation_fallback"] and "generation_fallback" not in draft.facts
    not_found = Answer(status="not_found", answer="Không tìm thấy.")
    assert generator.rephrase(q, not_found) is not_found


# --- end to end, against a local fake OpenAI-compatible server -----------------------------------

QUESTION = "Chỉ tiêu 14 do ai chủ trì?"


@dataclass
class FakeLLM:
    """What the fake server replies, and what it was sent."""

    mode: str = "reply"  # reply | error | slow
    content: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)


def make_app(state: FakeLLM) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def chat(request: Request) -> JSONResponse:
        body = await request.json()
        state.requests.append(body)
        if state.mode == "error":
            return JSONResponse({"error": {"message": "model crashed", "type": "server_error"}}, status_code=500)
        if state.mode == "slow":
            while not state.release.is_set():  # held until the test ends, long after the client gave up
                await asyncio.sleep(0.05)
        return JSONResponse({
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": state.content}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        })

    return app


@pytest.fixture(scope="module")
def fake_server() -> Iterator[tuple[str, FakeLLM]]:
    import uvicorn

    state = FakeLLM()
    # port=0: the OS picks a free port, read back from the bound socket, so parallel runs never clash.
    server = uvicorn.Server(uvicorn.Config(make_app(state), host="127.0.0.1", port=0, log_level="warning",
                                           timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the fake LLM server did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    with pytest.MonkeyPatch.context() as mp:
        # A proxy from the environment must not capture loopback calls; the OpenAI client reads
        # this when it is created, so it is set before the pipeline that depends on this fixture.
        mp.setenv("NO_PROXY", "127.0.0.1,localhost")
        yield f"http://127.0.0.1:{port}/v1", state
    state.release.set()
    server.should_exit = True
    thread.join(timeout=30)


def llm_settings(**llm: Any) -> Settings:
    return Settings(bot={"llm": llm})


@pytest.fixture(scope="module")
def llm_pipeline(sample_plan_index: Path, fake_server: tuple[str, FakeLLM]) -> Any:
    from bot.pipeline import build_pipeline

    base_url, _ = fake_server
    settings = Settings(index_dir=sample_plan_index, bot={"llm": {"base_url": base_url, "model": "fake", "timeout_s": 3}})
    return build_pipeline(settings)


@pytest.fixture()
def llm(fake_server: tuple[str, FakeLLM]) -> Iterator[FakeLLM]:
    _, state = fake_server
    state.mode, state.content = "reply", ""
    state.requests.clear()
    yield state
    state.release.set()


def extractive(pipeline: Any, monkeypatch: pytest.MonkeyPatch) -> Answer:
    """The answer the pipeline gives without an LLM, for comparison."""
    with monkeypatch.context() as m:
        m.setattr(pipeline, "generator", None)
        answer: Answer = pipeline.ask(QUESTION)
    return answer


def marker(answer: Answer, *, quote: str = "", section: str = "") -> int:
    """The citation number of the passage whose quote and section contain the given texts."""
    for n, c in enumerate(answer.citations, start=1):
        if fold_ascii(quote) in fold_ascii(c.quote) and fold_ascii(section) in fold_ascii(c.section):
            return n
    raise AssertionError(f"no citation with {quote!r} in {section!r}: {answer.citations}")


def test_faithful_generation_is_used(llm_pipeline: Any, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = extractive(llm_pipeline, monkeypatch)
    goal, lead = marker(plain, quote="98,5%"), marker(plain, quote="chỉ tiêu 14", section="Sở Tư pháp")
    llm.content = (f"Sở Tư pháp chủ trì chỉ tiêu 14 về đăng ký khai sinh cho trẻ em dưới 5 tuổi, với mục tiêu "
                   f"đạt 98,5% vào năm 2024 [{goal}][{lead}].")
    answer = llm_pipeline.ask(QUESTION)
    assert answer.answer == llm.content, answer.facts
    assert answer.facts["generated"] is True and "generation_fallback" not in answer.facts
    assert answer.citations == plain.citations and answer.status == "answered"
    sent = llm.requests[-1]
    assert sent["model"] == "fake" and sent["temperature"] == 0
    prompt = "\n".join(m["content"] for m in sent["messages"])
    assert "Vietnamese" in prompt and QUESTION in prompt and plain.answer in prompt
    assert all(c.quote in prompt for c in plain.citations)


@pytest.mark.parametrize("reply", [
    "Sở Giáo dục và Đào tạo chủ trì chỉ tiêu 14 [{lead}].",  # a body the evidence does not name
    "Sở Tư pháp chủ trì chỉ tiêu 14, mục tiêu đạt 99% vào năm 2024 [{goal}][{lead}].",  # a number it does not state
    "Sở Tư pháp chủ trì chỉ tiêu 14.",  # no marker
])
def test_hallucinated_generation_falls_back(llm_pipeline: Any, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch,
                                           reply: str) -> None:
    plain = extractive(llm_pipeline, monkeypatch)
    llm.content = reply.format(goal=marker(plain, quote="98,5%"),
                               lead=marker(plain, quote="chỉ tiêu 14", section="Sở Tư pháp"))
    answer = llm_pipeline.ask(QUESTION)
    assert llm.requests, "the fake was not called"
    assert answer.answer == plain.answer and answer.citations == plain.citations
    assert answer.facts["generation_fallback"].startswith("check failed")
    assert "generated" not in answer.facts


@pytest.mark.parametrize(("mode", "reason"), [("error", "error: "), ("slow", "timeout")])
def test_server_failure_falls_back(llm_pipeline: Any, llm: FakeLLM, monkeypatch: pytest.MonkeyPatch,
                                   mode: str, reason: str) -> None:
    plain = extractive(llm_pipeline, monkeypatch)
    llm.mode, llm.content = mode, "Sở Tư pháp chủ trì chỉ tiêu 14 [1]."
    llm.release.clear()
    answer = llm_pipeline.ask(QUESTION)
    assert len(llm.requests) == 1  # no retries
    assert answer.status == "answered" and answer.answer == plain.answer
    assert answer.facts["generation_fallback"].startswith(reason)
    assert mode != "error" or "500" in answer.facts["generation_fallback"]


def test_unreachable_server_falls_back() -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    generator = Generator(llm_settings(base_url=f"http://127.0.0.1:{port}/v1", timeout_s=3))
    q = Query(text=QUESTION, folded=fold_ascii(QUESTION))
    draft = Answer(status="answered", answer="Sở Tư pháp [2].", citations=CITATIONS)
    out = generator.rephrase(q, draft)
    reason = out.facts["generation_fallback"]
    assert out.answer == draft.answer and reason.startswith("error:") and "ConnectionError" in reason
