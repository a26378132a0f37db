"""Helpers the extractors share: where a fact came from, and which lines to read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from cheatdeck.model import Block, Fact, FactData, FactKind, Line, Section, Source, Warning
from cheatdeck.text import plain


def source(section: Section, line: int) -> Source:
    return Source(section.path, line, section.heading_path)


def fact(kind: FactKind, data: FactData, section: Section, line: int) -> Fact:
    return Fact(kind, data, source(section, line))


def warning(section: Section, line: int, message: str) -> Warning:
    return Warning(source(section, line), message)


def statements(section: Section) -> Iterator[tuple[Block, Line, str]]:
    """Each list item or paragraph line as plain text, with its block and line.

    A list item that runs over several lines is one statement (its first line's
    number); a paragraph is read line by line, as notes put one thought per line.
    """
    for block in section.blocks:
        if block.kind == "item":
            yield block, block.lines[0], plain(block.text)
        elif block.kind == "definition":  # "Term\n: meaning" reads as "Term : meaning"
            yield block, block.lines[0], plain(f"{block.term} : {block.text}")
        elif block.kind == "paragraph":
            for line in block.lines:
                yield block, line, plain(line.text)


def context(section: Section, block: Block | None = None) -> str:
    """The headings and list lead-in around a statement, lower-cased, for telling
    what a list is about ("Classic ports to know:")."""
    return _context(section.heading_path[-2:], block.lead if block is not None else "")


@lru_cache(maxsize=4096)
def _context(headings: tuple[str, ...], lead: str) -> str:
    return plain(" / ".join([*headings, lead] if lead else headings)).casefold()


def clean(text: str) -> str:
    """Trim separators and spaces left at either end of a captured phrase."""
    return re.sub(r"^[\s:=\-–—>→,;.]+|[\s:=\-–—>→,;]+$", "", text).strip()


def column(header: tuple[str, ...], *patterns: str) -> int | None:
    """The first table column whose header matches a pattern, trying the patterns in
    order ("Port" before anything that merely mentions ports)."""
    for pattern in patterns:
        for i, name in enumerate(header):
            if re.search(pattern, plain(name), re.I):
                return i
    return None


def cell(cells: tuple[str, ...], i: int | None) -> str:
    """A table cell as plain text; "" for a missing column or a short row."""
    return plain(cells[i]) if i is not None and i < len(cells) else ""
