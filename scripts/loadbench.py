"""Load benchmark for POST /v1/ask (not a test): N concurrent clients on loopback for a fixed time.

    # against a server it starts itself (its own process, rate limit raised), on an existing index:
    python scripts/loadbench.py --index data/index --clients 8 --duration 60
    # against a running server on this machine:
    python scripts/loadbench.py --url http://127.0.0.1:8000 --clients 8 --duration 60

Reports throughput, latency percentiles (p50/p95/p99) and errors. Only loopback addresses are
accepted. Issue 5's target on a 2-core machine: >= 100 requests/s, p95 <= 150 ms, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import os
import socket
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from core.stats import percentile

MAX_DURATION_S = 600.0
QUESTIONS = [
    "Chỉ tiêu 14 do cơ quan nào chủ trì?",
    "Sở Y tế phụ trách những chỉ tiêu nào?",
    "Mục tiêu tiêm chủng năm 2025 là bao nhiêu?",
    "chi tieu 14 do ai phu trach",
    "Báo cáo năm gửi trước ngày nào, gửi cho ai?",
    "Cấp xã phải bố trí kinh phí tối thiểu bao nhiêu?",
    "Sở Tư pháp có nhiệm vụ gì?",
    "Chỉ tiêu 3 ở Cà Mau là gì?",
    "Who is responsible for indicator 9 in Dien Bien?",
    "Kế hoạch 42/KH-UBND của Hưng Yên có những nhiệm vụ nào?",
]


@dataclass
class Results:
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0

    def summary(self, clients: int) -> dict[str, object]:
        ordered = sorted(self.latencies_ms)
        total = len(ordered) + sum(self.errors.values())
        return {
            "clients": clients,
            "duration_s": round(self.elapsed_s, 2),
            "requests": total,
            "ok": len(ordered),
            "errors": sum(self.errors.values()),
            "error_kinds": dict(self.errors),
            "throughput_rps": round(len(ordered) / self.elapsed_s, 1) if self.elapsed_s else 0.0,
            "latency_ms": {
                "mean": round(sum(ordered) / len(ordered), 2) if ordered else math.nan,
                **{f"p{q}": _rounded(percentile(ordered, q)) for q in (50, 95, 99)},
                "max": round(ordered[-1], 2) if ordered else math.nan,
            },
        }


def _rounded(value: float | None) -> float:
    return round(value, 2) if value is not None else math.nan


async def client_loop(
    client: httpx.AsyncClient, worker: int, deadline: float, results: Results | None, questions: list[str]
) -> None:
    i = worker
    while time.perf_counter() < deadline:
        question = questions[i % len(questions)]
        i += 1
        started = time.perf_counter()
        try:
            response = await client.post("/v1/ask", json={"question": question})
            elapsed_ms = (time.perf_counter() - started) * 1000
            if results is None:
                continue
            if response.status_code == 200 and "answer" in response.json():
                results.latencies_ms.append(elapsed_ms)
            else:
                results.errors[f"http {response.status_code}"] += 1
        except httpx.HTTPError as exc:
            if results is not None:
                results.errors[type(exc).__name__] += 1


async def run(
    url: str, clients: int, duration: float, warmup: float, timeout: float, questions: list[str]
) -> Results:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) as client:
        if warmup > 0:
            end = time.perf_counter() + warmup
            await asyncio.gather(*(client_loop(client, w, end, None, questions) for w in range(clients)))
        results = Results()
        started = time.perf_counter()
        end = started + duration
        await asyncio.gather(*(client_loop(client, w, end, results, questions) for w in range(clients)))
        results.elapsed_s = time.perf_counter() - started
    return results


def require_loopback(url: str) -> None:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(f"refusing {url}: the benchmark only runs against loopback addresses")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(index: Path, port: int, ready_timeout: float) -> subprocess.Popen[bytes]:
    """`uvicorn api.app:create_app` in its own process, rate limit raised so it does not skew results."""
    env = {
        **os.environ,
        "PLANQA_INDEX": str(index),
        "PLANQA_RATE_LIMIT": "1000000/second",
        "PLANQA_ENABLE_ADMIN": "false",
    }
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH", "")]))
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "api.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    process = subprocess.Popen(command, env=env, cwd=root)
    deadline = time.monotonic() + ready_timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise SystemExit(f"the server was not ready within {ready_timeout:.0f} s")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="a running server on loopback, e.g. http://127.0.0.1:8000")
    target.add_argument("--index", type=Path, help="start a server on this index (in its own process)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument(
        "--duration", type=float, default=60.0, help=f"seconds to measure (max {MAX_DURATION_S:.0f})"
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of unmeasured requests first")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds")
    parser.add_argument("--questions", type=Path, help="file with one question per line (default: built-in)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 256:
        parser.error("--clients must be between 1 and 256")
    if not 0 < args.duration <= MAX_DURATION_S:
        parser.error(f"--duration must be in (0, {MAX_DURATION_S:.0f}]")
    questions = QUESTIONS
    if args.questions:
        questions = [q.strip() for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]

    process = None
    if args.index:
        port = free_port()
        process = start_server(args.index, port, ready_timeout=300)
        url = f"http://127.0.0.1:{port}"
    else:
        url = args.url.rstrip("/")
    require_loopback(url)
    try:
        results = asyncio.run(run(url, args.clients, args.duration, args.warmup, args.timeout, questions))
    finally:
        if process is not None:
            stop_server(process)

    summary = results.summary(args.clients)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        lat = summary["latency_ms"]
        assert isinstance(lat, dict)
        print(
            f"{summary['requests']} requests in {summary['duration_s']} s from {args.clients} clients on {url}"
        )
        print(f"throughput  {summary['throughput_rps']} req/s (successful)")
        print(
            f"latency ms  p50 {lat['p50']}  p95 {lat['p95']}  p99 {lat['p99']}  mean {lat['mean']}  max {lat['max']}"
        )
        print(f"errors      {summary['errors']} {summary['error_kinds'] or ''}")
    return 0 if not results.errors else 1


if __name__ == "__main__":
    sys.exit(main())
