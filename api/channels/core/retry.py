"""The back-off every channel client uses on rate limits and failed polls, with tenacity."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from api.channels.core.settings import ChatSettings
from core.errors import PlanqaError


class ApiRateLimited(PlanqaError):
    """A channel's API asked us to slow down; the call is retried after a back-off."""


def backoff(settings: ChatSettings) -> wait_exponential:
    """backoff_seconds, doubling on each retry, at most max_backoff_seconds."""
    return wait_exponential(multiplier=settings.backoff_seconds, max=settings.max_backoff_seconds)


def retrying(settings: ChatSettings, on: type[BaseException] | tuple[type[BaseException], ...],
             before_sleep: Callable[[RetryCallState], Any],
             sleep: Callable[[float], Awaitable[Any]] | None = None) -> AsyncRetrying:
    """Retry on `on` up to `retry_limit` times with `backoff`; the last error is raised as it is."""
    extra: dict[str, Any] = {"sleep": sleep} if sleep is not None else {}
    return AsyncRetrying(
        retry=retry_if_exception_type(on),
        stop=stop_after_attempt(settings.retry_limit + 1),
        wait=backoff(settings),
        before_sleep=before_sleep,
        reraise=True,
        **extra,
    )


def next_delay(state: RetryCallState) -> float:
    """The back-off tenacity is about to wait (for logs)."""
    return state.next_action.sleep if state.next_action is not None else 0.0
