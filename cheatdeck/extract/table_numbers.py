"""Numbers to remember set out in a table: one figure a cell, asked by its row and column.

    | Service | Setting    | Default | Range          |
    |---------|------------|---------|----------------|
    | SQS     | retention  | 4 days  | 1 min – 14 days |     "SQS retention — default: [...]"   4 days
                                                            "SQS retention — range: [...]"     1 min – 14 days

A row is named by its first cell, or by its first two where the first repeats down the
table ("SQS" over several settings); a comparison table with no name over its first
column ("| | Instance store | EBS |") names each figure by its column first. A cell
is asked when it is a figure (it opens with one, or with "up to", "max", "~"); cells of
prose ("baseline 3,000 IOPS + 125 MiB/s free"), of several lines ("a<br>b"), guesses
("0.5?") and the columns of notes, examples and identifiers (ports, layers, "#") are
left to the sheet. The card shows the row's name, the column's and the cell's gap:
one figure a card, never a clue that holds another column's answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import Statement
from cheatdeck.model import Fact, Number, Section
from cheatdeck.text import is_apparatus, is_lab, is_step, normalise, plain, without_asides, without_sources

# headings of practice exams and mock tests, whose tables hold scores (see numbers._QUIZ)
_QUIZ = re.compile(r"\b(?:practice|mock|sample)\s+(?:exams?|tests?|questions?)\b|\bmy\s+(?:scores?|results?)\b", re.I)

# columns that name a row, not a figure of it: "| Service |", "| What |", "| Setting |"
_GENERIC_NAME = frozenset(
    """what which thing things item items name names service services setting settings feature features type types
    class classes tier tiers option options resource resources limit limits quota quotas parameter parameters
    property properties metric metrics key keys cue term terms concept concepts policy policies record records
    protocol protocols category categories volume volumes instance instances family families mode modes
    strategy strategies level levels plan plans kind kinds aspect aspects topic topics fact facts""".split()
)
_GENERIC_STEMS = frozenset(w.rstrip("s") for w in _GENERIC_NAME)
# columns whose cells are prose, examples or identifiers: asked by no figure of theirs
_NOT_A_FIGURE = re.compile(
    r"\bnotes?\b|comment|remark|example|\beg\b|e\.g|descr|detail|\buse\b|use case|\bwhen\b|\bwhy\b|\bhow\b|"
    r"good for|pick|tip|gotcha|trap|\bports?\b|\blayers?\b|\bosi\b|^#$|^no\.?$|\bstep\b|\byear\b|\bversion\b|"
    r"question|answer|guess|checked|source|\blink\b|\bref|status|progress|priority|\btags?\b|edited|\bdone\b",
    re.I,
)
# a cell that is a figure, or a few ("4 days", "1 min – 14 days", "3 IOPS/GiB, min 100"),
# with at most a word and a bracket after it ("10 GB start", "7 days (console)"); not a
# phrase about figures ("6 copies across 3 AZs")
_VALUE = (
    r"(?:(?:up to|max(?:imum)?|min(?:imum)?|at most|at least|about|around|approx\.?|under|over|default|def\.?)\s+"
    r"|[~≈<>≤≥]\s?)?"
    r"\d[\d,.]*(?:\s?[kKM]\b)?(?:\s?(?:%|[A-Za-zµ][A-Za-zµ/]{0,9}))?"
    # what the figure is of the cell's few ("512 MB default / up to 10,240 MB", "6 MB sync / 256 KB async")
    r"(?:\s+(?:default|def\.?|max|min|sync|async|total|soft|hard|steady|burst|per\s+[a-z]+))?"
)
_FIGURE_CELL = re.compile(
    rf"{_VALUE}(?:\s*(?:–|-|—|to|or|/|,|and)\s*{_VALUE})*(?:\s*/\s*[A-Za-z]+)?(?:\s+[A-Za-z]+)?(?:\s*\([^()]*\))?"
)
# a range's or an alternative's last figure, with no unit of its own: "125 GiB - 16", "1 MB/s or 1000"
_BARE_END = re.compile(r"(?:\s[-–~]\s?|[-–~]|\s(?:or|to)\s)\s*\d[\d.,]*\s*$")
# "| Topic | Fact | Number |", "| Service | What | Value |": a column that says what the
# figure in the value column beside it is
_WHAT_COLUMN = re.compile(r"\s*(?:facts?|what|metric|property|setting|attribute|aspect|parameter)\s*", re.I)
# "| Value |", "| Value (days) |": a column named for holding the figure, and its unit
_UNIT_COLUMN = re.compile(r"\s*(?:units?|unit of measure|measured in)\s*", re.I)
_PLAIN_VALUE = re.compile(
    r"^\s*(?:values?|number|amount|figure|limit|quota|how (?:much|many)|meaning|definition|explanation|facts?|info)"
    r"\s*(?:\(([^()]+)\))?\s*$",
    re.I,
)
# columns about the note-taker, their studies or their people, not about the services
_ABOUT_ME = re.compile(
    r"\b(?:my\s+\w+|scores?|grades?|studied|time spent|hours studied|owner|phone|extension|contact|e-?mail)\b",
    re.I,
)
# a log's first column: "| Week | ...", "| Date | ...", "| Practice test | ..."
_LOG = re.compile(r"^(?:week|day|date|session|attempt|sprint|(?:practice|mock)(?:\s+(?:test|exam))?)s?\b", re.I)
# a cell that lists the values to choose from: "1 or 3 yr", "1 / 10 / 100 Gbps"
_LISTED = re.compile(r"^(?:\d[\d.,]*\s*(?:or|/|,|and)\s*)+\d[\d.,]*\s*[A-Za-z%/]*$")
_MAX_CELL_WORDS = 9  # "4 d default / 1 min – 14 d"; the cell must still read as figures alone
# a footnote mark after a word or a figure of two digits or more ("TCP¹", "16,000²"), not
# an exponent ("2³²", "2¹²⁸")
_FOOTNOTE = re.compile(r"(?:(?<=[^\d⁰¹²³⁴⁵⁶⁷⁸⁹])|(?<=\d\d))[¹²³⁴⁵⁶⁷⁸⁹](?![⁰¹²³⁴⁵⁶⁷⁸⁹])|\[\^\w+\]")
_MAX_GAPS = 3
_MAX_NAME_WORDS = 6


def extract_table_numbers(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    if any(is_apparatus(title) or is_lab(title) for title in section.heading_path):
        return  # a table of contents numbers pages; a lab numbers its steps
    if section.heading_path and is_step(section.heading_path[-1]):
        return
    tables: dict[int, list[Statement]] = {}
    for st in statements:
        if st.kind == "row" and st.block.kind == "table" and len(st.header) >= 2:
            # a table, not pipe-separated lines of shorthand ("OnDemand | per sec | no commit"),
            # whose first line names no columns
            tables.setdefault(id(st.block), []).append(st)
    for rows in tables.values():
        yield from _table(section, rows)


def _table(section: Section, rows: list[Statement]) -> Iterator[Fact]:
    from cheatdeck.extract.numbers import (
        figure_spans,
        joined_thousands,
        with_equivalents,
        zero_opening,
    )  # numbers registers this rule

    header = tuple(h.strip("*_ ") for h in rows[0].header)
    if any(len(h) > 40 or len(h.split()) > 5 for h in header):
        return  # "| Persistence | lost on stop | persists |": a row of values read as the header
    if any(re.search(r"\bquestion\b|^q$|^q\d", h, re.I) for h in header):
        return  # a table of questions: their own cards ask them
    if (
        any(_ABOUT_ME.search(h) for h in header)
        or _LOG.search(header[0])
        or any(_QUIZ.search(without_sources(title, n == 0)) for n, title in enumerate(section.heading_path))
    ):
        return  # "| Week 1 | 62 % |" practice scores, a study plan, a team's phone list: the note-taker's, not AWS's
    named = _names(header, rows)
    if named is None:
        return
    names, width = named
    compared = not header[0]  # "| | Instance store | EBS |": each column is a side
    owner = header[0] if _names_the_table(header[0]) else ""
    # "| What | Number | Unit |": the unit a column of its own gives each row's figure
    unit_col = next((j for j, h in enumerate(header) if j >= width and _UNIT_COLUMN.fullmatch(h)), None)
    # "| Topic | Fact | Number |": a column that says what the figure beside it is
    what_col = next((j for j, h in enumerate(header) if j >= width and _WHAT_COLUMN.fullmatch(h)), None)
    for st, name in zip(rows, names, strict=True):
        if not name:
            continue
        for j in range(width, min(len(header), len(st.cells))):
            column = header[j]
            if not column or _NOT_A_FIGURE.search(column) or re.search(r"\d", column):
                continue
            cell = _figure(st.cells[j])
            if not cell:
                continue
            subject, lead = _asked(name, column, owner, compared)
            unit = st.cells[unit_col].strip() if unit_col is not None and unit_col < len(st.cells) else ""
            said = ""
            if (
                unit
                and j != unit_col
                and re.search(r"[^\W\d_]", unit)
                and not re.search(r"\d|^(?:n/?a|none|tbd|\?+)$", unit, re.I)
                # "900 s (15 min)", "99.99%": its own unit (a range's last figure without one,
                # "125 GiB - 16", takes the column's)
                and (not re.search(r"\d\s*(?:[^\W\d_]|%)", cell) or _BARE_END.search(cell) is not None)
            ):
                # "| DynamoDB max item | 400 | KB |" asks "[...] KB"; the identity stays
                # that of the figure alone, as earlier versions read it
                said, cell = lead + cell, f"{cell} {unit}"
            what = plain(st.cells[what_col]).strip() if what_col is not None and what_col < j else ""
            what = without_asides(what).strip()  # "default / max (min 60 s)": its aside left out
            if what and _PLAIN_VALUE.match(column) and _says_what(what, name):
                # "| SQS retention | default / max | 4 days / 14 days |": the card says which
                # figure is which ("SQS retention — default / max: [...] days / 14 days"); the
                # identity stays that of the row's name and figures, as earlier versions read it
                said, lead = said or lead + cell, f"{subject} — {what}: "
            text = lead + cell
            # each figure of the cell is a gap, as in a sentence: "1 min – [...] days"; not
            # one in brackets, which says the one before it again or qualifies it
            bracketed = [m.span() for m in re.finditer(r"\([^()]*\)", cell)]
            found = [(0, len(cell))] if _LISTED.match(cell) else figure_spans(cell)  # "1 or 3 yr": one answer
            spans = tuple((len(lead) + a, len(lead) + b) for a, b in found if not any(x <= a < y for x, y in bracketed))
            # "99.999999999% (11 nines)": the same amount again in brackets is hidden with it
            spans = tuple(with_equivalents(text, list(spans)))
            if spans:
                # the row's name is what each of its figures is said of (see repeats), and
                # part of its identity: a sentence's key leaves out words with digits, and
                # "gp2 — throughput" must not be "gp3 — throughput" nor a sentence's fact
                spans = spans[:_MAX_GAPS]
                # "0 s – 12 h": the zero a range opens with is nothing to learn; it keeps its
                # place in the numbering, so that the gap after it keeps its cloze
                zeros = tuple(span for span in spans if zero_opening(text, *span))
                found = Number(
                    text,
                    tuple(span for span in spans if span not in zeros) if len(zeros) < len(spans) else spans,
                    subject=subject,
                    said=said,
                    within=f"table row {subject}",
                    skipped=zeros if len(zeros) < len(spans) else (),
                )
                found = joined_thousands(found)  # "16 000": one figure, as earlier versions numbered it
                if found.values:
                    yield fact("number", found, section, st.line)


def _asked(name: str, column: str, owner: str, compared: bool) -> tuple[str, str]:
    """What a cell's figure is said of, and the words its card asks it with: "SQS
    retention — default: ", a side first in a comparison ("EBS — Top speed: ")."""
    if compared:
        return f"{column} {name}", f"{column} — {name}: "
    subject = f"{owner} {name}" if owner and normalise(owner) not in normalise(name) else name
    plain_value = _PLAIN_VALUE.match(column)
    if set(normalise(column).split()) <= set(normalise(name).split()):
        return subject, f"{subject}: "  # "| ASG default cooldown | 300 s |" under "Default": said once
    if plain_value:
        # "| Setting | Value |": the column says no more than that it holds the figure
        unit = plain_value.group(1)
        return subject, f"{subject} ({unit}): " if unit else f"{subject}: "
    return subject, f"{subject} — {_said(column)}: "


def _names(header: tuple[str, ...], rows: list[Statement]) -> tuple[list[str], int] | None:
    """Each row's name, from its first cell or its first two, and how many columns name
    it; None when the table's rows are not named (figures or sentences down the first
    column, names repeated)."""
    first = [_name(st.cell(0)) for st in rows]
    if sum(1 for n in first if not n) * 2 > len(first):
        return None  # "| 1 | Does ... |": the first column numbers the rows
    if len(set(first)) == len(first):
        return first, 1
    if not _two_column_names(header, rows):
        return None
    both = [f"{a} {_name(st.cell(1))}" if a and _name(st.cell(1)) else "" for a, st in zip(first, rows, strict=True)]
    said = [normalise(n) for n in both if n]
    return (both, 2) if len(set(said)) == len(said) else None


def _two_column_names(header: tuple[str, ...], rows: list[Statement]) -> bool:
    """Whether the first two columns name a row together ("| Lambda | timeout | 3 s |")."""
    if len(header) < 3:
        return False
    second = [_name(st.cell(1)) for st in rows]
    return all(second) and not _NOT_A_FIGURE.search(header[1])


def _name(cell: str) -> str:
    """A cell as the name of its row: short, opening with no figure; "" when it is not."""
    cell = cell.strip("*_ ").strip()
    if not cell or "<br" in cell or cell[0].isdigit() or not re.search(r"[A-Za-z]", cell) or cell.endswith("?"):
        return ""
    return cell if len(cell.split()) <= _MAX_NAME_WORDS else ""


def _figure(cell: str) -> str:
    """The cell when it is one figure to remember ("4 days", "1 min – 14 days", "up to 15
    (MySQL)"), else ""."""
    cell = cell.strip("*_ ").strip()
    if _FOOTNOTE.search(cell):
        cell = _FOOTNOTE.sub("", cell)  # "16,000¹": the mark sends to a note under the table
    if "<br" in cell or "?" in cell or len(re.sub(r"\([^()]*\)", "", cell).split()) > _MAX_CELL_WORDS:
        return ""  # a figure with an aside in brackets is still one: "128 MB – 10,240 MB (CPU scales with it)"
    if re.search(r"\b(?:19|20)\d\d\b(?!\s*[A-Za-z%])", cell) or re.search(r"\d\.\d+\.\d", cell):
        return ""  # "since 12/2020", "2024": when something changed; "169.254.169.254": an address
    if re.fullmatch(r"0+", cell):
        return ""  # "| On-Demand | 0 |" discount: nothing to remember
    return cell if _FIGURE_CELL.fullmatch(cell) else ""


def _names_the_table(column: str) -> bool:
    """ "| SQS | Default | Max |": the first column's name is the thing each row is of."""
    words = column.split()
    if not 1 <= len(words) <= 2 or words[-1].casefold().rstrip("s") in _GENERIC_STEMS:
        return False
    return column.casefold() not in _GENERIC_NAME and (column.isupper() or bool(re.search(r"[a-z][A-Z]", column)))


def _says_what(what: str, name: str) -> bool:
    """Whether a what-column's cell says what the figure beside it is, in a few words
    ("default / max", "min storage duration"), its aside left out: not a cell of figures of its own ("3 of 6
    read"), a list ("EC2, IP, Lambda"), a sentence, the row's name again or a placeholder."""
    return (
        re.search(r"[^\W\d_]{3}", what) is not None
        and not re.search(r"\d|,", what)
        and all(len(part.split()) <= _WHAT_WORDS for part in re.split(r"\s*/\s*", what))
        and normalise(what) != normalise(name)
        and not _PLACEHOLDER.fullmatch(what)
    )


_WHAT_WORDS = 4  # of each figure's name: "min storage duration / min billable size"
_PLACEHOLDER = re.compile(r"\s*(?:tbd|tbc|n/?a|none|see above|see below|\?+|-+|—)\s*", re.I)


def _said(column: str) -> str:
    """A column's name as the card says it: "Min – Max" -> "min – max", "AZs" as written."""
    return " ".join(w[:1].lower() + w[1:] if w[1:].islower() else w for w in column.split())
