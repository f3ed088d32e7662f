"""deploy/compose.yaml is valid and wires the distributed profile (Docker itself is not run here)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
SETTINGS = {"PLANQA_VECTOR_STORE", "PLANQA_DATABASE_URL", "PLANQA_REDIS_URL"}


def compose() -> dict[str, Any]:
    data = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_compose_has_every_service() -> None:
    services = compose()["services"]
    assert {"etcd", "minio", "milvus", "postgres", "redis", "api", "ingest"} <= set(services)
    assert services["milvus"]["command"][-1] == "standalone"
    assert {"etcd", "minio"} <= set(services["milvus"]["depends_on"])


def test_planqa_services_run_serve_with_workers_and_worker_with_replicas() -> None:
    services = compose()["services"]
    api, ingest = services["api"], services["ingest"]
    assert api["command"][:2] == ["planqa", "serve"] and "--workers" in api["command"]
    assert ingest["command"] == ["planqa", "worker"]
    assert "replicas" in ingest["deploy"]
    for service in (api, ingest):
        assert SETTINGS <= set(service["environment"])
        assert service["environment"]["PLANQA_VECTOR_STORE"].startswith("milvus://milvus:")
        assert service["environment"]["PLANQA_DATABASE_URL"].startswith("postgresql://")
        assert service["environment"]["PLANQA_REDIS_URL"].startswith("redis://redis:")
        assert {"milvus", "postgres", "redis"} <= set(service["depends_on"])
        assert service["build"]["dockerfile"] == "deploy/Dockerfile"


def test_guide_and_image_exist() -> None:
    guide = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert "compose" in guide and "PLANQA_REDIS_URL" in guide
    assert "planqa" in (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
