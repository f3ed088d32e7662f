"""A real Redis for the shared-state tests: Debian's `redis-server` on a unix socket in a temporary
directory, no TCP port, no persistence. Installed by .ci/install-redis.sh; tests are skipped (with
that reason) only where the binary is missing.

Holds fixtures and helpers only (no tests).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REDIS_SERVER = shutil.which("redis-server") or next(
    (p for p in ("/usr/bin/redis-server", "/usr/sbin/redis-server") if Path(p).exists()), None)


@dataclass
class RedisServer:
    socket: Path
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def client(self) -> Any:
        """A redis-py client of this server (bytes values)."""
        import redis

        return redis.Redis(unix_socket_path=str(self.socket))

    def flush(self) -> None:
        import redis

        redis.Redis(unix_socket_path=str(self.socket)).flushall()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_redis(folder: Path) -> RedisServer:
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (bash .ci/install-redis.sh installs it)")
    folder.mkdir(parents=True, exist_ok=True)
    sock = folder / "redis.sock"
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
         "--save", "", "--appendonly", "no", "--dir", str(folder), "--daemonize", "no",
         "--logfile", str(folder / "redis.log")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = RedisServer(sock, process)
    deadline = time.monotonic() + 20
    while True:
        if process.poll() is not None:
            log = (folder / "redis.log").read_text(errors="replace")[-2000:] if (folder / "redis.log").exists() else ""
            raise RuntimeError(f"redis-server exited with {process.returncode}: {log}")
        if sock.exists():
            try:
                import redis

                redis.Redis(unix_socket_path=str(sock)).ping()
                return server
            except Exception:
                pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError("redis-server did not start in time")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One redis-server per test module (each test flushes what it needs with `redis_clean`)."""
    # A short path: unix socket paths are limited to about 100 bytes.
    server = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(name="start_redis")
def start_redis_fixture() -> Callable[[Path], RedisServer]:
    """start_redis(folder): a redis-server of the test's own (the test stops it)."""
    return start_redis


@pytest.fixture
def redis_clean(redis_server: RedisServer) -> RedisServer:
    redis_server.flush()
    return redis_server
