"""Prometheus metrics, one registry per app (so several apps can live in one test process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "planqa_http_requests",
            "HTTP requests by route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "planqa_http_request_duration_seconds",
            "Time to the end of the response, by route template.",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.in_flight = Gauge(
            "planqa_http_requests_in_flight", "Requests being served.", registry=self.registry
        )
        self.answers = Counter(
            "planqa_answers", "Answers by status (answered | not_found).", ["status"], registry=self.registry
        )
        self.rate_limited = Counter(
            "planqa_rate_limited", "Requests refused by the per-client rate limit.", registry=self.registry
        )
        self.feedback = Counter("planqa_feedback", "Feedback votes.", ["rating"], registry=self.registry)
        self.ready = Gauge(
            "planqa_index_ready", "1 when the index is loaded and answering.", registry=self.registry
        )
        self.documents = Gauge("planqa_documents", "Documents in the loaded index.", registry=self.registry)
