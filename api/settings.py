"""The service's settings: the answering tree (bot.settings.Settings) with the `api` section and
one section per channel added. `planqa config` prints it with secrets masked.

Build it with `load_settings(ServiceSettings)` where the service starts (never at import time):
an invalid value fails there with one line naming its variable. Admin endpoints enabled with an
empty or placeholder key are such a value, so the service refuses to run with a guessable secret.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, SecretStr, field_validator, model_validator

from api.channels.core.settings import ChatSettings
from api.channels.web.settings import WebSettings
from api.channels.zalo_bot.settings import ZaloBotSettings
from api.channels.zalo_oa.settings import ZaloOASettings
from bot.settings import Settings
from core.settings import Section

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
MIN_ADMIN_KEY_BITS = 64  # estimated, after runs like "1234" or "aaaa" count as one character
_RUN_MIN = 3  # ascending, descending or repeated characters this long count as one

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


class ApiSettings(Section):
    """The HTTP service as a whole: admin endpoints, CORS, limits, feedback, logs."""

    admin_key: SecretStr | None = Field(default=None, description="Key for admin endpoints.")
    enable_admin: bool = Field(
        default=False, description="Serve document upload and delete; needs a real PLANQA_ADMIN_KEY."
    )
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="Origins (scheme://host[:port]) whose pages may call the API; comma-separated.",
    )
    rate_limit: str = Field(default="30/minute", description="Per-client limit on asking.")
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For names the "
        "client; comma-separated. Empty (default): the peer address is the client.",
    )
    admin_failure_limit: str = Field(
        default="10/minute",
        description="Failed admin-key attempts allowed per client; beyond it admin requests get 429.",
    )
    max_body_bytes: int = Field(default=256 * 1024, gt=0)
    header_timeout_seconds: float = Field(
        default=10, gt=0, description="`planqa serve` closes a connection whose request head is not complete by then."
    )
    keep_alive_seconds: int = Field(default=5, ge=1, description="Idle time before a kept-alive connection is closed.")
    max_connections: int = Field(
        default=1000, ge=1, description="Open connections at most (also kept below the open-file limit); "
        "at the limit the longest idle one is closed.",
    )
    max_concurrent_requests: int = Field(
        default=64, ge=1, description="Requests handled at once; more get 503 (health checks excepted)."
    )
    max_upload_bytes: int = Field(default=20 * 1024 * 1024, gt=0)
    max_docx_expanded_bytes: int = Field(
        default=200 * 1024 * 1024, gt=0, description="Largest total a DOCX may decompress to."
    )
    feedback_db: Path | None = Field(default=None, description="SQLite file; default <index>/feedback.sqlite3")
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR")
    redis_url: SecretStr | None = Field(
        default=None, description="redis://host:6379/0 or unix:///path.sock: rate limits, sessions, the Zalo "
        "token lock, de-duplication and the ingest queue shared by every worker (`serve --workers N`, "
        "`planqa worker`). Empty (default): kept in this one process.",
    )

    @field_validator("allowed_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip().rstrip("/") for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _split_proxies(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                raise ValueError(f"trusted proxy {item!r} is not an IP address or network (e.g. 10.0.0.0/8)") from None
        return value

    @field_validator("rate_limit", "admin_failure_limit")
    @classmethod
    def _check_rate_limit(cls, value: str) -> str:
        RateLimit.parse(value)
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: SecretStr | None) -> SecretStr | None:
        text = value.get_secret_value().strip() if value is not None else ""
        if text and not text.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix:// (e.g. redis://localhost:6379/0)")
        return value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if not isinstance(logging.getLevelName(level), int):
            raise ValueError(f"log level {value!r} is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
        return level

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


class ChannelSettings(Section):
    """One section per channel, and the chat core they share."""

    chat: ChatSettings = Field(default_factory=ChatSettings)
    web: WebSettings = Field(default_factory=WebSettings)
    zalo_oa: ZaloOASettings = Field(default_factory=ZaloOASettings)
    zalo_bot: ZaloBotSettings = Field(default_factory=ZaloBotSettings)


class ServiceSettings(Settings):
    api: ApiSettings = Field(default_factory=ApiSettings)
    channels: ChannelSettings = Field(default_factory=ChannelSettings)


def admin_key_problem(key: str) -> str | None:
    """Why `key` cannot protect admin endpoints, or None when it can.

    Whitespace is refused rather than stripped: HTTP strips it from header values, so a key with
    surrounding spaces could never match, and a silent strip would hide a wrongly quoted .env.

    >>> admin_key_problem("1234567890123456")
    'is too easy to guess (about 7 bits; at least 64 needed): generate one with `openssl rand -hex 32`'
    """
    stripped = key.strip()
    if not stripped:
        return "is empty"
    if stripped != key:
        return "has leading or trailing whitespace; remove it (check the quoting in your .env)"
    if any(ch.isspace() for ch in key):
        return "contains whitespace; use a key without spaces, e.g. from `openssl rand -hex 32`"
    if stripped.lower() in PLACEHOLDER_KEYS or len(set(stripped)) <= 2:
        return "is a placeholder"
    if len(stripped) < MIN_ADMIN_KEY_CHARS:
        return f"is shorter than {MIN_ADMIN_KEY_CHARS} characters"
    bits = estimated_bits(stripped)
    if bits < MIN_ADMIN_KEY_BITS:
        return (f"is too easy to guess (about {bits:.0f} bits; at least {MIN_ADMIN_KEY_BITS} needed): "
                "generate one with `openssl rand -hex 32`")
    return None


def estimated_bits(key: str) -> float:
    """A cautious strength estimate: log2 of the alphabet the key draws from, per character,
    where a run of ascending, descending or repeated characters ("1234", "cba", "zzz") counts once.

    >>> round(estimated_bits("0123456789abcdef"))  # two runs of hex characters
    8
    >>> round(estimated_bits("9f3a61c0e4b27d58"))  # random hex
    64
    """
    pool = 0
    if any(c.islower() and c.isascii() for c in key):
        pool += 26
    if any(c.isupper() and c.isascii() for c in key):
        pool += 26
    if any(c.isdigit() and c.isascii() for c in key):
        pool += 10
    if any(not c.isalnum() and c.isascii() for c in key):
        pool += 33
    if any(not c.isascii() for c in key):
        pool += 100
    if any(c in "abcdef" for c in key) and all(c in "0123456789abcdef" for c in key):
        pool = 16  # hex: the alphabet is smaller than lowercase + digits
    units = 0
    i = 0
    while i < len(key):
        j = i + 1
        if j < len(key):
            step = ord(key[j]) - ord(key[i])
            if step in (-1, 0, 1):
                while j + 1 < len(key) and ord(key[j + 1]) - ord(key[j]) == step:
                    j += 1
                j += 1
                if j - i < _RUN_MIN:
                    j = i + 1
        units += 1
        i = j
    return units * math.log2(max(pool, 2))
