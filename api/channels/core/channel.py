"""A channel: its inbound routes and, when it sends messages itself, the factory of its client."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter

from api.channels.core.runtime import ChatRuntime
from api.settings import ServiceSettings

# Builds a channel's outbound client from the settings, or returns None when it is not configured.
ClientFactory = Callable[[ServiceSettings, ChatRuntime], object | None]


@dataclass(frozen=True)
class Channel:
    name: str
    router: APIRouter
    make_client: ClientFactory | None = None
