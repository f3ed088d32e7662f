"""The root of planqa's errors. Each carries one line that is shown to users as it is.

Every layer derives its errors from `PlanqaError`: the CLI prints `message` and exits with
`exit_code`; the HTTP API answers with `code` and `message` in its one error envelope.
"""

from __future__ import annotations

import re


def snake_case(name: str) -> str:
    """`NotADocument` -> `not_a_document`.

    >>> snake_case("NotADocument"), snake_case("IndexMismatch"), snake_case("NeedsOCR")
    ('not_a_document', 'index_mismatch', 'needs_ocr')
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


class PlanqaError(Exception):
    """Base of every error planqa shows to a user as one clear line."""

    exit_code = 1

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self._code = code

    @property
    def code(self) -> str:
        """A stable name for programs: given explicitly, else the class name in snake_case."""
        return self._code or snake_case(type(self).__name__)

    def __str__(self) -> str:
        return self.message


class NotReady(PlanqaError):
    """The index is still loading (`failed` is False) or could not be loaded (`failed` is True)."""

    exit_code = 3

    def __init__(self, message: str, *, failed: bool) -> None:
        super().__init__(message, code="index_unavailable" if failed else "index_loading")
        self.failed = failed

    @property
    def retry_after(self) -> int:
        """Seconds a client should wait before asking again."""
        return 30 if self.failed else 5


class ConfigError(PlanqaError):
    """A setting is missing or invalid; the message names the environment variable."""

    exit_code = 2
