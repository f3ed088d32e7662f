"""Role readings the form fixes exposed: a body named after "phối hợp với" for an indicator its
subject leads in the same sentence supports it; "Đề nghị" before a role word is a request, not an
unknown subject."""

from __future__ import annotations

import pytest

from ingest.roles import read_claims


@pytest.mark.parametrize(("text", "expected"), [
    ("Chủ trì thực hiện chỉ tiêu 3 và chỉ tiêu 4, phối hợp với Chi cục Quản lý thị trường thực hiện chỉ tiêu 4.",
     {(None, (3, 4), "lead"), ("Chi cục Quản lý thị trường", (4,), "support")}),
    ("Đề nghị chủ trì vận động đoàn viên thực hiện chỉ tiêu 2; phối hợp thực hiện chỉ tiêu 5.",
     {(None, (2,), "lead"), (None, (5,), "support")}),
    # Without a lead of its own for 4, who the named body is to the indicator is not said.
    ("Phối hợp với Chi cục Quản lý thị trường thực hiện chỉ tiêu 4.", {(None, (4,), "support")}),
])
def test_roles(text: str, expected: set[tuple[object, ...]]) -> None:
    got = {(c.body, c.numbers, c.role) for c in read_claims(text)}
    assert expected <= got
    assert not any(body is not None and role == "lead" for body, _n, role in got - expected)
    assert not any(body == "Chi cục Quản lý thị trường" for body, _n, _r in got - expected)
