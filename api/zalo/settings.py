"""Settings of the two Zalo channels, read from `PLANQA_ZALO_*` environment variables.

Build one with `ZaloSettings()` where the service or the poller starts, never at import time.
A channel is enabled only when its own settings are present: the OA webhook needs the app id
and the OA secret key (to verify signatures), the bot webhook needs the bot token and the
secret token Zalo echoes back (to authenticate deliveries). Every base URL is configurable,
which is also how the tests point both clients at a local fake Zalo server.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ZaloSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANQA_ZALO_", extra="ignore")

    # --- Official Account (OA API v3)
    app_id: str | None = Field(default=None, description="Zalo app id (part of every OA signature).")
    app_secret: SecretStr | None = Field(default=None, description="App secret: the `secret_key` of token refresh.")
    oa_secret_key: SecretStr | None = Field(
        default=None, description="OA secret key that signs webhook events (not the app secret)."
    )
    oa_access_token: SecretStr | None = None
    oa_refresh_token: SecretStr | None = None
    oa_api_base: str = "https://openapi.zalo.me"
    oauth_base: str = "https://oauth.zaloapp.com"
    oa_token_store: Path = Field(
        default=Path("data/zalo/oa_tokens.json"),
        description="Where rotated OA tokens are kept (the refresh token is single-use).",
    )
    timestamp_window_seconds: float = Field(
        default=300, gt=0, description="OA events whose timestamp is further from now are rejected."
    )

    # --- Bot Platform
    bot_token: SecretStr | None = None
    bot_secret_token: SecretStr | None = Field(
        default=None, description="Secret Zalo sends back in X-Bot-Api-Secret-Token (8-256 characters)."
    )
    bot_api_base: str = "https://bot-api.zaloplatforms.com"
    poll_timeout_seconds: int = Field(default=30, ge=1, le=60, description="Long-poll length of getUpdates.")

    # --- Both
    http_timeout_seconds: float = Field(default=10.0, gt=0)
    retry_limit: int = Field(default=3, ge=0, description="Retries after a rate limit (-32 / 429).")
    backoff_seconds: float = Field(default=1.0, gt=0, description="First back-off; doubles on each retry.")
    max_backoff_seconds: float = Field(default=60.0, gt=0)
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

    @field_validator("oa_api_base", "oauth_base", "bot_api_base")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not value.startswith(("https://", "http://")):
            raise ValueError(f"base URL {value!r} must start with https:// (or http:// for a local server)")
        return value

    @field_validator("app_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def oa_enabled(self) -> bool:
        return bool(self.app_id and _secret(self.oa_secret_key))

    @property
    def bot_enabled(self) -> bool:
        """The bot webhook; polling needs only the bot token."""
        return bool(_secret(self.bot_token) and _secret(self.bot_secret_token))


def _secret(value: SecretStr | None) -> str:
    return value.get_secret_value().strip() if value is not None else ""


def secret_value(value: SecretStr | None) -> str:
    """The secret as text ("" when unset)."""
    return _secret(value)
