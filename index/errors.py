"""Errors of the index layer, shown to users as one line."""

from __future__ import annotations

from core.errors import PlanqaError


class IndexMissing(PlanqaError):
    exit_code = 3


class IndexMismatch(PlanqaError):
    """The index was built by another format, normalizer or embedding model."""

    exit_code = 3
