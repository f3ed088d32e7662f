"""The pieces every layer shares: the error root, the bounded cache, the atomic writer, the percentile."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.cache import BoundedCache
from core.errors import ConfigError, NotReady, PlanqaError
from core.files import write_atomic
from core.stats import percentile


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


# ---------------------------------------------------------------- errors


def test_every_layer_error_has_one_root() -> None:
    from api.errors import ApiError
    from bot.errors import BadQuestion
    from eval.errors import DatasetError, EvalError
    from index.errors import IndexMissing
    from ingest.errors import IngestError
    from ingest.errors import PlanqaError as reexported

    assert reexported is PlanqaError  # `from ingest.errors import PlanqaError` keeps working
    for cls in (ApiError, BadQuestion, EvalError, DatasetError, IndexMissing, IngestError, NotReady, ConfigError):
        assert issubclass(cls, PlanqaError), cls


def test_error_codes_and_not_ready() -> None:
    assert PlanqaError("x").code == "planqa_error" and str(PlanqaError("one line")) == "one line"
    assert PlanqaError("x", code="custom").code == "custom"
    loading, failed = NotReady("loading", failed=False), NotReady("broken index", failed=True)
    assert (loading.code, loading.retry_after) == ("index_loading", 5)
    assert (failed.code, failed.retry_after, failed.message) == ("index_unavailable", 30, "broken index")
    assert ConfigError("PLANQA_TOP_K ...").exit_code == 2


# ---------------------------------------------------------------- the bounded cache


def test_cache_is_bounded_and_expires() -> None:
    clock = Clock()
    cache = BoundedCache[str, int](max_items=2, ttl_seconds=10, clock=clock)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1  # "a" is now the most recent
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3
    clock.now = 9.0
    assert cache.get("a") == 1  # use renews the deadline
    clock.now = 15.0
    assert cache.get("c") is None and cache.get("a") == 1
    value, created = cache.get_or_create("d", lambda: 4)
    assert (value, created) == (4, True)
    assert cache.get_or_create("d", lambda: 5) == (4, False)


def test_cache_without_ttl_only_evicts_the_least_recently_used() -> None:
    clock = Clock()
    cache = BoundedCache[str, int](max_items=3, clock=clock)
    for n, key in enumerate("abc"):
        cache.put(key, n)
    clock.now = 1e9  # no TTL: time alone never expires anything
    assert cache.get("a") == 0
    cache.put("d", 3)
    assert cache.get("b") is None and [cache.get(k) for k in "acd"] == [0, 2, 3] and len(cache) == 3


@pytest.mark.parametrize(("max_items", "ttl"), [(0, None), (-1, 10.0), (5, 0.0), (5, -1.0)])
def test_cache_refuses_bounds_that_keep_nothing(max_items: int, ttl: float | None) -> None:
    with pytest.raises(ValueError):
        BoundedCache[str, int](max_items, ttl)


def test_cache_creates_once_under_concurrent_use() -> None:
    cache = BoundedCache[int, object](max_items=100)
    created: list[object] = []

    def create() -> object:
        created.append(object())
        return created[-1]

    def work() -> None:
        for key in range(50):
            cache.get_or_create(key, create)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(created) == 50 and len(cache) == 50


# ---------------------------------------------------------------- the atomic writer


def test_write_atomic_replaces_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "CURRENT"
    write_atomic(target, "gen-000001")
    write_atomic(target, b"gen-000002")
    assert target.read_text() == "gen-000002"
    assert [p.name for p in target.parent.iterdir()] == ["CURRENT"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    write_atomic(target, "secret", mode=0o600)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "tokens.json"
    write_atomic(target, '{"old": true}')

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, '{"new": true}')
    assert target.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["tokens.json"]


# ---------------------------------------------------------------- the percentile


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=200), st.floats(min_value=0, max_value=100))
def test_percentile_is_numpys_and_within_the_values(values: list[float], q: float) -> None:
    result = percentile(values, q)
    assert result is not None and min(values) <= result <= max(values)
    assert result == pytest.approx(float(np.percentile(values, q)))


def test_bench_eval_and_loadbench_share_the_percentile() -> None:
    import importlib.util
    import sys

    import eval.metrics

    spec = importlib.util.spec_from_file_location("loadbench", Path(__file__).resolve().parents[1] / "scripts" / "loadbench.py")
    assert spec is not None and spec.loader is not None
    loadbench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("loadbench", loadbench)
    spec.loader.exec_module(loadbench)
    import bot.bench

    assert eval.metrics.percentile is percentile and loadbench.percentile is percentile
    assert bot.bench.percentile is percentile
    values = [10.0, 20.0, 30.0, 40.0]
    assert bot.bench._summary(values)["p95"] == round(percentile(values, 95) or 0, 2) == 38.5
    assert eval.metrics.latency_summary(values)["p95"] == 38.5
    assert loadbench.Results(latencies_ms=values, elapsed_s=1.0).summary(1)["latency_ms"]["p95"] == 38.5
