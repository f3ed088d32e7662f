"""`planqa serve` and `planqa config`: registered on the main CLI by planqa_cli through `add_commands`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# PLANQA_* variables read outside the settings tree (not settings of the service).
NOT_SETTINGS = frozenset({"PLANQA_DEBUG_TIMING"})


def add_command(subparsers: Any, name: str, func: Callable[[argparse.Namespace], int], summary: str,
                description: str) -> argparse.ArgumentParser:
    """A subcommand running `func`, with the `--index` option every command that reads settings has."""
    parser: argparse.ArgumentParser = subparsers.add_parser(name, help=summary, description=description)
    parser.add_argument("--index", type=Path, help="index directory (default: PLANQA_INDEX or data/index)")
    parser.set_defaults(func=func)
    return parser


def add_commands(subparsers: Any) -> None:
    """Add `serve` and `config` to the main CLI's subparsers (from `ArgumentParser.add_subparsers()`)."""
    serve = add_command(
        subparsers, "serve", run_serve, "run the HTTP API, the web widget and the Zalo webhooks",
        "Serve the HTTP API, the embeddable chat widget (/widget.js), a demo page (/) and the Zalo "
        "webhooks. Settings come from PLANQA_* environment variables; `planqa config` shows them.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--workers", type=int, default=1,
                       help="worker processes (default: 1); more than one needs PLANQA_REDIS_URL")
    worker = add_command(
        subparsers, "worker", run_worker, "run queued ingest jobs (needs PLANQA_REDIS_URL)",
        "Take upload jobs from the Redis queue (PLANQA_REDIS_URL) and ingest them (OCR, parsing, "
        "embedding) into the index, off the API's request path. Run as many as the machine allows.",
    )
    worker.add_argument("--burst", action="store_true", help="stop once the queue is empty")
    config = add_command(
        subparsers, "config", run_config, "show the settings in force (secrets masked)",
        "Every setting, its PLANQA_* variable, its value (secrets masked) and where the value came from. "
        "Fails with one line when a value is invalid, as `planqa serve` would.",
    )
    config.add_argument("--json", action="store_true", help="one JSON object per setting, in a list")


def _load(args: argparse.Namespace) -> Any:
    from api.settings import ServiceSettings
    from core.settings import load_settings

    return load_settings(ServiceSettings, **({"index_dir": args.index} if args.index else {}))


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.logs import configure_logging

    settings = _load(args)  # an invalid value stops here, with one line naming its variable
    workers = getattr(args, "workers", 1)
    if workers < 1:
        print("planqa: --workers must be at least 1", file=sys.stderr)
        return 2
    if workers > 1 and not redis_url(settings):
        # Each process would keep its own rate limits, conversations and Zalo token lock.
        print("planqa: --workers above 1 needs shared state: set PLANQA_REDIS_URL (e.g. redis://localhost:6379/0)",
              file=sys.stderr)
        return 2
    if redis_url(settings):
        from api.state import make_state

        state = make_state(settings)
        try:
            state.ping()  # an unreachable Redis: one line now, not a traceback in each worker
        finally:
            state.close()
    configure_logging(settings.api.log_level)
    _warn_unknown_variables()
    url = serve_url(args.host, args.port)
    print(f"planqa: open {url} in a browser (admin: /admin, API docs: /docs); Ctrl+C stops",
          file=sys.stderr, flush=True)
    if workers > 1:
        return _serve_workers(args, settings, workers)
    app = create_app(settings)
    _announce_when_ready(app.state.service.holder, url)
    # One process: without PLANQA_REDIS_URL, conversations and rate limits live in its memory.
    uvicorn.Server(server_config(app, settings, args.host, args.port)).run()
    return 0


def _serve_workers(args: argparse.Namespace, settings: Any, workers: int) -> int:
    """uvicorn's worker processes, each building the app from the environment (`worker_app`)."""
    import os

    from uvicorn.supervisors import Multiprocess

    if args.index:  # the workers read their settings from the environment
        os.environ["PLANQA_INDEX"] = str(Path(args.index).resolve())
    config = server_config("api.cli:worker_app", settings, args.host, args.port, factory=True, workers=workers)
    Multiprocess(config, sockets=[config.bind_socket()]).run()
    return 0


def worker_app() -> Any:
    """The app of one `planqa serve --workers N` process (uvicorn calls it in each)."""
    from api.app import create_app
    from api.logs import configure_logging
    from api.settings import ServiceSettings
    from core.settings import load_settings

    settings = load_settings(ServiceSettings)
    configure_logging(settings.api.log_level)
    return create_app(settings)


def run_worker(args: argparse.Namespace) -> int:
    """`planqa worker`: an RQ worker on the ingest queue."""
    import os

    from redis import Redis
    from redis.exceptions import ConnectionError, TimeoutError
    from rq import Queue, Worker

    from api.jobs import QUEUE_NAME
    from api.logs import configure_logging
    from api.state import redacted_url

    settings = _load(args)
    url = redis_url(settings)
    if not url:
        print("planqa: `planqa worker` runs jobs from Redis: set PLANQA_REDIS_URL (e.g. redis://localhost:6379/0)",
              file=sys.stderr)
        return 2
    if args.index:  # each job loads the settings from the environment
        os.environ["PLANQA_INDEX"] = str(Path(args.index).resolve())
    configure_logging(settings.api.log_level)
    connection = Redis.from_url(url, socket_connect_timeout=5)
    try:
        connection.ping()
        print(f"planqa: ingest worker on {redacted_url(url)} (queue {QUEUE_NAME}), index {settings.index_dir}",
              file=sys.stderr, flush=True)
        Worker([Queue(QUEUE_NAME, connection=connection)], connection=connection).work(burst=args.burst)
    except (ConnectionError, TimeoutError) as exc:
        print(f"planqa: Redis at {redacted_url(url)} (PLANQA_REDIS_URL) cannot be reached: "
              f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}", file=sys.stderr)
        return 4
    return 0


def redis_url(settings: Any) -> str:
    from api.state import redis_url as configured

    return configured(settings)


def server_config(app: Any, settings: Any, host: str, port: int, fd_limit: int | None = None,
                  **extra: Any) -> Any:
    """The uvicorn configuration `planqa serve` runs with (tests serve the app with it too).

    Idle and slow connections are timed out and capped below the open-file limit (api.server);
    requests in flight are capped by the app (PLANQA_MAX_CONCURRENT_REQUESTS)."""
    import uvicorn

    from api.server import connection_budget, descriptor_limit, guarded_protocol

    api = settings.api
    cap, backlog = connection_budget(api.max_connections, fd_limit or descriptor_limit())
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        server_header=False,
        # The app decides who the client is (api.deps.client_key, PLANQA_TRUSTED_PROXIES); uvicorn's
        # own handling would believe X-Forwarded-For from any loopback client.
        proxy_headers=False,
        http=guarded_protocol(api.header_timeout_seconds, cap),
        timeout_keep_alive=api.keep_alive_seconds,
        backlog=backlog,
        h11_max_incomplete_event_size=64 * 1024,  # a request head larger than this is refused
        **extra,
    )


def _announce_when_ready(holder: Any, url: str) -> None:
    """One line on stderr once the index is loaded (or why it could not be), for the person who started it."""
    import threading

    def wait() -> None:
        if holder.wait():
            print(f"planqa: ready, {len(holder.document_ids())} document(s) indexed: open {url}",
                  file=sys.stderr, flush=True)
        elif holder.error is not None:
            print(f"planqa: the index could not be loaded: {holder.error.message}", file=sys.stderr, flush=True)

    threading.Thread(target=wait, name="planqa-ready-notice", daemon=True).start()


def serve_url(host: str, port: int) -> str:
    """The address to open: a wildcard host is reached on loopback.

    >>> serve_url("0.0.0.0", 8000), serve_url("::", 80)
    ('http://127.0.0.1:8000/', 'http://127.0.0.1:80/')
    """
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def run_config(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from core.settings import describe

    settings = _load(args)
    rows = describe(settings, arguments=("index_dir",) if args.index else ())
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    width = max(len(r.name) for r in rows)
    for row in rows:
        value = "-" if row.value is None or row.value == "" else json.dumps(row.value, ensure_ascii=False)
        print(f"{row.name:<{width}}  {value}  ({row.origin})")
    for name in _unknown_variables():
        print(f"warning: {name} is set but no setting reads it")
    return 0


def _unknown_variables() -> list[str]:
    from api.settings import ServiceSettings
    from core.settings import unknown_variables

    return unknown_variables(ServiceSettings, also_known=NOT_SETTINGS)


def _warn_unknown_variables() -> None:
    import logging

    for name in _unknown_variables():
        logging.getLogger("planqa.api").warning(
            "environment variable is set but no setting reads it", extra={"event": "unknown_setting", "name": name}
        )
