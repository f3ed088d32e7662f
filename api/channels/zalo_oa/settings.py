"""Settings of the Zalo Official Account channel (PLANQA_ZALO_*).

The webhook is enabled only when the app id and the OA secret key (which verifies signatures)
are set; otherwise it answers 404.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr, field_validator

from api.channels.core.settings import BaseUrl
from core.settings import Section, secret_value


class ZaloOASettings(Section):
    env_prefix: ClassVar[str] = "PLANQA_ZALO_"

    app_id: str | None = Field(default=None, description="Zalo app id (part of every OA signature).")
    app_secret: SecretStr | None = Field(default=None, description="App secret: the `secret_key` of token refresh.")
    oa_secret_key: SecretStr | None = Field(
        default=None, description="OA secret key that signs webhook events (not the app secret)."
    )
    oa_access_token: SecretStr | None = None
    oa_refresh_token: SecretStr | None = None
    oa_api_base: BaseUrl = "https://openapi.zalo.me"
    oauth_base: BaseUrl = "https://oauth.zaloapp.com"
    oa_token_store: Path = Field(
        default=Path("data/zalo/oa_tokens.json"),
        description="Where rotated OA tokens are kept (the refresh token is single-use).",
    )
    timestamp_window_seconds: float = Field(
        default=300, gt=0, description="OA events whose timestamp is further from now are rejected."
    )

    @field_validator("app_id", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def enabled(self) -> bool:
        return bool(self.app_id and secret_value(self.oa_secret_key))
