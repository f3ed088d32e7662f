"""The OA's access and refresh tokens. The refresh token is single-use, so each rotated pair is
written to disk (atomically, owner-only) before it is used."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from api.channels.zalo_oa.settings import ZaloOASettings
from core.files import write_atomic
from core.settings import secret_value

log = logging.getLogger("planqa.zalo")


@dataclass(frozen=True)
class OATokens:
    access_token: str
    refresh_token: str
    expires_at: float | None = None  # epoch seconds; None when unknown
    seed: str = ""  # hash of the configured refresh token these were rotated from


class TokenStore:
    """The rotated OA tokens on disk (JSON, owner-only), replaced atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> OATokens | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return OATokens(str(data["access_token"]), str(data["refresh_token"]),
                            float(data["expires_at"]) if data.get("expires_at") else None, str(data.get("seed", "")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.error("OA token store unreadable; using the configured tokens",
                      extra={"event": "zalo_oa_token_store_unreadable", "path": str(self.path)})
            return None

    def save(self, tokens: OATokens) -> None:
        write_atomic(self.path, json.dumps(asdict(tokens)), mode=0o600)


def seed_of(refresh_token: str) -> str:
    return hashlib.sha256(refresh_token.encode()).hexdigest()[:16] if refresh_token else ""


def initial_tokens(settings: ZaloOASettings, store: TokenStore) -> OATokens | None:
    """The stored (rotated) tokens, unless the configured refresh token changed since they were stored."""
    configured = OATokens(secret_value(settings.oa_access_token), secret_value(settings.oa_refresh_token),
                          None, seed_of(secret_value(settings.oa_refresh_token)))
    stored = store.load()
    if stored is not None and (not configured.refresh_token or stored.seed == configured.seed):
        return stored
    if configured.access_token or configured.refresh_token:
        return configured
    return None
