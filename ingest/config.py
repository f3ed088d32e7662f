"""Settings of the ingest layer: the `index.ocr` section of the settings tree (PLANQA_OCR_*)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from core.settings import Section


class OcrSettings(Section):
    """How scans are read: the `index.ocr` section of the settings tree (PLANQA_OCR_*)."""

    env_prefix: ClassVar[str] = "PLANQA_OCR_"

    enabled: bool = Field(True, description="OCR pages without a text layer and image files")
    lang: str = Field("vie", description="Tesseract language model(s), e.g. 'vie' or 'vie+eng'")
    tesseract: str = Field("tesseract", description="the tesseract program (name on PATH or a path)")
    page_timeout_seconds: float = Field(120.0, gt=0, description="a page taking longer fails its document")
    max_pages: int = Field(300, gt=0, description="most scanned pages read from one document")
    low_confidence: float = Field(
        70.0, ge=0, le=100, description="below this mean word confidence a page or document is flagged"
    )
    min_line_confidence: float = Field(
        45.0, ge=0, le=100, description="lines whose words average below this are dropped as debris"
    )
    threads: int = Field(1, ge=1, description="threads per tesseract process (OMP_THREAD_LIMIT)")
