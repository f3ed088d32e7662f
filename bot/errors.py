"""Errors of the answering layer, shown to users as one line."""

from __future__ import annotations

from ingest.errors import PlanqaError


class BadQuestion(PlanqaError):
    """Empty, too long, or otherwise unusable question."""

    exit_code = 2
