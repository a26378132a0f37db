"""EBS volume types: which type, SSD or HDD, how many IOPS at most, whether it boots.

    - io1/io2 - Highest performance SSD. Max IOPS: 64000     one fact for io1/io2
    - **gp3** (SSD) → up to 16,000 IOPS                      64,000 = 64000 = 64k
    - gp3 (SSD)                                              the type in a parent item
      - baseline 3,000 IOPS, up to 16,000                    (or a heading): only the
                                                             maximum, never a baseline
    ### Use cases - IO1                                      the type in the heading
    - Max PIOPS: 64000 on Nitro and 32000 for the rest       two conditional maxima
    | Type | Media | Max IOPS | Boot |                        tables with an IOPS column
    st1 is a throughput-optimized HDD that peaks at 500 IOPS.
    Only gp2/gp3 and io1/io2 can be used as boot volumes.   sets `boot`
    - GP2 (SSD)                                              sets `media` wherever
                                                             GP2's maximum is stated

A maximum is a number tied to IOPS ("16k IOPS", "max IOPS is 16000") or, where the
item above or the heading is about IOPS, one after "max" or "up to". Baselines,
bursts, minimums, lower bounds ("more than 16000"), rates ("3 IOPS per GB"), ratios,
sizes and worked examples ("e.g. 10 GB = 500 IOPS") are not maxima. A line that
names IOPS for a type but gives no number is reported, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from cheatdeck.extract.common import clean, fact, warning
from cheatdeck.extract.merge import merge_same_key
from cheatdeck.extract.read import Statement, arrow_lines, worked_example
from cheatdeck.extract.registry import BootStatement, Kind
from cheatdeck.model import EbsVolume, Fact, Section, Warning
from cheatdeck.text import NUMBER_PATTERN, parse_int, plain, sentences, without_taken_back
from cheatdeck.vocab import EBS_TYPE_PATTERN, EXAMPLE_MARKERS, ebs_type_name

_IOPS_WORD = re.compile(r"\bP?IOPS\b", re.I)
# a number on its own: not the "1" of "io1", the "2" of "EC2" or a version "1.5"
# a figure as notes write it, thousands set apart by dots too ("16.000 IOPS", "256.000"
# in German, Turkish or Romanian notes), where a dot and three digits cannot be a decimal
_FIGURE = rf"[1-9]\d{{0,2}}(?:\.\d{{3}})+(?![\d,]|\.\d)|{NUMBER_PATTERN}"
_NUMBER = re.compile(rf"(?<![\w.,:/])({_FIGURE})(?![\w.]\d)")
# "IOPS: 16000", "IOPS is 16k", "IOPS(input/output per second): 64000"
# "maximum IOPS for a gp2 volume is 16,000": the digit of a type's name may come between
_IOPS_THEN_NUMBER = re.compile(rf"\bP?IOPS\b((?:[^0-9\n]|(?<=[A-Za-z])\d){{0,60}}?)(?<![\w.,])({_FIGURE})", re.I)
_NUMBER_THEN_IOPS = re.compile(rf"(?<![\w.,:/])({_FIGURE})\s*(?:max(?:imum)?\s*)?P?IOPS\b", re.I)
_MAX_THEN_NUMBER = re.compile(
    rf"\b(?:max(?:imum)?|up\s+to|peaks?\s+at|maxes\s+out\s+at|tops?\s+out\s+at|caps?\s+(?:out\s+)?at|capped\s+at|limit(?:ed)?\s+(?:to|of|at))"
    rf"\s*(?:is|of|at|=|:)?\s*(?<![\w.,])({_FIGURE})",
    re.I,
)
# what before a number says it is no maximum
_NOT_MAX = re.compile(
    r"\b(?:baseline|base|min(?:imum)?|burst\w*|credits?|defaults?(?:\s+to)?|more\s+than|greater\s+than|over|above|at\s+least"
    r"|exceed\w*|beyond|past|ratio|from"
    # "at least" in other languages notes mix in: "en az 100 IOPS", "mindestens 100 IOPS"
    r"|en\s+az|mindestens|au\s+moins|al\s+menos|pelo\s+menos|no\s+m[íi]nimo|almeno|minstens|minst|paling\s+sedikit"
    r"|sekurang-kurangnya|m[íi]nimo)\b|(?:>|≥|>=)\s*$",  # "> 16,000 IOPS", "past 16,000": a need past a figure
    re.I,
)
# a short item over points that are no maxima: "baseline", "burst", "min", "default (free)"
_NOT_MAX_TITLE = re.compile(
    r"(?:(?:the\s+)?(?:baseline|base|burst(?:ing)?|min(?:imum)?|defaults?|credits?|free)(?:\s+(?:iops|perf\w*))?)"
    r"(?:\s*\([^()]*\))?",
    re.I,
)
# a line that opens with a figure compared, which Markdown reads as a quote ("- > 16,000 IOPS → io1")
_THRESHOLD_QUOTE = re.compile(r"^\s*(?:(?:[-*+]|\d+[.)])\s+)?>\s*\d")
# what after a number says it is no IOPS figure: a size, a throughput, a ratio, a time
_UNIT_AFTER = re.compile(
    r"^\s*(?:[KMGT]i?B\b|[KMGT]B?/s|mb|gb|tb|ms\b|s\b|sec|seconds?|%|x\b|times\b|:\s*\d|/\s*\d"
    r"|volumes?\b|instances?\b|years?\b|days?\b|hours?\b"
    # "125 → 1,000 MiB/s": a range whose end says its unit
    r"|(?:→|->|–|-|to)\s*[\d,.]+\s*(?:[KMGT]i?B\b|[KMGT]B?/s|mb|gb|tb|ms\b|%))"
    r"|^\.\d",  # "99.999%": the whole of a figure with decimals, not its "99"
    re.I,
)
# a figure right before the end of a text: what an "IOPS" after it is the unit of
_UNIT_REACH = 40  # characters before an "IOPS" looked at for the figure it is the unit of
_UNIT_OF_FIGURE = re.compile(rf"(?<![\w.,])(?:{_FIGURE})\s*(?:max(?:imum)?\s*)?$", re.I)
# "3 IOPS per GB", "3 iops for each gib", "IOPS/GiB", "IOPS:GiB": a rate, not a maximum ("IOPS per volume" is one)
_RATE = (
    r"\s*(?:(?:per|pro|je|(?:for\s+)?(?:each|every))\s+(?:provisioned\s+)?|/\s*|:\s*|[×x*]\s*)"  # "3 × GiB" too
    r"(?:[KMGT]i?B|gigs?|gigabytes?|vol(?:ume)?\s+size)\b"
)
_RATE_AFTER_IOPS = re.compile(rf"^{_RATE}", re.I)
_RATE_AFTER_NUMBER = re.compile(rf"^\s*(?:max(?:imum)?\s*)?(?:P?IOPS)?{_RATE}", re.I)  # "3/GiB" too
# "3,000 IOPS baseline", "3,000 IOPS + 125 MiB/s baseline", "3,000 IOPS — gp3 baseline",
# "3,000 IOPS and 125 MiB/s are the gp3 baseline"
# (the figure first, what it is after it): what the figures after it are
_NOT_MAX_AFTER = re.compile(
    r"^\s*(?:P?IOPS\s*)?(?:(?:\+|and|&|/|,)\s*[\d,.]+\s*(?:[KMGT]i?B/s|MB/s)\s*)?"
    r"(?:(?:—|–|-|:|=|→|->)\s*(?:gp[23]|io[12]|st1|sc1)(?:\s+Block\s+Express)?\s+"
    r"|\b(?:is|are)(?:\s+the)?\s+(?:(?:gp[23]|io[12]|st1|sc1)(?:\s+Block\s+Express)?\s+)?)?"
    r"(?:baseline|base|min(?:imum)?|burst\w*|default)\b",
    re.I,
)
# "64000 for Nitro instances", "32k (other instances)": what a maximum holds under
_CONDITION = re.compile(
    r"^\s*(?:P?IOPS\b\s*)?(?:\(([^()]{2,50})\)|(?:for|on|with|in|when|if)\s+(.{2,50}?)(?=\s+(?:and|or|while|but)\b|[,;.)]|$)"
    r"|(otherwise|else(?:where)?)\b)",
    re.I,
)
# "(and 1,000 MiB/s)", "(1,000 MiB/s)": another figure beside the maximum, not what it holds under
_NOT_A_CONDITION = re.compile(
    r"^(?:ssd|hdd|i/?o\b|input|approx|about|per\b|and\b|plus\b|also\b|[+&]|[\d,.]+\s*[KMGT]i?B/s)", re.I
)
# clauses of a sentence, and sentences: "gp3 gives 16,000 IOPS, while io2 gives 64,000"
_CLAUSE = re.compile(
    rf"(?<=[.!?])\s+(?=[A-Z(\d]|(?i:{EBS_TYPE_PATTERN.pattern}))|"
    # "gp3 max is 16,000. needed io2 ...": a sentence begun in lower case, after no
    # abbreviation ("e.g. gp3", "approx. 3,000", "vs. io1")
    r"(?<=[a-z0-9%)][.!?])(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\betc\.)(?<!\bapprox\.)(?<!\bca\.)"
    r"(?<!\bincl\.)(?<!\bmax\.)(?<!\bmin\.)(?<!\bavg\.)(?<!\bno\.)\s+(?=[a-z])|;\s*|\s+·\s+|,?\s+(?:while|whereas)\s+|,\s+and\s+|\s+and\s+(?=[A-Z])"
    # "st1 is HDD, 500 IOPS max. so only io1/io2 ...": after a "max." that ends its
    # sentence ("max. 16k", "max. iops" go on with it)
    r"|(?:(?<=\bmax\.)|(?<=\bmin\.))\s+(?=(?:so|but|then|only|which|while|use|need|pick|i|you|it|this|that)\b)"
    # "... anyway. e) st1 is ...": a lettered point of an outline starts a clause
    r"|(?<=[.!?:])\s+[a-h]\)\s+"
    # an arrow outline's lines, kept apart (see `read.arrow_lines`)
    r"|\n"
    rf"|,\s*(?=(?i:{EBS_TYPE_PATTERN.pattern}))"
    # "st1 (max 500 IOPS) and sc1 (max 250 IOPS)": each type with its own bracket
    rf"|(?<=\))\s*,?\s*(?:and|or)\s+(?=(?i:{EBS_TYPE_PATTERN.pattern}))"
    # "io1 or io2 for databases (gp3 tops out at 16,000)": a bracket about another type
    # (not a gloss: "SSD volumes (gp2 and gp3)", "io2 Block Express (io2 BX)")
    rf"|\s*\((?=\s*(?i:{EBS_TYPE_PATTERN.pattern})\s+(?!and\b|or\b)[a-z])"
)
_MEDIA = re.compile(r"\b(SSD|HDD)s?\b", re.I)
_DIGIT = re.compile(r"\d")
_BOOT = re.compile(r"\bboot(?:able)?\b", re.I)
_NOT_BOOT = re.compile(
    r"\b(?:not|cannot|can't|can ?not|never)\b[^.]{0,40}\bboot"
    # "st1: NO boot", "NO pueden ser volumen de arranque (boot)", "✘ boot": not "no burst credits, bootable"
    r"|\bno\b\s*(?!(?:[\w()]+\s+){0,5}?(?:can|is|are)\b)(?:[\w()]+\s+){0,5}?\(?boot"
    r"|[✘✗❌]\s*(?:\w+\s+){0,2}?boot|\bboot\w*\s*[:=]?\s*[✘✗❌]",
    re.I,
)
_MARKED_NOT = re.compile(r"[✘✗❌]|\b(?:no|not|never)\b", re.I)
_COMPARISON = re.compile(r"\b(?:vs\.?|versus|compared?)\b", re.I)
_HEADING_WORDS = 5  # a heading this short that names one type is the lead of its lines
# an item above this long is a sentence, not a label that describes the type
_LABEL_WORDS = 6
# a figure taken as IOPS only from the item above or the heading ("- max 2" under
# "gp3") is a count of something else below this
_LEAST_IMPLIED = 100


@dataclass(frozen=True, slots=True)
class _Maximum:
    """One maximum a clause states, with the condition written after it ("" if none)."""

    iops: int
    condition: str


_ASKED_THEN_ANSWERED = re.compile(r"^.+?\?\s*(?:→|->|=>)\s*(.+)$")


def extract_ebs_volumes(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    heading_types = _heading_types(section)
    heading_media = next((m for m in map(_one_media, reversed(section.heading_path)) if m), None)
    heading_iops = any(_IOPS_WORD.search(h) for h in section.heading_path)
    # "#### gp2 max IOPS" over "16,000", "#### gp2 burst" over "3,000 IOPS ...": a short
    # heading that names one type says what the figures under it are
    title = plain(section.heading_path[-1]) if section.heading_path else ""
    heading_said = title if len(_types(title)) == 1 and len(title.split()) <= _HEADING_WORDS else ""
    found: list[tuple[EbsVolume, str, int]] = []  # each maximum, its condition, its line
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        if worked_example(st):
            continue  # "worked:" over "- 100 GiB gp3 -> 3,000 IOPS": what one volume gets, no maximum
        raw = section.source_lines[st.line - 1] if 0 < st.line <= len(section.source_lines) else ""
        if _THRESHOLD_QUOTE.match(raw):
            continue  # "- > 16,000 IOPS on one volume → io1 / io2": a need past a figure, read as a quote
        # "20,000 IOPS on one volume, cheapest? → gp3 max 16,000 → io1/io2": the figures
        # of a question are what it asks about; its answer's steps each state their own
        asked = _ASKED_THEN_ANSWERED.match(st.text)
        # "I said gp2 maxes at 64k — WRONG, gp2 max is 16,000": the claim a mistake log
        # takes back states nothing; what it says after is the fact
        told = without_taken_back(arrow_lines(st) or st.text)
        texts = re.split(r"\s*(?:→|->|=>)\s*", asked.group(1)) if asked else [told]
        for text in texts:
            for volume in _volumes_of(text, st, heading_types, heading_media, heading_iops, heading_said):
                if volume is None:
                    yield warning(section, st.line, '"IOPS" without a number after it; write e.g. "Max IOPS: 16000"')
                else:
                    found.append((*volume, st.line))
    # a type's largest maximum in the section is its main one, whatever the order of
    # the lines; a smaller one with a condition ("32k on other instances") is a fact of
    # its own; a smaller one without stays a disagreement, reported when merging
    largest: dict[tuple[str, ...], int] = {}
    for volume, _condition, _line in found:
        key = volume.key()
        largest[key] = max(largest.get(key, 0), volume.max_iops or 0)
    # on one line, a smaller figure without a condition is no maximum beside a larger
    # one ("3000 IOPS + 125 MB/s baseline ; up to 16,000 IOPS")
    on_line: dict[tuple[tuple[str, ...], int], int] = {}
    for volume, condition, line in found:
        if not condition:
            on_line[volume.key(), line] = max(on_line.get((volume.key(), line), 0), volume.max_iops or 0)
    for volume, condition, line in found:
        if not condition and (volume.max_iops or 0) < on_line[volume.key(), line]:
            continue
        if condition and volume.max_iops != largest[volume.key()]:
            volume = replace(volume, condition=condition)
        yield fact("ebs_volume", volume, section, line)


def _volumes_of(
    text: str,
    st: Statement,
    heading_types: tuple[str, ...],
    heading_media: str | None,
    heading_iops: bool,
    heading_said: str = "",
) -> Iterator[tuple[EbsVolume, str] | None]:
    """The maxima one statement's text gives, read with what is around it (the items
    above, the lead-in, the heading); None for "IOPS" with no number after it."""
    about_iops = bool(_IOPS_WORD.search(text))
    if not about_iops and not _DIGIT.search(text):
        return  # neither IOPS nor a number: nothing to read or to report
    if st.depth and _NOT_MAX_TITLE.fullmatch(plain(st.parent).strip(" :*_")):
        return  # "gp3" > "baseline" > "3,000 IOPS": the points under a baseline are no maxima
    context = (*reversed(st.parents), st.lead, st.label)
    given = _types(text)
    above = next((t for t in map(_types, context) if t), ())
    if not given and not above and not heading_types:
        return
    if not about_iops and not (heading_iops or any(_IOPS_WORD.search(c) for c in context) or above or given):
        return  # "gp3 → SSD, max 16k" names its type; "max 16k" alone under "## Pricing" does not
    media = next((m for m in map(_one_media, context) if m), heading_media)
    inherited = above or heading_types
    if heading_said and not given and not above and not st.depth:
        text = f"{heading_said}: {text}"  # the heading is the lead of its lines
    # "- Throughput Optimized HDD (st1)" over "  - max IOPS 500" describes st1;
    # "- small gp2 volumes can burst IOPS to 3000" over it does not
    lead = next((c for c in context if _types(c)), "")
    lead = lead if len(lead.split()) <= _LABEL_WORDS else ""
    for volume in _volumes(text, inherited, media, lead if above else ""):
        if volume is not None or given or above:
            yield volume


def _volumes(
    text: str, inherited: tuple[str, ...], media: str | None, lead: str
) -> Iterator[tuple[EbsVolume, str] | None]:
    """The maxima a statement gives, clause by clause: "gp2 and gp3 deliver up to
    16,000 IOPS, while io1 and io2 go up to 64,000 IOPS". A clause that names no type
    takes the last one named before it ("io1/io2 - SSD. Max IOPS: 64000"), else the
    item above or the heading. Each maximum comes with the condition written after it
    ("64000 on Nitro and 32000 for other"). None stands for "IOPS" with no number."""
    last_types, last_media, last_unit = inherited, media, lead
    stated = False  # an earlier clause gave a maximum: "gp2 has max IOPS of 16k, io1 64k"
    for unit, firsts in _units(text):
        if not unit or EXAMPLE_MARKERS.match(unit.strip()):
            continue
        if firsts:
            stated = True
            last_types, last_unit = (firsts[-1][0],), unit
            for name, iops in firsts:
                yield EbsVolume((name,), _one_media(unit) or last_media, iops, "", None), ""  # type: ignore[arg-type]
            continue
        # "gp2/gp3 max 16,000 IOPS (also st1/sc1 16 TiB)": types in an aside are the aside's
        # (but an aside that gives IOPS of its own types is theirs: "io2 BE (or io1, up to 64,000 IOPS)")
        asides = re.findall(r"\([^()]*\)", unit)
        own = any(_types(a) and _IOPS_WORD.search(a) for a in asides)
        # "st1 is cheaper than gp2, max 500 IOPS": a type compared with is not the one the figures are of
        said = _COMPARED.sub(" ", unit)
        types = (None if own else _types(re.sub(r"\([^()]*\)", " ", said))) or _types(said) or _types(unit)
        if types:
            last_types, last_unit = types, said
            last_media = _one_media(unit) or last_media
        if not last_types:
            continue
        pairs = _pairs(unit) if len(types) > 1 and (stated or _IOPS_WORD.search(unit) or inherited) else []
        if len(pairs) < 2 and len(types) > 1 and _IOPS_WORD.search(unit):
            pairs = _respective(unit) or pairs  # "io1 vs io2 BE max: 64,000 vs 256,000 IOPS"
        if len(pairs) > 1:  # "Max IOPS: gp2 16,000 / io1 64,000"
            stated = True
            for name, iops in pairs:
                yield EbsVolume((name,), _one_media(unit) or last_media, iops, "", None), ""  # type: ignore[arg-type]
            continue
        if len(types) > 1 and _ORDERED.search(unit):
            continue  # "sc1 < st1 (IOPS): 250 < 500": an order, whose figures are no one type's
        maxima = _maxima(unit, implied=stated, named=bool(types))
        if not maxima:
            if _IOPS_WORD.search(unit) and not _NOT_MAX.search(unit) and not _NUMBER.search(unit):
                yield None  # "gp2: max IOPS depends on size"
            continue
        stated = True
        head_types = _types(re.split(r"\s(?:-|–|—|:)\s|:\s", last_unit, maxsplit=1)[0])
        volume_types = tuple(head_types or last_types)
        unit_media = _one_media(unit) or last_media
        description = _description(last_unit)
        if len(maxima) > 1:
            # the largest, and the others only with their condition: "a baseline of 3,000
            # IOPS, up to 16,000 IOPS" gives 16000; "64000 on Nitro, 32000 on others" both
            top = max(maxima, key=lambda m: m.iops)
            maxima = [m for m in maxima if m is top or m.condition]
        for n, m in enumerate(maxima):
            volume = EbsVolume(volume_types, unit_media, m.iops, description if n == 0 else "", None)  # type: ignore[arg-type]
            yield volume, m.condition


def _units(text: str) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """The parts a statement is read in, each with its figures written before their
    types: a clause that gives them so ("max IOPS: 16,000 for gp2, 64,000 for io1") is
    one part, read once; any other is cut before each type (`_by_type`), with none."""
    for clause in _CLAUSE.split(text):
        firsts = _figures_first(clause) if clause else []
        for unit in [clause] if firsts else _by_type(clause) if clause else []:
            yield unit, firsts


def _by_type(clause: str) -> list[str]:
    """A clause cut before each group of types it names after its first ("gp3 max 16,000,
    so io1/io2" is gp3's figure, then io1/io2 with none; "S3 -> ... -> gp3 -> max 16,000
    -> io1 -> max 64,000" gives each type its own): types written together ("gp2/gp3",
    "io1 and io2", "st1 (500 IOPS), sc1 (250 IOPS)") stay one group."""
    bare = _COMPARED.sub(lambda m: " " * len(m.group()), clause)  # "cheaper than gp2": no type of the clause's
    bare = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), bare)  # asides, kept in place
    found = list(EBS_TYPE_PATTERN.finditer(bare))
    # "..., max 64,000 IOPS for io2": a type written after its figure is cut before the figure
    figure_at = (
        {m.start("type"): m.start() for m in _NUMBER_THEN_TYPE.finditer(bare)}
        if not _NOT_PER_VOLUME.search(bare)
        else {}
    )
    cuts = [
        max(figure_at.get(m.start(), m.start()), before.end())
        for before, m in zip(found, found[1:], strict=False)
        if not _TYPES_JOINED.fullmatch(bare[before.end() : m.start()])
    ]
    if not cuts:
        return [clause]
    return [clause[a:b] for a, b in zip([0, *cuts], [*cuts, len(clause)], strict=True)]


# a type named only to compare with: "cheaper than gp2", "instead of gp2", "io2 over gp3",
# "unlike st1", "io2 replaced io1" ("like" is left alone: "types like gp2 and gp3" is such as)
_COMPARED = re.compile(
    rf"\b(?:than|unlike|instead\s+of|over|replac(?:ed|es|ing)|rather\s+than|compared\s+(?:to|with))"
    rf"\s+(?:the\s+)?(?:old(?:er)?\s+)?(?i:{EBS_TYPE_PATTERN.pattern})"
    # (not one whose own figure follows it: "io2 over gp3 (max 16,000 IOPS)", "than gp3, which maxes at 16,000")
    r"(?!\s*\(|,?\s+(?:which|that|whose|at|with)\b)",
    re.I,
)


# what joins types written as one group: "gp2/gp3", "io1 and io2", "st1, sc1", "io1 vs io2", "sc1 < st1"
_TYPES_JOINED = re.compile(r"\s*(?:/|,|&|\+|<|>|≤|≥|\band\b|\bor\b|\bvs\.?|\bversus\b|\bnor\b)?\s*", re.I)


def _maxima(clause: str, implied: bool, named: bool = False) -> list[_Maximum]:
    """The maxima a clause states, in order. A figure counts when it is tied to IOPS or
    follows "max"/"up to"; once one has, a later figure with a condition after it
    counts too ("... 64000 for Nitro and 32000 for other"). In a clause after one that
    gave a maximum (`implied`), a figure counts when the clause names its type ("io1
    64k", `named`) or a condition follows it ("; 32,000 on other instances")."""
    spans: dict[int, int] = {}  # start of the number -> end
    iops = bool(_IOPS_WORD.search(clause))
    for m in _IOPS_THEN_NUMBER.finditer(clause):
        before = clause[max(0, m.start() - _UNIT_REACH) : m.start()]
        if re.match(r"\s*[,;/|]", m.group(1)) and _UNIT_OF_FIGURE.search(before):
            continue  # "16,000 IOPS, 125 → 1,000 MiB/s": the word is the unit of the figure before it
        if re.search(r"\bsee\s*$", m.group(1), re.I):
            continue  # "max IOPS (again, see 16)": a pointer to another note, no figure
        if not _RATE_AFTER_IOPS.match(m.group(1)) and "ratio" not in m.group(1).casefold():
            spans[m.start(2)] = m.end(2)
    for m in _NUMBER_THEN_IOPS.finditer(clause):
        if not _RATE_AFTER_NUMBER.match(clause[m.end(1) :]):
            spans[m.start(1)] = m.end(1)
    for m in _MAX_THEN_NUMBER.finditer(clause):
        spans[m.start(1)] = m.end(1)
    if implied and not iops and not spans:
        spans = {m.start(1): m.end(1) for m in _NUMBER.finditer(clause) if named or _condition(clause[m.end(1) :])}
    kept = [s for s in sorted(spans) if _is_maximum(clause, s, spans[s])]
    if kept:
        for m in _NUMBER.finditer(clause, spans[kept[0]]):
            if m.start(1) not in spans and _condition(clause[m.end(1) :]) and _is_maximum(clause, *m.span(1)):
                kept.append(m.start(1))
    out: list[_Maximum] = []
    for start in sorted(set(kept)):
        value = parse_int(clause[start : spans.get(start) or _NUMBER.match(clause, start).end(1)])  # type: ignore[union-attr]
        if value and value not in {m.iops for m in out} and (iops or value >= _LEAST_IMPLIED):
            end = spans.get(start) or _NUMBER.match(clause, start).end(1)  # type: ignore[union-attr]
            out.append(_Maximum(value, _condition(clause[end:])))
    return out


_TYPE_THEN_NUMBER = re.compile(
    rf"{EBS_TYPE_PATTERN.pattern}\s*(?:[:=(→⇒-]|\bat\b|\bis\b)?\s*(?<![\w.,])({_FIGURE})",
    re.I,
)


def _pairs(clause: str) -> list[tuple[str, int]]:
    """Each type with the figure right after it: "gp2 16,000 / io1 64,000", "st1 (500
    IOPS), sc1 (250 IOPS)", "io2 BE (256,000 max)"."""
    out = []
    for m in _TYPE_THEN_NUMBER.finditer(clause):
        value = parse_int(m.group(2))
        if value and _is_maximum(clause, m.start(2), m.end(2)):
            name = ebs_type_name(m.group(1))
            out.append((name, value))
    return out


# a figure, then the type it is of: "16,000 for gp2", "500 IOPS on st1", "256,000 (io2 BE)"
_NUMBER_THEN_TYPE = re.compile(
    rf"(?<![\w.,])(?P<figure>{_FIGURE})(?![\w.]\d)\s*(?:P?IOPS\b\s*)?"
    rf"(?:(?:for|on)\s+(?:the\s+|an?\s+)?|\(\s*)(?P<type>(?i:{EBS_TYPE_PATTERN.pattern}))",
    re.I,
)


def _figures_first(clause: str) -> list[tuple[str, int]]:
    """Each type with the figure written before it, where a clause of IOPS gives two
    or more types so and names no other: "max IOPS: 16,000 for gp2, 64,000 for io1",
    "250 IOPS on sc1 and 500 IOPS on st1", "16,000 (gp3) vs 256,000 (io2 BE)"."""
    if not _IOPS_WORD.search(clause) or _NOT_PER_VOLUME.search(clause):
        return []  # "Max IOPS per GiB: 3 for gp2, 50 for io1", "baseline 3,000 for gp3": no maxima
    found = list(_NUMBER_THEN_TYPE.finditer(clause))
    names = [ebs_type_name(m.group("type")) for m in found]
    if len(found) < 2 or len(set(names)) < len(names) or len(EBS_TYPE_PATTERN.findall(clause)) != len(found):
        return []
    out = []
    for m, name in zip(found, names, strict=True):
        value = parse_int(m.group("figure"))
        if not value or not _is_maximum(clause, m.start("figure"), m.end("figure")):
            return []
        out.append((name, value))
    return out


# what says a clause's figures are no volume's maximum IOPS: a ratio, a rate per GiB, a
# figure at a size, a baseline, a burst, a floor
_NOT_PER_VOLUME = re.compile(
    r"\bper\s+Gi?B\b|/\s*Gi?B\b|\d\s*:\s*1\b|\bratio\b|\bat\s+\d[\d.,]*\s*[GT]i?B\b|\bbaseline\b|\bbase\b|"
    r"\bburst|\bmin(?:imum)?\b|\bper\s+instance\b",
    re.I,
)


# types side by side ("io1 vs io2 BE", "gp2 / gp3"), then as many figures the same way
_SIDE_BY_SIDE = r"\s*(?:vs\.?|versus|/)\s*"
# types set in order by a sign: "gp2 < gp3 < io2", "sc1 ≪ st1"
_ORDERED = re.compile(rf"(?i:{EBS_TYPE_PATTERN.pattern})\s*(?:<|>|≤|≥|≪|≫|<=|>=)\s*(?i:{EBS_TYPE_PATTERN.pattern})")
_TYPES_APART = re.compile(rf"(?i:{EBS_TYPE_PATTERN.pattern})(?:{_SIDE_BY_SIDE}(?i:{EBS_TYPE_PATTERN.pattern}))+")
_FIGURES_APART = re.compile(rf"(?<![\w.,])(?:{_FIGURE})(?:{_SIDE_BY_SIDE}(?:{_FIGURE}))+(?![\w.,]\d)", re.I)


def _respective(clause: str) -> list[tuple[str, int]]:
    """Types compared side by side and their figures in the same order: "io1 vs io2
    BE max: 64,000 vs 256,000 IOPS" gives io1 64000 and io2 Block Express 256000."""
    named = _TYPES_APART.search(clause)
    figures = _FIGURES_APART.search(clause, named.end()) if named else None
    if not named or not figures or not _is_maximum(clause, figures.start(), figures.end()):
        return []
    if not re.match(r"\s*(?:max(?:imum)?\s*)?P?IOPS\b", clause[figures.end() :], re.I):
        return []  # "sizes 1 vs 16": figures of something else
    names = [ebs_type_name(m.group(1)) for m in EBS_TYPE_PATTERN.finditer(named.group())]
    values = [parse_int(v) for v in re.split(_SIDE_BY_SIDE, figures.group(), flags=re.I)]
    if len(names) != len(values) or None in values:
        return []
    return list(zip(names, values, strict=True))  # type: ignore[arg-type]


def _is_maximum(clause: str, start: int, end: int) -> bool:
    """Whether the number at clause[start:end] can be a maximum: not a baseline, a
    minimum, a lower bound or a burst (by the words since the previous number), not a
    size, throughput, ratio or count (by what follows it)."""
    if _UNIT_AFTER.match(clause[end:]) or _NOT_MAX_AFTER.match(clause[end:]) or _RATE_AFTER_NUMBER.match(clause[end:]):
        return False  # "up to 1,000 IOPS per GiB" is a ratio, whatever came before it
    before = clause[:start]
    previous = list(_NUMBER.finditer(before))
    since = before[previous[-1].end() :] if previous else before
    if previous and re.fullmatch(_SIDE_BY_SIDE, since, re.I):
        # "baseline: 3,000 vs 100": the figure shares the phrase of the one before it
        return _is_maximum(clause, previous[-1].start(), previous[-1].end())
    # the number's own phrase: "3,000 IOPS baseline, up to 16,000" -> "up to"
    own = re.split(r"[,;()→]|->|=>|\b(?:and|but|while)\b", since)[-1]
    # "3,000 IOPS / 125 MiB/s baseline up to 16,000": what comes after a cue of the
    # maximum is said of the maximum
    cues = list(_MAX_CUE.finditer(own))
    before_cue = own[: cues[-1].start()] if cues else ""
    trailing = _NOT_MAX.search(before_cue)
    # "... 125 MiB/s baseline up to 16,000": the baseline word ends what the figures
    # before it are; not "a baseline of up to 3,000" nor "burst up to 3,000"
    if trailing and _A_UNIT.search(before_cue[: trailing.start()]):
        own = own[cues[-1].start() :]
    if _NEED_BEFORE.search(clause, max(0, start - 30), start):
        return False  # "a boot volume needing 100,000 IOPS": what a volume needs, not up to
    return not _NOT_MAX.search(own[-30:]) and not EXAMPLE_MARKERS.search(own)


# a need right before its figure ("needing 100,000", "requires 40k"), not "needs up to 64,000"
_NEED_BEFORE = re.compile(r"\b(?:need(?:s|ed|ing)?|requir\w+|want(?:s|ed|ing)?)\s+(?:about\s+|around\s+|~\s*)?$", re.I)
_A_UNIT = re.compile(r"[KMGT]i?B/s|MB/s|\bIOPS\b|\bGi?B\b", re.I)
_MAX_CUE = re.compile(
    r"\b(?:max(?:imum)?|up\s+to|peaks?\s+at|maxes\s+out|tops?\s+out|caps?\s+(?:out\s+)?at|capped\s+at)\b", re.I
)


def _condition(after: str) -> str:
    m = _CONDITION.match(after)
    if not m:
        return ""
    text = clean(m.group(1) or m.group(2) or m.group(3) or "")
    return "" if _NOT_A_CONDITION.match(text) or _MEDIA.fullmatch(text) else text


def boot_statements(statements: Sequence[Statement]) -> Iterator[BootStatement]:
    """What the notes say of volume types wherever they say it, for every volume of
    the notes: (line, types or media, can boot, only, media). Sentences about booting
    ("only gp2/gp3 and io1/io2 can be boot volumes", "only SSD volumes can boot")
    give `can boot`; a type named with its media ("GP2 (SSD)", "Cold HDD (sc1)") gives
    `media`, and None for `can boot`."""
    for st in statements:
        if st.kind == "row" or not _types(st.text) and not _BOOT.search(st.text):
            continue
        arrowed = arrow_lines(st)  # an arrow outline: each line says its own
        for sentence in arrowed.split("\n") if arrowed else (said for _offset, said in sentences(st.text)):
            if _BOOT.search(sentence):
                # "only SSD types can be boot volumes → st1/sc1 ❌": what boots, then what does not
                parts = re.split(r"\s(?:→|->|=>)\s", sentence, maxsplit=1)
                said, then = parts[0], parts[1] if len(parts) > 1 else ""
                if then and not _BOOT.search(then) and _types(then) and _MARKED_NOT.search(then):
                    yield st.line, _types(then), False, False, None
                    sentence = said
                named = _types(sentence) or tuple(m.upper() for m in _MEDIA.findall(sentence))
                if named:
                    only = bool(re.search(r"\bonly\b", sentence, re.I))
                    yield st.line, named, not _NOT_BOOT.search(sentence), only, None
                continue
            for clause in _CLAUSE.split(sentence):
                types = _types(clause or "")
                media = _one_media(clause or "") or (_one_media(st.parent) if types and not _types(st.parent) else None)
                if types and media:
                    yield st.line, types, None, False, media


@lru_cache(maxsize=4096)
def _types(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for m in EBS_TYPE_PATTERN.finditer(text):
        name = ebs_type_name(m.group(1))
        if name not in seen:
            seen.append(name)
    return tuple(seen)


def _heading_types(section: Section) -> tuple[str, ...]:
    """The volume types a section is about: those its own heading names, unless it
    compares them ("gp2 vs gp3")."""
    return () if _COMPARISON.search(section.title) else _types(section.title)


def _one_media(text: str) -> str | None:
    """SSD or HDD when the text names exactly one of them."""
    found = {m.upper() for m in _MEDIA.findall(text)}
    return found.pop() if len(found) == 1 else None


_DESCRIPTION_END = re.compile(
    r"\b(?:max(?:imum)?|up\s+to|peaks?|tops?\s+out|maxes\s+out|P?IOPS\b(?=\s*(?:\(|:|=|is\b|of\b|\d)))\b"
    r"|(?<![\w.])\d",
    re.I,
)


def _description(text: str) -> str:
    """What the notes say of a type before its figures: "io1/io2 - Highest performance
    SSD. Max IOPS: 64000" -> "Highest performance SSD"."""
    text = EBS_TYPE_PATTERN.sub("", text)
    end = _DESCRIPTION_END.search(text)
    text = text[: end.start()] if end else text
    text = re.sub(r"\(\s*(?:SSD|HDD)?[\s/,&]*\)", "", text, flags=re.I)
    text = re.sub(r"^[\s/,&]+|\b(?:and|or)\s*$|[\s(\[]+$", "", text.strip())
    text = clean(text).rstrip(".")
    # "io1 have 64k" or "ebs gp2 have max 16k" say nothing of the type
    return text if len(text.split()) > 1 and re.search(r"[^\W\d_]{5}|\b[A-Z]", text) else ""


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row of a table with an IOPS column."""
    # "Max IOPS per volume" before "Baseline IOPS" or "IOPS:GiB ratio", wherever they stand
    iops_col = st.column(
        r"max\w*\b.*iops|iops.*\bmax",
        r"^(?!.*(?:baseline|\bbase\b|\bmin|burst|ratio|per\s|[/:]\s*gi?b)).*iops",
        r"iops",
    )
    if iops_col is None:
        yield from _from_column_row(section, st)
        return
    type_col = st.column(r"^(?!.*iops).*(?:type|volume|name)")  # not "Max IOPS per volume"
    type_col = 0 if type_col is None else type_col
    media_col = st.column(r"media|disk|ssd|hdd|kind")
    boot_col = st.column(r"boot")
    desc_col = st.column(r"use|description|notes?|best for|good for")
    # "| General Purpose SSD | gp3 | ...": the type's name may stand in a column of its own
    types = _types(st.cell(type_col))
    name_col = st.column(r"\b(?:api|code|id|short)\b", r"name")
    if not types and name_col is not None and name_col != type_col:
        types = _types(st.cell(name_col))
        # "| Provisioned IOPS SSD (Block Express) | io2 |": the type column says which io2
        if types == ("io2",) and re.search(r"\bblock\s+express\b", st.cell(type_col), re.I):
            types = ("io2 Block Express",)
    iops_cell = st.cell(iops_col)
    # "64,000 (50:1)": the aside in brackets is another figure, not more digits
    iops = parse_int(re.sub(r"[^\d,.kK \u202f\u00a0]", "", re.sub(r"\s*[(\[].*$", "", iops_cell)))
    if iops is None:
        found = _maxima(f"IOPS {iops_cell}", implied=False)
        iops = max((m.iops for m in found), default=None)
    if not types or iops is None:
        return
    boot_text = st.cell(boot_col).casefold()
    boot = None
    if boot_text:
        boot = boot_text.startswith(("y", "✓", "✔", "true")) or None
        if re.match(r"^(no|n|✗|false|-)", boot_text):
            boot = False
    media = _one_media(st.cell(media_col)) or _one_media(" ".join(st.cells))
    volume = EbsVolume(types, media, iops, st.cell(desc_col).rstrip("."), boot)  # type: ignore[arg-type]
    yield fact("ebs_volume", volume, section, st.line)


def _from_column_row(section: Section, st: Statement) -> Iterator[Fact]:
    """ "| Max IOPS | 16,000 | 64,000 |" under "| | gp2 | io1 |": one volume per column."""
    if not _IOPS_WORD.search(st.cell(0)) or _RATE_AFTER_IOPS.search(st.cell(0)):
        return
    for i, heading in enumerate(st.header[1:], 1):
        types = _types(heading)
        found = _maxima(f"IOPS {st.cell(i)}", implied=False)
        if types and found:
            volume = EbsVolume(types, _one_media(heading), found[0].iops, "", None)  # type: ignore[arg-type]
            yield fact("ebs_volume", volume, section, st.line)


def describe_volume(d: EbsVolume) -> str:
    iops = f"{d.max_iops:,}" if d.max_iops else "?"
    when = f" ({d.condition})" if d.condition else ""
    return f"{'/'.join(d.types)} {d.media or '?'} max {iops} IOPS{when} boot={d.boot}"


def combine_volumes(old: EbsVolume, new: EbsVolume) -> tuple[EbsVolume, str | None]:
    conflict = None
    if new.max_iops and old.max_iops and new.max_iops != old.max_iops:
        conflict = f"max IOPS {new.max_iops:,} for {'/'.join(old.types)}"
    merged = replace(
        old,
        media=old.media or new.media,
        max_iops=old.max_iops or new.max_iops,
        description=old.description or new.description,
        boot=old.boot if old.boot is not None else new.boot,
    )
    return merged, conflict


def merge_volumes(facts: list[Fact], notes: Sequence[BootStatement]) -> tuple[list[Fact], list[Warning]]:
    merged, warnings = merge_same_key(facts, combine_volumes)
    return _apply_notes(merged, notes), warnings


def _apply_notes(facts: list[Fact], notes: Sequence[BootStatement]) -> list[Fact]:
    """Set `media` from "GP2 (SSD)" and `boot` from sentences such as "only gp2/gp3
    and io1/io2 can be boot volumes" or "only SSD volumes can be boot volumes",
    wherever in the notes they are."""
    said: dict[str, bool] = {}
    media_of: dict[str, set[str]] = {}
    only = False
    for _line, named, can_boot, is_only, media in notes:
        for name in named:
            if media:
                media_of.setdefault(name.casefold(), set()).add(media)
            elif can_boot is not None:
                said[name.casefold()] = can_boot
        only = only or bool(is_only and can_boot)
    out = []
    for f in facts:
        vol: EbsVolume = f.data  # type: ignore[assignment]
        if vol.media is None:
            medias = {m for t in vol.types for m in media_of.get(t.casefold(), {"?"})}
            if len(medias) == 1 and "?" not in medias:
                vol = replace(vol, media=medias.pop())  # type: ignore[arg-type]
        # "io2 Block Express" is an io2: what is said of io2 is said of it
        answers = {said[k] for t in vol.types for k in (t.casefold(), t.casefold().split()[0]) if k in said}
        if not answers and vol.media and vol.media.casefold() in said:
            answers = {said[vol.media.casefold()]}
        can_boot = vol.boot
        if can_boot is None and len(answers) == 1:
            can_boot = answers.pop()
        elif can_boot is None and not answers and only:
            can_boot = False  # "only X and Y can boot": the others cannot
        out.append(replace(f, data=replace(vol, boot=can_boot)))
    return out


KIND = Kind(
    name="ebs_volume",
    data_type=EbsVolume,
    rules=(extract_ebs_volumes,),
    description="EBS volume types: SSD or HDD, maximum IOPS, whether they boot",
    describe=describe_volume,
    typed=True,
    merge=merge_volumes,
    names=lambda v: v.types,
)
