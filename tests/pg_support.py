"""A real PostgreSQL server for tests, from Debian's `postgresql` package (`.ci/install-postgres.sh`).

The server runs in a temporary data directory, listens only on a unix socket in a temporary
directory (no TCP port), and is stopped at the end of the session. PostgreSQL refuses to run as
root, so under root it runs as the `postgres` system user (created if missing).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN_DIRS = [Path(p) for p in ("/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                                   "/usr/lib/postgresql/15/bin")]


def pg_bin() -> Path | None:
    """The directory with initdb, pg_ctl and postgres, or None when PostgreSQL is not installed."""
    override = os.environ.get("PLANQA_TEST_PG_BIN")  # not a setting: tests only
    candidates = [Path(override)] if override else PG_BIN_DIRS
    return next((d for d in candidates if (d / "initdb").exists() and (d / "pg_ctl").exists()), None)


@dataclass
class PostgresServer:
    """A running server: `url(db)` is the libpq URL of database `db` on its socket."""

    socket_dir: Path
    data_dir: Path
    _counter: Iterator[int]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.socket_dir}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"planqa_test_{next(self._counter)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _ensure_postgres_user() -> None:
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
                       check=True, capture_output=True)


@contextmanager
def running_postgres() -> Iterator[PostgresServer]:
    """A server for the duration of the block; a test module wraps it in a session fixture.

    Skips the test (with the reason) when the PostgreSQL binaries are not installed.
    """
    bin_dir = pg_bin()
    if bin_dir is None:
        pytest.skip("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin); run .ci/install-postgres.sh")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without `runuser`: PostgreSQL cannot be started as its own user")
    # Not under pytest's tmp_path: its parents are private to the current user, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="planqa-pg-"))
    data, sockets, log = root / "data", root / "sock", root / "server.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        _ensure_postgres_user()
        user = pwd.getpwnam("postgres")
        for path in (root, sockets):
            os.chown(path, user.pw_uid, user.pw_gid)
    started = False
    try:
        subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                                        "-E", "UTF8", "--no-locale", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        options = f"-k {sockets} -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
                                        "-o", options, "start"]),
                       check=True, capture_output=True, timeout=120)
        started = True
        yield PostgresServer(sockets, data, itertools.count())
    except subprocess.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or [""]
        server_log = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise RuntimeError(f"could not start PostgreSQL: {detail[0]}\n{server_log}") from exc
    finally:
        if started:
            subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w",
                                            "stop"]), capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)
