"""Settings of the Zalo Bot Platform channel (PLANQA_ZALO_BOT_*).

The webhook needs the bot token and the secret token Zalo echoes back (to authenticate
deliveries); polling needs only the bot token.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr

from api.channels.core.settings import BaseUrl
from core.settings import Section, secret_value

WEBHOOK_PATH = "/zalo/bot/webhook"  # where `planqa serve` receives updates


class ZaloBotSettings(Section):
    env_prefix: ClassVar[str] = "PLANQA_ZALO_"

    bot_token: SecretStr | None = None
    bot_secret_token: SecretStr | None = Field(
        default=None, description="Secret Zalo sends back in X-Bot-Api-Secret-Token (8-256 characters)."
    )
    bot_api_base: BaseUrl = "https://bot-api.zaloplatforms.com"
    poll_timeout_seconds: int = Field(default=30, ge=1, le=60, description="Long-poll length of getUpdates.")

    @property
    def enabled(self) -> bool:
        """The webhook; polling needs only the bot token."""
        return bool(secret_value(self.bot_token) and secret_value(self.bot_secret_token))
