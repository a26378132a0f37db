"""Shared helpers: fixture files, building into a temporary folder, importing with Anki."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # build.py lives at the top level

# a frozen copy of the sample notes: notes/ is the user's and changes
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "aws_practices.md"


def read_fixture_cases(path: Path) -> list[tuple[str, str, list[str], int]]:
    """Cases of a fixture file: (title, markdown, expected lines, line of the title).

    Each case is a title line, then "." lines around the Markdown and around the
    expected facts, as markdown-it-py's fixture files are written."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        title, start = lines[i], i + 1
        assert lines[i + 1] == ".", f"{path}:{i + 2}: expected '.' after the case title"
        j = i + 2
        body = []
        while lines[j] != ".":
            body.append(lines[j])
            j += 1
        k = j + 1
        expected = []
        while lines[k] != ".":
            expected.append(lines[k])
            k += 1
        cases.append((title, "\n".join(body) + "\n", expected, start))
        i = k + 1
    return cases


@pytest.fixture
def notes_dir(tmp_path: Path) -> Path:
    """A notes folder holding a copy of the sample notes."""
    folder = tmp_path / "notes"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    return folder
