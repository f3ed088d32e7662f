"""`planqa serve`: registered on the main CLI by planqa_cli through `add_commands`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ingest.errors import PlanqaError


class SettingsError(PlanqaError):
    """The service's settings are invalid (e.g. a placeholder PLANQA_ADMIN_KEY)."""

    exit_code = 2


def add_commands(subparsers: Any) -> None:
    """Add `serve` to the main CLI's subparsers (from `ArgumentParser.add_subparsers()`)."""
    serve = subparsers.add_parser(
        "serve",
        help="run the HTTP API and the web widget",
        description="Serve the HTTP API, the embeddable chat widget (/widget.js) and a demo page (/). "
        "Settings come from PLANQA_* environment variables; see api/settings.py.",
    )
    serve.add_argument("--index", type=Path, help="index directory (default: PLANQA_INDEX or data/index)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.logs import configure_logging
    from api.settings import ApiSettings

    overrides: dict[str, Any] = {"index": args.index} if args.index else {}
    try:
        settings = ApiSettings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise SettingsError(f"invalid settings: {first['msg'].removeprefix('Value error, ')}") from None
    configure_logging(settings.log_level)
    # One process: conversations, rate limits and the loaded index live in its memory.
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        server_header=False,
    )
    return 0
