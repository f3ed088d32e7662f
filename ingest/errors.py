"""Typed errors. Each carries one line that is shown to users as it is."""

from __future__ import annotations


class PlanqaError(Exception):
    """Base of every error planqa shows to a user as one clear line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


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
