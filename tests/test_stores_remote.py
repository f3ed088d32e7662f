"""The storage contract against the remote profile: milvus-lite (a temporary file) and a real PostgreSQL
server (tests/pg_support.py), plus what only this profile has: filter expressions, metadata keys, migrations
and `planqa migrate`."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pg_support import PostgresServer, running_postgres
from store_contract import *  # noqa: F403

from index.stores.milvus_store import MilvusLexicalStore, MilvusVectorStore, connect
from index.stores.pg_store import PostgresFactStore

_names = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        yield server


@pytest.fixture(scope="session")
def milvus_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    client = connect(str(tmp_path_factory.mktemp("milvus") / "stores.db"))
    yield client
    client.close()


@pytest.fixture
def make_vector_store(milvus_client: Any) -> Callable[[int], MilvusVectorStore]:
    return lambda dim: MilvusVectorStore(milvus_client, f"vectors_{next(_names)}", dim)


@pytest.fixture
def make_lexical_store(milvus_client: Any) -> Callable[[], MilvusLexicalStore]:
    return lambda: MilvusLexicalStore(milvus_client, f"passages_{next(_names)}")


@pytest.fixture
def make_fact_store(postgres_server: PostgresServer) -> Iterator[Callable[[], PostgresFactStore]]:
    opened: list[PostgresFactStore] = []

    def make() -> PostgresFactStore:
        opened.append(PostgresFactStore(postgres_server.new_database()))
        return opened[-1]

    yield make
    for store in opened:
        store.close()
