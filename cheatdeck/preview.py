"""Cards as Anki shows them, as plain text: what a build makes, before importing it.

    Facts ──deck.note_fields──> note fields (HTML) ──> one Card per card Anki makes:
      Q&A note:   Forward (Front / Back), Reverse when ReverseFront is not empty
      Cloze note: one card per {{cN::...}}, that number hidden as [...]; of a line of
                  several facts, the part that holds it (deck.shown_part)

A card's front and back are the text of the same fields the deck holds, with the
HTML turned into lines: the category badge is the first line of a front that has
one, list items start with "• " (the bullet Anki shows), table cells are joined with " | ".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from cheatdeck.model import Fact

Side = Literal["forward", "reverse", "cloze"]

_CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::[^}]*)?\}\}", re.S)


@dataclass(frozen=True, slots=True)
class Card:
    fact: Fact
    side: Side
    badge: str
    # the category line above the question ("Port", "Acronym"); "" when there is none
    front: str
    # the question (or the cloze sentence with its gap), without the badge
    back: str
    # what the answer side adds below the line: the answer, without the front

    def show(self) -> str:
        """The card as `build.py cards` prints it."""
        badge = f"[{self.badge}] " if self.badge else ""
        front, back = (text.replace("\n", "\n     ") for text in (self.front, self.back))
        return f"{self.fact.source}  {self.fact.kind}/{self.side}\n  Q: {badge}{front}\n  A: {back}"


def cards(facts: Sequence[Fact], templates_dir: Path) -> list[Card]:
    """Every card the deck built from these facts holds, in the order of the facts."""
    from cheatdeck.deck import note_fields  # genanki: imported where it is used
    from cheatdeck.extract import REGISTRY

    out: list[Card] = []
    for f, fields in note_fields(facts, templates_dir):
        if REGISTRY[f.kind].card == "cloze":
            out.extend(_cloze_cards(f, fields[0], fields[1]))
            continue
        front, back, reverse_front, reverse_back = fields[:4]
        out.append(_card(f, "forward", front, back))
        if html_text(reverse_front):
            out.append(_card(f, "reverse", reverse_front, reverse_back))
    return out


def _card(f: Fact, side: Side, front_html: str, back_html: str) -> Card:
    badge, front = _badge(front_html)
    return Card(f, side, badge, html_text(front), html_text(back_html))


def _badge(front_html: str) -> tuple[str, str]:
    m = re.match(r'\s*<div class="kind">(.*?)</div>', front_html, re.S)
    if not m:
        return "", front_html
    return html_text(m.group(1)), front_html[m.end() :]


def _cloze_cards(f: Fact, text: str, extra: str) -> Iterator[Card]:
    from cheatdeck.deck import shown_part

    numbers = sorted({int(n) for n, _value in _CLOZE.findall(text)})
    hint = html_text(extra)
    for n in numbers:
        shown = shown_part(text, n)  # a line of several facts: the part with the gap
        asked = _CLOZE.sub(lambda m, n=n: "[...]" if int(m.group(1)) == n else m.group(2), shown)
        answer = " … ".join(dict.fromkeys(v for k, v in _CLOZE.findall(text) if int(k) == n))
        front = html_text(asked) + (f"\n({hint})" if hint else "")
        yield Card(f, "cloze", "", front, html_text(answer))


_BREAKS = frozenset("div p br ul ol li tr table hr h1 h2 h3 h4 h5 h6 pre blockquote".split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tables = 0  # how deep inside tables the parser is
        self.cells = 0  # cells of the current row so far

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.cells = 0
        elif tag == "li":
            self.parts.append("• ")
        elif tag in ("td", "th"):
            if self.cells:
                self.parts.append(" | ")
            self.cells += 1
        elif tag == "img":
            self.parts.append(f"[image {dict(attrs).get('alt') or ''}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.tables = max(0, self.tables - 1)
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.tables and not data.strip():
            return  # the line breaks between a table's tags are not text
        self.parts.append(data)


def html_text(html: str) -> str:
    """The text a reader sees in a piece of card HTML, one line per block."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in unescape("".join(parser.parts)).split("\n"))
    return "\n".join(line for line in lines if line)
