"""DNS record types and what each one means.

    Record types of Route 53
    - A : maps a hostname to IPv4            "TYPE : meaning", "TYPE - meaning",
    - **MX** → mail servers for the domain    "TYPE → meaning", "TYPE record: meaning"
    | Record | Purpose |                      tables with a record/type column
    An MX record tells mail where to go.      prose: "A/An TYPE record <verb> ..."

Types that are also ordinary words (A, NS, TXT, Alias) are only read where the
headings or the list's lead-in talk about DNS or records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from cheatdeck.extract.common import clean, fact
from cheatdeck.extract.read import Statement, context
from cheatdeck.extract.registry import Kind
from cheatdeck.model import DnsRecord, Fact, Section
from cheatdeck.text import normalise
from cheatdeck.vocab import AMBIGUOUS_RECORD_TYPES, DNS_RECORD_TYPES

_TYPES = "|".join(sorted(DNS_RECORD_TYPES, key=len, reverse=True))
_ENTRY = re.compile(rf"^(?:an?\s+)?({_TYPES})(?:\s+records?)?\s*(?::|=|->|→|—|–|-)\s*(.+)$", re.IGNORECASE)
_PROSE = re.compile(
    rf"\b(?:an?|the)\s+({_TYPES})\s+records?\s+((?:is|are|maps?|points?|holds?|stores?|"
    rf"specif(?:y|ies)|tells?|lists?|contains?|returns?|routes?|gives?|defines?|names?|does|translates?|"
    rf"resolves?|delegates?|identif(?:y|ies)|verif(?:y|ies)|sends?|directs?)\b.+?)(?=[.;]\s|[.;]?$|,\s+(?:and|while)\s)",
    re.IGNORECASE,
)
_EXPLICIT = re.compile(rf"^(?:an?\s+)?(?:{_TYPES})\s+records?", re.I)  # "MX record: ..."
_DNS_CONTEXT = re.compile(r"\b(dns|records?|route ?53|zone|resolver|domain)\b", re.I)


def extract_dns_records(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        text = st.text
        in_dns = _DNS_CONTEXT.search(context(section, st)) is not None
        if _ENTRY.match(text):
            found = [_entry(text, in_dns)]
        else:  # prose: a line may describe several record types
            found = list(_prose_records(text))
        if not any(found) and st.kind == "item" and st.depth > 0:
            # "- CNAME" over "  - maps a name to another name"
            found = [_entry(f"{st.parent.rstrip(' :')} : {text}", in_dns)]
        for record in found:
            if record:
                yield fact("dns_record", record, section, st.line)


def _canonical(record_type: str) -> str:
    upper = record_type.upper()
    return "Alias" if upper == "ALIAS" else upper


def _entry(text: str, in_dns_context: bool) -> DnsRecord | None:
    m = _ENTRY.match(text)
    if m:
        written = m.group(1)
        record_type = _canonical(written)
        explicit = _EXPLICIT.match(text)
        if not written.isupper() and record_type != "Alias":
            return None  # "a - ..." or "ns: ..." in prose are not record types
        if record_type.upper() in AMBIGUOUS_RECORD_TYPES and not (in_dns_context or explicit):
            return None
        meaning = clean(m.group(2))
        return DnsRecord(record_type, meaning) if meaning else None
    m = _PROSE.search(text)
    if m and m.group(1).isupper():
        return DnsRecord(_canonical(m.group(1)), clean(m.group(2)).rstrip("."))
    return None


def _prose_records(text: str) -> Iterator[DnsRecord]:
    """Every "a/an/the TYPE record <verb> ..." clause of a prose line. "...and an AAAA
    record does the same for IPv6" is spelled out from the record before it."""
    previous: DnsRecord | None = None
    for m in _PROSE.finditer(text):
        if m.group(1).isupper():
            meaning = clean(m.group(2)).rstrip(".")
            same = re.match(r"^(?:does|is) the same (?:thing )?for (.+)$", meaning, re.I)
            if same and previous:
                meaning = f"{previous.meaning}, but for {same.group(1)}"
            elif same:
                continue  # "the same" as nothing the line says
            previous = DnsRecord(_canonical(m.group(1)), meaning)
            yield previous


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row of a table with a record or type column."""
    cols = [h.casefold() for h in st.header]
    type_col = st.column(r"record|type")
    if type_col is None:
        return
    meaning_col = next(
        (i for i, h in enumerate(cols) if i != type_col and re.search(r"mean|purpose|use|what|desc|maps", h)),
        next((i for i in range(len(cols)) if i != type_col), None),
    )
    if meaning_col is None or max(type_col, meaning_col) >= len(st.cells):
        return
    written = re.sub(r"\s+records?$", "", st.cells[type_col], flags=re.I)
    if written.upper() not in DNS_RECORD_TYPES or not written.isupper() and written != "Alias":
        return
    meaning = st.cells[meaning_col]
    if meaning:
        yield fact("dns_record", DnsRecord(_canonical(written), meaning), section, st.line)


def describe_record(d: DnsRecord) -> str:
    return f"{d.type}: {d.meaning}".replace("\n", " / ")


def combine_records(old: DnsRecord, new: DnsRecord) -> tuple[DnsRecord, None]:
    if normalise(new.meaning) in normalise(old.meaning):
        return old, None
    return replace(old, meaning=f"{old.meaning}\n{new.meaning}"), None


KIND = Kind(
    name="dns_record",
    data_type=DnsRecord,
    rules=(extract_dns_records,),
    description="DNS record types and what each one is for",
    describe=describe_record,
    typed=True,
    combine=combine_records,
)
