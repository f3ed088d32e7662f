"""Structured logs: one JSON object per line on stderr, with secrets redacted.

Fields passed with `extra=` become top-level keys. Question text is never logged unless
PLANQA_LOG_QUESTIONS is on (the ask route decides; nothing here adds it).

No secret may reach a log line, whoever logs it: httpx logs every request URL at INFO, and a
Bot API URL carries the bot token (`.../bot<TOKEN>/sendMessage`). `install_redaction` wraps the
log record factory, so every record of every logger (httpx, uvicorn, ours) has its message
redacted when it is made, whatever handler later writes it; the JSON formatter redacts the
whole line again (extra fields, tracebacks).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
import time
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel, SecretStr

REDACTED = "***"
MIN_SECRET_CHARS = 6  # shorter values would redact ordinary words
# A Bot API path segment: "/bot" and a token with a digit in it, before the method name.
_BOT_TOKEN_IN_PATH = re.compile(r"(/bot)(?=[^/\s?#'\"]*\d)[^/\s?#'\"]{6,}(?=/)")
_SECRET_QUERY = re.compile(
    r"(?i)([?&](?:access_token|refresh_token|token|secret|secret_key|secret_token|api_key|key|password)=)"
    r"[^&\s'\"#]+"
)
_URL_PASSWORD = re.compile(r"(://[^/@\s:]+:)[^/@\s]+(@)")
_secrets: set[str] = set()
_secrets_lock = threading.Lock()
_previous_factory: Any = None

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
    "color_message",
}


def register_secrets(values: Iterable[str | SecretStr | None]) -> None:
    """Values that must never appear in a log line (tokens, keys); blanks and short ones are skipped."""
    with _secrets_lock:
        for value in values:
            text = (value.get_secret_value() if isinstance(value, SecretStr) else value or "").strip()
            if len(text) >= MIN_SECRET_CHARS:
                _secrets.add(text)


def secrets_of(model: BaseModel) -> list[SecretStr]:
    """Every SecretStr value in a settings tree."""
    found: list[SecretStr] = []
    for name in type(model).model_fields:
        value = getattr(model, name, None)
        if isinstance(value, SecretStr):
            found.append(value)
        elif isinstance(value, BaseModel):
            found.extend(secrets_of(value))
    return found


def redact(text: str) -> str:
    """`text` with bot tokens in URL paths, secret query parameters, URL passwords and every
    registered secret replaced by ***.

    >>> redact("POST http://h/bot12345:abcDEF/sendMessage?access_token=xyz&x=1")
    'POST http://h/bot***/sendMessage?access_token=***&x=1'
    """
    text = _BOT_TOKEN_IN_PATH.sub(r"\1" + REDACTED, text)
    text = _SECRET_QUERY.sub(r"\1" + REDACTED, text)
    text = _URL_PASSWORD.sub(r"\1" + REDACTED + r"\2", text)
    for secret in sorted(_secrets, key=len, reverse=True):  # longest first: one secret may contain another
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def _redact_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # a malformed call: logging itself reports it when the record is handled
        return
    clean = redact(message)
    if clean != message:
        record.msg, record.args = clean, None


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record: logging.LogRecord = _previous_factory(*args, **kwargs)
    _redact_record(record)
    return record


def install_redaction(settings: BaseModel | None = None) -> None:
    """Redact secrets from every log record from now on (idempotent); registers the SecretStr
    values of `settings`, if given."""
    global _previous_factory
    if settings is not None:
        register_secrets(secrets_of(settings))
    with _secrets_lock:
        if _previous_factory is None:
            _previous_factory = logging.getLogRecordFactory()
            logging.setLogRecordFactory(_redacting_factory)


class RepeatLimiter(logging.Filter):
    """Lets through at most `burst` warnings (or worse) with the same logger and message per
    `period` seconds; the first one let through after a pause carries `repeats_suppressed`.

    A flood (asyncio's "socket.accept() out of system resource", a proxy misconfiguration
    warned about on every request) would otherwise fill the disk and bury everything else.
    Records below WARNING (the per-request access lines) are never held back.

    >>> t = [0.0]
    >>> limiter = RepeatLimiter(burst=2, period=10, clock=lambda: t[0])
    >>> rec = lambda: logging.LogRecord("x", logging.ERROR, "", 0, "boom", None, None)
    >>> [limiter.filter(rec()) for _ in range(4)]
    [True, True, False, False]
    >>> t[0] = 11.0; r = rec(); limiter.filter(r), r.repeats_suppressed
    (True, 2)
    """

    MAX_KEYS = 4096

    def __init__(self, burst: int = 10, period: float = 60.0, clock: Any = time.monotonic) -> None:
        super().__init__()
        self.burst = burst
        self.period = period
        self._clock = clock
        self._windows: dict[tuple[str, int, str], list[float]] = {}  # key -> [start, passed, suppressed]
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, record.levelno, str(record.msg))
        now = self._clock()
        with self._lock:
            window = self._windows.get(key)
            if window is None or now - window[0] >= self.period:
                if window is not None and window[2]:
                    record.repeats_suppressed = int(window[2])
                if len(self._windows) >= self.MAX_KEYS:
                    self._windows.clear()
                self._windows[key] = [now, 1, 0]
                return True
            if window[1] < self.burst:
                window[1] += 1
                return True
            window[2] += 1
            return False


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return redact(json.dumps(entry, ensure_ascii=False, default=str))


def configure_logging(level: str = "INFO") -> None:
    """Route every logger (ours, uvicorn's, httpx's) through one JSON handler on stderr, redacted."""
    install_redaction()
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RepeatLimiter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers[:] = []
        logger.propagate = True
