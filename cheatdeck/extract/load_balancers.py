"""Load balancers: name, abbreviation, OSI layers and protocols.

    - Classic Load Balancer - CLB: HTTP, HTTPS, TCP, SSL      a summary list entry
    ### Network Load Balancer (NLB)                            a section of its own...
    - Operates at Layer 4 (TCP, UDP)                          ...whose lines are about it
    The ALB operates on layer 7. In contrast, the NLB works on layer 4.
    | Load balancer | Layer | Protocols |                     a comparison table

Notes spread one load balancer over several places; `merge_load_balancers` joins
them into one fact per load balancer. Inside the section about one load balancer,
a layer stated for a different one that the sentence alone names is taken to be a
slip of the pen and given to the section's load balancer, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import Statement
from cheatdeck.extract.registry import BootStatement, Kind
from cheatdeck.model import Fact, LoadBalancer, Section, Warning
from cheatdeck.vocab import LAYER_NAMES, is_protocol

_NAME = re.compile(
    r"(?<![-\w])([A-Z][a-z]+)\s+(?:[Ll]oad[\s-]+[Bb]alanc(?:er|ing)s?|LBs?)\b"
    r"(?:\s*(?:\(\s*([A-Z]{2,5})\s*\)|[-–—]\s*([A-Z]{2,5})\b))?"
)
_ABBREV_FIRST = re.compile(r"\b([A-Z]{1,3}LB)\**\s*\(\s*([A-Z][a-z]+)\s+[Ll]oad[\s-]+[Bb]alancer\s*\)")
_ABBREV = re.compile(r"\b([A-Z]{1,3}LB)s?\b")
_LAYER_NUMBER = re.compile(r"\b(?:layers?|L)\s*-?\s*([1-7])\b(?:\s*(?:and|&|/|,)\s*([1-7])\b)?", re.I)
_LAYER_WORD = re.compile(r"\b(" + "|".join(LAYER_NAMES) + r")\s+layer\b(?!\s+[A-Z][a-z])", re.I)
_CLAUSE_BREAK = re.compile(r"(?:;|\bwhile\b|\bwhereas\b|\bin contrast\b|(?<=[.!?])\s)", re.I)
_PROTOCOL_TOKEN = re.compile(r"[A-Za-z][\w/.+-]*")


def extract_load_balancers(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    own = _section_subject(section)
    if own and own[1]:  # "### Network Load Balancer (NLB)" tells what NLB stands for
        yield fact("load_balancer", LoadBalancer(own[0], own[1], (), ()), section, section.line)
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        text, line = st.text, st.line
        mentions = list(_mentions(text))
        for name, abbrev in mentions:
            if abbrev and not name.isupper():
                yield fact("load_balancer", LoadBalancer(name, abbrev, (), ()), section, line)
        # what the statement is about when it names no load balancer: the parent item
        # ("- **NLB (Network Load Balancer)**" over "  - Layer 4"), else the section
        subject = own
        if st.kind == "item" and st.lead:
            in_lead = {_id(m): m for m in _mentions(st.lead)}
            if len(in_lead) == 1:
                subject = next(iter(in_lead.values()))
        if not mentions and subject is None:
            continue  # nothing here can be about a load balancer
        for clause in _CLAUSE_BREAK.split(text):
            layers = _layers(clause)
            protocols = _protocols(clause, bare=subject is not None)
            if not layers and not protocols:
                continue
            targets = list(_mentions(clause))
            if not targets:
                # "Supports TCP (layer 4)" under the NLB heading is about the NLB, but
                # "HTTP works on the application layer" there is about HTTP
                first = _PROTOCOL_TOKEN.match(clause.strip())
                if subject is None or layers and first and is_protocol(first.group()):
                    continue
                targets = [subject]
            for name, abbrev in targets[:1] if protocols and not layers else targets:
                data = LoadBalancer(name, abbrev, tuple(layers), tuple(protocols))
                yield fact("load_balancer", data, section, line)


def _id(mention: tuple[str, str | None]) -> str:
    return (mention[1] or mention[0]).casefold()


def _mentions(text: str) -> Iterator[tuple[str, str | None]]:
    if "LB" not in text and "alanc" not in text:
        return  # neither "Load Balancer", "Load balancing" nor an abbreviation such as "ALB"
    spans = []
    for m in _ABBREV_FIRST.finditer(text):  # "ALB (Application Load Balancer)"
        spans.append(m.span())
        yield f"{m.group(2).capitalize()} Load Balancer", m.group(1)
    for m in _NAME.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        spans.append(m.span())
        yield f"{m.group(1).capitalize()} Load Balancer", m.group(2) or m.group(3)
    for m in _ABBREV.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            yield m.group(1), m.group(1)


def _section_subject(section: Section) -> tuple[str, str | None] | None:
    if not section.heading_path:
        return None
    found = {_id(m): m for m in _mentions(section.title)}
    return next(iter(found.values())) if len(found) == 1 else None


def _layers(clause: str) -> list[int]:
    layers: list[int] = []
    for m in _LAYER_NUMBER.finditer(clause):
        layers += [int(g) for g in m.groups() if g]
    for m in _LAYER_WORD.finditer(clause):
        layers.append(LAYER_NAMES[m.group(1).casefold()])
    return sorted(set(layers))


_LIST_AFTER_NAME = re.compile(r"(?:^|[A-Z]{2,5}\**\)?\s*|[Bb]alancer\**\)?\s*)[:=→]\s*(.+)")
_LAYER_PHRASE = re.compile(
    r"\b(?:(?:osi\s+)?layers?\s*-?\s*[1-7](?:\s*(?:and|&|/|,)\s*[1-7])?|L[1-7])\b"
    r"(?:\s*[-–—]?\s*\(?(?:" + "|".join(LAYER_NAMES) + r")\s+layer\)?)?",
    re.I,
)
_PROTO = re.compile(r"HTTP/[23]|[A-Za-z][\w.+-]*")
# the verb must be the load balancer's: at the start, after its name, after "and" or
# after its layer ("operates at layer 4 handling TCP"), not "rules around handling HTTP"
_SUPPORTS = re.compile(
    r"(?:^\s*|\band\s+|,\s*|\blayer\s*\d\s+|[Bb]alancer\s+|\b[A-Z]{1,3}LB\s+)"
    r"(?:supports?|supporting|handles?|handling|speaks?)\s+(?:for\s+)?(.+)",
    re.I,
)
_USES_PROTOCOL = re.compile(r"(?:\b(?:uses?|speaks?)\s+(?:the\s+)?|^\s*)(\w+)\s+protocol\b", re.I)


def _protocols(clause: str, bare: bool = False) -> list[str]:
    """Protocols a clause says a load balancer speaks, from the forms
    "<LB>: HTTP, HTTPS", "Supports TCP & UDP" and "uses the GENEVE protocol", and, when
    `bare`, a clause that is nothing but protocols ("HTTP, HTTPS, WebSocket")."""
    m = _LIST_AFTER_NAME.search(clause) or _SUPPORTS.search(clause) or _USES_PROTOCOL.search(clause)
    if not m:
        tokens = [t for t in _PROTO.findall(clause) if t.casefold() not in ("and", "or")]
        if bare and tokens and all(is_protocol(t) for t in tokens):
            return list(dict.fromkeys(tokens))
        return []
    # "layer 7, HTTP/HTTPS/gRPC (no static IP)" -> "HTTP/HTTPS/gRPC"
    text = _LAYER_PHRASE.sub(" ", re.sub(r"\([^)]*\)", " ", m.group(1)))
    for segment in re.split(r"\s[-–—]\s|[—–]|=>|\. |;", text):
        tokens = [t.strip(".,") for t in _PROTO.findall(segment)]
        if tokens and is_protocol(tokens[0]):
            out: list[str] = []
            for token in tokens:
                if is_protocol(token):
                    if token.casefold() not in {p.casefold() for p in out}:
                        out.append(token)
                elif token.casefold() not in ("and", "or", "&"):
                    break
            return out
    return []


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row of a comparison table with a Layer column."""
    layer_col = st.column(r"layer|^osi$")
    if layer_col is None:
        return
    proto_col = st.column(r"protocol")
    mentions = [m for c in st.cells for m in _mentions(c)]
    if not mentions:
        return
    name, abbrev = mentions[0]
    abbrev = abbrev or next((a for _n, a in mentions[1:] if a), None)
    layers = _layers(f"layer {st.cells[layer_col]}") if layer_col < len(st.cells) else []
    protocols = [t for t in _PROTOCOL_TOKEN.findall(st.cell(proto_col)) if is_protocol(t)]
    data = LoadBalancer(name, abbrev, tuple(layers), tuple(protocols))
    yield fact("load_balancer", data, section, st.line)


def merge_load_balancers(facts: list[Fact], _boot: Sequence[BootStatement] = ()) -> tuple[list[Fact], list[Warning]]:
    """One fact per load balancer: abbreviations resolved, layers and protocols joined,
    those the notes give no layer or protocol for dropped."""
    full: dict[str, tuple[str, str]] = {}
    for f in facts:
        lb: LoadBalancer = f.data  # type: ignore[assignment]
        if lb.abbrev and lb.name != lb.abbrev:
            full.setdefault(lb.abbrev.casefold(), (lb.name, lb.abbrev))
            full.setdefault(lb.name.casefold(), (lb.name, lb.abbrev))

    def resolve(name: str, abbrev: str | None) -> tuple[str, str | None]:
        return full.get(name.casefold(), (name, abbrev))

    def subject(f: Fact) -> tuple[str, str | None] | None:
        found = {resolve(*m) for m in _mentions(f.source.section[-1])} if f.source.section else set()
        return found.pop() if len(found) == 1 else None

    # layers each load balancer is given where the text is about it alone
    trusted: dict[str, set[int]] = {}
    for f in facts:
        name = resolve(f.data.name, f.data.abbrev)[0]  # type: ignore[union-attr]
        home = subject(f)
        if home is None or home[0] == name:
            trusted.setdefault(name, set()).update(f.data.layers)  # type: ignore[union-attr]

    warnings: list[Warning] = []
    merged: dict[str, tuple[LoadBalancer, list]] = {}
    for f in facts:
        lb = f.data  # type: ignore[assignment]
        name, abbrev = resolve(lb.name, lb.abbrev)
        home = subject(f)
        if home and home[0] != name and lb.layers and trusted.get(name) and not set(lb.layers) <= trusted[name]:
            # "Application Load Balancer is Layer 4" under the NLB heading: a slip
            warnings.append(
                Warning(
                    f.source,
                    f"says {name} is layer {'/'.join(map(str, lb.layers))}, but it is in the "
                    f"section about {home[0]} and {name} is layer "
                    f"{'/'.join(map(str, sorted(trusted[name])))} elsewhere; counted for {home[0]}",
                )
            )
            name, abbrev = home
        key = name.casefold()
        if key not in merged:
            merged[key] = (LoadBalancer(name, abbrev, (), ()), [])
        old, sources = merged[key]
        protocols = list(old.protocols)
        for p in lb.protocols:
            if p.casefold() not in {x.casefold() for x in protocols}:
                protocols.append(p)
        layers = tuple(sorted(set(old.layers) | set(lb.layers)))
        merged[key] = (LoadBalancer(name, old.abbrev or abbrev, layers, tuple(protocols)), sources)
        if lb.layers or lb.protocols:
            sources.append(f.source)
    out = []
    for lb, sources in merged.values():
        if sources and (lb.layers or lb.protocols):
            first, *rest = sorted(set(sources), key=lambda s: (s.path, s.line))
            out.append(Fact("load_balancer", lb, first, tuple(rest)))
    return out, warnings


def describe_load_balancer(d: LoadBalancer) -> str:
    layers = "/".join(map(str, d.layers)) or "?"
    return f"{d.name} ({d.abbrev}) layer {layers}: {', '.join(d.protocols)}"


KIND = Kind(
    name="load_balancer",
    data_type=LoadBalancer,
    rules=(extract_load_balancers,),
    description="load balancer types with their OSI layers and protocols",
    describe=describe_load_balancer,
    typed=True,
    merge=merge_load_balancers,
)
