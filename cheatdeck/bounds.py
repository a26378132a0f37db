"""Length bounds: no note, however long its lines, makes a long card field or sheet cell.

    - 22 = SSH, 22 = SSH, 22 = SSH, …        (one line of 1 MB)
    -> port 22 SSH, used for "SSH, 22 = SSH, 22 = SSH, … (more at big.md:3)"

A text longer than its bound is cut at a word, ends with "…" and names the line of
the notes that holds the rest. The bounds sit far above what real notes hold (in the
sample notes and 14 real notes files, the longest answer has 1,546 characters, the
longest meaning 576, the longest heading 83), so they cut only what no card or sheet
could show. A card's GUID comes from the whole fact (deck.py): a bound changes what
a card shows, never which card it is.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace

from cheatdeck.model import Definition, Fact, Number, Source

# Characters, by field name (the same name means the same thing in every kind).
LIMITS: dict[str, int] = {
    "term": 120,
    "meaning": 1500,
    "family": 120,
    "protocol": 60,
    "name": 120,
    "abbrev": 20,
    "use": 300,
    "description": 600,
    "type": 20,
    "text": 1200,  # a paragraph of run-on notes: its card shows the piece its gap is in (deck._wall_cuts)
    "question": 400,
    "answer": 4000,
}
ACRONYM_MEANING = 200
# A sheet cell is narrower: a third of a page's width. Long texts there are already
# cut to their first sentence (sheet.short); these bound the cells shown whole.
SHEET_LIMITS: dict[str, int] = {
    **LIMITS,
    "term": 80,
    "family": 80,
    "protocol": 40,
    "name": 60,
    "use": 120,
    "text": 300,
    "question": 200,
}
SHEET_ACRONYM_MEANING = 120
# a tuple field (a load balancer's protocols, a volume's types): items, and each item
ITEMS, ITEM = 12, 60
HEADING = 150
TITLE = 120
# the deck's and the sheet's title (the notes' first top-level heading)
MORE = re.compile(r"… \(more at [^()]*\)$")


def clip(text: str, limit: int, source: Source | None) -> str:
    """`text` when it is at most `limit` characters; else cut at a word, with "…" and
    where the rest is when `source` is given."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if not text[limit].isspace() and space > limit // 2:  # a word longer than half the bound is cut where it is
        cut = cut[:space]
    return cut.rstrip(" ,;:=-–—\n") + (f"… (more at {source.path}:{source.line})" if source else "…")


def bounded(fact: Fact, limits: dict[str, int] = LIMITS, acronym_meaning: int = ACRONYM_MEANING) -> Fact:
    """The fact as its card shows it (or, with SHEET_LIMITS, as the sheet does): every
    text within its bound."""
    data, src = fact.data, fact.source
    changes: dict[str, object] = {}
    for f in fields(data):  # type: ignore[arg-type]
        value = getattr(data, f.name)
        if isinstance(value, str) and f.name in limits:
            limit = _limit(data, f.name, limits, acronym_meaning)
            if len(value) > limit:
                changes[f.name] = clip(value, limit, src)
        elif isinstance(value, tuple) and value and isinstance(value[0], str):
            if len(value) > ITEMS or any(len(v) > ITEM for v in value):
                items = tuple(clip(v, ITEM, src) for v in value[:ITEMS])
                changes[f.name] = items if len(value) <= ITEMS else (*items, f"… (more at {src.path}:{src.line})")
    if isinstance(data, Number) and "text" in changes:
        spans = _spans_within(data, changes["text"])  # type: ignore[arg-type]
        if not spans and data.values:  # the first number ends inside a very long word
            first = data.values[0]
            changes["text"] = data.text[: first[1]] + f"… (more at {src.path}:{src.line})"
            spans = (first,)
        changes["values"] = spans
        kept = len(MORE.sub("", changes["text"]).rstrip("…"))  # type: ignore[arg-type]
        changes["skipped"] = tuple((a, b) for a, b in data.skipped if b <= kept)
    # the fact's line is not its heading's: a cut heading just ends with "…"
    section = tuple(clip(title, HEADING, None) for title in src.section)
    if not changes and section == src.section:
        return fact
    return replace(fact, data=replace(data, **changes), source=replace(src, section=section))


def _limit(data: object, name: str, limits: dict[str, int], acronym_meaning: int) -> int:
    if isinstance(data, Definition) and data.acronym and name == "meaning":
        return acronym_meaning
    if isinstance(data, Number) and data.values:  # a cloze card needs its first number
        return max(limits[name], data.values[0][1] + 40)
    return limits[name]


def _spans_within(data: Number, text: str) -> tuple[tuple[int, int], ...]:
    """The numbers of a cut sentence that are still whole in it."""
    kept = len(MORE.sub("", text).rstrip("…"))
    return tuple((a, b) for a, b in data.values if b <= kept)
