"""Vietnamese tokenization for BM25 (index.tokenize) and the BM25 index itself (index.lexical)."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lexical import LexicalIndex
from ingest.segment import fold_diacritics, lexical_tokens, normalize_text, normalize_tone_marks, segment

CORPUS = {
    "birth": "Chỉ tiêu 3: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98% vào năm 2025.",
    "vaccine": "Chỉ tiêu 5: Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin đạt 95%.",
    "police": "Công an tỉnh chủ trì đấu tranh phòng, chống tội phạm xâm hại trẻ em để thực hiện chỉ tiêu 9.",
    "justice": "Sở Tư pháp hướng dẫn, thực hiện chỉ tiêu 14 về trợ giúp pháp lý cho trẻ em.",
    "budget": "Cấp xã bố trí kinh phí tối thiểu để thực hiện Chương trình; báo cáo trước ngày 15/5.",
    "empty": "",
}


# --- tokenize ---------------------------------------------------------------------------------


def test_segment_joins_syllables_and_lowercases() -> None:
    assert segment("Đăng ký khai sinh cho trẻ em") == "đăng_ký khai_sinh cho trẻ_em"
    assert segment("Đăng ký khai sinh", lowercase=False) == "Đăng_ký khai_sinh"
    assert segment("   ") == ""


def test_segment_ignores_pdf_line_breaks_and_nfd() -> None:
    assert segment("Chỉ tiêu 1: Phấn\nđấu") == segment("Chỉ tiêu 1: Phấn đấu")
    nfd = unicodedata.normalize("NFD", "trẻ em được tiêm chủng")
    assert segment(nfd) == segment("trẻ em được tiêm chủng")


def test_tone_mark_styles_are_unified() -> None:
    assert normalize_tone_marks("Cộng hòa, Ủy ban, khỏe, thủy, tùy") == "Cộng hoà, Uỷ ban, khoẻ, thuỷ, tuỳ"
    assert normalize_tone_marks("ỦY BAN NHÂN DÂN") == "UỶ BAN NHÂN DÂN"
    # Not syllable-final, or "qu" + "y": the same in both styles, left alone.
    assert (
        normalize_tone_marks("hoàn thành, toán, quý, quỳnh, thuyết") == "hoàn thành, toán, quý, quỳnh, thuyết"
    )
    assert lexical_tokens("Ủy ban nhân dân") == lexical_tokens("Uỷ ban nhân dân")
    assert normalize_text("Mục  tiêu\r\nchung") == "Mục tiêu chung"


def test_fold_diacritics() -> None:
    assert fold_diacritics("trẻ_em") == "tre_em"
    assert fold_diacritics("Đường đi ở Điện Biên") == "Duong di o Dien Bien"
    assert fold_diacritics("ư ơ ă â ê ô") == "u o a a e o"


def test_lexical_tokens_forms() -> None:
    assert lexical_tokens("Trẻ em") == ["trẻ_em", "tre_em", "tre", "em"]
    tokens = lexical_tokens("Chỉ tiêu 14 ở Cà Mau? ý kiến, 98% | **")
    assert "chỉ_tiêu" in tokens and "chi_tieu" in tokens and "chi" in tokens
    assert "14" in tokens and tokens.count("14") == 1  # ASCII words are not duplicated
    assert "ở" in tokens and "o" in tokens  # one-letter words are kept
    assert "98" in tokens
    assert not {"?", ",", "%", "|", "*", "**"} & set(tokens)  # punctuation dropped
    assert all(token == token.lower() for token in tokens)
    assert lexical_tokens("") == [] and lexical_tokens(" ** | ") == []


def test_unaccented_query_shares_tokens_with_accented_document() -> None:
    # pyvi leaves "tre em" unsegmented while it joins "trẻ em"; the folded syllables still meet.
    document = set(lexical_tokens("Đăng ký khai sinh cho trẻ em"))
    query = lexical_tokens("dang ky khai sinh cho tre em")
    assert set(query) <= document


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạềếểễệòóỏõọùúủũụỳýỷỹỵ ,.\n:%_-|")),
        max_size=60,
    )
)
def test_lexical_tokens_never_fail_and_are_clean(text: str) -> None:
    tokens = lexical_tokens(text)
    for token in tokens:
        assert token and " " not in token and token == token.lower()
        assert any(ch.isalnum() for ch in token)
        assert unicodedata.is_normalized("NFC", token)
    assert lexical_tokens(text) == tokens  # deterministic


# --- LexicalIndex -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_index() -> LexicalIndex:
    index = LexicalIndex()
    index.build(list(CORPUS), [lexical_tokens(text) for text in CORPUS.values()])
    return index


def search_ids(index: LexicalIndex, query: str, k: int = 5) -> list[str]:
    return [chunk_id for chunk_id, _ in index.search(lexical_tokens(query), k)]


def test_khai_sinh_ranks_birth_registration_first(corpus_index: LexicalIndex) -> None:
    results = corpus_index.search(lexical_tokens("khai sinh"), k=5)
    assert results[0][0] == "birth"
    assert all(score > 0 for _, score in results)
    assert [score for _, score in results] == sorted((score for _, score in results), reverse=True)


def test_query_without_diacritics_finds_it(corpus_index: LexicalIndex) -> None:
    assert search_ids(corpus_index, "dang ky khai sinh")[0] == "birth"
    assert search_ids(corpus_index, "tiem chung vac xin")[0] == "vaccine"
    assert search_ids(corpus_index, "chi tieu 14 do ai phu trach")[0] == "justice"


def test_accented_query_ranks_exact_matches(corpus_index: LexicalIndex) -> None:
    assert search_ids(corpus_index, "Công an tỉnh")[0] == "police"
    assert search_ids(corpus_index, "báo cáo kinh phí cấp xã")[0] == "budget"


def test_k_limits_and_only_positive_scores(corpus_index: LexicalIndex) -> None:
    assert len(corpus_index.search(lexical_tokens("trẻ em"), k=2)) == 2
    assert "empty" not in search_ids(corpus_index, "trẻ em", k=10)  # score 0 is not a match
    assert corpus_index.search(lexical_tokens("trẻ em"), k=0) == []


def test_unknown_and_empty_queries_return_nothing(corpus_index: LexicalIndex) -> None:
    assert corpus_index.search(lexical_tokens("blockchain metaverse"), k=5) == []
    assert corpus_index.search([], k=5) == []
    assert corpus_index.search([""], k=5) == []  # bm25s's internal empty-document token


def test_empty_corpus(tmp_path: Path) -> None:
    index = LexicalIndex()
    index.build([], [])
    assert len(index) == 0 and index.search(lexical_tokens("khai sinh"), k=5) == []
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert len(loaded) == 0 and loaded.search(["khai_sinh"], k=5) == []


def test_build_validates(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="2 ids but 1"):
        LexicalIndex().build(["a", "b"], [["x"]])
    with pytest.raises(ValueError, match="unique"):
        LexicalIndex().build(["a", "a"], [["x"], ["y"]])


@pytest.mark.parametrize("mmap", [False, True])
def test_save_load_roundtrip(corpus_index: LexicalIndex, tmp_path: Path, mmap: bool) -> None:
    corpus_index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex", mmap=mmap)
    assert loaded.ids == corpus_index.ids
    for query in ["khai sinh", "dang ky khai sinh", "trẻ em", "chỉ tiêu 14", "xyz"]:
        assert loaded.search(lexical_tokens(query), 10) == corpus_index.search(lexical_tokens(query), 10)


def test_load_refuses_other_tokenizer_version(corpus_index: LexicalIndex, tmp_path: Path) -> None:
    corpus_index.save(tmp_path / "lex")
    manifest_path = tmp_path / "lex" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["tokenizer_version"] = 0
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ValueError, match="rebuild"):
        LexicalIndex.load(tmp_path / "lex")
    with pytest.raises(FileNotFoundError):
        LexicalIndex.load(tmp_path / "nothing-here")
