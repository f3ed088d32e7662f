"""Errors of the answering layer, shown to users as one line."""

from __future__ import annotations

from core.errors import PlanqaError


class BadQuestion(PlanqaError):
    """Empty, too long, or otherwise unusable question."""

    exit_code = 2


class EmptyQuestion(BadQuestion):
    """Nothing to answer: the question is blank."""


class QuestionTooLong(BadQuestion):
    """The question is longer than PLANQA_MAX_QUESTION_CHARS."""
