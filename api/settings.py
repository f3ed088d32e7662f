"""Settings of the HTTP service, read from `PLANQA_*` environment variables.

Build one with `ApiSettings()` where the service starts (never at import time). Construction
fails when admin endpoints are enabled with an empty or placeholder key, so the service refuses
to start rather than run with a guessable secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Values people leave in example .env files; never accepted as an admin key.
PLACEHOLDER_KEYS = frozenset(
    {
        "changethis",
        "changeme",
        "change-me",
        "change_me",
        "secret",
        "password",
        "admin",
        "placeholder",
        "example",
        "xxx",
        "todo",
        "default",
        "test",
        "none",
        "null",
    }
)
MIN_ADMIN_KEY_CHARS = 16

_PERIODS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}
_RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([a-z]+?)s?\s*$")


@dataclass(frozen=True)
class RateLimit:
    """`requests` per `seconds` for one client, e.g. "30/minute" -> RateLimit(30, 60)."""

    requests: int
    seconds: float

    @classmethod
    def parse(cls, text: str) -> RateLimit:
        """Parse "N/second|minute|hour|day" (also "N/10s", "N/5min").

        >>> RateLimit.parse("30/minute")
        RateLimit(requests=30, seconds=60)
        """
        match = _RATE_RE.match(text.lower())
        if not match or match.group(3) not in _PERIODS:
            raise ValueError(f"rate limit {text!r} is not like '30/minute' or '5/10s'")
        requests = int(match.group(1))
        seconds = int(match.group(2) or 1) * _PERIODS[match.group(3)]
        if requests <= 0 or seconds <= 0:
            raise ValueError(f"rate limit {text!r} must allow at least one request")
        return cls(requests, seconds)


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_", extra="ignore")

    index: Path = Field(default=Path("data/index"), description="Index directory (PLANQA_INDEX).")
    admin_key: SecretStr | None = Field(default=None, description="Key for admin endpoints.")
    enable_admin: bool = Field(
        default=False, description="Serve document upload and delete; needs a real PLANQA_ADMIN_KEY."
    )
    allowed_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port]) whose pages may call the API; comma-separated.",
    )
    rate_limit: str = Field(default="30/minute", description="Per-client limit on /v1/ask.")
    max_body_bytes: int = Field(default=256 * 1024, gt=0)
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_docx_expanded_bytes: int = Field(
        default=200 * 1024 * 1024, gt=0, description="Largest total a DOCX may decompress to."
    )
    max_question_chars: int = Field(default=2000, gt=0)
    log_questions: bool = Field(default=False, description="Write question text into the logs.")
    feedback_db: Path | None = Field(
        default=None, description="SQLite file; default <index>/feedback.sqlite3"
    )
    conversation_ttl_seconds: float = Field(default=1800, gt=0)
    max_conversations: int = Field(default=5000, gt=0)
    log_level: str = "INFO"

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("rate_limit")
    @classmethod
    def _check_rate_limit(cls, value: str) -> str:
        RateLimit.parse(value)
        return value

    @model_validator(mode="after")
    def _refuse_placeholder_admin_key(self) -> ApiSettings:
        if self.enable_admin:
            problem = admin_key_problem(self.admin_key.get_secret_value() if self.admin_key else "")
            if problem:
                raise ValueError(f"PLANQA_ENABLE_ADMIN is on but PLANQA_ADMIN_KEY {problem}")
        return self

    @property
    def parsed_rate_limit(self) -> RateLimit:
        return RateLimit.parse(self.rate_limit)

    @property
    def feedback_path(self) -> Path:
        return self.feedback_db or self.index / "feedback.sqlite3"


def admin_key_problem(key: str) -> str | None:
    """Why `key` cannot protect admin endpoints, or None when it can."""
    stripped = key.strip()
    if not stripped:
        return "is empty"
    if stripped.lower() in PLACEHOLDER_KEYS or len(set(stripped)) <= 2:
        return "is a placeholder"
    if len(stripped) < MIN_ADMIN_KEY_CHARS:
        return f"is shorter than {MIN_ADMIN_KEY_CHARS} characters"
    return None
