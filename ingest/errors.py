"""Errors of the ingest layer. Each carries one line that is shown to users as it is.

`PlanqaError`, the root of every planqa error, lives in core.errors; it is re-exported here so
`from ingest.errors import PlanqaError, IngestError` keeps working.
"""

from __future__ import annotations

from core.errors import PlanqaError as PlanqaError  # re-exported: the root of every planqa error


class IngestError(PlanqaError):
    """A document could not be ingested; `source` names the file."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class UnsupportedFormat(IngestError):
    pass


class FileTooLarge(IngestError):
    pass


class EmptyDocument(IngestError):
    pass


class CorruptDocument(IngestError):
    pass


class EncryptedDocument(IngestError):
    pass


class NeedsOCR(IngestError):
    """Scanned pages, but OCR is switched off or not installed."""


class OcrFailed(IngestError):
    """OCR crashed or timed out on a page; the document is not ingested."""


class ConversionFailed(IngestError):
    """An external converter (antiword for .doc) is missing or failed."""


class NotADocument(IngestError):
    """Binary junk or a file whose content does not match its extension."""
