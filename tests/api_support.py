"""Shared by the API and widget tests: small plan documents, a real index built from them, and the
real app on that index served by uvicorn on a loopback port (tests talk to it with httpx).

Holds fixtures and helpers only (no tests); the test modules import it.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.settings import ServiceSettings
from bot.pipeline import build_pipeline
from bot.settings import Settings
from index.library import Library

ADMIN_KEY = "test-admin-key-0123456789abcdef"

# Two small plans in the shape of the real corpus (header, numbered indicators, assignments).
PLAN_CA_MAU = """ỦY BAN NHÂN DÂN
TỈNH CÀ MAU
Số: 51/KH-UBND
Cà Mau, ngày 06 tháng 4 năm 2021
KẾ HOẠCH
THỰC HIỆN CHƯƠNG TRÌNH HÀNH ĐỘNG VÌ TRẺ EM TRÊN ĐỊA BÀN TỈNH CÀ MAU, GIAI ĐOẠN 2021-2030
I. MỤC TIÊU
1. Mục tiêu cụ thể
- Chỉ tiêu 1: Phấn đấu 95% trẻ em dưới 1 tuổi được tiêm chủng đầy đủ các loại vắc xin vào năm 2025.
- Chỉ tiêu 14: Tỷ lệ trẻ em dưới 5 tuổi được đăng ký khai sinh đạt 98,5% vào năm 2025.
II. TỔ CHỨC THỰC HIỆN
1. Sở Tư pháp
Chủ trì, phối hợp với các cơ quan, đơn vị liên quan thực hiện chỉ tiêu 14.
2. Sở Y tế
Hướng dẫn, thực hiện chỉ tiêu 1.
III. CHẾ ĐỘ BÁO CÁO
Định kỳ hằng năm, các sở, ngành báo cáo kết quả thực hiện gửi Sở Lao động - Thương binh và Xã hội trước ngày 15/12.
"""

PLAN_DIEN_BIEN = """ỦY BAN NHÂN DÂN
TỈNH ĐIỆN BIÊN
Số: 333/QĐ-UBND
Điện Biên, ngày 15 tháng 3 năm 2021
KẾ HOẠCH
BẢO VỆ, CHĂM SÓC TRẺ EM TỈNH ĐIỆN BIÊN GIAI ĐOẠN 2021-2030
I. MỤC TIÊU
- Chỉ tiêu 14: Giảm tỷ lệ trẻ em có hoàn cảnh đặc biệt xuống dưới 5% vào năm 2030.
II. TỔ CHỨC THỰC HIỆN
1. Sở Lao động - Thương binh và Xã hội
Chủ trì thực hiện chỉ tiêu 14.
"""


def write_plans(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "ke-hoach-51-ca-mau.txt", folder / "quyet-dinh-333-dien-bien.txt"]
    paths[0].write_text(PLAN_CA_MAU, encoding="utf-8")
    paths[1].write_text(PLAN_DIEN_BIEN, encoding="utf-8")
    return paths


def build_index(index_dir: Path, documents: list[Path]) -> Path:
    report = Library.create_or_open(index_dir).ingest_paths(documents)
    assert not report.failed, report.failed
    return index_dir


def load_pipeline(index_dir: Path) -> Any:
    """The real pipeline on `index_dir`, built the way the app builds it."""
    return build_pipeline(Settings(index_dir=index_dir))


# ---------------------------------------------------------------- the app


def api_settings(index_dir: Path, web: dict[str, Any] | None = None, **api: Any) -> ServiceSettings:
    """The service's settings on `index_dir`; `api` overrides fields of the api section, `web` of the web channel."""
    values: dict[str, Any] = {
        "rate_limit": "1000/second",
        "enable_admin": True,
        "admin_key": ADMIN_KEY,
    }
    values.update(api)
    return ServiceSettings(index_dir=index_dir, api=values, channels={"web": web or {}})


def make_app(settings: ServiceSettings) -> FastAPI:
    return create_app(settings)


def wait_ready(client: httpx.Client, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        response = client.get("/readyz")
        if response.status_code == 200:
            return
        assert response.json()["status"] != "failed", response.json()
        time.sleep(0.05)
    raise AssertionError("the index did not load in time")


def ready_client(app: FastAPI) -> Iterator[httpx.Client]:
    """An httpx client of `app` served by uvicorn on loopback, once /readyz answers 200."""
    with LiveServer(app) as server, httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


class LiveServer:
    """uvicorn serving `app` on a free loopback port, in a background thread."""

    def __init__(self, app: FastAPI, wait_ready: bool = True) -> None:
        self.app = app
        self._wait_ready = wait_ready
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, log_config=None, access_log=False, lifespan="on", timeout_graceful_shutdown=2
        )
        self.server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self._socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        if self._wait_ready:
            with httpx.Client(base_url=self.url) as client:
                wait_ready(client)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def plan_paths(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_plans(tmp_path_factory.mktemp("plans"))


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory, plan_paths: list[Path]) -> Path:
    """A real index of the two plans, built once; tests that change an index copy it first."""
    return build_index(tmp_path_factory.mktemp("index") / "index", plan_paths)


@pytest.fixture
def index_copy(shared_index: Path, tmp_path: Path) -> Path:
    target = tmp_path / "index"
    shutil.copytree(shared_index, target)
    return target


@pytest.fixture(scope="module")
def shared_client(shared_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A read-only app on the shared index (feedback goes to its own SQLite file)."""
    feedback_db = tmp_path_factory.mktemp("feedback") / "feedback.sqlite3"
    yield from ready_client(make_app(api_settings(shared_index, feedback_db=feedback_db)))
