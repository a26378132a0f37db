"""Shared readers: a Section's blocks -> statements, each with its context.

How people write notes is read here once, for every kind of fact:

    ## Ports                                   heading path: ("Ports",)
    Classic ports to know:                     the lead-in of the list below it
    - SSH                                      an item (depth 0)
      - port 22                                an item (depth 1) whose parent is "SSH"
    | Port | Service |                         a table: one statement per row,
    |------|---------|                         with its cells and the column headers
    | 22   | SSH     |
    Protocol | Port | Use                      pipe-separated lines outside a table read
    SSH | 22 | log in                          as rows too, under the first line's names
    **Volumes:** gp3 gives up to 16,000 IOPS.  a paragraph line, under its bold label
    - Network LB                               a quote right under an item: its lines
    > Works at layer 4.                        follow that item
    Term                                       a definition-list entry: "Term : meaning"
    : meaning

Code blocks are never statements: what is inside them is not a note in prose. A rule
of a kind asks for statements, never for raw lines, so that "a child bullet belongs
to its parent" and "a row is one record" are written once, here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from cheatdeck.model import Block, Section
from cheatdeck.text import plain

StatementKind = Literal["item", "line", "row", "definition"]


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the notes say, with where and under what it is said."""

    kind: StatementKind
    # item: a list item at any depth; line: one line of a paragraph; row: a table row
    # or a pipe-separated line; definition: a definition-list entry
    text: str
    # plain text (no emphasis markers, links as their text); a row's cells joined by " | "
    markdown: str
    # the inline Markdown as written (a row: the cells joined by " | ")
    line: int
    # 1-based line in the notes file
    block: Block
    # the block it comes from (for the lines of a multi-line item)
    depth: int = 0
    # nesting depth of a list item (0 = top-level list)
    parents: tuple[str, ...] = ()
    # plain text of the enclosing list items, outermost first
    lead: str = ""
    # what introduces it: the paragraph before its list, or its parent item (plain)
    label: str = ""
    # a bold label or "Key:" it sits under, without the colon ("" if none)
    header: tuple[str, ...] = ()
    # rows: the column names (plain), empty when the table has no named columns
    cells: tuple[str, ...] = ()
    # rows: the cells (plain)
    raw_cells: tuple[str, ...] = ()
    # rows: the cells as written (inline Markdown)
    follows: str = ""
    # lines: the list item (plain) that the paragraph comes right under, with no blank
    # line between ("- Network LB" then "> works at layer 4"), else ""

    @property
    def parent(self) -> str:
        """The list item this one is nested in ("" at the top level)."""
        return self.parents[-1] if self.parents else ""

    def column(self, *patterns: str) -> int | None:
        """The first column whose header matches a pattern, trying patterns in order."""
        return column_of(self.header, *patterns)

    def cell(self, index: int | None) -> str:
        """A cell's plain text, "" for a missing column or a short row."""
        return self.cells[index] if index is not None and index < len(self.cells) else ""


def column_of(header: tuple[str, ...], *patterns: str) -> int | None:
    for pattern in patterns:
        for i, name in enumerate(header):
            if re.search(pattern, name, re.I):
                return i
    return None


# "**Volumes:**", "Volumes:" as a line of its own, or the label part of "**Volumes:** text"
_LABEL_LINE = re.compile(r"^\s*(?:\*\*|__)?([^*_:|]{1,60}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*$")
_BOLD_LEAD = re.compile(r"^\s*(?:\*\*|__)([^*_]{1,60}?)(?::)?(?:\*\*|__)\s*:?")
_PIPE_SPLIT = re.compile(r"\s*(?<!\\)\|\s*")


def read_statements(section: Section) -> tuple[Statement, ...]:
    """Every statement directly under a section (not its subsections), in order."""
    out: list[Statement] = []
    parents: list[tuple[int, str]] = []  # (depth, plain text) of the open list items
    label = ""
    pipe_header: tuple[str, ...] | None = None
    last_item: Block | None = None
    for block in section.blocks:
        if block.kind == "item":
            while parents and parents[-1][0] >= block.depth:
                parents.pop()
            if block.depth == 0:
                parents = []
            text = plain(block.text)
            lead = plain(block.lead)
            out.append(
                Statement(
                    "item",
                    text,
                    block.text,
                    block.lines[0].number,
                    block,
                    block.depth,
                    tuple(p for _, p in parents),
                    lead,
                    _label_of(block.lead) or label,
                )
            )
            parents.append((block.depth, text))
        elif block.kind == "definition":
            text = plain(f"{block.term} : {block.text}")
            out.append(Statement("definition", text, f"{block.term} : {block.text}", block.lines[0].number, block))
        elif block.kind == "paragraph":
            parents = []
            label = ""
            follows = _follows(last_item, block)
            for line in block.lines:
                cells = _pipe_cells(line.text)
                if cells is not None:
                    if pipe_header is None and _looks_like_header(cells):
                        pipe_header = tuple(plain(c) for c in cells)
                        continue
                    out.append(
                        Statement(
                            "row",
                            " | ".join(plain(c) for c in cells),
                            " | ".join(cells),
                            line.number,
                            block,
                            header=pipe_header or (),
                            cells=tuple(plain(c) for c in cells),
                            raw_cells=cells,
                        )
                    )
                    continue
                pipe_header = None
                own = _LABEL_LINE.match(line.text)
                if own:
                    label = plain(own.group(1))
                out.append(
                    Statement("line", plain(line.text), line.text, line.number, block, label=label, follows=follows)
                )
            if block.lines and _LABEL_LINE.match(block.lines[-1].text):
                label = plain(_LABEL_LINE.match(block.lines[-1].text).group(1))  # type: ignore[union-attr]
            else:
                label = ""
        elif block.kind == "table":
            header = tuple(plain(h) for h in block.header)
            for row_line, cells in block.rows:
                plain_cells = tuple(plain(c) for c in cells)
                out.append(
                    Statement(
                        "row",
                        " | ".join(plain_cells),
                        row_line.text,
                        row_line.number,
                        block,
                        header=header,
                        cells=plain_cells,
                        raw_cells=tuple(cells),
                    )
                )
        if block.kind != "paragraph":
            pipe_header = None
        last_item = block if block.kind == "item" else None
    return tuple(out)


def _follows(item: Block | None, paragraph: Block) -> str:
    """The item a paragraph sits right under: only a quote or other block that is not
    a continuation line can start on the line after an item's last line."""
    if item is None or not item.lines or not paragraph.lines:
        return ""
    return plain(item.text) if paragraph.lines[0].number == item.lines[-1].number + 1 else ""


def _label_of(lead: str) -> str:
    """ "**Ports:**" or "Ports to know:" over a list: the label it sets."""
    m = _LABEL_LINE.match(lead) or _BOLD_LEAD.match(lead)
    return plain(m.group(1)) if m else ""


@lru_cache(maxsize=4096)
def _pipe_cells(text: str) -> tuple[str, ...] | None:
    """ "SSH | 22 | log in" outside a table: its cells; None for a line that is not
    pipe-separated (one pipe in prose, "a | b" in code, a lone "|")."""
    pipes = text.count("|")
    if pipes == 0 or "`" in text:
        return None
    cells = [c for c in _PIPE_SPLIT.split(text.strip().strip("|")) if c != ""]
    if len(cells) < 2 or any(len(c) > 200 for c in cells) or all(set(c) <= set("-: ") for c in cells):
        return None
    if pipes == 1 and any(len(c) > 40 for c in cells):
        return None  # "a | b" inside a sentence is not a row
    return tuple(c.strip() for c in cells)


def _looks_like_header(cells: tuple[str, ...]) -> bool:
    """Column names: short, no digits (a row of values has a number somewhere)."""
    return all(len(c) <= 40 and not re.search(r"\d", c) for c in cells)


def context(section: Section, statement: Statement | None = None) -> str:
    """The headings and the lead-in around a statement, lower-cased, for telling what
    a list is about ("Classic ports to know:")."""
    lead = statement.lead if statement is not None else ""
    return _context(section.heading_path[-2:], lead)


@lru_cache(maxsize=4096)
def _context(headings: tuple[str, ...], lead: str) -> str:
    return plain(" / ".join([*headings, lead] if lead else headings)).casefold()


# ---- answers: the text under a question, as written -------------------------------

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_MAX_ANSWER_LINES = 40


def _fences(lines: list[str]) -> tuple[list[bool], str]:
    """Whether each line is part of a code block (its fences included), and the fence
    still open after the last line ("" when none is)."""
    inside: list[bool] = []
    fence = ""
    for line in lines:
        m = _FENCE.match(line)
        if fence:
            inside.append(True)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
        else:
            inside.append(bool(m))
            fence = m.group(1) if m else ""
    return inside, fence


def section_body(section: Section, max_lines: int) -> str:
    """The text under a heading, its subsections included, as written. A subsection
    heading reads as a bold line; code blocks stay whole and verbatim (a "# comment"
    in a shell snippet is not a heading)."""
    body = list(section.source_lines[section.line : min(section.end, section.line + 1 + max_lines)])
    inside, still_open = _fences(body)
    out = []
    for line, code in zip(body, inside, strict=True):
        heading = None if code else re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*$", line)
        out.append(f"\n**{heading.group(1)}**\n" if heading else line)
    if still_open:
        out.append(still_open)  # cut inside a code block: close it
    return "\n".join(out).strip()


def answer_after(section: Section, line: int, is_question: Callable[[str], bool], carries_on: re.Pattern[str]) -> str:
    """The lines that answer a question on `line`: the next run of lines, up to a blank
    line, a heading or the next question, and the paragraphs after it that carry the
    same thought on ("Therefore, ..."). A code block is taken whole, blank lines and
    all. A quoted answer ("> ...") loses its quote marks."""
    lines = section.source_lines
    last = min(section.end if section.end else len(lines), len(lines))
    start = line  # 0-based index of the line after the question
    while start < last and not lines[start].strip():
        start += 1
    end = _run_end(lines, start, last, is_question)
    while True:
        following = end
        while following < last and not lines[following].strip():
            following += 1
        if following >= last or not (carries_on.match(lines[following]) or _FENCE.match(lines[following])):
            break
        end = _run_end(lines, following, last, is_question)
    end = min(end, start + _MAX_ANSWER_LINES)
    answer = list(lines[start:end])
    if answer and all(x.lstrip().startswith(">") for x in answer):
        answer = [re.sub(r"^\s*>\s?", "", x) for x in answer]
    return "\n".join(answer).strip()


def _run_end(lines: tuple[str, ...], start: int, last: int, is_question: Callable[[str], bool]) -> int:
    """The end of a run of lines: a blank line, a heading, or the next question; a
    code block runs to its closing fence."""
    end = start
    fence = ""
    while end < last:
        text = lines[end]
        m = _FENCE.match(text)
        if fence:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
            end += 1
            continue
        if m:
            fence = m.group(1)
            end += 1
            continue
        if not text.strip() or _HEADING.match(text) or end > start and is_question(text):
            break
        end += 1
    return end
