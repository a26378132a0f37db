"""Helpers the kinds share: where a fact came from, and tidying a captured phrase."""

from __future__ import annotations

import re

from cheatdeck.model import Fact, FactData, FactKind, Section, Source, Warning


def source(section: Section, line: int) -> Source:
    return Source(section.path, line, section.heading_path)


def fact(kind: FactKind, data: FactData, section: Section, line: int) -> Fact:
    return Fact(kind, data, source(section, line))


def warning(section: Section, line: int, message: str) -> Warning:
    return Warning(source(section, line), message)


def clean(text: str) -> str:
    """Trim separators and spaces left at either end of a captured phrase."""
    return re.sub(r"^[\s:=\-–—>→,;.]+|[\s:=\-–—>→,;]+$", "", text).strip()
