"""Settings of the chat core shared by every chat channel (PLANQA_CHAT_*), and the base-URL type
the channels' clients use."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import AfterValidator, Field, SecretStr

from core.settings import Section


def _base_url(value: str) -> str:
    value = value.strip().rstrip("/")
    if not value.startswith(("https://", "http://")):
        raise ValueError(f"base URL {value!r} must start with https:// (or http:// for a local server)")
    return value


# An API's base URL, without a trailing slash (configurable: a proxy, or a local fake in the tests).
BaseUrl = Annotated[str, AfterValidator(_base_url)]


class ChatSettings(Section):
    """Sessions, the answer thread pool and the outbound clients' HTTP and retry policy."""

    env_prefix: ClassVar[str] = "PLANQA_CHAT_"

    answer_workers: int = Field(default=4, ge=1, description="Threads answering questions at the same time.")
    max_pending: int = Field(default=500, ge=1, description="Messages being handled at once; more are dropped.")
    max_sessions: int = Field(default=5000, ge=1)
    session_ttl_seconds: float = Field(default=3600, gt=0)
    dedupe_ttl_seconds: float = Field(default=24 * 3600, gt=0)
    max_dedupe_ids: int = Field(default=50_000, ge=1)
    user_hash_key: SecretStr | None = Field(
        default=None, description="Key for hashing user ids; a random one per process when unset."
    )
    log_messages: bool = Field(default=False, description="Write message text into the logs.")
    http_timeout_seconds: float = Field(default=10.0, gt=0)
    retry_limit: int = Field(default=3, ge=0, description="Retries after a rate limit.")
    backoff_seconds: float = Field(default=1.0, gt=0, description="First back-off; doubles on each retry.")
    max_backoff_seconds: float = Field(default=60.0, gt=0)
