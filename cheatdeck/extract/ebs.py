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
from collections.abc import Iterator, Sequence
from dataclasses import replace

from cheatdeck.extract.common import clean, fact, warning
from cheatdeck.extract.merge import merge_same_key
from cheatdeck.extract.read import Statement
from cheatdeck.extract.registry import BootStatement, Kind
from cheatdeck.model import EbsVolume, Fact, Section, Warning
from cheatdeck.text import NUMBER_PATTERN, parse_int, sentences
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


def extract_ebs_volumes(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        if not _IOPS_WORD.search(st.text):
            continue
        lead_types: tuple[str, ...] = ()
        if st.kind == "item" and st.depth > 0:
            lead_types = _types(st.parent)  # "- gp3 (SSD)" over "  - max 16,000 IOPS"
        for volume in _volumes(st.text, lead_types, st.parent if lead_types else ""):
            if volume is None:
                yield warning(section, st.line, '"IOPS" without a number after it; write e.g. "Max IOPS: 16000"')
            else:
                yield fact("ebs_volume", volume, section, st.line)


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


def boot_statements(statements: Sequence[Statement]) -> Iterator[BootStatement]:
    """(line, types or media, can_boot, only) for each sentence about which types can
    boot: "only gp2/gp3 and io1/io2 can be boot volumes", "only SSD volumes can boot"."""
    for st in statements:
        if st.kind == "row":
            continue
        for _offset, sentence in sentences(st.text):
            if not _BOOT.search(sentence):
                continue
            named = _types(sentence) or tuple(m.upper() for m in _MEDIA.findall(sentence))
            if named:
                only = bool(re.search(r"\bonly\b", sentence, re.I))
                yield st.line, named, not _NOT_BOOT.search(sentence), only


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


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row of a table with an IOPS column."""
    iops_col = st.column(r"iops")
    if iops_col is None:
        return
    type_col = st.column(r"type|volume|name")
    type_col = 0 if type_col is None else type_col
    media_col = st.column(r"media|disk|ssd|hdd|kind")
    boot_col = st.column(r"boot")
    desc_col = st.column(r"use|description|notes?|best for|good for")
    types = _types(st.cell(type_col))
    iops_cell = st.cell(iops_col)
    iops = parse_int(re.sub(r"[^\d,.kK \u202f\u00a0]", "", iops_cell)) or _iops(f"IOPS {iops_cell}")
    if not types or iops is None:
        return
    boot_text = st.cell(boot_col).casefold()
    boot = None
    if boot_text:
        boot = boot_text.startswith(("y", "✓", "✔", "true")) or None
        if re.match(r"^(no|n|✗|false|-)", boot_text):
            boot = False
    media = _media(st.cell(media_col) or " ".join(st.cells))
    volume = EbsVolume(types, media, iops, st.cell(desc_col).rstrip("."), boot)  # type: ignore[arg-type]
    yield fact("ebs_volume", volume, section, st.line)


def describe_volume(d: EbsVolume) -> str:
    iops = f"{d.max_iops:,}" if d.max_iops else "?"
    return f"{'/'.join(d.types)} {d.media or '?'} max {iops} IOPS boot={d.boot}"


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


def merge_volumes(facts: list[Fact], boot: Sequence[BootStatement]) -> tuple[list[Fact], list[Warning]]:
    merged, warnings = merge_same_key(facts, combine_volumes)
    return _apply_boot(merged, boot), warnings


def _apply_boot(facts: list[Fact], boot: Sequence[BootStatement]) -> list[Fact]:
    """Set `boot` from sentences such as "only gp2/gp3 and io1/io2 can be boot volumes"
    or "only SSD volumes can be boot volumes", wherever in the notes they are."""
    said: dict[str, bool] = {}
    only = False
    for _line, named, can_boot, is_only in boot:
        for name in named:
            said[name.casefold()] = can_boot
        only = only or (is_only and can_boot)
    out = []
    for f in facts:
        vol: EbsVolume = f.data  # type: ignore[assignment]
        answers = {said[t.casefold()] for t in vol.types if t.casefold() in said}
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
)
