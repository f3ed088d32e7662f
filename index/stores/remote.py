"""The remote profile: Milvus (vectors, BM25) and PostgreSQL (documents, facts, jobs), opened from settings.

`PLANQA_VECTOR_STORE` names Milvus (`milvus://host:19530`, `http(s)://host:19530`, or a milvus-lite
`*.db` file) and `PLANQA_DATABASE_URL` the PostgreSQL database; both empty is the embedded profile
(`index.stores.embedded`). One set without the other is a configuration error, so a deployment
never splits a library between a server and a local directory by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from core.errors import ConfigError
from index.config import IndexConfig, StoreSettings
from index.stores.milvus_store import MilvusLexicalStore, MilvusVectorStore, connect
from index.stores.pg_store import PostgresFactStore

__all__ = ["RemoteStores", "is_remote", "milvus_target", "open_stores"]


class _HasIndex(Protocol):
    @property
    def index(self) -> IndexConfig: ...


def _store_settings(settings: StoreSettings | IndexConfig | _HasIndex) -> StoreSettings:
    if isinstance(settings, StoreSettings):
        return settings
    if isinstance(settings, IndexConfig):
        return settings.stores
    return settings.index.stores


def is_remote(settings: StoreSettings | IndexConfig | _HasIndex) -> bool:
    """Whether the settings name the remote profile (checked: both stores or neither)."""
    stores = _store_settings(settings)
    vector, database = bool(stores.vector_store), bool(stores.database_url.get_secret_value())
    if vector != database:
        missing = "PLANQA_DATABASE_URL" if vector else "PLANQA_VECTOR_STORE"
        raise ConfigError(f"PLANQA_VECTOR_STORE and PLANQA_DATABASE_URL go together: set {missing} as well "
                          "(or unset both for the embedded index)")
    return vector


def milvus_target(vector_store: str) -> tuple[str, str]:
    """(uri, token) for `MilvusClient` from PLANQA_VECTOR_STORE; credentials in the URL become the token.

    >>> milvus_target("milvus://milvus:19530")
    ('http://milvus:19530', '')
    >>> milvus_target("milvus+https://planqa:s3cr%40t@db.example:443")
    ('https://db.example:443', 'planqa:s3cr@t')
    >>> milvus_target("/var/lib/planqa/milvus.db")
    ('/var/lib/planqa/milvus.db', '')
    """
    if vector_store.endswith(".db") and "://" not in vector_store:
        return vector_store, ""
    parts = urlsplit(vector_store)
    scheme = {"milvus": "http", "milvus+https": "https", "http": "http", "https": "https"}.get(parts.scheme)
    if scheme is None or not parts.hostname:
        raise ConfigError(f"invalid setting PLANQA_VECTOR_STORE: cannot read a Milvus address from {parts.scheme}://…")
    token = ""
    if parts.username:
        token = unquote(parts.username) + (":" + unquote(parts.password) if parts.password else "")
    port = f":{parts.port}" if parts.port else (":19530" if parts.scheme == "milvus" else "")
    return f"{scheme}://{parts.hostname}{port}", token


@dataclass
class RemoteStores:
    """The three stores of the remote profile, closed together."""

    vectors: MilvusVectorStore
    lexical: MilvusLexicalStore
    facts: PostgresFactStore
    milvus: Any  # the MilvusClient both Milvus stores share

    def close(self) -> None:
        self.facts.close()
        self.milvus.close()

    def __enter__(self) -> RemoteStores:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_stores(settings: StoreSettings | IndexConfig | _HasIndex, *, dimension: int | None = None) -> RemoteStores:
    """Connect to Milvus and PostgreSQL as configured, creating collections and applying migrations as needed.

    `dimension` (the embedding model's) creates the vector collection, or is checked against an existing one.
    """
    stores = _store_settings(settings)
    if not is_remote(stores):
        raise ConfigError("the remote stores are not configured: set PLANQA_VECTOR_STORE and PLANQA_DATABASE_URL")
    facts = PostgresFactStore(stores.database_url.get_secret_value())
    client = None
    try:
        uri, token = milvus_target(stores.vector_store)
        client = connect(uri, token)
        prefix = stores.milvus_collections
        lite = uri.endswith(".db")  # milvus-lite searches sealed rows through an index, unsealed ones by scanning
        # Metadata filters are matched by PostgreSQL, the commit point, whatever the writer passed to Milvus.
        vectors = MilvusVectorStore(client, f"{prefix}_vectors", dimension, flush_writes=lite, resolve=facts.doc_ids)
        lexical = MilvusLexicalStore(client, f"{prefix}_passages", flush_writes=lite, resolve=facts.doc_ids)
    except BaseException:
        facts.close()
        if client is not None:
            client.close()
        raise
    return RemoteStores(vectors=vectors, lexical=lexical, facts=facts, milvus=client)
