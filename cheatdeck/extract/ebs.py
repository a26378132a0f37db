"""EBS volume types: which type, SSD or HDD, how many IOPS at most, whether it boots.

    - io1/io2 - Highest performance SSD. Max IOPS: 64000     one fact for io1/io2
    - **gp3** (SSD) → up to 16,000 IOPS                      64,000 = 64000 = 64k
    | Type | Media | Max IOPS | Boot |                        tables with an IOPS column
    st1 is a throughput-optimized HDD that peaks at 500 IOPS.
    Only gp2/gp3 and io1/io2 can be used as boot volumes.   sets `boot`

A line that names IOPS but gives no number is reported, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cheatdeck.extract.common import cell, clean, column, fact, statements, warning
from cheatdeck.model import EbsVolume, Fact, Section, Warning
from cheatdeck.text import NUMBER_PATTERN, parse_int, plain, sentences
from cheatdeck.vocab import EBS_TYPE_PATTERN

_IOPS_AFTER = re.compile(rf"\bIOPS\b[^0-9\n]{{0,60}}?({NUMBER_PATTERN})", re.I)
_IOPS_BEFORE = re.compile(rf"({NUMBER_PATTERN})\s*(?:max(?:imum)?\s*)?IOPS\b", re.I)
_NOT_MAX = re.compile(r"\b(?:baseline|base|min(?:imum)?|burst(?:s|ing)? (?:to|up to)|credits?)\b", re.I)
_TRAILING_NUMBER = re.compile(rf"(?:up to\s*)?(?:{NUMBER_PATTERN})\s*$")
_IOPS_WORD = re.compile(r"\bIOPS\b", re.I)
# clauses of a sentence, and sentences: "gp3 gives 16,000 IOPS, while io2 gives 64,000"
_CLAUSE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])|;\s*|,?\s+(?:while|whereas)\s+|,\s+and\s+|\s+and\s+(?=[A-Z])")
_MEDIA = re.compile(r"\b(SSD|HDD)s?\b", re.I)
_BOOT = re.compile(r"\bboot(?:able)?\b", re.I)
_NOT_BOOT = re.compile(r"\b(?:not|cannot|can't|can ?not|never)\b[^.]{0,30}\bboot", re.I)


def extract_ebs_volumes(section: Section) -> Iterator[Fact | Warning]:
    for block, line, text in statements(section):
        if not _IOPS_WORD.search(text):
            continue
        lead_types: tuple[str, ...] = ()
        if block.kind == "item" and block.depth > 0:
            lead_types = _types(block.lead)  # "- gp3 (SSD)" over "  - max 16,000 IOPS"
        for volume in _volumes(text, lead_types, plain(block.lead) if lead_types else ""):
            if volume is None:
                yield warning(section, line.number, '"IOPS" without a number after it; write e.g. "Max IOPS: 16000"')
            else:
                yield fact("ebs_volume", volume, section, line.number)
    for block in section.blocks:
        if block.kind == "table":
            yield from _from_table(section, block.header, block.rows)


def _volumes(text: str, lead_types: tuple[str, ...], lead: str) -> Iterator[EbsVolume | None]:
    """The volume types a statement gives a maximum IOPS for, clause by clause:
    "gp2 and gp3 deliver up to 16,000 IOPS, while io1 and io2 go up to 64,000 IOPS".
    A clause that names no type takes the last one named before it ("io1/io2 - SSD.
    Max IOPS: 64000"), or the parent bullet's. None stands for "IOPS" with no number."""
    last_types, last_media, last_unit = lead_types, _media(lead), lead
    for unit in _CLAUSE.split(text):
        types = _types(unit)
        if types:
            last_types, last_unit = types, unit
            last_media = _media(unit) or last_media
        if not _IOPS_WORD.search(unit) or not last_types:
            continue
        iops = _iops(unit)
        if iops is None:
            if not _NOT_MAX.search(unit):  # "gp3 baseline is 3,000 IOPS" is no maximum
                yield None
            continue
        head_types = _types(re.split(r"\s(?:-|–|—|:)\s|:\s", last_unit, maxsplit=1)[0])
        media = _media(unit) or last_media
        yield EbsVolume(tuple(head_types or last_types), media, iops, _description(last_unit), None)


def boot_statements(section: Section) -> Iterator[tuple[int, tuple[str, ...], bool, bool]]:
    """(line, types or media, can_boot, only) for each sentence about which types can
    boot: "only gp2/gp3 and io1/io2 can be boot volumes", "only SSD volumes can boot"."""
    for _block, line, text in statements(section):
        for _offset, sentence in sentences(text):
            if not _BOOT.search(sentence):
                continue
            named = _types(sentence) or tuple(m.upper() for m in _MEDIA.findall(sentence))
            if named:
                only = bool(re.search(r"\bonly\b", sentence, re.I))
                yield line.number, named, not _NOT_BOOT.search(sentence), only


def _types(text: str) -> tuple[str, ...]:
    seen: list[str] = []
    for m in EBS_TYPE_PATTERN.finditer(text):
        name = m.group(1)
        name = name if " " in name else name.lower()
        if name not in seen:
            seen.append(name)
    return tuple(seen)


def _iops(text: str) -> int | None:
    """The largest IOPS figure in the text that is not a baseline or minimum: "a
    baseline of 3,000 IOPS, up to 16,000 IOPS" gives 16000."""
    values = [
        parse_int(m.group(1))
        for pattern in (_IOPS_AFTER, _IOPS_BEFORE)
        for m in pattern.finditer(text)
        if not _NOT_MAX.search(text[max(0, m.start() - 25) : m.start() + len(m.group(0)) - len(m.group(1))])
    ]
    values = [v for v in values if v]
    return max(values) if values else None


def _media(text: str) -> str | None:
    m = _MEDIA.search(text)
    return m.group(1).upper() if m else None  # type: ignore[return-value]


def _description(text: str) -> str:
    text = EBS_TYPE_PATTERN.sub("", text)
    # drop the IOPS figure itself and its "(input/output per second)" gloss
    text = re.sub(r"(?:max(?:imum)?\s*)?IOPS\s*(?:\([^)]*\))?[^,.;]*", "", text, flags=re.I)
    text = _TRAILING_NUMBER.sub("", text.strip())
    text = re.sub(r"^[\s/,]+|\(\s*\)", "", text)
    text = re.sub(r"^\s*\((?:SSD|HDD)\)\s*", "", text, flags=re.I)
    return clean(text).rstrip(".")


def _from_table(section: Section, header: tuple[str, ...], rows) -> Iterator[Fact]:
    iops_col = column(header, r"iops")
    if iops_col is None:
        return
    type_col = column(header, r"type|volume|name")
    type_col = 0 if type_col is None else type_col
    media_col = column(header, r"media|disk|ssd|hdd|kind")
    boot_col = column(header, r"boot")
    desc_col = column(header, r"use|description|notes?|best for|good for")
    for line, cells in rows:
        get = lambda i: cell(cells, i)  # noqa: E731
        types = _types(get(type_col))
        iops = parse_int(re.sub(r"[^\d,.kK \u202f\u00a0]", "", get(iops_col))) or _iops(f"IOPS {get(iops_col)}")
        if not types or iops is None:
            continue
        boot_text = get(boot_col).casefold()
        boot = None
        if boot_text:
            boot = boot_text.startswith(("y", "✓", "✔", "true")) or None
            if re.match(r"^(no|n|✗|false|-)", boot_text):
                boot = False
        media = _media(get(media_col) or " ".join(cells))
        yield fact(
            "ebs_volume",
            EbsVolume(types, media, iops, get(desc_col).rstrip("."), boot),  # type: ignore[arg-type]
            section,
            line.number,
        )
