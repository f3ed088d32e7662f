"""Settings of the web channel (PLANQA_*): conversations of the ask API and question logging."""

from __future__ import annotations

from pydantic import Field

from core.settings import Section


class WebSettings(Section):
    conversation_ttl_seconds: float = Field(default=1800, gt=0, description="A follow-up must come within this.")
    max_conversations: int = Field(default=5000, gt=0, description="Conversations kept; least recent go first.")
    log_questions: bool = Field(default=False, description="Write question text into the logs.")
