"""Document metadata as the remote stores keep it: matching keys for the fields a `DocFilter` names.

A filter's place, level and document type are compared on `ingest.places.place_key` (no case,
diacritics, tone placement or punctuation), so "Tân Hoà", "tân hòa" and "Tan Hoa" select the same
documents; the year is compared as a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from index.stores.base import DocFilter
from ingest.model import DocumentMeta
from ingest.places import place_key

__all__ = ["MetaKeys", "meta_key"]

UNKNOWN_YEAR = 0  # stored when a document states no year; DocFilter years are real years, never 0


def meta_key(value: str | None) -> str:
    """The matching key of a metadata value; "" for none.

    >>> meta_key("Kế hoạch") == meta_key("KẾ HOẠCH") == meta_key("ke hoach"), meta_key(None)
    (True, '')
    """
    return place_key(value) if value else ""


@dataclass(frozen=True)
class MetaKeys:
    """The keys a document is filtered on."""

    place: str = ""
    place_level: str = ""
    year: int = UNKNOWN_YEAR
    doc_type: str = ""

    @classmethod
    def of(cls, meta: DocumentMeta | Mapping[str, Any] | None) -> MetaKeys:
        if meta is None:
            return cls()
        values = asdict(meta) if isinstance(meta, DocumentMeta) else dict(meta)
        year = values.get("year")
        return cls(
            place=meta_key(values.get("place")),
            place_level=meta_key(values.get("place_level")),
            year=int(year) if isinstance(year, int) and not isinstance(year, bool) else UNKNOWN_YEAR,
            doc_type=meta_key(values.get("doc_type")),
        )

    @classmethod
    def wanted(cls, where: DocFilter) -> dict[str, str | int]:
        """The metadata a filter asks for, as (field, key) pairs; an empty dict when it asks for none."""
        out: dict[str, str | int] = {}
        if where.place:
            out["place"] = meta_key(where.place)
        if where.place_level:
            out["place_level"] = meta_key(where.place_level)
        if where.year is not None:
            out["year"] = int(where.year)
        if where.doc_type:
            out["doc_type"] = meta_key(where.doc_type)
        return out
