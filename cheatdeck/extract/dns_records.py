"""DNS record types and what each one means.

    Record types of Route 53
    - A : maps a hostname to IPv4             "TYPE : meaning", "TYPE - meaning",
    - **MX** → mail servers for the domain     "TYPE → meaning", "TYPE record: meaning"
    - **NS (Name Server)**: the zone's servers an expansion after the type or before it
    - Mail Exchange (MX): where mail goes
    | Record | Purpose |                       tables with a record/type/abbreviation
    An MX record tells mail where to go.       prose: "[a/the] TYPE record(s) <verb> ...",
    "A" records are the basic type.            quoted, plural, or "Canonical Name (CNAME)"
    Alias records                              a lead-in, parent bullet or heading that
    - map a name to an AWS resource            names a type: what is listed under it
    What is an MX record? It routes mail.      a question about a record type, its answer

Types that are also ordinary words (A, NS, TXT, Alias) are only read where the
headings or the list's lead-in talk about DNS or records, or the text says "record";
HTTPS only where the text says "record".
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import lru_cache

from cheatdeck.extract.common import clean, fact
from cheatdeck.extract.read import Statement, context, goes_on, prose
from cheatdeck.extract.read_qa import QA, read_qa
from cheatdeck.extract.registry import Kind
from cheatdeck.model import DnsRecord, Fact, Section
from cheatdeck.text import OPEN_WORDS, normalise, plain, sentences
from cheatdeck.vocab import AMBIGUOUS_RECORD_TYPES, DNS_RECORD_TYPES

_TYPES = "|".join(sorted(DNS_RECORD_TYPES, key=len, reverse=True))
_EXPANSION = r"(?:\s*\([^()]{1,40}\))?"  # "NS (Name Server)"
_SEPARATOR = r"\s*(?::|=|->|→|—|–|-)\s*"
_ENTRY = re.compile(
    rf"^(?:an?\s+)?(?:(?:[A-Z][\w-]*\s+){{1,4}}\(({_TYPES})\)|({_TYPES}){_EXPANSION})(?:\s+records?)?{_EXPANSION}"
    rf"{_SEPARATOR}(.+)$",
    re.IGNORECASE,
)
# "A = IPv4, AAAA = IPv6": the next record type's own entry on the same line
_NEXT_TYPE = re.compile(rf"(?:[,;]|\s\|)\s+(?=(?:{_TYPES})\s*(?:=|:|→|->|\s[-–—])\s)")
_VERB = (
    r"is|are|maps?|points?|holds?|stores?|specif(?:y|ies)|tells?|lists?|contains?|returns?|routes?|gives?|defines?|"
    r"names?|does|do|translates?|resolves?|delegates?|identif(?:y|ies)|verif(?:y|ies)|sends?|directs?|can|could|may|"
    r"must|should|will|allows?|lets?|enables?|offers?|provides?|helps?|links?|associates?|connects?|indicates?|"
    r"describes?|redirects?|forwards?|aliases|creates?|handles?|supports?|serves?|carr(?:y|ies)|work|works|only"
)
# "[a/an/the] [Canonical Name (]TYPE[)] record(s) <verb> ...", the type maybe in quotes
_PROSE = re.compile(
    rf"(?:\b(an?|the)\s+)?(?:((?:[A-Z][\w-]*\s+){{1,4}})\(\s*)?([\"'“‘]?)\b({_TYPES})\b[\"'”’]?\)?{_EXPANSION}\s+records?\s+"
    rf"((?:{_VERB})\b.+?)(?=[.;]\s|[.;]?$|,\s+(?:and|while)\s"
    rf"|,?\s+(?:and|while|but|whereas)\s+(?:an?\s+|the\s+)?[\"'“‘]?(?:{_TYPES})\b[\"'”’]?"
    rf"\s+(?:records?|does|is|maps|points|holds)\b)",
    re.IGNORECASE,
)
# a heading, lead-in or parent bullet that only names a type: "MX records:", "**CNAME**",
# "📧 MX Record", "Alias Records", "Mail Exchange (MX)"
_NAMES_TYPE = re.compile(
    rf"^(?:(?:[A-Z][\w-]*\s+){{1,4}}\(({_TYPES})\)|({_TYPES})(?:s|'s)?{_EXPANSION})(?:\s+records?(?:\s+types?)?)?"
    rf"{_EXPANSION}\s*:?$",
    re.IGNORECASE,
)
_EXPLICIT = re.compile(rf"^(?:an?\s+)?(?:{_TYPES}){_EXPANSION}\s+records?", re.I)  # "MX record: ..."
_MEANING_COLUMN = r"mean|purpose|use|what|desc|maps|points|resolves|routes|for|function|role|does|explan|defin|detail"
# a column that spells the type out ("Stands for", "Full name") says what it is called, not for
_NAME_COLUMN = r"stands|expan|full name|acronym|\bname\b"
# what the types stand for, to tell "Canonical Name (CNAME) can be used to ..." from any
# word in brackets
_EXPANSIONS = {
    "CNAME": r"canonical name",
    "MX": r"mail exchanger?",
    "SOA": r"start of authority",
    "NS": r"name ?servers?",
    "PTR": r"pointer",
    "CAA": r"certi(?:fication|ficate) authority authori[sz]ation",
    "SPF": r"sender policy framework",
    "NAPTR": r"naming authority pointer",
    "SRV": r"service(?: locator)?",
    "TXT": r"text",
    "AAAA": r"quad a|ipv6 address",
}
_EXPANDED = re.compile(
    rf"(?:((?:[A-Za-z][\w-]*\s+){{1,4}})\(\s*({_TYPES})\s*\)|\b({_TYPES})\s*\(([^()]{{2,40}})\))\s+"
    rf"((?:{_VERB})\b.+?)(?=[.;]\s|[.;]?$|,\s+(?:and|while)\s"
    rf"|,?\s+(?:and|while|but|whereas)\s+(?:an?\s+|the\s+)?[\"'“‘]?(?:{_TYPES})\b[\"'”’]?"
    rf"\s+(?:records?|does|is|maps|points|holds)\b)",
    re.IGNORECASE,
)
_VALUE_COLUMN = r"example|value|target|ttl|\bip\b|data|address|host"  # what a record holds, not is
_TYPE_IN_BRACKETS = re.compile(rf"\(\s*(?:{_TYPES})\s*\)|\b(?:{_TYPES})\s*\(")  # the quick test first
# record types named after a protocol: only a record where the notes say "record"
_PROTOCOL_NAMES = frozenset({"HTTPS"})
_RECORD_WORD = re.compile(r"\brecords?\b", re.I)
_DNS_CONTEXT = re.compile(r"\b(dns|records?|route ?53|zone|resolver|domain)\b", re.I)
# "These records point ...", "it is an extension ...": words that only point back at the type
_FILLER = re.compile(
    r"^(?:(?:these|this|the|such)\s+records?\s+(?=\w)|(?:it|this)\s+is\s+(?=an?\s)|it['’]s\s+(?=an?\s))", re.I
)
_LEADING_MARK = re.compile(r"^[^\w\"'“‘(]+")
# "What is an MX record?", "What does a CNAME record do?", "What is the purpose of a TXT record?"
_ASKS_ABOUT = re.compile(
    rf"^(?:what|why)\b.*?\b(?:an?|the)\s+\"?({_TYPES})\"?\s+records?\b(?:\s+(?:do|for|used for|mean))?\s*\??$", re.I
)
# "Which record maps a name to IPv6?", "Record used for email routing?": the answer names the type
_ASKS_WHICH = re.compile(
    r"^(?:(?:which|what)\s+(?:dns\s+)?(?:record|type)(?:\s+type)?\s+(?:is\s+)?)|^records?(?:\s+types?)?\s+", re.I
)


_ANSWER_LABEL = re.compile(r"^\s*A\s*[:.)]")
_ASKED = re.compile(r"^\s*(?:Q|Question)\s*\d*\s*[:.)]|\?\s*$", re.I)


def _answers_previous(statements: Sequence[Statement], n: int) -> bool:
    """Whether statement n is "A: ..." right after a question ("Q: ..." or "...?")."""
    return (
        n > 0
        and _ANSWER_LABEL.match(statements[n].text) is not None
        and _ASKED.search(statements[n - 1].text) is not None
    )


def extract_dns_records(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    for found in _records(section, statements):
        record = getattr(found, "data", None)
        if isinstance(record, DnsRecord) and _RULE_IF.match(record.meaning):
            # "If mail server → MX": the rule's "If" is no part of what the record is for
            found = replace(found, data=replace(record, meaning=_RULE_IF.sub("", record.meaning, count=1)))
        yield found


# a rule's condition, "If mail server → MX": its "If" before the words of the meaning
_RULE_IF = re.compile(r"^\s*If\s+(?=\S)")


def _records(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    above = " / ".join(section.heading_path[:-1])  # "### Alias" under "## Route 53"
    heading_type = _named_type(section.title, in_dns=_DNS_CONTEXT.search(above) is not None)
    first_run = _first_run(statements)
    # a paragraph's sentence with the lines it wraps onto ("An **A record** maps a name
    # to an IPv4 address and an" / "**AAAA record** maps ..."), read from its first line
    sentence_at = {st.line: st.text for st in prose(statements) if st.kind == "line"}
    lines = [st for st in statements if st.kind == "line"]
    heads = sorted(sentence_at)
    read_with_head: set[int] = set()
    for n, st in enumerate(statements):
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        text = st.text
        if _answers_previous(statements, n):
            continue  # "Q: ...?" then "A: sync standby ...": an answer's label, not an A record
        in_dns = _DNS_CONTEXT.search(context(section, st)) is not None
        asks = "?" in text or _STEP_OR_PICK.match(text) is not None
        read_last = in_dns and not asks and _LAST_TYPE.search(text) is not None
        parts = _PART_SPLIT.split(text) if read_last else []
        named_last = [_meaning_first(part) for part in parts]
        if any(named_last):
            # "mail servers → MX (lower priority wins)", "Record for SPF = TXT · reverse
            # lookup → PTR": what a type does, then the type
            for record in named_last:
                if record:
                    yield fact("dns_record", record, section, st.line)
            if all(named_last):
                continue
            # the line's other parts ("MX = mail servers") are read below, by themselves
            text = " · ".join(part for part, record in zip(parts, named_last, strict=True) if not record)
        if _ENTRY.match(text):
            if st.kind == "line":
                # "think **Alias record** — it is an extension, it works at the apex and" /
                # "queries to it are free.": an entry whose sentence wraps on
                text = _sentence_on(st, lines)
            found = [_entry(part, in_dns) for part in _NEXT_TYPE.split(text)]
        elif st.line in read_with_head:
            continue  # the rest of a sentence read from the line it starts on
        elif st.kind == "line" and st.line in sentence_at and _RECORD_WORD.search(sentence_at[st.line]):
            # prose: a sentence may describe several record types, each said on its own line
            joined = sentence_at[st.line]
            later = [line for line in lines if st.line < line.line < next((h for h in heads if h > st.line), 1 << 30)]
            starts = list(itertools.accumulate((len(line.text) + 1 for line in [st, *later]), initial=0))
            placed = list(_prose_records(joined, in_dns))
            for start, record in placed:
                k = bisect.bisect_right(starts, start) - 1
                yield fact("dns_record", record, section, [st, *later][min(k, len(later))].line)
            if placed:
                read_with_head.update(line.line for line in later)
                continue
            found = list(_bracketed(text, in_dns))
        elif _RECORD_WORD.search(text):  # prose: a line may describe several record types
            found = [record for _start, record in _prose_records(text, in_dns)] or list(_bracketed(text, in_dns))
        elif "(" in text and _TYPE_IN_BRACKETS.search(text):
            found = list(_expanded(text)) or list(_bracketed(text, in_dns))
        elif in_dns and st.kind == "item":
            # "- SRV holds a service's host and port", "- MX points at mail servers, TXT holds text"
            found = [_said_by_verb(part) for part in _NEXT_VERB.split(text)]
        else:
            found = []
        if not any(found) and (heading_type and n < first_run or st.kind == "item" and (st.depth or st.lead)):
            found = [_listed_under(section, st, in_dns, heading_type, n < first_run)]
        for record in found:
            if record:
                yield fact("dns_record", record, section, st.line)
    for qa in read_qa(section, tuple(statements)):
        record = _from_qa(qa)
        if record:
            yield fact("dns_record", record, section, qa.line)


# "map a name to IPv4 → A", "Record listing the mail servers = MX (lowest number first)":
# a type after what it does, as the answer of a line (one type; "→ A / AAAA" says two)
_MEANING_FIRST = re.compile(
    rf"^(.+?\S)\s*(?:→|->|=>|=)\s*\**\s*({_TYPES})\s*\**(?:\s+records?)?\s*(?:\(([^()]{{1,60}})\))?\s*[.!]?\s*$",
    re.I,
)
_LAST_TYPE = re.compile(rf"(?:→|->|=)\s*\**\s*(?:{_TYPES})\b", re.I)
_PART_SPLIT = re.compile(r"\s+[·|]\s+|;\s+")
# a step of a procedure ("2. Create record: ...") or a practice question's pick ("Q1 ... → A")
_STEP_OR_PICK = re.compile(r"^\s*(?:\d+[.)]\s|q\d+\b|step\b)", re.I)
# "Record that ...", "DNS record type used for ...": the words that only say it is a record
_RECORD_LEAD = re.compile(r"^(?:the\s+|a\s+)?(?:dns\s+)?records?(?:\s+types?)?\s+(?:that\s+|which\s+)?", re.I)


def _meaning_first(text: str) -> DnsRecord | None:
    """ "reverse lookup (IP → name) = PTR": what a type does, then the type written in
    capitals (or "Alias"); what it does names no type of its own."""
    m = _MEANING_FIRST.match(text.strip())
    if not m:
        return None
    written = m.group(2)
    if not (written.isupper() or written.casefold() == "alias") or written.upper() in _PROTOCOL_NAMES:
        return None
    if written == "A" and not re.search(r"\brecord|\bipv4|\baddress", text, re.I):
        return None  # "→ A" is as often an answer's letter; an A record is said as one
    if re.search(r":|\brecord\s+type\b|\bTTL\b|\bhealth\b", m.group(1), re.I):
        return None  # "Create record: name www, record type = A": a form's field, no meaning
    meaning = clean(_RECORD_LEAD.sub("", clean(m.group(1))))
    if len(meaning.split()) < 2 or re.search(rf"(?<![\w-])(?:{_TYPES})(?![\w-])", meaning):
        return None  # "A / AAAA", "CNAME vs Alias = ...": more than one type, or no meaning
    if m.group(3):
        meaning = f"{meaning} ({m.group(3).strip()})"
    # "Record listing the mail servers": what it does, said as the cards say it
    lead = meaning.split(None, 1)
    verb = _AS_VERB.get(lead[0].casefold())
    meaning = f"{verb} {lead[1]}" if verb and len(lead) > 1 else meaning
    return DnsRecord(_canonical(written), meaning)


_AS_VERB = {
    "listing": "lists", "mapping": "maps", "pointing": "points", "holding": "holds", "storing": "stores",
    "saying": "says", "giving": "gives", "routing": "routes", "returning": "returns", "naming": "names",
    "telling": "tells", "specifying": "specifies", "identifying": "identifies", "verifying": "verifies",
    "delegating": "delegates", "translating": "translates", "resolving": "resolves", "defining": "defines",
}  # fmt: skip


_OPEN_END = re.compile(rf"(?:,|(?<![\w-])(?:{OPEN_WORDS}|but))$", re.I)  # "… it works at the apex and"


def _sentence_on(st: Statement, lines: Sequence[Statement]) -> str:
    """A paragraph line with the lines its last sentence wraps onto, to that sentence's end."""
    text, last = st.text, st
    for following in lines[lines.index(st) + 1 :]:
        if following.block is not st.block or not goes_on(last, following):
            break
        if not (following.text[:1].islower() or _OPEN_END.search(last.text)):
            break  # "CAA - lists the CAs ..." / "CDN - CloudFront": an entry a line
        text, last = f"{text} {following.text}", following
    if last is st:
        return text
    ends = [offset for offset, _sentence in sentences(text) if offset >= len(st.text)]
    return text[: ends[0]].rstrip().rstrip(".") if ends else text


def _canonical(record_type: str) -> str:
    upper = record_type.upper()
    return "Alias" if upper == "ALIAS" else upper


@lru_cache(maxsize=4096)
def _named_type(text: str, in_dns: bool) -> str | None:
    """The record type a heading, lead-in or parent bullet names and nothing else. A
    type that is also a word ("HTTPS", "NS") needs DNS notes or the word "record"."""
    m = _NAMES_TYPE.match(_LEADING_MARK.sub("", plain(text)).strip())
    if not m:
        return None
    written = m.group(1) or m.group(2)
    if m.group(2) and not written.isupper() and written.casefold() != "alias":
        return None
    says_record = re.search(r"\brecords?\b", text, re.I) is not None
    if written.upper() in _PROTOCOL_NAMES and not says_record:
        return None
    if written.upper() in AMBIGUOUS_RECORD_TYPES and not (in_dns or says_record):
        return None
    return _canonical(written)


def _first_run(statements: Sequence[Statement]) -> int:
    """How many statements open a section and say one thing: its first line, or its first
    list's items with their lead-in (what a heading naming a type describes)."""
    if not statements or statements[0].kind != "item":
        return min(len(statements), 1)
    n = 1
    while n < len(statements) and statements[n].kind == "item" and statements[n].lead == statements[0].lead:
        n += 1
    return n


def _listed_under(
    section: Section, st: Statement, in_dns: bool, heading_type: str | None, first: bool
) -> DnsRecord | None:
    """ "- CNAME" over "  - maps a name to another name", "Alias records" over a list, or
    a heading "### MX Record" over the sentence that explains it."""
    if st.kind == "item" and st.depth > 0:
        record_type = _named_type(st.parent, in_dns)
    elif st.kind == "item" and st.lead:
        record_type = _named_type(st.lead, in_dns)
    else:
        record_type = None
    if record_type is None and heading_type and first and (st.kind == "item" or not _named_type(st.text, in_dns)):
        record_type = heading_type
    if record_type is None or st.kind == "line" and st.text.endswith(":"):
        return None  # "Used for:" over a list says nothing by itself
    meaning = clean(_FILLER.sub("", st.text))
    if not meaning:
        return None
    return DnsRecord(record_type, meaning)


# "SRV holds a service's host and port", "CAA says which CAs may issue": a type in
# capitals and what it does, with no word "record"
_TYPE_VERBS = (
    r"(?:holds?|says?|stores?|maps?|points?|specif(?:y|ies)|lists?|gives?|returns?|resolves?|translates?|"
    r"delegates?|identif(?:y|ies)|verif(?:y|ies)|tells?|contains?|defines?|routes?|describes?|restricts?)\b"
)
_TYPE_VERB = re.compile(rf"^({_TYPES})\s+({_TYPE_VERBS}.+)$")
# "MX points at mail servers, TXT holds text", "NS lists the servers and SOA holds ...":
# the next type's own statement (a type in capitals)
_NEXT_VERB = re.compile(rf"(?:[,;]|\s\|)\s+(?=(?:{_TYPES})\s)|\s+and\s+(?=(?:{_TYPES})\s+{_TYPE_VERBS})")


def _said_by_verb(text: str) -> DnsRecord | None:
    m = _TYPE_VERB.match(text)
    if not m or m.group(1).upper() in ("A", "HTTPS") or not m.group(1).isupper():
        return None  # "A points system ...": an article; HTTPS is the protocol too
    meaning = clean(_FILLER.sub("", clean(m.group(2)))).rstrip(".")
    if not meaning or re.match(r"\w+\s+(?:it|them)\b|(?:the\s+)?same\b|also\b", meaning, re.I):
        return None  # "AAAA maps it to IPv6", "AAAA is the same for IPv6": what it is, is said before
    return DnsRecord(_canonical(m.group(1)), meaning)


def _entry(text: str, in_dns_context: bool) -> DnsRecord | None:
    m = _ENTRY.match(text)
    if not m:
        return None
    written = m.group(1) or m.group(2)
    record_type = _canonical(written)
    explicit = _EXPLICIT.match(text)
    if m.group(2) and not written.isupper() and record_type != "Alias":
        return None  # "a - ..." or "ns: ..." in prose are not record types
    if record_type.upper() in _PROTOCOL_NAMES and not explicit:
        return None  # "HTTPS - port 443" under "Route 53 health checks" is the protocol
    if record_type.upper() in AMBIGUOUS_RECORD_TYPES and not (in_dns_context or explicit):
        return None
    meaning = clean(_FILLER.sub("", clean(m.group(3))))
    return DnsRecord(record_type, meaning) if meaning else None


def _expanded(text: str) -> Iterator[DnsRecord]:
    """ "A Canonical Name (CNAME) can be used to ...": a type with its own expansion,
    followed by what it does, needs no word "record"."""
    for m in _EXPANDED.finditer(text):
        written = m.group(2) or m.group(3)
        expansion = m.group(1) or m.group(4)
        stands_for = _EXPANSIONS.get(written.upper())
        if written.isupper() and stands_for and re.search(rf"(?:^|\s){stands_for}$", expansion.strip(), re.I):
            yield DnsRecord(written, re.sub(r"^(?:is|are)\s+", "", clean(m.group(5)).rstrip("."), flags=re.I))


def _bracketed(text: str, in_dns: bool) -> Iterator[DnsRecord]:
    """ "record types: A (IPv4) | AAAA (IPv6) | CNAME (name → name, not at the apex)": a
    list of types, each with what it does in brackets, in DNS context or after a lead
    that names records; three such parts at least, or it is no such list."""
    lead = re.match(r"^([^:()|]{1,40}):\s+", text)
    if not (in_dns or lead and _RECORD_WORD.search(lead.group(1))):
        return
    body = text[lead.end() :] if lead else text
    parts, depth, start = [], 0, 0
    for i, c in enumerate(body):
        depth += (c == "(") - (c == ")")
        if depth == 0 and c in "|,;":
            parts.append(body[start:i].strip())
            start = i + 1
    parts.append(body[start:].strip())
    found = [
        m
        for m in (_TYPE_AND_BRACKET.fullmatch(p) for p in parts)
        if m and (m.group(1).isupper() or m.group(1).casefold() == "alias")
    ]
    if len(found) < 3:
        return
    for m in found:
        if not _RESTRICTION.match(m.group(2)):  # "CNAME (not at apex)": what it may not do, not what it does
            yield DnsRecord(_canonical(m.group(1)), clean(m.group(2)))


_RESTRICTION = re.compile(r"\s*(?:not|no|never|can't|cannot|isn't|✘|❌)\b", re.I)


_TYPE_AND_BRACKET = re.compile(rf"(?:also\s+)?({_TYPES})\s*\(([^()]+(?:\([^()]*\)[^()]*)*)\)\.?", re.I)


_ELLIPTIC = re.compile(r"^(?:can|cannot|can't|do|does|don't|will|won't|is|isn't|are|aren't|must)\s*[,;.]", re.I)


def _prose_records(text: str, in_dns: bool) -> Iterator[tuple[int, DnsRecord]]:
    """Every "a/an/the TYPE record <verb> ..." clause of a prose line, with where it
    starts. "...and an AAAA record does the same for IPv6" is spelled out from the record
    before it."""
    previous: DnsRecord | None = None
    for m in _PROSE.finditer(text):
        article, expansion, quote, written = m.group(1), m.group(2), m.group(3), m.group(4)
        if not (written.isupper() or written.casefold() == "alias" or expansion):
            continue  # "an a record", "the ns record" are not how types are written
        if written == "A" and not (article or quote or expansion or in_dns):
            continue  # "A record is kept of ...": the article "a", not the type
        meaning = re.sub(r"^(?:is|are)\s+", "", clean(m.group(5)).rstrip("."), flags=re.I)
        if _ELLIPTIC.match(meaning):
            continue  # "Alias records can, they're free ...": a verb whose rest is said before
        same = re.match(r"^(?:does|is) the same (?:thing )?for (.+)$", meaning, re.I)
        if same and previous:
            meaning = f"{previous.meaning}, but for {same.group(1)}"
        elif same:
            continue  # "the same" as nothing the line says
        previous = DnsRecord(_canonical(written), meaning)
        yield m.start(), previous


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row of a table with a record, type or abbreviation column and a column that
    says what it is for (or only one other column)."""
    cols = [h.casefold() for h in st.header]
    type_col = st.column(r"record|type|abbrev")
    if type_col is None:
        return
    meaning_col = next(
        (
            i
            for i, h in enumerate(cols)
            if i != type_col and re.search(_MEANING_COLUMN, h) and not re.search(_NAME_COLUMN, h)
        ),
        next((i for i in range(len(cols)) if i != type_col and not re.search(_VALUE_COLUMN, cols[i])), None)
        if len(cols) == 2
        else None,
    )
    if meaning_col is None or max(type_col, meaning_col) >= len(st.cells):
        return
    in_dns = _DNS_CONTEXT.search(context(section, st)) or re.search(r"record", st.header[type_col], re.I)
    record_type = _named_type(st.cells[type_col], in_dns is not None)  # "| A |" in acronyms is not a type
    meaning = st.cells[meaning_col]
    relation = re.fullmatch(r"\s*((?:points?|maps?|resolves?|routes?)\s+to)\s*", st.header[meaning_col], re.I)
    if relation and meaning and not re.match(r"(?:points?|maps?|resolves?|routes?)\b", meaning, re.I):
        meaning = f"{relation.group(1).lower()} {meaning}"  # "| Points to |" says how it relates
    if record_type and meaning:
        yield fact("dns_record", DnsRecord(record_type, meaning), section, st.line)


def _from_qa(qa: QA) -> DnsRecord | None:
    """ "What is an MX record?" answered "It routes mail", or "Which record maps a name to
    IPv6?" answered "AAAA"."""
    answer = re.sub(r"^(?:[-*+]|\d+[.)])\s+", "", plain(qa.answer.split("\n", 1)[0])).strip(" .")
    about = _ASKS_ABOUT.match(qa.question)
    if about and about.group(1).isupper() and answer:
        return DnsRecord(_canonical(about.group(1)), answer)
    if (
        answer.upper() in DNS_RECORD_TYPES
        and (answer.isupper() or answer == "Alias")
        and _ASKS_WHICH.match(qa.question)
    ):
        rest = _ASKS_WHICH.sub("", qa.question).rstrip("? ")
        # "Record used for email routing?" -> "used for email routing"; "Record that proves
        # ownership?" -> "proves ownership"; else the question as asked
        relative = re.match(r"^(?:that|which)\s+(.+)$", rest, re.I)
        having = re.match(r"^with\s+(.+)$", rest, re.I)  # "Record with priority + weight?"
        meant = re.match(r"^for\s+(.+)$", rest, re.I)  # "Record type for mail?"
        if relative:
            meaning = relative.group(1)
        elif having:
            meaning = f"has {having.group(1)}"
        elif meant:
            meaning = f"used for {meant.group(1)}"
        else:
            meaning = rest if re.match(rf"(?:{_VERB}|used)\b", rest, re.I) else qa.question.rstrip("? ")
        return DnsRecord(_canonical(answer), meaning)
    return None


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
    names=lambda r: (r.type, f"{r.type} record"),
    names_in_chapter=True,
)
