"""The values that flow through the pipeline: notes, sections, blocks and facts.

Everything here is a frozen dataclass with slots; collections inside are tuples so
that values can be hashed, compared and shared between stages without copying.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "item", "table", "code", "definition"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was written: a notes file, a 1-based line and the heading path."""

    path: str
    # notes file relative to the notes folder, with "/" separators
    line: int
    section: tuple[str, ...]
    outline: tuple[str, ...] = field(default=(), compare=False)
    # the outline titles above the line inside its section, outermost first: "3. X-Ray"
    # then "3.3 X-Ray concepts" written as plain lines; shown as context, not identity

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Line:
    """One physical source line of a block's inline text."""

    number: int
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """A leaf of Markdown content inside a section: a paragraph, list item, table..."""

    kind: BlockKind
    lines: tuple[Line, ...]
    # the inline Markdown of the block, one entry per source line
    depth: int = 0
    # nesting depth of a list item (0 = top-level list)
    lead: str = ""
    # the text that introduces a list: the paragraph just before it, or the parent item
    lead_quoted: bool = False
    # the lead is a quote or callout ("> [!note] Targets ...") the list follows, not one
    # that introduces it; earlier versions named a family after it (see Definition)
    header: tuple[str, ...] = ()
    # table header cells (tables only)
    rows: tuple[tuple[Line, tuple[str, ...]], ...] = ()
    # table body rows: the row's source line and its cells (tables only)
    term: str = ""
    # the term of a definition-list entry (definitions only)

    @property
    def line(self) -> int:
        return self.lines[0].number if self.lines else (self.rows[0][0].number if self.rows else 0)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and what is under it, down to the next heading of its level or above."""

    title: str
    # heading text with any leading numbering ("4. ", "3.1 ") removed
    level: int
    # Markdown heading level; 0 for the text before the first heading of a file
    line: int
    path: str
    heading_path: tuple[str, ...]
    # titles from the outermost heading down to this one
    end: int = 0
    # last line of the section, its subsections included
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    source_lines: tuple[str, ...] = field(default=(), repr=False, compare=False)
    # the whole file's lines, shared by every section of a file (for answers spanning blocks)
    written: tuple[tuple[int, str], ...] = field(default=(), repr=False, compare=False)
    # (line, as written) where reading left out a task's box or a footnote's label: what
    # earlier versions read there, for the identity of the facts read from it
    tags: Mapping[int, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    joined: Mapping[int, str] = field(default_factory=dict, repr=False, compare=False)
    # line -> the text earlier versions read on after the point there, where points
    # written at the margin under it ("user data size: 16 KB") are now points of their own:
    # the point's facts keep the identity they had; one mapping per file
    # line -> its tags without "#", where a note app's tags were left out of a line ("- up
    # to 15 replicas #aurora #limits"): what the line is about; one mapping per file
    outlines: tuple[tuple[int, int, str, int], ...] = field(default=(), repr=False, compare=False)
    # the outline titles written as plain lines in this section's own text, as (line,
    # depth, title, last line it holds for): "3.3 X-Ray concepts" -> (40, 2, "X-Ray
    # concepts", 0); an unnumbered "Routing policies:" over its lines has depth 0

    def walk(self):
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


FactKind = str
# the name of a kind in the registry (cheatdeck.extract.REGISTRY): "port", "question"...


@dataclass(frozen=True, slots=True)
class Port:
    port: int
    port_end: int | None
    # last port of a range such as 2379-2380, else None
    protocol: str
    name: str | None
    # the protocol's expansion when the notes give one ("Secure Shell")
    use: str | None
    transport: str | None = None
    # "TCP", "UDP" or "TCP/UDP" when the notes say which; not part of the identity

    def key(self) -> tuple[str, ...]:
        return (str(self.port), str(self.port_end or ""), self.protocol.casefold())


@dataclass(frozen=True, slots=True)
class EbsVolume:
    types: tuple[str, ...]
    media: Literal["SSD", "HDD"] | None
    max_iops: int | None
    description: str
    boot: bool | None
    # whether the notes say it can be a boot volume; None when they do not say
    condition: str | None = None
    # a further maximum that holds only under a condition ("32,000 on other
    # instances", after "64,000 on Nitro"): that condition; None for the main maximum

    def key(self) -> tuple[str, ...]:
        from cheatdeck.text import normalise

        types = tuple(t.casefold() for t in self.types)
        # the main maximum's identity is its types alone, as it always was; a
        # conditional one is a fact (and a card) of its own, named by the words of
        # its condition (so that "(Nitro)" and "Nitro" are the same card)
        return (*types, normalise(self.condition)) if self.condition else types


@dataclass(frozen=True, slots=True)
class LoadBalancer:
    name: str
    abbrev: str | None
    layers: tuple[int, ...]
    protocols: tuple[str, ...]

    def key(self) -> tuple[str, ...]:
        return (self.name.casefold(),)


@dataclass(frozen=True, slots=True)
class DnsRecord:
    type: str
    meaning: str

    def key(self) -> tuple[str, ...]:
        return (self.type.upper(),)


@dataclass(frozen=True, slots=True)
class Definition:
    term: str
    meaning: str
    family: str | None = None
    # the family a named list item belongs to ("Route 53 routing policy")
    acronym: bool = False
    # True when meaning is what the term stands for
    family_said: str | None = None
    # the family as earlier versions named it, when the card names it better ("Lecture 9
    # policy" is now "Route 53 policy"), "" when they named none: the identity stays
    # that of the family said

    def key(self) -> tuple[str, ...]:
        kind = "acronym" if self.acronym else "term"
        family = self.family_said if self.family_said is not None else self.family
        return (kind, (family or "").casefold(), self.term.casefold())


@dataclass(frozen=True, slots=True)
class Number:
    text: str
    # the sentence, Markdown inline source
    values: tuple[tuple[int, int], ...]
    # character spans in text of each number worth remembering, with its unit
    subject: str = ""
    # what the sentence is about when it does not say ("SQS", from the first sentence of
    # its paragraph: "SQS is a queue. By default messages are kept 4 days"); not identity
    said: str = ""
    # the sentence as earlier versions kept it, when the card shows less of it ("Tip:",
    # "I keep mixing them up:" left out): the identity stays that of the sentence
    within: str = ""
    # the title of an outline by indentation the line sits in ("gp2" over "max: 16,000
    # IOPS"): what tells "max: ..." under gp2 from "max: ..." under io1, in the identity
    skipped: tuple[tuple[int, int], ...] = ()
    # spans in text of figures earlier versions made gaps of and this one does not (a
    # scenario's figures): they keep their cloze numbers, so later gaps keep theirs; not identity

    def key(self) -> tuple[str, ...]:
        from cheatdeck.text import number_key

        own = (number_key(self.said or self.text),)
        return (*own, self.within.casefold()) if self.within else own

    def cloze(self) -> str:
        """The sentence with each number as an Anki cloze deletion (a skipped figure
        keeps its place in the numbering, as on the deck's cards, and a default that
        ends a range is hidden with the range: "7-30 days (default 30)")."""
        from cheatdeck.extract.numbers import hidden_together, tied_to

        out, last = [], 0
        every = sorted([(span, True) for span in self.values] + [(span, False) for span in self.skipped])
        numbers = {span: i for i, (span, _kept) in enumerate(every, 1)}
        # "7-30 days (default 30)", "900 s = 15 min": one gap, answered whole
        together = hidden_together(self.text, self.values, self.skipped)
        for k, (span, taken) in together.items():
            numbers[span] = numbers.pop(self.values[k])
            for t in taken:
                del numbers[t]
        for start, end in sorted(numbers):
            i = numbers[(start, end)]
            if (start, end) in self.skipped:
                k = tied_to(self.text, (start, end), self.values, self.skipped)
                if k is None:
                    continue
                i = numbers[self.values[k]]
            out.append(self.text[last:start])
            out.append(f"{{{{c{i}::{self.text[start:end]}}}}}")
            last = end
        out.append(self.text[last:])
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Question:
    question: str
    answer: str
    # Markdown source of the answer
    said: str = ""
    # the question as earlier versions asked it, when the card leaves its number out
    # ("Q10 — Aurora: how many copies?"): the identity stays that of the question said
    implied: bool = False
    # a question the notes imply rather than ask ("need UDP → NLB" asks "Which load
    # balancer fits: need UDP?"): it claims no line from the other kinds; not identity
    scenario: bool = False
    # a practice question's scenario, numbered ("Q12. Move 70 TB ...") or labelled
    # ("Scenario: ..."): a card asks the need it states when it asks nothing; not identity

    def key(self) -> tuple[str, ...]:
        from cheatdeck.text import normalise

        return (normalise(self.said or self.question),)


FactData = Port | EbsVolume | LoadBalancer | DnsRecord | Definition | Number | Question


@dataclass(frozen=True, slots=True)
class Fact:
    kind: FactKind
    data: FactData
    source: Source
    also_at: tuple[Source, ...] = ()
    # other places that state the same fact (merged duplicates)

    @property
    def key(self) -> tuple[str, ...]:
        """Which fact this is, independent of its wording and position."""
        return (self.kind, *self.data.key())

    @property
    def sources(self) -> tuple[Source, ...]:
        return (self.source, *self.also_at)


@dataclass(frozen=True, slots=True)
class Warning:
    source: Source | None
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


@dataclass(frozen=True, slots=True)
class Image:
    """An image a note refers to, resolved inside the notes folder."""

    ref: str
    # the reference as written in the note
    path: str
    # absolute path of the file
    source: Source
