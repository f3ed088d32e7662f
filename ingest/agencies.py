"""Names of bodies (cơ quan, đơn vị): recognising them and giving each one matching key.

The same body is written many ways ("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TBXH",
"Sở Lao động – Thương binh và Xã hội"). `agency_key` folds all of them to one key by general
rules: diacritics and case folded, dashes/commas/"và"/"&" dropped, and the standard abbreviations
of Vietnamese public administration expanded.
"""

from __future__ import annotations

import re

from ingest.normalize import VI_UPPER, collapse_ws, fold, fold_ascii

# Standard abbreviations of Vietnamese administration (folded, separators removed) -> full words.
ABBREVIATIONS: dict[str, str] = {
    "ldtbxh": "Lao động - Thương binh và Xã hội",
    "tbxh": "Thương binh và Xã hội",
    "gddt": "Giáo dục và Đào tạo",
    "vhttdl": "Văn hóa, Thể thao và Du lịch",
    "vhtt": "Văn hóa và Thông tin",
    "tttt": "Thông tin và Truyền thông",
    "khdt": "Kế hoạch và Đầu tư",
    "tnmt": "Tài nguyên và Môi trường",
    "nnptnt": "Nông nghiệp và Phát triển nông thôn",
    "gtvt": "Giao thông vận tải",
    "khcn": "Khoa học và Công nghệ",
    "ubnd": "Ủy ban nhân dân",
    "hdnd": "Hội đồng nhân dân",
    "dbqh": "đại biểu Quốc hội",
    "ubmttq": "Ủy ban Mặt trận Tổ quốc",
    "mttq": "Mặt trận Tổ quốc",
    "tncs": "Thanh niên Cộng sản",
    "lhpn": "Liên hiệp Phụ nữ",
    "vksnd": "Viện Kiểm sát nhân dân",
    "tand": "Tòa án nhân dân",
    "bhxh": "Bảo hiểm xã hội",
    "ttyt": "Trung tâm Y tế",
    "ptth": "Phát thanh - Truyền hình",
    "vhxh": "Văn hóa - Xã hội",
    "tpht": "Tư pháp - Hộ tịch",
    "ytdp": "Y tế dự phòng",
    "ctxh": "Công tác xã hội",
    "khhgd": "Kế hoạch hóa gia đình",
    "dskhhgd": "Dân số - Kế hoạch hóa gia đình",
    # Bodies of the two-level administration (since July 2025) and other common short forms.
    "nnmt": "Nông nghiệp và Môi trường",
    "dttg": "Dân tộc và Tôn giáo",
    "khtdt": "Kinh tế, Hạ tầng và Đô thị",
    "kthtdt": "Kinh tế, Hạ tầng và Đô thị",
    "pvhcc": "Phục vụ hành chính công",
    "vp": "Văn phòng",
    "ubmttqvn": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "mttqvn": "Mặt trận Tổ quốc Việt Nam",
    "hlhpn": "Hội Liên hiệp Phụ nữ",
    "ldld": "Liên đoàn Lao động",
    "nhcsxh": "Ngân hàng Chính sách xã hội",
    "bchqs": "Ban Chỉ huy Quân sự",
    "chqs": "Chỉ huy Quân sự",
    "bdbp": "Bộ đội Biên phòng",
    "bcd": "Ban Chỉ đạo",
    "pctt": "Phòng, chống thiên tai",
    "tkcn": "Tìm kiếm cứu nạn",
    "ptnt": "Phát triển nông thôn",
    "pccc": "Phòng cháy, chữa cháy",
    "cds": "Chuyển đổi số",
    "cntt": "Công nghệ thông tin",
    "bvdk": "Bệnh viện Đa khoa",
}

# Words a body's name starts with. General vocabulary of Vietnamese public bodies, not the bodies
# of any particular document. Matched with diacritics (tone placement unified): "Báo" is a
# newspaper, "Bảo vệ" is not a body.
_HEADS = [
    "sở", "phòng", "ban", "bộ", "cục", "chi cục", "tổng cục", "ủy ban", "ubnd", "hội đồng", "công an",
    "trung tâm", "trạm", "bệnh viện", "tòa án", "viện", "hội", "đoàn", "tỉnh đoàn", "huyện đoàn",
    "thành đoàn", "liên đoàn", "mặt trận", "báo", "đài", "văn phòng", "công chức", "cán bộ", "trường",
    "nhà trường", "kho bạc", "bảo hiểm xã hội", "quỹ", "thanh tra", "ngân hàng", "bộ chỉ huy",
    "ban chỉ huy", "bộ đội", "đồn biên phòng", "chi nhánh", "cơ quan", "các sở", "các cơ quan", "các phòng",
    "các ban", "các đơn vị", "các đoàn thể", "các tổ chức", "các nhà trường", "các trường", "các hội",
    "hạt kiểm lâm", "chi hội", "liên minh", "lực lượng", "tổ", "chủ tịch", "giám đốc", "thủ trưởng",
    "ubmttq", "mttq", "hđnd", "tand", "vksnd", "bhxh", "ttyt", "bch",
    "ngành", "bưu điện", "học viện", "đại học", "cảnh sát", "công ty", "tổng công ty", "điện lực",
    "vp", "ubmttqvn", "bchqs", "bđbp", "nhcsxh", "lđlđ", "hlhpn",
]
# Heads whose next words are lowercase in ordinary writing ("Ban chỉ đạo", "Viện kiểm sát nhân dân"):
# the name goes on past words that would otherwise end it.
_MULTIWORD_HEADS = ["ban chỉ đạo", "ban điều hành", "ban quản lý", "tổ công tác", "đoàn kiểm tra",
                    "hội đồng phối hợp", "ban chỉ huy", "bộ chỉ huy"]
# Heads that name a body in lowercase mid-sentence when a capitalised name follows ("phòng Tư pháp").
_LOWER_HEADS = ("sở", "phòng", "ban", "trung tâm", "chi cục", "văn phòng", "ủy ban", "uỷ ban", "hội", "trạm")
_LOWER_HEAD_FIRST = {h.split()[0] for h in _LOWER_HEADS}
_HEAD_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(fold(h)) for h in _HEADS), key=len, reverse=True)) + r")(?!\w)"
)
_MULTIWORD_FOLDED = [fold(h) for h in _MULTIWORD_HEADS]
# Words that start like a body's name but are verbs or things: "Tổ chức thực hiện", "Báo cáo kết quả",
# "Ban hành", "Hội nghị", "Phòng chống", "Trường hợp".
_NOT_BODY_RE = re.compile(r"^(?:" + "|".join(re.escape(fold(w)) for w in (
    "tổ chức", "ban hành", "báo cáo", "hội nghị", "hội thảo", "hội thi", "hội diễn", "đoàn kết", "trường hợp",
    "phòng chống", "phòng ngừa", "phòng tránh", "bộ tiêu chí", "bộ chỉ số", "viện trợ", "ban đầu", "quỹ đất",
    "cục bộ", "đài thọ", "sở dĩ", "sở hữu", "cơ quan chủ trì", "cơ quan phối hợp", "đơn vị chủ trì",
    "đơn vị phối hợp", "cán bộ, công chức", "cán bộ công chức", "trường học",
)) + r")(?!\w)")
# Heads that name no body on their own ("cơ quan chủ trì": some body, named elsewhere).
_BARE_HEADS = {fold(h) for h in ("cơ quan", "đơn vị", "trung tâm", "ủy ban", "uỷ ban", "hội đồng", "văn phòng",
                                 "chi cục", "tổng cục", "bệnh viện", "ngân hàng", "chi nhánh", "lực lượng",
                                 "liên đoàn", "liên minh", "mặt trận", "cán bộ", "công chức", "các sở", "các cơ quan",
                                 "các đơn vị", "các phòng", "các ban", "các hội", "các trường")}
# A body's name ends where its duty begins: these words start the predicate.
_PREDICATE_RE = re.compile(
    r"(?<!các)(?<!Các)\s+(?:có trách nhiệm|chịu trách nhiệm|chủ trì|phối hợp|căn cứ|tăng cường|tăng|thực hiện|chỉ đạo|"
    r"là cơ quan|là đầu mối|tổ chức|xây dựng|hướng dẫn|tham mưu|quan tâm|trong phạm vi|theo chức năng|"
    r"triển khai|đẩy mạnh|nghiên cứu|rà soát|bố trí|phát động|được giao|theo dõi|kiểm tra|giám sát|"
    r"tuyên truyền|vận động|cần|phải|có|nhằm|để|:)",
    re.IGNORECASE,
)
_ABBREV_RE = re.compile(r"\b[A-ZĐ]{1,9}(?:\s*[-&]\s*[A-ZĐ]{1,9})*\b")
_SEPARATORS_RE = re.compile(r"[-–—&,;.:()/\"“”'’]+")
_LEAD_IN_RE = re.compile(
    r"^(?:trách nhiệm(?: của)?|nhiệm vụ(?: của)?|đề nghị|giao(?: cho)?|riêng|đối với|ngoài ra,?)\s+",
    re.IGNORECASE,
)


def is_agency_start(text: str) -> bool:
    """Whether `text` starts with the name of a body ("Sở Y tế ...", "UBND các huyện ...")."""
    s = text.strip()
    if not s or not (s[0].isupper() or fold_ascii(s[:4]) == "cac "):
        return False
    # Only the first words can hold the head: folding the whole rest of a long text is wasted work.
    f = fold(s[:48])
    return bool(_HEAD_RE.match(f)) and not _NOT_BODY_RE.match(f)


def _expand_abbreviations(name: str) -> str:
    def repl(m: re.Match[str]) -> str:
        key = re.sub(r"[\s&-]", "", fold_ascii(m.group(0)))
        if key in ABBREVIATIONS:
            return ABBREVIATIONS[key]
        # "HĐND-UBND", "PCTT&TKCN": two abbreviations joined; expand each, keep the joining mark.
        parts = re.split(r"(\s*[-&]\s*)", m.group(0))
        return "".join(ABBREVIATIONS.get(fold_ascii(p), p) if i % 2 == 0 else p for i, p in enumerate(parts))

    return _ABBREV_RE.sub(repl, name)


def agency_key(name: str) -> str:
    """Matching key of a body's name.

    >>> agency_key("Sở LĐ-TBXH") == agency_key("Sở Lao động – Thương binh và Xã hội")
    True
    >>> agency_key("Sở GD&ĐT") == agency_key("Sở Giáo dục - Đào tạo")
    True
    """
    expanded = fold_ascii(_expand_abbreviations(collapse_ws(name)))
    words = [w for w in _SEPARATORS_RE.sub(" ", expanded).split() if w not in ("va", "cua")]
    return _strip_level(" ".join(words))


# A department exists at one level only, so "Sở Y tế tỉnh" is "Sở Y tế" and "Phòng Kinh tế xã" is
# "Phòng Kinh tế". Bodies that exist at every level (Công an, Ủy ban nhân dân, Hội ...) keep the word.
_ONE_LEVEL_HEADS = ("so ", "phong ", "chi cuc ", "trung tam ")
_LEVEL_SUFFIX_RE = re.compile(r"(?<!\bcac)(?<!\bcap) (?:tinh|huyen|xa|thanh pho|thi xa|quan|phuong|thi tran)$")


def _strip_level(key: str) -> str:
    """`key` without a bare trailing level word, for departments that exist at one level only.

    >>> _strip_level("so y te tinh"), _strip_level("cong an tinh"), _strip_level("phong y te cac huyen")
    ('so y te', 'cong an tinh', 'phong y te cac huyen')
    """
    if key.startswith(_ONE_LEVEL_HEADS) and len(key.split()) >= 3:
        return _LEVEL_SUFFIX_RE.sub("", key)
    return key


def display_name(name: str) -> str:
    """Readable canonical form: abbreviations spelled out, dashes and spaces made uniform."""
    s = _expand_abbreviations(collapse_ws(name))
    s = re.sub(r"\s*[–—]\s*", " - ", s)
    s = re.sub(r"\s*&\s*", " và ", s)
    s = re.sub(rf"(?<=\w)\s*-\s*(?=[{VI_UPPER}])", " - ", s)
    s = collapse_ws(s).strip(" .:;,")
    return s[:1].upper() + s[1:]


def _split_names(text: str) -> list[str]:
    """Split "A, B và C" into bodies only where the next part starts a new body."""
    parts = re.split(r"(,\s*|;\s*|\.\s+(?:Đề nghị\s+)?|\s+và\s+|\s+với\s+)", text)
    names: list[str] = []
    current = parts[0]
    for sep, part in zip(parts[1::2], parts[2::2], strict=False):
        if is_agency_start(part) and "với" not in sep and not (sep.strip() == "và" and joins_office(current, part)):
            names.append(current)
            current = part
        else:
            current += sep + part
    names.append(current)
    return [collapse_ws(n).strip(" .:;,") for n in names if n.strip()]


def joins_office(before: str, after: str) -> bool:
    """ "Văn phòng HĐND" + "và" + "UBND xã" is one body, the commune's office, not two.

    An office that serves two bodies is named "Văn phòng <body> và <body> <level>": the first body
    has no level of its own (the one at the end names both), so "Văn phòng Đoàn ĐBQH" cannot stand
    alone and the name goes on. "Văn phòng UBND tỉnh và Sở Tài chính" stays two bodies.

    >>> joins_office("Văn phòng Đoàn ĐBQH", "HĐND tỉnh"), joins_office("Văn phòng UBND tỉnh", "Sở Tài chính")
    (True, False)
    """
    b, a = before.strip(), after.strip()
    if _HDND_RE.search(b) and _UBND_RE.match(a):
        return True
    return bool(_OFFICE_OF_RE.match(b) and _SERVED_BODY_RE.match(a))


def names_in_heading(content: str) -> list[str]:
    """Bodies named by a heading of the "Tổ chức thực hiện" section, or [] when it names none.

    >>> names_in_heading("Trách nhiệm Sở Lao động-Thương binh và Xã hội:")
    ['Sở Lao động-Thương binh và Xã hội']
    >>> names_in_heading("Tòa án nhân dân, Viện kiểm sát nhân dân tỉnh:")
    ['Tòa án nhân dân', 'Viện kiểm sát nhân dân tỉnh']
    """
    s = _LEAD_IN_RE.sub("", content.strip())
    s = _LEAD_IN_RE.sub("", s)
    if not is_agency_start(s):
        return []
    cut = _PREDICATE_RE.search(s)
    if cut:
        s = s[: cut.start()]
    names = _split_names(s)
    return [n for n in names if is_agency_start(n) and len(n.split()) <= 16]


# Words that end a body's name in running text: the predicate or a preposition starts there. Lowercase
# only: inside a name these words are capitalised ("Ban Chỉ đạo", "Sở Kế hoạch và Đầu tư").
_NAME_STOP_WORDS = (
    "và", "với", "để", "trong", "về", "theo", "nhằm", "cùng", "do", "cho", "của", "tại", "đến", "từ", "trên",
    "qua", "khi", "nếu", "thì", "đã", "đang", "sẽ", "không", "chưa", "cần", "phải", "có", "là", "được",
    "năm", "làm", "giao", "trình", "gửi", "đối với", "thực hiện", "tổ chức", "phối hợp", "chủ trì",
    "có trách nhiệm", "chịu trách nhiệm", "hướng dẫn", "tham gia", "triển khai", "tham mưu", "chỉ đạo",
    "xây dựng", "rà soát", "hỗ trợ", "căn cứ", "đảm nhiệm", "phụ trách", "theo dõi", "tổng hợp", "báo cáo",
    "kiểm tra", "giám sát", "đôn đốc", "bố trí", "tăng cường", "đẩy mạnh", "nghiên cứu", "phát động",
    "tuyên truyền", "vận động", "tiếp tục", "chủ động", "lồng ghép", "đánh giá", "cung cấp", "quản lý",
    "ban hành", "đề xuất", "thường xuyên", "phấn đấu", "bảo đảm", "đảm bảo", "duy trì", "nâng cao",
    "kiện toàn", "củng cố", "thúc đẩy", "đề nghị", "yêu cầu", "huy động", "hoàn thành", "chỉ tiêu",
)
_NAME_STOP_RE = re.compile(
    r"[,;.:()\[\]\"“”?!]|\s+(?:" + "|".join(sorted(map(re.escape, _NAME_STOP_WORDS), key=len, reverse=True))
    + r")(?=\s|$|[,;.:()])"
)
# After "các ..." a list of kinds of bodies or places goes on: "UBND các xã, phường, thị trấn".
_PLURAL_TAIL_RE = re.compile(
    r"(?:xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh|ban|ngành|đoàn thể|hội|đoàn|"
    r"địa phương|đơn vị|cơ quan|tổ chức(?: chính trị - xã hội)?|doanh nghiệp|trường học|cơ sở)"
    r"(?:\s+(?:có\s+)?liên quan)?(?=\s*$)"
)
_HDND_RE = re.compile(r"(?:HĐND|Hội đồng nhân dân)$")
# Bodies an office (Văn phòng) serves, by kind: elected councils, people's committees, the National
# Assembly delegation, party committees. A kind of institution, not the name of any one body.
_SERVED_BODY = (r"(?:HĐND|Hội đồng nhân dân|UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Đoàn ĐBQH|Đoàn đại biểu Quốc hội"
                r"|(?:Tỉnh|Huyện|Thành|Thị|Đảng|Quận) (?:ủy|uỷ))")
_SERVED_BODY_RE = re.compile(rf"{_SERVED_BODY}(?!\w)")
_OFFICE_OF_RE = re.compile(rf"^(?:Văn phòng|VP)\s+{_SERVED_BODY}$")
_UBND_RE = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\b")


def _head_words(text: str) -> int:
    """Number of words of the head a body's name starts with ("Ban chỉ đạo" counts 3), else 0."""
    f = fold(text.strip())
    for head in _MULTIWORD_FOLDED:
        if f.startswith(head) and (len(f) == len(head) or not f[len(head)].isalnum()):
            return len(head.split())
    m = _HEAD_RE.match(f)
    return len(m.group(0).split()) if m else 0


def _is_name_start(text: str) -> bool:
    """A body's name starts here, also in lowercase mid-sentence ("phòng Tư pháp huyện")."""
    if is_agency_start(text):
        return True
    if not text[:1].islower():
        return False
    words = text[:48].split()  # the head and the word after it are all that count
    if not words or words[0].lower() not in _LOWER_HEAD_FIRST:
        return False
    for head in _LOWER_HEADS:
        n = len(head.split())
        if len(words) > n and fold(" ".join(words[:n])) == fold(head) and words[n][:1].isupper():
            return words[0][:1].islower()
    return False


def _chunk(text: str, pos: int) -> tuple[int, re.Match[str] | None]:
    """End of the words starting at `pos`, and what ends them (a mark or a stop word)."""
    m = _NAME_STOP_RE.search(text, pos)
    return (m.start(), m) if m else (len(text), None)


def _capitalised(text: str) -> bool:
    """A capitalised part of a name that is not a body of its own: "Đào tạo", "Thể thao", "Xã hội huyện"."""
    w = text.strip()
    return bool(w) and w[0].isupper() and not is_agency_start(w) and len(w.split()) <= 5 and not re.search(r"\d", w)


def _name_extent(text: str, start: int) -> int:
    """End of the body's name that starts at `start` in `text`."""
    rest = text[start:]
    head_words = _head_words(rest) or 1
    # Skip the head itself: "Ban chỉ đạo", "Hội đồng phối hợp" hold words that end other names.
    skip = re.match(r"\s*(?:\S+\s+){" + str(head_words - 1) + "}", rest)
    pos = start + (skip.end() if skip else 0)
    end, stop = _chunk(text, pos)
    plural = " các " in f" {text[start:end].lower()} "
    prevention = False
    while stop is not None:
        mark = stop.group(0).strip()
        nxt = stop.end()
        tail_end, tail_stop = _chunk(text, nxt)
        tail = text[nxt:tail_end]
        if mark == "và" and (_capitalised(tail) or joins_office(text[start:end], tail)):
            # "Sở Giáo dục và Đào tạo", "Văn phòng HĐND và UBND xã"
            end, stop = tail_end, tail_stop
            continue
        if mark == "," and _capitalised(tail) and tail_stop is not None and tail_stop.group(0).strip() == "và":
            # "Sở Văn hóa, Thể thao và Du lịch", "Phòng Kinh tế, Hạ tầng và Đô thị"
            last_end, last_stop = _chunk(text, tail_stop.end())
            if _capitalised(text[tail_stop.end() : last_end]):
                end, stop = last_end, last_stop
                continue
        if (mark == "," and re.search(r"\S\s+[Pp]hòng$", text[start:end])
                and tail.strip().lower().startswith("chống")):
            # "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn"
            end, stop, prevention = tail_end, tail_stop, True
            continue
        if mark == "và" and prevention and tail.strip():
            end, stop, prevention = tail_end, tail_stop, False
            continue
        if mark == "," and plural and _PLURAL_TAIL_RE.match(tail.strip()):
            end, stop = tail_end, tail_stop
            continue
        break
    return end


def names_in_text(text: str) -> list[tuple[int, int, str]]:
    """Bodies named anywhere in a sentence, with their offsets: `text[start:end] == name`.

    >>> [n for _, _, n in names_in_text("Sở Văn hóa, Thể thao và Du lịch chủ trì, Sở Y tế phối hợp")]
    ['Sở Văn hóa, Thể thao và Du lịch', 'Sở Y tế']
    >>> [n for _, _, n in names_in_text("phối hợp với Văn phòng HĐND và UBND xã, UBND các xã, phường")]
    ['Văn phòng HĐND và UBND xã', 'UBND các xã, phường']
    """
    found: list[tuple[int, int, str]] = []
    for m in re.finditer(r"(?<![\w-])(?=\w)", text):
        start = m.start()
        if found and start < found[-1][1]:
            continue
        if not _is_name_start(text[start:]):
            continue
        end = _name_extent(text, start)
        name = text[start:end].rstrip(" -–")
        words = name.split()
        if 2 <= len(words) <= 16 and fold(name) not in _BARE_HEADS:
            found.append((start, start + len(name), name))
    return found


_GENERIC_RE = re.compile(r"^(?:cac|nhung|moi|cac cap|toan the)\s|\b(?:co )?lien quan$|^co quan don vi\b")


def is_generic(name: str) -> bool:
    """A group rather than one body ("các sở, ban, ngành", "cơ quan, đơn vị liên quan").

    >>> is_generic("Các cơ quan khác"), is_generic("đơn vị có liên quan"), is_generic("UBND các xã")
    (True, True, False)
    """
    return bool(_GENERIC_RE.search(fold_ascii(collapse_ws(name))))
