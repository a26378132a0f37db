"""Helpers the kinds share: where a fact came from, and tidying a captured phrase."""

from __future__ import annotations

import re

from cheatdeck.model import Fact, FactData, FactKind, Section, Source, Warning


def source(section: Section, line: int) -> Source:
    return Source(section.path, line, section.heading_path, outline_above(section, line))


def outline_above(section: Section, line: int) -> tuple[str, ...]:
    """The outline titles a line sits under in its section, outermost first: the nearest
    one above it or on it, then each nearest one of a shallower depth above that. Under an
    unnumbered title of a list or of lines ("Routing policies:"), it sits under that
    title alone, or under none when the title names nothing."""
    chain: list[str] = []
    depth = None
    for at, level, title, last in reversed(section.outlines):
        if at > line:
            continue
        if not level:  # an unnumbered title over a list or lines: nearest, it holds alone
            if depth is None and line <= last:
                return (title,) if title else ()
            continue
        if last and line > last:
            continue  # a lettered title ("A. VPC") holds only for the lines indented under it
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
