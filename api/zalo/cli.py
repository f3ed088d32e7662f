"""`planqa zalo-bot poll | set-webhook URL | delete-webhook`: registered on the main CLI by `add_commands`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ingest.errors import PlanqaError

log = logging.getLogger("planqa.zalo")
WEBHOOK_PATH = "/zalo/bot/webhook"
_running: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []  # the poll loop, to stop it


class ZaloSetupError(PlanqaError):
    """Missing or invalid Zalo settings, or Zalo refused a setup call."""

    exit_code = 2


def add_commands(subparsers: Any) -> None:
    """Add `zalo-bot` to the main CLI's subparsers (from `ArgumentParser.add_subparsers()`)."""
    zalo = subparsers.add_parser(
        "zalo-bot",
        help="run or set up the Zalo bot",
        description="Zalo Bot Platform: answer by long polling, or register the webhook of `planqa serve`. "
        "Settings come from PLANQA_ZALO_* environment variables (PLANQA_ZALO_BOT_TOKEN, ...).",
    )
    commands = zalo.add_subparsers(dest="zalo_command", metavar="COMMAND", required=True)
    poll = commands.add_parser(
        "poll", help="answer bot messages by long polling getUpdates (no public HTTPS address needed)",
        description="Long-poll getUpdates and answer each message. Zalo does not deliver updates to "
        "getUpdates while a webhook is set: run `planqa zalo-bot delete-webhook` first.",
    )
    poll.add_argument("--index", type=Path, help="index directory (default: PLANQA_INDEX or data/index)")
    poll.set_defaults(func=run_poll)
    hook = commands.add_parser(
        "set-webhook", help="register URL (https://<host>/zalo/bot/webhook) as the bot's webhook",
        description="Register the webhook; Zalo will send PLANQA_ZALO_BOT_SECRET_TOKEN with each update.",
    )
    hook.add_argument("url", help=f"public HTTPS address of the webhook, ending in {WEBHOOK_PATH}")
    hook.set_defaults(func=run_set_webhook)
    delete = commands.add_parser("delete-webhook", help="remove the webhook (needed before polling)")
    delete.set_defaults(func=run_delete_webhook)


def _settings() -> Any:
    from api.zalo.settings import ZaloSettings, secret_value

    try:
        settings = ZaloSettings()
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ZaloSetupError(f"invalid Zalo settings: {first['msg'].removeprefix('Value error, ')}") from None
    if not secret_value(settings.bot_token):
        raise ZaloSetupError("PLANQA_ZALO_BOT_TOKEN is not set")
    return settings


async def _call(settings: Any, method: str, **params: Any) -> Any:
    from api.zalo.bot import BotApiError
    from api.zalo.runtime import ZaloRuntime

    runtime = ZaloRuntime(settings, None)
    try:
        assert runtime.bot is not None
        return await runtime.bot.call(method, **params)
    except BotApiError as exc:
        raise ZaloSetupError(f"Zalo refused {method}: {exc.error_code} {exc.description}".rstrip()) from None
    except Exception as exc:  # httpx errors: one line, not a traceback
        import httpx

        if isinstance(exc, httpx.HTTPError):
            raise ZaloSetupError(f"could not reach the Zalo Bot API: {type(exc).__name__}") from None
        raise
    finally:
        await runtime.aclose()


def run_set_webhook(args: argparse.Namespace) -> int:
    from api.zalo.settings import secret_value

    settings = _settings()
    url = str(args.url).strip()
    if not url.lower().startswith("https://"):
        raise ZaloSetupError("Zalo only delivers to an HTTPS webhook URL (https://…)")
    secret = secret_value(settings.bot_secret_token)
    if not 8 <= len(secret) <= 256:
        raise ZaloSetupError("PLANQA_ZALO_BOT_SECRET_TOKEN must be set, 8 to 256 characters")
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
    from api.zalo.chat import PipelineSource
    from api.zalo.runtime import ZaloRuntime
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    settings = _settings()
    configure_logging()
    # ignore: mypy reads `Field(<default>, gt=0)` in bot.settings as a required field.
    bot_settings = Settings(index_dir=args.index) if args.index else Settings()  # type: ignore[call-arg]
    pipeline = build_pipeline(bot_settings)
    runtime = ZaloRuntime(settings, PipelineSource(pipeline))
    asyncio.run(_poll(runtime))
    return 0


def request_stop() -> None:
    """Stop `planqa zalo-bot poll` after the messages in flight (callable from any thread)."""
    for loop, stop in list(_running):
        loop.call_soon_threadsafe(stop.set)


async def _poll(runtime: Any) -> None:
    from api.zalo.bot import BotPoller

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not possible off the main thread (or on Windows); request_stop() still works.
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(sig, stop.set)
    _running.append((loop, stop))
    try:
        await BotPoller(runtime).run(stop)
    finally:
        _running.remove((loop, stop))
        await runtime.aclose()
        log.info("polling stopped", extra={"event": "zalo_bot_polling_stopped"})
