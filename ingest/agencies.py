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
]
_HEAD_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(fold(h)) for h in _HEADS), key=len, reverse=True)) + r")(?!\w)"
)
# A body's name ends where its duty begins: these words start the predicate.
_PREDICATE_RE = re.compile(
    r"(?<!các)(?<!Các)\s+(?:có trách nhiệm|chịu trách nhiệm|chủ trì|phối hợp|căn cứ|tăng cường|tăng|thực hiện|chỉ đạo|"
    r"là cơ quan|là đầu mối|tổ chức|xây dựng|hướng dẫn|tham mưu|quan tâm|trong phạm vi|theo chức năng|"
    r"triển khai|đẩy mạnh|nghiên cứu|rà soát|bố trí|phát động|được giao|theo dõi|kiểm tra|giám sát|"
    r"tuyên truyền|vận động|cần|phải|có|nhằm|để|:)",
    re.IGNORECASE,
)
_ABBREV_RE = re.compile(r"\b[A-ZĐ]{1,7}(?:\s*[-&]\s*[A-ZĐ]{1,7})*\b")
_SEPARATORS_RE = re.compile(r"[-–—&,;.:()/\"“”'’]+")
_LEAD_IN_RE = re.compile(
    r"^(?:trách nhiệm(?: của)?|nhiệm vụ(?: của)?|đề nghị|giao(?: cho)?|riêng|đối với|ngoài ra,?)\s+",
    re.IGNORECASE,
)


def is_agency_start(text: str) -> bool:
    """Whether `text` starts with the name of a body ("Sở Y tế ...", "UBND các huyện ...")."""
    s = text.strip()
    if not s or not (s[0].isupper() or fold_ascii(s).startswith("cac ")):
        return False
    return bool(_HEAD_RE.match(fold(s)))


def _expand_abbreviations(name: str) -> str:
    def repl(m: re.Match[str]) -> str:
        key = re.sub(r"[\s&-]", "", fold_ascii(m.group(0)))
        return ABBREVIATIONS.get(key, m.group(0))

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
    return " ".join(words)


def display_name(name: str) -> str:
    """Readable canonical form: abbreviations spelled out, dashes and spaces made uniform."""
    s = _expand_abbreviations(collapse_ws(name))
    s = re.sub(r"\s*[–—]\s*", " - ", s)
    s = re.sub(rf"(?<=\w)\s*-\s*(?=[{VI_UPPER}])", " - ", s)
    return collapse_ws(s).strip(" .:;,")


def _split_names(text: str) -> list[str]:
    """Split "A, B và C" into bodies only where the next part starts a new body."""
    parts = re.split(r"(,\s*|;\s*|\.\s+(?:Đề nghị\s+)?|\s+và\s+|\s+với\s+)", text)
    names: list[str] = []
    current = parts[0]
    for sep, part in zip(parts[1::2], parts[2::2], strict=False):
        if is_agency_start(part) and "với" not in sep:
            names.append(current)
            current = part
        else:
            current += sep + part
    names.append(current)
    return [collapse_ws(n).strip(" .:;,") for n in names if n.strip()]


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


def names_in_text(text: str) -> list[tuple[int, int, str]]:
    """Bodies named anywhere in a sentence, with their offsets (best effort, for co-bodies)."""
    found: list[tuple[int, int, str]] = []
    for m in re.finditer(rf"(?<!\w)(?=[{VI_UPPER}]|các\s)", text):
        start = m.start()
        if found and start < found[-1][1]:
            continue
        rest = text[start:]
        if not is_agency_start(rest):
            continue
        end_m = re.search(r"[,;.:()]|\s+(?:và|với|để|trong|về|theo|nhằm|thực hiện|tổ chức|phối hợp|chủ trì|"
                          r"có trách nhiệm|chịu trách nhiệm|hướng dẫn|tham gia|là|được|triển khai)(?:\s|$)", rest)
        name = rest[: end_m.start()] if end_m else rest
        name = name.strip()
        words = name.split()
        if 2 <= len(words) <= 10:
            found.append((start, start + len(name), name))
    return found


def is_generic(name: str) -> bool:
    """A group rather than one body ("các sở, ban, ngành")."""
    return fold_ascii(name).startswith("cac ")
