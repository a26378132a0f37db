"""Helpers the kinds share: where a fact came from, and tidying a captured phrase."""

from __future__ import annotations

import re

from cheatdeck.model import Fact, FactData, FactKind, Section, Source, Warning
from cheatdeck.text import plain


def source(section: Section, line: int) -> Source:
    return Source(
        section.path, line, section.heading_path, (*outline_above(section, line), *_item_title(section, line))
    )


def _item_title(section: Section, line: int) -> tuple[str, ...]:
    """The list item a nested item on `line` sits under, when that item is a title of a
    few words ("- **SQS**" over "  - **FIFO** = exactly-once"): its context."""
    global _last_titles
    if _last_titles[0] is not section:
        _last_titles = (section, _item_titles(section))
    return _last_titles[1].get(line, ())


def _item_titles(section: Section) -> dict[int, tuple[str, ...]]:
    """Each line of a section's nested items, with the title it sits under (or none)."""
    titles: dict[int, tuple[str, ...]] = {}
    for block in section.blocks:
        if block.kind == "item" and block.depth > 0 and block.lines:
            title = re.sub(r"\s*\([^()]*\)", "", plain(block.lead)).strip().rstrip(" :")
            titled = 0 < len(title.split()) <= _TITLE_WORDS and title[:1].isalpha() and not _NOT_A_TITLE.search(title)
            for n in range(block.lines[0].number, block.lines[-1].number + 1):
                titles.setdefault(n, (title,) if titled else ())
    return titles


# The last section looked up: a section's facts are made one after the other, so one
# entry, held by identity, spares reading its blocks again for each fact.
_last_titles: tuple[object, dict[int, tuple[str, ...]]] = (None, {})


_TITLE_WORDS = 4
_NOT_A_TITLE = re.compile(r"[=→:;,.!?]|\d|\s[-–—]\s|^(?:vs|versus|or|and|common|misc|other|general)\b", re.I)


# a line numbered as a point of an outline a level down or more: "2.8 ...", "1.2.3 ..."
_DOTTED = re.compile(r"^ {0,3}(\d{1,2}(?:\.\d{1,2})+\.?)[ \t]")


def outline_above(section: Section, line: int) -> tuple[str, ...]:
    """The outline titles a line sits under in its section, outermost first: the nearest
    one above it or on it, then each nearest one of a shallower depth above that. Under an
    unnumbered title of a list or of lines ("Routing policies:"), it sits under that
    title alone, or under none when the title names nothing."""
    chain: list[str] = []
    depth = None
    # "2.8 VPN: ..." is a point of "2." beside "2.5 endpoints", not under it (nor under
    # "2.5.2 interface endpt: ..." above it): titles of its own depth or deeper hold not
    written = section.source_lines[line - 1] if 0 < line <= len(section.source_lines) else ""
    numbered = _DOTTED.match(written)
    own = numbered.group(1).rstrip(".").count(".") + 1 if numbered else None
    ended: int | None = None
    for at, level, title, last in reversed(section.outlines):
        if at > line:
            continue
        if own and at < line and level >= own and not last:
            continue
        if not level:  # an unnumbered title over a list or lines: nearest, it holds alone
            if depth is None and line <= last:
                return (title,) if title else ()
            continue
        if last and line > last:
            # a lettered title ("A. VPC") holds only for the lines indented under it, and
            # one of its depth or deeper above it ("1. S3" before "2. EBS") no longer holds
            ended = level if ended is None else min(ended, level)
            continue
        if ended is not None and level >= ended:
            continue
        if depth is None or level < depth:
            chain.append(title)
            depth = level
    return tuple(reversed(chain))


def fact(kind: FactKind, data: FactData, section: Section, line: int) -> Fact:
    return Fact(kind, data, source(section, line))


def warning(section: Section, line: int, message: str) -> Warning:
    return Warning(source(section, line), message)


def clean(text: str) -> str:
    """Trim separators and spaces left at either end of a captured phrase."""
    return re.sub(r"^[\s:=\-–—>→,;.]+|[\s:=\-–—>→,;]+$", "", text).strip()
