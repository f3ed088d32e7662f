"""Errors the eval command shows to users as one line (no traceback)."""

from __future__ import annotations

from core.errors import PlanqaError


class EvalError(PlanqaError):
    """Base of every evaluation error; `str()` is the message shown to the user."""

    exit_code = 2


class DatasetError(EvalError):
    """A dataset file is missing or a line in it is malformed (the message names file and line)."""


class SystemUnavailable(EvalError):
    """A system under evaluation cannot be built (missing module, index or dependency)."""
