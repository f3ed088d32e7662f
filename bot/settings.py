"""The settings tree of the answering pipeline: index location, the index and bot sections.

`Settings()` reads PLANQA_* environment variables (see core.settings); the API extends this
same tree with its own sections (api.settings.ServiceSettings), so the CLI, the API, Zalo and
eval all hand `build_pipeline` the same kind of object.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field, SecretStr

from core.settings import Env, Section, TreeSettings
from index.config import IndexConfig


class LLMSettings(Section):
    """An optional OpenAI-compatible endpoint that may only rephrase cited evidence (PLANQA_LLM_*)."""

    env_prefix: ClassVar[str] = "PLANQA_LLM_"

    base_url: str | None = Field(None, description="Any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp)")
    model: str | None = None
    api_key: SecretStr = SecretStr("not-needed")
    timeout_s: float = Field(20.0, gt=0)


class BotSettings(Section):
    """Answering: questions, retrieval, optional reranker and LLM."""

    max_question_chars: int = Field(2000, gt=0, description="Longer questions are refused")
    fusion: Literal["rrf", "weighted"] = "rrf"
    top_k: int = Field(8, ge=1, le=50, description="Passages retrieved for a free-form answer")
    plans_per_answer: int = Field(5, ge=1, le=100, description="A question matching more plans than this answers "
                                  "for the most recent ones, says how many others match and pages the rest")
    reranker_model: str | None = Field(None, description="A local sentence-transformers cross-encoder")
    llm: LLMSettings = Field(default_factory=LLMSettings)


class Settings(TreeSettings):
    index_dir: Annotated[Path, Env("PLANQA_INDEX")] = Field(Path("data/index"), description="Index directory")
    index: IndexConfig = Field(default_factory=IndexConfig)
    bot: BotSettings = Field(default_factory=BotSettings)
