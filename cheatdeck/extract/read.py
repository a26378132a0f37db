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
    ```                                        in a code block, only a line's trailing
    open-port 6443/tcp   # kube-apiserver      comment is read: a "comment" statement
    ```                                        whose text is the comment, `code` the rest

Code blocks are not notes in prose: nothing else inside them is a statement. A rule
of a kind asks for statements, never for raw lines, so that "a child bullet belongs
to its parent" and "a row is one record" are written once, here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from cheatdeck.model import Block, Section
from cheatdeck.text import (
    BARE_TITLE,
    BLANK,
    CHAT_LINE,
    FENCE,
    GROUP_LINE,
    KEY_LINE,
    OPEN_WORDS,
    closes_fence,
    normalise,
    plain,
)
from cheatdeck.vocab import STOP_WORDS, is_service

StatementKind = Literal["item", "line", "row", "definition", "comment"]


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the notes say, with where and under what it is said."""

    kind: StatementKind
    # item: a list item at any depth; line: one line of a paragraph; row: a table row
    # or a pipe-separated line; definition: a definition-list entry; comment: the
    # trailing comment of a line of code
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
    code: str = ""
    indent: int = 0
    # how far a paragraph line is indented in the file (notes outlined by indentation)
    # comments: the code the comment is written after
    follows: str = ""
    # lines: the list item (plain) that the paragraph comes right under, with no blank
    # line between ("- Network LB" then "> works at layer 4"), else ""
    tested: bool = False
    # lines: written as a self-test line, a blank and its answer ("SQS max ___ | 14 days")
    parts: tuple[str, ...] = ()
    # lines joined as points indented under a bare title ("lambda" over "  /tmp 512MB"
    # / "  concurrency 1000/region"): each line's text, for a card that shows one

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


# ---- practice logs and self-tests, as several kinds read them -------------------------
# a self-test prompt and its answer, labelled without colons: "12) Q DNS port — A 53"
SELF_TEST = re.compile(r"^\W*Q\s+(.+?)\s+(?:—|–|--?)\s*A\s+(\S.*)$")
# a practice question's number: "Q45", "Question 3"; as a log writes it, after the set
# or test it is from: "Set 2 Q45", "Practice 2 Q9"
QUESTION_NUMBER = r"(?:q|question)\s*#?\d+[a-z]?"
PRACTICE_NUMBER = rf"(?:[\w-]+\s+\d+\s*[,/·-]?\s*)?{QUESTION_NUMBER}"
# the note-taker's own pick in a practice log: "I picked RIs", "I thought 7 days"
MY_PICK = r"I\s+(?:said|picked|chose|answered|went\s+with|thought)\b"


def read_statements(section: Section) -> tuple[Statement, ...]:
    """Every statement directly under a section (not its subsections), in order."""
    out: list[Statement] = []
    parents: list[tuple[int, str]] = []  # (depth, plain text) of the open list items
    label = ""
    pipe_header: tuple[str, ...] | None = None
    rows_run = False  # a line of the current run of pipe-separated lines was a row
    split_lead = ""  # a paragraph line inside a list ("- a\nAlias records\n- b"): leads what follows
    last_item: Block | None = None
    written = dict(section.written) if section.written else {}
    for block in section.blocks:
        if block.kind == "item":
            while parents and parents[-1][0] >= block.depth:
                parents.pop()
            if block.depth == 0:
                parents = []
            text = plain(block.text)
            lead = plain(block.lead)
            if block.depth == 0 and not lead:
                lead = split_lead
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
            pipe_header, rows_run = None, False  # a blank line ends a run of pipe-separated lines
            split_lead = plain(block.text)
            follows = _follows(last_item, block)
            for line in block.lines:
                cells = _pipe_cells(line.text)
                if cells is not None:
                    # only the first line of a run names its columns: "ALB | client IP in
                    # X-Forwarded-For | (also ...Port)" after rows is one more row
                    if pipe_header is None and not rows_run and _looks_like_header(cells):
                        pipe_header = tuple(plain(c) for c in cells)
                        continue
                    rows_run = True
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
                pipe_header, rows_run = None, False
                own = _LABEL_LINE.match(line.text)
                if own:
                    label = plain(own.group(1))
                raw = section.source_lines[line.number - 1] if 0 < line.number <= len(section.source_lines) else ""
                out.append(
                    Statement(
                        "line",
                        plain(line.text),
                        line.text,
                        line.number,
                        block,
                        label=label,
                        follows=follows,
                        indent=len(raw) - len(raw.lstrip()),
                        tested=BLANK.search(written.get(line.number, "")) is not None,
                    )
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
        elif block.kind == "code":
            out.extend(_comments(block))
        if block.kind != "paragraph":
            pipe_header, rows_run = None, False
            if block.kind != "item":
                split_lead = ""
                label = ""  # a code block or a table ends what a bold label introduced
        last_item = block if block.kind == "item" else None
    return tuple(out)


def without_wrong_choices(section: Section, statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """The statements less the options left unticked under a multiple-choice question
    ("#### Q11: ... Which record?" over "- [ ] CNAME" / "- [x] Alias A record"): what
    the note-taker marked wrong states nothing true. A checklist under a topic ("## S3"
    over "- [ ] min 30 days in IA") keeps its unticked points, which are to learn."""
    statements = _without_own_answers(statements)
    if not section.written:
        return statements
    boxes = {n: m.group(1) for n, raw in section.written if (m := TASK_BOX.match(raw))}
    if " " not in boxes.values() or not any(v in "xX" for v in boxes.values()):
        return statements
    asked = CHOICE_QUESTION.search(plain(section.title))
    out = []
    for st in statements:
        if st.kind == "item" and boxes.get(st.line) == " " and asked:
            siblings = [o for o in statements if o.kind == "item" and o.depth == st.depth and o.lead == st.lead]
            if any(boxes.get(o.line, " ") in "xX" for o in siblings if o.line in boxes):
                continue
        out.append(st)
    return tuple(out)


def _without_own_answers(statements: tuple[Statement, ...]) -> tuple[Statement, ...]:
    """The statements less the note-taker's own answers that a right one follows in a
    log of mistakes ("- Me: NAT instance" / "- Right: NAT Gateway"): what they answered
    wrongly states nothing ("Me: 3306" is no port of a service called "Me"). A dialogue
    ("Me: how long ...?" / "Tutor: 14 days") has no right answer after it, and stays."""
    mine = [k for k, st in enumerate(statements) if OWN_ANSWER.match(st.text)]
    if not mine:
        return statements
    wrong = {
        k
        for k in mine
        if any(RIGHT_ANSWER.match(o.text) for o in statements[k + 1 : k + 3] if o.line - statements[k].line <= 3)
    }
    return tuple(st for k, st in enumerate(statements) if k not in wrong)


# "Me: NAT instance", "My answer: io1", "I picked: ALB", "Picked: ALB", and the right one after it
OWN_ANSWER = re.compile(
    r"^\W*(?:me|mine|my\s+(?:answer|pick|choice|guess)|(?:i\s+)?(?:picked|chose|guessed|went\s+with)|"
    r"i\s+(?:said|answered|put))\s*:",
    re.I,
)
RIGHT_ANSWER = re.compile(r"^\W*(?:right|correct)(?:\s+answer)?\s*:", re.I)


TASK_BOX = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s")  # a task's box, as written: "- [x] "
# a practice question's heading: "Q11: ... Which record?", "Question 4 - ...", "... (choose 2)"
# (not "Q2 revision", a quarter, nor "How do I book a berth?" over a to-do list)
CHOICE_QUESTION = re.compile(r"^\W*(?:q|question)\s*#?\d+\s*[:.)\-—–]\s+\S|\(choose\s+\w+\)|^\W*which\b", re.I)


def arrow_lines(st: Statement) -> str:
    """A list item written as an arrow outline, its lines kept apart ("- EBS" / "  ->
    gp3 -> 1 GiB-16 TiB" / "     -> max -> 16,000 IOPS" / "  -> HDD" / "     -> st1 ->
    500 IOPS"): its lines joined by line breaks, the words and so the key those of the
    item read as one line; "" for another statement."""
    lines = st.block.lines
    if st.kind != "item" or len(lines) < 3:
        return ""
    if sum(1 for line in lines[1:] if _ARROW_LINE.match(line.text)) < 2:
        return ""
    said = "\n".join(plain(line.text).strip() for line in lines)
    return said if normalise(said) == normalise(st.text) else ""


_ARROW_LINE = re.compile(r"^\s*(?:->|→|=>|⇒)\s")


def worked_example(st: Statement) -> bool:
    """Whether a statement works an example through ("worked:" over "- 100 GiB gp2 -> 300
    IOPS", "Example: 20 GiB x 3 = 60"): its figures are sums to follow, no facts to recall."""
    if _WORKED.match(st.text):
        return True
    return st.kind == "item" and any(_WORKED.fullmatch(plain(lead).strip()) for lead in (st.lead, st.label) if lead)


# "worked:", "Worked examples:", "Example calc:" (not "Examples:" over facts, nor "Math:"
# over formulas, which are facts)
_WORKED = re.compile(
    r"\W*(?:worked(?:[ -]out)?(?:\s+examples?)?|examples?\s+(?:calc\w*|sums?|maths?)|sample\s+calc\w*)\s*:",
    re.I,
)


def _follows(item: Block | None, paragraph: Block) -> str:
    """The item a paragraph sits right under: only a quote or other block that is not
    a continuation line can start on the line after an item's last line."""
    if item is None or not item.lines or not paragraph.lines:
        return ""
    return plain(item.text) if paragraph.lines[0].number == item.lines[-1].number + 1 else ""


def prose(statements: Sequence[Statement]) -> Iterator[Statement]:
    """The statements with wrapped prose joined: a paragraph line that starts in lower
    case after a line that ended mid-sentence continues that sentence.

        A NAT gateway is managed by AWS and         one statement, line of "A NAT
        scales from 5 Gbps up to 100 Gbps.          gateway ...", the two lines joined

    So does a line after one that ends on a word no sentence ends on ("up to" /
    "64 TiB"), and any line of a hard-wrapped paragraph (three lines or more, all but
    the last of them long) after a line that stops mid-sentence. Notes that put one
    thought per line ("Max 5 per region" / "Default 2", or "groups per user: max 10" /
    "access keys per user: 2", each opening with its key) keep their lines apart. Rows
    are left out: they are records, not prose."""
    group: list[Statement] = []
    wrapped: dict[int, bool] = {}
    titles: dict[int, int] = {}  # a paragraph opened by a bare title: the title's indent
    points = False  # the group joins points indented under a title, not a wrapped sentence
    fresh: list[bool] = []  # for each line joined to the group, whether it opens a thought of its own
    for st in statements:
        if st.kind == "line" and id(st.block) not in titles:
            titles[id(st.block)] = st.indent if _bare(st.text) and len(st.block.lines) > 2 else -1
        if st.kind == "row":
            if group and st.block is group[0].block:
                # "obj 5TB | PUT 5GB" between two lines of shorthand: a sentence does not
                # go on across it (the lines before it keep their thoughts apart)
                yield _joined(group, points, fresh)
                group, points, fresh = [], False, []
            continue
        if (
            group
            and st.kind == "line"
            and st.block is group[0].block
            and not (st.tested and group[-1].tested)  # self-test lines: a fact each
            and _goes_on(group[-1].text, st.text, st.block, wrapped, st.indent - group[-1].indent)
        ):
            # "lambda" over "  /tmp 512MB → 10GB" / "  concurrency 1000/region default": points
            # indented under a bare title, joined as they always were (their identity), each
            # kept apart for the card that shows one (see `Statement.parts`)
            # "🔢 min storage duration: ..." / "⚠️ One Zone-IA = ...": a mark opens a point, as a bullet does
            under_title = st.indent == group[-1].indent > titles[id(st.block)] >= 0
            # "SSH        22       also SFTP": a row of columns aligned with spaces
            aligned = _ALIGNED.search(st.markdown) is not None and _ALIGNED.search(group[-1].markdown) is not None
            points = points or under_title or aligned or bool(_MARKED_LINE.match(st.text))
            # "http 80 https 443" / "rdp 3389 for windows boxes": notes in lower case, a
            # thought a line, joined as they always were, each thought shown apart
            fresh.append(_starts_thought(group[-1].text, st.text, st.block))
            group.append(st)
            continue
        if group:
            yield _joined(group, points, fresh)
        group, points, fresh = [st], False, []
    if group:
        yield _joined(group, points, fresh)


def _goes_on(last: str, text: str, block: Block, wrapped: dict[int, bool], deeper: int = 0) -> bool:
    """Whether a paragraph line goes on with the sentence of the line before it;
    `deeper`, how much further the line is indented than that one."""
    if _ENDS_SENTENCE.search(last) or _COLON_KEY.match(text) and _COLON_KEY.match(last):
        return False  # "groups per user: max 10" / "access keys per user: 2": one fact a line
    if _OPEN_END.search(last):
        return True  # "SQS - a queue that keeps messages for up to" / "14 days - the default ..."
    if _DEEP_NUMBER.match(text) or _LINE_NUMBER.match(text) and _LINE_NUMBER.match(last):
        return False  # "4.3.1 sqs = ..." / "4.3.2 retention ...": numbered points, one a line
    if _keyed(text) and _keyed(last):
        return False  # "sqs - msg 256 KB" / "sns - push", "gp3 max ⇒ 16,000" / "gp2 burst ⇒ 3,000": one fact a line
    if deeper > 0 and _bare(last) and KEY_LINE.match(text) or deeper <= 0 and KEY_LINE.match(last) and _bare(text):
        return False  # "  gp2" over "    max: 16,000 IOPS", then "  io1": an outline by indentation
    if _CONTINUES.match(text) or _OPEN_BRACKET.search(last):
        return True  # "... (Solutions Architect track; Cloud" / "Practitioner students too)": inside its brackets
    if id(block) not in wrapped:
        lengths = [len(line.text) for line in block.lines]
        wrapped[id(block)] = len(lengths) >= 3 and min(lengths[:-1]) >= _WRAPPED
    return wrapped[id(block)] and re.search(r"[\w,]$", last) is not None


# columns aligned with runs of spaces: "SSH                22       also SFTP"
_ALIGNED = re.compile(r"\S {3,}\S")
# a line opened by a pictograph or a mark that carries a meaning (🔢, 💡, ✅, ❌, ⚠, •, ▪, ►)
_MARKED_LINE = re.compile(r"^\s*(?:[\U0001F000-\U0001FAFF]|[\u2600-\u27BF]|[•◦▪▫►▶‣⁃])")


def _keyed(line: str) -> bool:
    return KEY_LINE.match(line) is not None or _SYMBOL_KEY.match(line) is not None


# a line that opens with its key and a symbol that says how it relates: "gp3 max ⇒ 16,000",
# "SQS ⇒ pull", "NLB ≠ ALB"
_SYMBOL_KEY = re.compile(r"^[\w(][\w ()/&+.'-]{0,40}?\s[⇒≠≈∴]\s*\S")  # not "<" or ">", which prose uses


def _bare(line: str) -> bool:
    return BARE_TITLE.fullmatch(line.rstrip(":")) is not None


def goes_on(last: Statement, following: Statement) -> bool:
    """Whether a paragraph line goes on with the sentence of the line before it (see
    `prose`)."""
    return _goes_on(last.text, following.text, following.block, {}, following.indent - last.indent)


def _starts_thought(last: str, text: str, block: Block) -> bool:
    """Whether a line joined to the one before it (it opens in lower case) opens a
    thought of its own: "rdp 3389 for windows boxes" after "http 80 https 443 obvs",
    not "for 30 s by default" after "the visibility timeout hides a message", nor any
    line of a paragraph hard-wrapped at a width."""
    if _OPEN_END.search(last) or re.search(r"[,;(\-–—&+/=:]\s*$", last) or _OPEN_BRACKET.search(last):
        return False
    first = re.match(r"[a-z][\w'-]*", text)
    # "API GW: REST/HTTP, ..." after "ECS (...), ECR=registry": a key of its own, a few
    # words with no figure, not the rest of a sentence ("to 12 hours: bulk ...", "a
    # minimum: 30 days") nor after a line that stops mid-sentence ("... and has")
    keyed = _opens_own_key(text, last)
    if (not first or first.group() in _GOES_ON_WORDS) and not keyed or len(text.split()) < 2:
        return False
    # a paragraph wrapped at a width: its lines (but the last) all about as long, and wide,
    # or narrow under a first line that opens a sentence ("Our starter gets fed twice" /
    # "daily with 200 g ..."), not a note ("dock fee 12 eur a night")
    lengths = [len(line.text) for line in block.lines][:-1]
    even = len(lengths) >= 2 and min(lengths) >= max(20, 0.7 * max(lengths))
    return not (even and (min(lengths) >= _WRAPPED or _OPENS_SENTENCE.match(block.lines[0].text)))


_A_FIGURE = re.compile(r"(?<![\w.])\d")  # "3,500 writes", "99.9%"; not the digit of a name ("S3", "gp3")


def _opens_own_key(text: str, last: str) -> bool:
    """Whether a line opens with a key of its own ("perf: 3.5k PUT/s", "API GW: ..."): a
    few words with no figure before a colon, not the rest of a sentence ("to 12 hours:
    bulk ...", "a minimum: 30 days") nor after a line that stops mid-sentence ("... and has")."""
    if _COLON_KEY.match(text) is None:
        return False
    key = re.split(r"[:：]", text, maxsplit=1)[0]
    return (
        len(key.split()) <= 3
        and not re.search(r"\d", key)
        and not _KEY_CANNOT_OPEN.match(text)
        and not _LINE_GOES_ON.search(last)
    )


_KEY_CANNOT_OPEN = re.compile(r"(?:a|an|the|to|and|or|but|of|in|on|at|by|for|with|from|that|which|so|is|are)\b", re.I)
_LINE_GOES_ON = re.compile(
    r"\b(?:a|an|the|to|and|or|of|in|on|at|by|for|with|from|has|have|is|are|was|takes|gives|up|that|which|its)\s*$", re.I
)


# the first word of a sentence of prose, not of a terse note
_OPENS_SENTENCE = re.compile(
    r"^\W*(?:The|A|An|Our|My|Your|His|Her|Their|This|That|These|Those|It|Its|We|I|You|They|There|When|If|In|On|"
    r"For|With|After|Before|Once|Each|Every|All|Most|Some|So|But|And|Then|Today|Yesterday)\b"
)


# words a line that goes on with a sentence opens with: joining words, prepositions,
# pronouns, verbs that need a subject, articles
_GOES_ON_WORDS = frozenset(
    """and or but nor so yet for to with which that who whom whose where when while than then as of in on at by
    from into onto over under after before without within via per up down off out about around through across
    because bc since unless until though although if whereas plus also too even just only not no
    is are was were be been being am has have had do does did can cannot could will would shall should may might
    must need needs get gets got make makes made keep keeps go goes went come comes
    it its it's this these those they them their there here he she we you your our i
    the a an some any each every all both either neither other another such same more most less least
    etc eg ie""".split()
)


def _joined(group: list[Statement], points: bool = False, fresh: Sequence[bool] = ()) -> Statement:
    if len(group) == 1:
        return group[0]
    parts: tuple[str, ...] = ()
    if points:
        parts = tuple(st.text for st in group)
    elif (
        sum(fresh) >= 2
        and 2 * sum(fresh) >= len(fresh)
        or list(fresh) == [True]
        and (
            _opens_own_key(group[1].text, group[0].text)  # "obj max 5TB, ..." / "perf: 3.5k PUT/s ..."
            # "3,500 writes per second per prefix" / "durability 99.99% for all classes":
            # each line gives figures of its own
            or all(_A_FIGURE.search(st.text) for st in group)
            # (not a sentence wrapped mid-way: "... up to 300 g, and they" / "wait 9 days ...")
            and group[0].text.split()[-1].casefold() not in _GOES_ON_WORDS
        )
    ):
        # most of its lines open a thought of their own: each thought a part, a line that
        # goes on with the one before it in the same part
        said = [group[0].text]
        for st, own in zip(group[1:], fresh, strict=True):
            if own:
                said.append(st.text)
            else:
                said[-1] = f"{said[-1]} {st.text}"
        parts = tuple(said)
    text, markdown = " ".join(st.text for st in group), " ".join(st.markdown for st in group)
    return replace(group[0], text=text, markdown=markdown, parts=parts)


_CONTINUES = re.compile(r"^[a-z(]")
# a line numbered as a point of an outline: "4.3.2 retention ..." always, "5.2 scp ..."
# under another numbered line ("1.5 million requests" may wrap a sentence)
_DEEP_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){2}\.?\s+[A-Za-z]")  # not "10.0.0.0 is ..."
_LINE_NUMBER = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2}){1,2}\.?\s+[A-Za-z]")
# a line that ends inside brackets it opened ("(Solutions Architect track; Cloud"), not
# on a face (":(")
_OPEN_BRACKET = re.compile(r"(?<![:;=])\((?=[^()]*\w)[^()]*$")
# a line that opens with its own key and a colon: "role session: 1 h default"
_COLON_KEY = re.compile(r"^[\w(][\w ()/&+.'-]{0,40}?(?::\s+|：\s*)\S")  # "：" the full-width colon
# the lines of a hard-wrapped paragraph are this long, all but its last
_WRAPPED = 50
# a line that ends on a word that cannot end a sentence goes on: "volumes up to" / "64 TiB"
# ("built-in", "add-on" end on a word that can)
_OPEN_END = re.compile(rf"(?<![\w-])(?:{OPEN_WORDS})$")
_ENDS_SENTENCE = re.compile(r"[.!?:]\s*$")


# "cmd --add-port=6443/tcp   # kube-apiserver": code, blanks, a "#" or "//", the comment
_TRAILING_COMMENT = re.compile(r"^\s*(?P<code>\S.*?)\s+(?:#+|//)\s*(?P<comment>\S.*?)\s*$")


def _comments(block: Block) -> list[Statement]:
    """The trailing comments of a code block's lines: what the author wrote, in words,
    about the line of code before it (a line that is only a comment says nothing about
    a line of code, and is left out)."""
    listed = [m for m in map(_PORT_LISTING.match, (line.text for line in block.lines)) if m]
    # "200 OK", "2014 Lambda launched", "3 Redis replicas" list no ports: most names
    # are protocols or services known to listen on one, and no port is below 20
    known = [m for m in listed if is_service(re.split(r"[\s,/(]+", m.group(2).strip())[0])]
    low = any(int(re.match(r"\d+", m.group(1)).group()) < _LEAST_LISTED_PORT for m in listed)
    lines = sum(1 for line in block.lines if line.text.strip())
    if len(listed) >= 3 and len(listed) * 3 >= 2 * lines and len(known) * 2 > len(listed) and not low:
        # a list of ports set out in a text block ("22    SSH, SFTP"): each name is what
        # the author wrote about the port before it, as a comment would be
        return [
            Statement("comment", m.group(2), m.group(2), line.number, block, code=m.group(1), label=PORT_LISTING)
            for line in block.lines
            if (m := _PORT_LISTING.match(line.text))
        ]
    out = []
    for line in block.lines:
        m = _TRAILING_COMMENT.match(line.text)
        if m and not m.group("code").startswith(("#", "//")):
            comment = m.group("comment")
            out.append(Statement("comment", comment, comment, line.number, block, code=m.group("code")))
    return out


_LEAST_LISTED_PORT = 20
# the label of a statement read from such a list
PORT_LISTING = "ports listed"
# "22    SSH, SFTP", "2049  NFS (EFS)": a port, spaces, its service
_PORT_LISTING = re.compile(r"^\s*(\d{1,5}(?:-\d{1,5})?(?:/(?:tcp|udp))?)\s+([A-Za-z][^\d#]*?)\s*$", re.I)


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
_MAX_ANSWER_LINES = 40


def _fences(lines: list[str]) -> tuple[list[bool], str]:
    """Whether each line is part of a code block (its fences included), and the fence
    still open after the last line ("" when none is)."""
    inside: list[bool] = []
    fence = ""
    for line in lines:
        m = FENCE.match(line)
        if fence:
            inside.append(True)
            if closes_fence(fence, line):
                fence = ""
        else:
            inside.append(bool(m))
            fence = m.group(1) if m else ""
    return inside, fence


def answer_after(section: Section, line: int, is_question: Callable[[str], bool], carries_on: re.Pattern[str]) -> str:
    """The lines that answer a question on `line`: the next run of lines, up to a blank
    line, a heading or the next question, and the paragraphs after it that carry the
    same thought on ("Therefore, ...") or are the question's own numbered sub-points
    ("3.1.2 ..." under "3.1 How ...?"). A code block is taken whole, blank lines and
    all. A quoted answer ("> ...") loses its quote marks."""
    lines = section.source_lines
    last = min(section.end if section.end else len(lines), len(lines))
    start = line  # 0-based index of the line after the question
    while start < last and not lines[start].strip():
        start += 1
    end = _run_end(lines, start, last, is_question)
    # "3.1 How to enable it?" answered by "3.1.1 ..." and "3.1.2 ...": its own sub-points
    numbered = _OUTLINE_NUMBER.match(lines[line - 1]) if line > 0 else None
    sub_point = re.compile(rf"^\s*{re.escape(numbered.group(1))}\.\d+\.?\s") if numbered else None
    while True:
        following = end
        while following < last and not lines[following].strip():
            following += 1
        if following >= last:
            break
        text = lines[following]
        if not (carries_on.match(text) or FENCE.match(text) or sub_point and sub_point.match(text)):
            break
        end = _run_end(lines, following, last, is_question)
    end = min(end, start + _MAX_ANSWER_LINES)
    if numbered:
        # "9.3 Aurora global DB limit — 5 or 10?" over "9.4 S3 Object Lambda use cases": the
        # next point of the outline, at the question's depth or above, is no part of its answer
        depth = numbered.group(1).count(".")
        for k in range(start, end):
            point = _OUTLINE_NUMBER.match(lines[k])
            if point and point.group(1).count(".") <= depth:
                end = k
                break
    answer = list(lines[start:end])
    if answer and all(x.lstrip().startswith(">") for x in answer):
        answer = [re.sub(r"^\s*>\s?", "", x) for x in answer]
    return "\n".join(answer).strip()


_OUTLINE_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?\s")  # "3.1 ", "2.4.1 "


def _run_end(lines: tuple[str, ...], start: int, last: int, is_question: Callable[[str], bool]) -> int:
    """The end of a run of lines: a blank line, a heading, or the next question; a
    code block runs to its closing fence."""
    end = start
    fence = ""
    while end < last:
        text = lines[end]
        m = FENCE.match(text)
        if fence:
            if closes_fence(fence, text):
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


# ---- questions and the statement that answers them --------------------------------


@dataclass(frozen=True, slots=True)
class Answered:
    """A question the notes ask and the statement right after it that answers it:

    ### What port does RDP use?        a question heading: the section's first
    Port 3389.                         statement answers it
    Q: Which port does SSH use?        a question line or item: the next statement
    A: 22                              (its "A:" / "Answer:" label left out)
    | Which port does SSH use? | 22 |  a row whose first cell asks: the other cells
    What port does DNS use? Port 53.   one line that asks, then answers
    """

    question: str
    # plain text, without a "Q:" / "Question:" label or list numbering
    answer: str
    # plain text of the answering statement, without an "A:" / "Answer:" label
    statement: Statement
    # the statement that holds the answer (its line is the answer's line)


_Q_LABEL = re.compile(r"^\s*(?:q(?:uestion)?\s*\d*\s*[:.)]\s*|\d+[.)]\s+)", re.I)
_A_LABEL = re.compile(r"^\s*(?:a|ans|answer)\s*\d*\s*[:.)-]\s*", re.I)
_ASKED_THEN_ANSWERED = re.compile(r"^(.{6,200}?\?)\s+(\S.*)$")


def _asks(text: str) -> str | None:
    """The question a statement asks, or None."""
    if "?" not in text:
        return None
    text = _Q_LABEL.sub("", text).strip()
    return text if text.endswith("?") and len(text) > 5 else None


_OPTION_A = re.compile(r"^\(?A[.)]\s+\S")
_OPTION_B = re.compile(r"^\(?B[.)]\s+\S")


def answered(section: Section, statements: tuple[Statement, ...] | list[Statement]) -> list[Answered]:
    """Each question in a section with the one statement that answers it."""
    out: list[Answered] = []
    if statements and section.heading_path:
        title = _asks(plain(section.title))
        first = statements[0]
        # "A. 3306" over "B. 1433": the options it picks from, not an answer labelled "A."
        options = len(statements) > 1 and _OPTION_A.match(first.text) and _OPTION_B.match(statements[1].text)
        if title and first.kind != "comment" and not _asks(first.text) and not options:
            out.append(Answered(title, _A_LABEL.sub("", first.text), first))
    for n, st in enumerate(statements):
        if st.kind == "comment":
            continue
        if st.kind == "row":
            question = _asks(st.cells[0]) if st.cells else None
            rest = " | ".join(c for c in st.cells[1:] if c)
            if question and rest:
                out.append(Answered(question, rest, st))
            continue
        question = _asks(st.text)
        if question:
            following = statements[n + 1] if n + 1 < len(statements) else None
            after = statements[n + 2] if n + 2 < len(statements) else None
            # "A) 3306" over "B) 5432": the options it picks from, not its answer
            options = (
                following is not None and _OPTION_A.match(following.text) and after and _OPTION_B.match(after.text)
            )
            if (
                following is not None
                and following.kind not in ("comment", "row")
                and not _asks(following.text)
                and not options
            ):
                out.append(Answered(question, _A_LABEL.sub("", following.text), following))
            continue
        both = _ASKED_THEN_ANSWERED.match(_Q_LABEL.sub("", st.text)) if "?" in st.text else None
        if both:
            out.append(Answered(both.group(1), _A_LABEL.sub("", both.group(2)), st))
    return out


def scenario_lines(statements: Sequence[Statement]) -> frozenset[int]:
    """The lines of a list of exam scenarios, each a need and what meets it ("Replace a
    physical tape library → Tape Gateway (VTL)", "Data accessed unpredictably → S3
    Intelligent-Tiering"): three or more such lines, most of a section's arrow lines. A
    line of them asks what fits its need, never what its need "is"."""
    arrowed = [st for st in statements if st.kind in ("item", "line") and ("→" in st.text or "->" in st.text)]
    found = frozenset(st.line for st in arrowed if scenario_parts(st.text))
    return found if len(found) >= _SCENARIO_LINES and 2 * len(found) >= len(arrowed) else frozenset()


def scenario_parts(text: str) -> tuple[str, str] | None:
    """(need, what meets it) of a line "need → Name ...": a need of two words or more with
    one in lower case ("Data accessed unpredictably"; not a name, "Glacier Deep
    Archive"), no figure first in what meets it, a name or a few words ("target tracking
    policy"), and neither a sentence nor a chain of arrows."""
    m = _NEED_ARROW.match(plain(text).strip())
    if not m:
        return None
    need = _NEED_OPENING.sub("", m.group(1).strip()).strip()
    answer = _ANSWER_LABEL.sub("", m.group(2).strip().rstrip(".")).strip()
    quoted = re.fullmatch(r"[\"'“][^\"'“”]+[\"'”]", need) is not None
    need = need[1:-1].strip() if quoted else need
    words = re.findall(r"[A-Za-z][\w'-]*", need)
    if not (2 if quoted else 3) <= len(need.split()) <= 15 or not any(
        w.islower() and w not in STOP_WORDS for w in words
    ):
        return None
    if (
        need.endswith("?")
        or re.search(r"[:=]|->|\s[-–—]\s|\d\s*(?:[%KMGT]|IOPS|Gbps|MB|GB|TB|/s)", need)
        or need.count("(") != need.count(")")
        or _NOT_AN_ANSWER.match(answer)
        or "=" in answer
    ):
        return None
    first = re.match(r"[\w/+.-]+", answer)
    if not first or re.search(rf"(?<![\w-]){re.escape(first.group())}(?![\w-])", need):
        return None  # "Need DynamoDB caching → DynamoDB DAX": the need names it
    if (
        first.group()[:1].islower()
        and not re.search(r"\d", first.group())
        and (len(need.split()) < 3 or _TRAIT.match(answer))
    ):
        return None  # "Pilot light → cheap, core DB running", "KMS auto rotation → yearly by default": traits
    if len(need.split()) <= 4 and need.endswith(")"):
        return None  # "Interface endpoint (PrivateLink) → ENI + private IP": a term and what it is
    short = re.split(r"\s*[(,;—–]|\s-\s", answer, maxsplit=1)[0]
    if len(short.split()) > _ANSWER_WORDS:
        return None
    return need, answer


_SCENARIO_LINES = 3
_TRAIT = re.compile(
    r"(?:yearly|daily|monthly|weekly|hourly|default|every|by|on|off|per|free|cheap|cheaper|cheapest|more|less|"
    r"up|down|enabled|disabled|slow|fast|faster|higher|lower|same|other)\b",
    re.I,
)
# what a line says before its need or its answer: "If ...", "Exam said ...", "✔", "correct answer"
_NEED_OPENING = re.compile(
    r"^(?:[✔✘✓✗✅❌⚠️!*•-]+\s*)?(?:(?:if|when|exam said|the exam says|scenario)\b[:,]?\s*)?", re.I
)
_ANSWER_LABEL = re.compile(r"^(?:(?:the\s+)?(?:correct|right)\s+answer(?:\s+is)?\s*:?\s*)", re.I)
_ANSWER_WORDS = 6
_NEED_ARROW = re.compile(r"^(?:\d{1,3}[.)]\s+)?([^→]+?\S)\s*(?:→|->)\s*(?!.*(?:→|->))(\S.*)$")
# what follows the arrow is no answer: a figure ("→ 90% cheaper"), a sentence ("→ it
# costs ..."), a verb ("→ use ...", kept by the kinds that know their members)
_NOT_AN_ANSWER = re.compile(
    r"(?:[~≈<>≤≥]?\s*\d|(?:it|they|this|that|the|a|an|you|we|i|use|pick|choose|go|think|means?|is|are|yes|no|not|never"
    r"|always|only|both|none|scales?|ceil|min|max)\b)",
    re.I,
)


def written_line(section: Section, line: int) -> str:
    """A line as written, where reading changed it (Section.written, sorted by line); ""
    for any other line."""
    written = section.written
    k = bisect.bisect_left(written, (line, "")) if written else 0
    return written[k][1] if k < len(written) and written[k][0] == line else ""


def said_by(section: Section, line: int) -> str:
    """Who says a line of a chat log saved as notes ("[19:04] Ana: Redshift is 5439"
    gives "Ana", see parse._chat_speakers); "" for any other line."""
    raw = written_line(section, line)
    m = CHAT_LINE.match(raw) if raw else None
    if m:
        return m.group(1)
    # "JK: NAT gateway is per AZ": a study group's line, said by one of its people
    m = GROUP_LINE.match(raw) if raw else None
    return m.group(1) if m and m.group(1) in _speakers(section.source_lines) else ""


def unspoken(section: Section, text: str) -> str:
    """A study group's line without who says it: "JK: Lambda" -> "Lambda"."""
    m = GROUP_LINE.match(text) if ":" in text else None
    return text[m.end() :] if m and m.group(1) in _speakers(section.source_lines) else text


_SPEAKERS: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def _speakers(lines: tuple[str, ...]) -> frozenset[str]:
    """A file's study-group speakers (parse.group_speakers), once per file's lines."""
    from cheatdeck.parse import group_speakers

    known = _SPEAKERS.get(id(lines))
    if known is None or known[0] is not lines:
        if len(_SPEAKERS) > 512:  # a long `--watch` session: keep the files of late
            _SPEAKERS.clear()
        known = (lines, group_speakers(lines))
        _SPEAKERS[id(lines)] = known
    return known[1]
