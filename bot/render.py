"""Answer wording in Vietnamese and English, in one place: phrases, document labels, dates."""

from __future__ import annotations

from dataclasses import dataclass

from index.snapshot import DocumentRecord

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]

# key -> (Vietnamese, English); `{name}` fields are filled by `Renderer.say`.
PHRASES: dict[str, tuple[str, str]] = {
    "owner.lead": ("Theo {doc}, {what} do {leads} chủ trì", "In {doc}, {what} is led by {leads}"),
    "owner.support": ("; phối hợp: {supports}", "; supported by {supports}"),
    "owner.not_stated": ("(không nêu)", "(not stated)"),
    "owner.none": ("{doc}: {what} — văn bản không nêu cơ quan chủ trì.",
                   "{doc}: {what} — the document names no responsible body."),
    "not_found.indicator_n": ("Không tìm thấy chỉ tiêu {n} trong các văn bản đã nạp.",
                              "Indicator {n} was not found in the ingested documents."),
    "not_found.indicator": ("Không tìm thấy chỉ tiêu phù hợp trong các văn bản đã nạp.",
                            "No matching indicator was found in the ingested documents."),
    "not_found.body": ("Không tìm thấy cơ quan này hoặc nhiệm vụ của cơ quan này trong các văn bản đã nạp.",
                       "This body, or its duties, was not found in the ingested documents."),
    "not_found.passage": ("Các văn bản đã nạp không có thông tin trả lời câu hỏi này.",
                          "The ingested documents do not contain an answer to this question."),
    "not_found.place": ("Chưa có văn bản nào của {place} trong kho tài liệu, nên không thể trả lời.",
                        "No ingested document covers {place}, so this cannot be answered."),
    "not_found.document": ("Không có văn bản nào khớp với số hiệu hoặc năm được hỏi.",
                           "No ingested document matches the document number or year asked about."),
    "not_found.plans": ("Không có kế hoạch nào trong các văn bản đã nạp khớp với câu hỏi.",
                        "No ingested plan matches the question."),
    "not_found.compare": ("Không tìm thấy chỉ tiêu về chủ đề này trong các văn bản được hỏi.",
                          "No indicator on this topic was found in the documents asked about."),
    "summary.period": ("- Thời gian thực hiện: ", "- Period: "),
    "summary.purpose": ("- Mục đích: ", "- Purpose: "),
    "summary.general_goal": ("- Mục tiêu chung: ", "- General goal: "),
    "summary.indicators": ("- Chỉ tiêu: ", "- Indicators: "),
    "summary.leads": ("- Cơ quan chủ trì: ", "- Lead bodies: "),
    "summary.budget": ("- Kinh phí: ", "- Budget: "),
    "summary.reporting": ("- Báo cáo: ", "- Reporting: "),
    "summary.steering": ("- Chỉ đạo, điều phối: ", "- Steering: "),
    "summary.signer": ("- Người ký: ", "- Signed by: "),
    "summary.issued": ("ban hành {date}", "issued {date}"),
    "list.heading": ("Theo {doc}, mục “{heading}” gồm {n} nội dung:", "In {doc}, the section “{heading}” lists {n} items:"),
    "cross.body_leads": ("Văn bản giao {body} chủ trì chỉ tiêu này ({n}):", "Documents where {body} leads this indicator ({n}):"),
    "cross.body_leads_none": ("Không văn bản nào đã nạp giao {body} chủ trì chỉ tiêu này.", "No ingested document makes {body} the lead of this indicator."),
    "cross.other_leads": ("Văn bản có chỉ tiêu này nhưng giao cơ quan khác chủ trì:", "Documents with this indicator led by another body:"),
    "cross.compare": ("Chỉ tiêu về “{topic}” trong {n} văn bản:", "Indicators on “{topic}” in {n} documents:"),
}


@dataclass(frozen=True)
class Renderer:
    language: str = "vi"

    @property
    def en(self) -> bool:
        return self.language == "en"

    def say(self, key: str, **fields: object) -> str:
        vi, en = PHRASES[key]
        return (en if self.en else vi).format(**fields)

    def pick(self, vi: str, en: str) -> str:
        """A phrase used in one place only, both languages side by side."""
        return en if self.en else vi

    def doc(self, rec: DocumentRecord) -> str:
        return doc_label(rec, self.language)

    def date(self, iso: str) -> str:
        return render_date(iso, self.language)


def doc_label(rec: DocumentRecord, lang: str) -> str:
    m = rec.meta
    kind = m.get("doc_type") or ("Văn bản" if lang == "vi" else "Document")
    number = m.get("number")
    place = m.get("place")
    level = m.get("place_level") or ""
    where = f"{level} {place}".strip() if place else ""
    label = f"{kind} {number}" if number else kind
    issuer = m.get("issuer") or ""
    if where:
        # A Sở, Ban or Phòng that issued the plan is named; a People's Committee by its place.
        body = issuer if issuer and not issuer.startswith("Ủy ban nhân dân") else f"UBND {where}"
        label += f" ({where})" if lang == "en" else f" của {body}"
    return label


def render_date(iso: str, lang: str) -> str:
    """ "2021-04-06" -> "ngày 06 tháng 4 năm 2021" (or "6 April 2021")."""
    parts = iso.split("-")
    if len(parts) == 3:
        y, m, d = parts
        return f"ngày {d} tháng {int(m)} năm {y}" if lang == "vi" else f"{int(d)} {_MONTHS[int(m) - 1]} {y}"
    if len(parts) == 2:
        y, m = parts
        return f"tháng {int(m)} năm {y}" if lang == "vi" else f"{_MONTHS[int(m) - 1]} {y}"
    return iso
