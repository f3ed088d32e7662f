"""Authenticating OA webhook deliveries: the event signature and its timestamp."""

from __future__ import annotations

import hashlib
import hmac
import time


def oa_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> str:
    """Hex SHA-256 (plain, not HMAC) of app_id + raw body + timestamp + OA secret key.

    >>> oa_signature("1", b"{}", "2", "k") == hashlib.sha256(b"1{}2k").hexdigest()
    True
    """
    data = app_id.encode() + raw_body + timestamp.encode() + oa_secret_key.encode()
    return hashlib.sha256(data).hexdigest()


def verify_oa_signature(header: str | None, app_id: str, raw_body: bytes, timestamp: str, oa_secret_key: str) -> bool:
    """Whether `X-ZEvent-Signature` (with or without "mac=") matches, compared in constant time."""
    if not header:
        return False
    supplied = header.strip()
    if supplied[:4].lower() == "mac=":
        supplied = supplied[4:].strip()
    expected = oa_signature(app_id, raw_body, timestamp, oa_secret_key)
    return hmac.compare_digest(supplied.lower().encode(), expected.encode())


def timestamp_is_fresh(timestamp: str, window_seconds: float, now: float | None = None) -> bool:
    """Whether an epoch-milliseconds timestamp lies within `window_seconds` of now (either side).

    >>> timestamp_is_fresh("1000000", 60, now=1030.0), timestamp_is_fresh("1000000", 10, now=1030.0)
    (True, False)
    """
    try:
        sent = int(str(timestamp).strip()) / 1000
    except ValueError:
        return False
    current = time.time() if now is None else now
    return abs(current - sent) <= window_seconds
