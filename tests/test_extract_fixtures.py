"""Each extractor against its fixture file: many small notes, the facts expected."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read_fixture_cases

from cheatdeck.describe import describe
from cheatdeck.extract import KINDS, extract
from cheatdeck.parse import parse_notes

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list:
    cases = []
    for kind in KINDS:
        path = FIXTURES / f"{kind}.md"
        for title, markdown, expected, line in read_fixture_cases(path):
            cases.append(pytest.param(kind, markdown, expected, id=f"{kind}:{line}:{title}"))
    return cases


@pytest.mark.parametrize(("kind", "markdown", "expected"), _cases())
def test_fixture(kind: str, markdown: str, expected: list[str]) -> None:
    extraction = extract([parse_notes(markdown, "fixture.md")])
    found = [describe(f) for f in extraction.facts if f.kind == kind]
    assert found == expected


def test_every_kind_has_a_fixture_file() -> None:
    for kind in KINDS:
        assert (FIXTURES / f"{kind}.md").is_file(), f"add tests/fixtures/{kind}.md"
        assert read_fixture_cases(FIXTURES / f"{kind}.md"), f"tests/fixtures/{kind}.md has no cases"
