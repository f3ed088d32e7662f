"""`planqa zalo-bot poll | set-webhook URL | delete-webhook`: registered on the main CLI by `add_commands`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from typing import Any

import httpx

from api.channels.zalo_bot.settings import WEBHOOK_PATH
from api.cli import add_command
from api.settings import ServiceSettings
from core.errors import ConfigError
from core.settings import load_settings, secret_value

log = logging.getLogger("planqa.zalo")
_running: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []  # the poll loop, to stop it


def add_commands(subparsers: Any) -> None:
    """Add `zalo-bot` to the main CLI's subparsers (from `ArgumentParser.add_subparsers()`)."""
    zalo = subparsers.add_parser(
        "zalo-bot",
        help="run or set up the Zalo bot",
        description="Zalo Bot Platform: answer by long polling, or register the webhook of `planqa serve`. "
        "Settings come from PLANQA_ZALO_* environment variables (PLANQA_ZALO_BOT_TOKEN, ...).",
    )
    commands = zalo.add_subparsers(dest="zalo_command", metavar="COMMAND", required=True)
    add_command(
        commands, "poll", run_poll, "answer bot messages by long polling getUpdates (no public HTTPS address needed)",
        "Long-poll getUpdates and answer each message. Zalo does not deliver updates to getUpdates while a "
        "webhook is set: run `planqa zalo-bot delete-webhook` first.",
    )
    hook = commands.add_parser(
        "set-webhook", help="register URL (https://<host>/zalo/bot/webhook) as the bot's webhook",
        description="Register the webhook; Zalo will send PLANQA_ZALO_BOT_SECRET_TOKEN with each update.",
    )
    hook.add_argument("url", help=f"public HTTPS address of the webhook, ending in {WEBHOOK_PATH}")
    hook.set_defaults(func=run_set_webhook)
    delete = commands.add_parser("delete-webhook", help="remove the webhook (needed before polling)")
    delete.set_defaults(func=run_delete_webhook)


def _settings(**overrides: Any) -> ServiceSettings:
    settings = load_settings(ServiceSettings, **overrides)
    if not secret_value(settings.channels.zalo_bot.bot_token):
        raise ConfigError("PLANQA_ZALO_BOT_TOKEN is not set")
    return settings


async def _call(settings: ServiceSettings, method: str, **params: Any) -> Any:
    from api.channels.zalo_bot.client import BotApiError, BotClient

    timeout = httpx.Timeout(settings.channels.chat.http_timeout_seconds)
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False) as http:
        client = BotClient(settings.channels.zalo_bot, settings.channels.chat, lambda: http)
        try:
            return await client.call(method, **params)
        except BotApiError as exc:
            raise ConfigError(f"Zalo refused {method}: {exc.message}") from None
        except httpx.HTTPError as exc:
            raise ConfigError(f"could not reach the Zalo Bot API: {type(exc).__name__}") from None


def run_set_webhook(args: argparse.Namespace) -> int:
    settings = _settings()
    url = str(args.url).strip()
    if not url.lower().startswith("https://"):
        raise ConfigError("Zalo only delivers to an HTTPS webhook URL (https://…)")
    secret = secret_value(settings.channels.zalo_bot.bot_secret_token)
    if not 8 <= len(secret) <= 256:
        raise ConfigError("PLANQA_ZALO_BOT_SECRET_TOKEN must be set, 8 to 256 characters")
    asyncio.run(_call(settings, "setWebhook", url=url, secret_token=secret))
    print(f"webhook set: {url}")
    if not url.rstrip("/").endswith(WEBHOOK_PATH):
        print(f"note: `planqa serve` receives bot updates at {WEBHOOK_PATH}")
    return 0


def run_delete_webhook(args: argparse.Namespace) -> int:
    asyncio.run(_call(_settings(), "deleteWebhook"))
    print("webhook deleted; `planqa zalo-bot poll` can receive updates now")
    return 0


def run_poll(args: argparse.Namespace) -> int:
    from api.logs import configure_logging
    from bot.pipeline import build_pipeline

    settings = _settings(**({"index_dir": args.index} if args.index else {}))
    configure_logging(settings.api.log_level)
    asyncio.run(_poll(settings, build_pipeline(settings)))
    return 0


def request_stop() -> None:
    """Stop `planqa zalo-bot poll` after the messages in flight (callable from any thread)."""
    for loop, stop in list(_running):
        loop.call_soon_threadsafe(stop.set)


async def _poll(settings: ServiceSettings, pipeline: Any) -> None:
    from api.channels.core.engine import PipelineSource
    from api.channels.core.runtime import ChatRuntime
    from api.channels.zalo_bot.client import make_client
    from api.channels.zalo_bot.poller import BotPoller

    runtime = ChatRuntime(settings.channels.chat, PipelineSource.of(pipeline))
    client = make_client(settings, runtime)
    assert client is not None  # _settings() checked the token
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not possible off the main thread (or on Windows); request_stop() still works.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    _running.append((loop, stop))
    try:
        await BotPoller(runtime, client, settings.channels.zalo_bot.poll_timeout_seconds).run(stop)
    finally:
        _running.remove((loop, stop))
        await runtime.aclose()
        log.info("polling stopped", extra={"event": "zalo_bot_polling_stopped"})
