"""The clause reader (ingest.roles): each indicator takes its role from its own clause; a clause it cannot
read with confidence gives nothing. Sentences written here in every shape the plans use, and
Hypothesis-generated sentences over bodies of both administrations and any indicator numbers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ingest.agencies import agency_key
from ingest.roles import read_claims

Fact = tuple[str | None, int, str]  # (body as written or None for the block's own body, indicator, role)


def facts(text: str) -> set[Fact]:
    return {(c.body, n, c.role) for c in read_claims(text) for n in c.numbers}


# ---------------------------------------------------------------- one sentence, every shape


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lead and support in one sentence: each indicator from its own clause
        (
            "Sở Nội vụ chủ trì thực hiện chỉ tiêu 1 và phối hợp với Sở Y tế thực hiện chỉ tiêu 2.",
            {("Sở Nội vụ", 1, "lead"), ("Sở Nội vụ", 2, "support")},
        ),
        (
            "Chủ trì thực hiện các chỉ tiêu 1, 2 và phối hợp thực hiện chỉ tiêu 5.",
            {(None, 1, "lead"), (None, 2, "lead"), (None, 5, "support")},
        ),
        (
            "Phối hợp thực hiện chỉ tiêu 2 và chủ trì thực hiện chỉ tiêu 3.",
            {(None, 2, "support"), (None, 3, "lead")},
        ),
        ("Chủ trì thực hiện chỉ tiêu 4; phối hợp thực hiện chỉ tiêu 6.", {(None, 4, "lead"), (None, 6, "support")}),
        # "chủ trì, phối hợp với Z, W": Z and W support
        (
            "Chủ trì, phối hợp với Sở Tư pháp, Hội Liên hiệp Phụ nữ tỉnh thực hiện chỉ tiêu 3.",
            {(None, 3, "lead"), ("Sở Tư pháp", 3, "support"), ("Hội Liên hiệp Phụ nữ tỉnh", 3, "support")},
        ),
        (
            "Chủ trì phối hợp với Phòng Văn hóa - Xã hội và Trung tâm Phục vụ hành chính công thực hiện chỉ tiêu 7.",
            {(None, 7, "lead"), ("Phòng Văn hóa - Xã hội", 7, "support"),
             ("Trung tâm Phục vụ hành chính công", 7, "support")},
        ),
        # "đề nghị <body> chủ trì", "giao <body> chủ trì"
        (
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chủ trì thực hiện chỉ tiêu 6.",
            {("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", 6, "lead")},
        ),
        (
            "Giao Phòng Kinh tế chủ trì, phối hợp với Văn phòng HĐND và UBND xã thực hiện chỉ tiêu 2, 3.",
            {("Phòng Kinh tế", 2, "lead"), ("Phòng Kinh tế", 3, "lead"),
             ("Văn phòng HĐND và UBND xã", 2, "support"), ("Văn phòng HĐND và UBND xã", 3, "support")},
        ),
        # "<A> chủ trì, <B> phối hợp thực hiện chỉ tiêu D"
        (
            "Sở Văn hóa, Thể thao và Du lịch chủ trì, Sở Giáo dục và Đào tạo phối hợp thực hiện chỉ tiêu 7.",
            {("Sở Văn hóa, Thể thao và Du lịch", 7, "lead"), ("Sở Giáo dục và Đào tạo", 7, "support")},
        ),
        (
            "Chỉ tiêu 12 do Sở Y tế chủ trì, Sở Tư pháp phối hợp thực hiện.",
            {("Sở Y tế", 12, "lead"), ("Sở Tư pháp", 12, "support")},
        ),
        (
            "Sở Y tế chủ trì thực hiện chỉ tiêu 3, Sở Tư pháp phối hợp.",
            {("Sở Y tế", 3, "lead"), ("Sở Tư pháp", 3, "support")},
        ),
        (
            "Sở Y tế chủ trì thực hiện chỉ tiêu 3; Công an tỉnh chủ trì thực hiện chỉ tiêu 4.",
            {("Sở Y tế", 3, "lead"), ("Công an tỉnh", 4, "lead")},
        ),
        # several leads at once
        (
            "Sở Y tế và Sở Nông nghiệp và Môi trường chủ trì thực hiện chỉ tiêu 9.",
            {("Sở Y tế", 9, "lead"), ("Sở Nông nghiệp và Môi trường", 9, "lead")},
        ),
        # ranges and lists
        (
            "Hướng dẫn triển khai thực hiện từ chỉ tiêu 3 đến chỉ tiêu 5.",
            {(None, 3, "lead"), (None, 4, "lead"), (None, 5, "lead")},
        ),
        (
            "Chủ trì, phối hợp với Sở Y tế thực hiện các chỉ tiêu 6 - 8 và chỉ tiêu 11.",
            {(None, n, "lead") for n in (6, 7, 8, 11)} | {("Sở Y tế", n, "support") for n in (6, 7, 8, 11)},
        ),
        # a body named with its role as a predicate
        ("Là cơ quan đầu mối, chủ trì thực hiện chỉ tiêu 8.", {(None, 8, "lead")}),
        ("Sở Tài chính là cơ quan phối hợp thực hiện chỉ tiêu 8.", {("Sở Tài chính", 8, "support")}),
        ("Sở Y tế: chỉ tiêu 3, 4.", {("Sở Y tế", 3, "lead"), ("Sở Y tế", 4, "lead")}),
        (
            "Sở Y tế, trong phạm vi chức năng, nhiệm vụ, chủ trì thực hiện chỉ tiêu 7.",
            {("Sở Y tế", 7, "lead")},
        ),
        # "phối hợp với cơ quan chủ trì": the other body is named by its role, this one supports
        ("Phối hợp với cơ quan chủ trì thực hiện chỉ tiêu 10.", {(None, 10, "support")}),
        # the guiding body carries an indicator that lower levels carry out
        ("Hướng dẫn UBND các xã thực hiện chỉ tiêu 11.", {(None, 11, "lead")}),
        ("Sở Y tế là cơ quan chủ trì, Sở Tư pháp là cơ quan phối hợp thực hiện chỉ tiêu 3.",
         {("Sở Y tế", 3, "lead"), ("Sở Tư pháp", 3, "support")}),
        ("Chỉ tiêu 4 giao Công an tỉnh chủ trì thực hiện.", {("Công an tỉnh", 4, "lead")}),
        ("Sở Xây dựng tham gia thực hiện chỉ tiêu 12.", {("Sở Xây dựng", 12, "support")}),
        ("Phối hợp với Sở Y tế trong việc thực hiện chỉ tiêu 3.", {(None, 3, "support")}),
        # "Tổ chức", "Báo cáo" open duties; they are not bodies
        ("Tổ chức thực hiện chỉ tiêu 6 theo hướng dẫn của Bộ Y tế.", {(None, 6, "lead")}),
        # labels
        (
            "Chỉ tiêu 3, 4 (cơ quan chủ trì: Sở Y tế; cơ quan phối hợp: Sở Tư pháp, Công an tỉnh).",
            {("Sở Y tế", n, "lead") for n in (3, 4)} | {(b, n, "support") for b in ("Sở Tư pháp", "Công an tỉnh")
                                                       for n in (3, 4)},
        ),
        # a duty with no role word: the body whose duties these are carries it
        ("Đấu tranh phòng, chống tội phạm xâm hại trẻ em để thực hiện chỉ tiêu 9 của Chương trình.", {(None, 9, "lead")}),
        # the role of one clause does not leak into the next duty
        (
            "Chủ trì thực hiện chỉ tiêu 3, phối hợp với Sở Tư pháp tổ chức tuyên truyền.",
            {(None, 3, "lead")},
        ),
        (
            "Chủ trì thực hiện chỉ tiêu 3, phối hợp với Sở Kế hoạch và Đầu tư, Sở Tư pháp.",
            {(None, 3, "lead"), ("Sở Kế hoạch và Đầu tư", 3, "support"), ("Sở Tư pháp", 3, "support")},
        ),
    ],
)
def test_each_indicator_takes_the_role_of_its_own_clause(text: str, expected: set[Fact]) -> None:
    assert facts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # which of the two leads: the directing body or the directed one?
        "Chỉ đạo Phòng Văn hóa - Xã hội thực hiện chỉ tiêu 11.",
        "Sở Y tế hướng dẫn Trung tâm Y tế huyện thực hiện chỉ tiêu 3.",
        # a subject that is not a body this reader knows
        "Các địa phương phối hợp thực hiện chỉ tiêu 4.",
        "Cha mẹ học sinh phối hợp thực hiện chỉ tiêu 4.",
        "Các sở, ban, ngành liên quan phối hợp thực hiện chỉ tiêu 5.",
        # contradicting or negated role words
        "Không chủ trì thực hiện chỉ tiêu 5.",
        "Triển khai, phối hợp với Sở Tư pháp thực hiện chỉ tiêu 5.",
        # monitoring is not carrying out
        "Theo dõi, tổng hợp kết quả thực hiện chỉ tiêu 5, báo cáo UBND tỉnh.",
        "Hằng năm, chủ trì đánh giá kết quả thực hiện chỉ tiêu 5.",
        "Đôn đốc, kiểm tra việc thực hiện chỉ tiêu 1, 2 tại các địa phương.",
        # an indicator mentioned before a duty that is not given a role word
        "Trên cơ sở chỉ tiêu 3, Sở Y tế xây dựng kế hoạch triển khai.",
        # "phối hợp với X chủ trì ...": which one leads?
        "Sở Giáo dục và Đào tạo phối hợp với Sở Y tế chủ trì thực hiện chỉ tiêu 7.",
        # an indicator of another document
        "Chủ trì thực hiện chỉ tiêu 3 của Nghị quyết số 12/NQ-HĐND.",
        "Phối hợp thực hiện chỉ tiêu 4 tại Quyết định 1234/QĐ-TTg.",
    ],
)
def test_unclear_clauses_give_no_assignment(text: str) -> None:
    assert facts(text) == set()


def test_a_later_clause_with_another_subject_is_not_guessed() -> None:
    got = facts("Chủ trì thực hiện chỉ tiêu 1; Sở Tư pháp phối hợp thực hiện chỉ tiêu 2; thực hiện chỉ tiêu 3.")
    assert got == {(None, 1, "lead"), ("Sở Tư pháp", 2, "support")}


def test_generic_subject_never_falls_back_to_the_block_body() -> None:
    got = facts("Chủ trì thực hiện chỉ tiêu 4; các sở, ngành liên quan phối hợp thực hiện chỉ tiêu 5.")
    assert got == {(None, 4, "lead")}


def test_claims_point_at_their_clause() -> None:
    text = "Chủ trì thực hiện chỉ tiêu 4; phối hợp thực hiện chỉ tiêu 6."
    spans = {c.numbers: text[c.start : c.end] for c in read_claims(text)}
    assert spans == {(4,): "Chủ trì thực hiện chỉ tiêu 4", (6,): "phối hợp thực hiện chỉ tiêu 6."}


def test_each_sentence_is_read_on_its_own() -> None:
    text = "Sở Y tế chủ trì thực hiện chỉ tiêu 3. Phối hợp thực hiện chỉ tiêu 5.\nChủ trì thực hiện chỉ tiêu 6."
    assert facts(text) == {("Sở Y tế", 3, "lead"), (None, 5, "support"), (None, 6, "lead")}


# ---------------------------------------------------------------- generated sentences

# Bodies of both administrations and every level, as plans write them (abbreviations included).
BODIES = [
    "Sở Nội vụ", "Sở Y tế", "Sở Tư pháp", "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo",
    "Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Tài chính",
    "Công an tỉnh", "Bộ Chỉ huy Quân sự tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Liên hiệp Phụ nữ tỉnh",
    "Tỉnh đoàn", "Văn phòng HĐND và UBND xã", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội",
    "Trung tâm Phục vụ hành chính công", "Ban Chỉ huy Quân sự xã", "Công an xã",
    "Phòng Lao động - Thương binh và Xã hội", "Trung tâm Y tế huyện", "Phòng Tài nguyên và Môi trường",
    "Hội Nông dân tỉnh", "Liên đoàn Lao động tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Bảo hiểm xã hội tỉnh",
    "Sở Kế hoạch và Đầu tư", "Sở Thông tin và Truyền thông", "Phòng Kinh tế, Hạ tầng và Đô thị", "Sở GD&ĐT",
    "Sở LĐ-TBXH", "Phòng NN&PTNT", "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh",
    "Trung tâm Kiểm soát bệnh tật tỉnh", "Chi cục Thủy lợi", "Ban Dân tộc tỉnh",
]
numbers_st = st.lists(st.integers(1, 60), min_size=1, max_size=4, unique=True).map(sorted)


def _distinct(names: list[str]) -> bool:
    return len({agency_key(n) for n in names}) == len(names)


def render(numbers: list[int], style: int) -> str:
    """Indicator numbers the ways plans write them."""
    if len(numbers) == 1:
        return f"chỉ tiêu {numbers[0]}"
    if style == 0:
        return "các chỉ tiêu " + ", ".join(map(str, numbers[:-1])) + f" và {numbers[-1]}"
    if style == 1:
        return "chỉ tiêu " + ", ".join(map(str, numbers))
    return " và ".join(f"chỉ tiêu {n}" for n in numbers)



bodies_st = st.lists(st.sampled_from(BODIES), min_size=3, max_size=3, unique=True).filter(_distinct)
two_lists = st.tuples(numbers_st, numbers_st).filter(lambda p: not set(p[0]) & set(p[1]))

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@SETTINGS
@given(bodies_st, two_lists, st.integers(0, 2))
def test_lead_then_support_in_one_sentence(bodies: list[str], nums: tuple[list[int], list[int]], style: int) -> None:
    a, b, _ = bodies
    x, y = nums
    text = f"{a} chủ trì thực hiện {render(x, style)} và phối hợp với {b} thực hiện {render(y, style)}."
    assert facts(text) == {(a, n, "lead") for n in x} | {(a, n, "support") for n in y}


@SETTINGS
@given(bodies_st, numbers_st, st.integers(0, 2), st.booleans())
def test_co_bodies_of_a_lead_clause_support(bodies: list[str], x: list[int], style: int, requested: bool) -> None:
    a, b, c = bodies
    subject = f"Đề nghị {a} chủ trì" if requested else "Chủ trì"
    text = f"{subject}, phối hợp với {b}, {c} thực hiện {render(x, style)}."
    lead = a if requested else None
    assert facts(text) == {(lead, n, "lead") for n in x} | {(w, n, "support") for w in (b, c) for n in x}


@SETTINGS
@given(bodies_st, numbers_st, st.integers(0, 2), st.integers(0, 2))
def test_two_subjects_with_their_own_roles(bodies: list[str], x: list[int], style: int, shape: int) -> None:
    a, b, _ = bodies
    rx = render(x, style)
    text = [
        f"{a} chủ trì, {b} phối hợp thực hiện {rx}.",
        f"{rx[0].upper()}{rx[1:]} do {a} chủ trì, {b} phối hợp thực hiện.",
        f"{a} chủ trì thực hiện {rx}, {b} phối hợp.",
    ][shape]
    assert facts(text) == {(a, n, "lead") for n in x} | {(b, n, "support") for n in x}


@SETTINGS
@given(bodies_st, two_lists, st.integers(0, 2))
def test_clauses_split_at_semicolons(bodies: list[str], nums: tuple[list[int], list[int]], style: int) -> None:
    a, b, _ = bodies
    x, y = nums
    text = f"{a} chủ trì thực hiện {render(x, style)}; {b} phối hợp thực hiện {render(y, style)}."
    assert facts(text) == {(a, n, "lead") for n in x} | {(b, n, "support") for n in y}


@SETTINGS
@given(bodies_st, numbers_st)
def test_a_body_after_phoi_hop_voi_never_leads(bodies: list[str], x: list[int]) -> None:
    a, b, c = bodies
    for text in (
        f"Phối hợp với {a} thực hiện {render(x, 0)}.",
        f"{b} phối hợp với {a} thực hiện {render(x, 1)}.",
        f"Chủ trì, phối hợp với {a} và {c} thực hiện {render(x, 2)}.",
    ):
        assert (a, x[0], "lead") not in facts(text), text


@SETTINGS
@given(bodies_st, numbers_st)
def test_a_directed_body_is_not_guessed(bodies: list[str], x: list[int]) -> None:
    a = bodies[0]
    assume(" các " not in f" {a} ")
    assert facts(f"Chỉ đạo {a} thực hiện {render(x, 0)}.") == set()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcđ ,.;:-()0123456789ỉờàÂSởYtếChủtrìphốihợpvớiCôngan\n")),
               max_size=200))
def test_any_text_reads_without_error_and_claims_point_inside(text: str) -> None:
    for c in read_claims("chỉ tiêu 1 " + text):
        assert 0 <= c.start < c.end <= len(text) + 11
        assert c.role in ("lead", "support") and c.numbers


@SETTINGS
@given(bodies_st, two_lists)
def test_a_sentence_after_does_not_change_the_reading(bodies: list[str], nums: tuple[list[int], list[int]]) -> None:
    a, b, c = bodies
    x, y = nums
    first = f"{a} chủ trì, phối hợp với {b} thực hiện {render(x, 0)}."
    second = f" {c} phối hợp thực hiện {render(y, 1)}."
    assert facts(first) <= facts(first + second)
    assert facts(first + second) - facts(first) == {(c, n, "support") for n in y}
