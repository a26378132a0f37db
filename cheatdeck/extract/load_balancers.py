"""Load balancers: name, abbreviation, OSI layers and protocols.

    - Classic Load Balancer - CLB: HTTP, HTTPS, TCP, SSL      a summary list entry
    ### Network Load Balancer (NLB)                            a section of its own...
    - Operates at Layer 4 (TCP, UDP)                          ...whose lines are about it
    - Protocols supported                                     a bare list of protocols,
      - TCP, UDP, TLS (Layer 4)                               layer in brackets
    * Application Load Balancer                               a quote right under an
    > Load balancing of HTTP/HTTPS traffic, at layer 7.       item is about that item
    The ALB operates on layer 7. In contrast, the NLB works on layer 4.
    | Load balancer | Layer | Protocols |                     a comparison table, or
    | Feature | ALB | NLB |   then   | Layer | 7 | 4 |        one column per type

Layers are numbers ("layer 4", "L7", "Layers 4 and 7") or names ("application layer",
"at the network level"). Notes spread one load balancer over several places;
`merge_load_balancers` joins them into one fact per load balancer. A type named with
its abbreviation ("Gateway Load Balancer (GWLB)") is a fact even with no layer or
protocol. A sentence about listeners, target groups or rules is not about the load
balancer it sits under. Where a sentence in the section about one load balancer gives
another one a layer that contradicts what its own places say, the notes disagree:
the layer its own places give is kept, with a warning that names both lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import TypeVar

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import Statement
from cheatdeck.extract.registry import BootStatement, Kind
from cheatdeck.model import Fact, LoadBalancer, Section, Source, Warning
from cheatdeck.text import plain
from cheatdeck.vocab import LAYER_NAMES, LOAD_BALANCER_SERVICE, LOAD_BALANCER_WORDS, is_protocol

_TYPE_WORDS = "|".join(sorted(set(LOAD_BALANCER_WORDS.values())))
_ABBREV_AFTER = r"(?:\s*(?:\(\s*([A-Z]{2,5})\s*\)|[-–—]\s*([A-Z]{2,5})\b))?"
# "Network Load Balancer (NLB)", "Classic LB - CLB", "Application Load Balance" (sic),
# "network load balancer"; another name only with its abbreviation: "Standard Load
# Balancer (SLB)"
_NAME = re.compile(
    rf"(?<![-\w])([A-Z][a-z]+|{_TYPE_WORDS})\s+"
    r"(?:[Ll]oad[\s-]+[Bb]alanc(?:ers?|ing|e)\b|LBs?\b)" + _ABBREV_AFTER
)
_ABBREV_FIRST = re.compile(r"\b([A-Z]{1,3}LB)\**\s*\(\s*([A-Z][a-z]+)\s+[Ll]oad[\s-]+[Bb]alancer\s*\)")
_ABBREV = re.compile(r"\b([A-Z]{1,3}LB)s?\b")
_LAYER_NUMBER = re.compile(r"\b(?:layers?|L)\s*[-:=]?\s*([1-7])\b(?:\s*(?:and|&|/|,|\+)\s*([1-7])\b)?", re.I)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7}
_LAYER_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r"|[1-7](?:st|nd|rd|th))\s+(?:osi\s+)?layer\b", re.I)
_LAYER_WORD = re.compile(
    r"\b(" + "|".join(LAYER_NAMES) + r")\s+layer\b(?!\s+[A-Z][a-z])"
    r"|\b(?:at|on|in)\s+(?:the\s+)?(?:osi\s+)?(" + "|".join(LAYER_NAMES) + r")[\s-]+level\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"(?:;|\bwhile\b|\bwhereas\b|\bin contrast\b|(?<=[.!?])\s)", re.I)
_PROTOCOL_TOKEN = re.compile(r"[A-Za-z][\w/.+-]*")
_TELLS = re.compile(r"\W*(?:\d+[.)]\s*)?(?:did you know|guess what|fun fact)\b", re.I)
_DENIED = re.compile(r"\b(?:no|not|doesn't|don't|isn't|can't|cannot|never|without)\b|[✘✗❌]", re.I)
# a clause about a part of every load balancer, not about the one it sits under
_GENERAL_SUBJECT = re.compile(
    r"^\W*(?:(?:a|an|the|each|every|all|one or more)\s+)?(?:listeners?|target\s+groups?|health\s+checks?|rules?)\b",
    re.I,
)


def extract_load_balancers(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    own = _section_subject(section)
    if own and own[1]:  # "### Network Load Balancer (NLB)" tells what NLB stands for
        yield fact("load_balancer", LoadBalancer(own[0], own[1], (), ()), section, section.line)
    carried: tuple[str, str | None] | None = None  # the label a point ended on, for the next point
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        text, line = st.text, st.line
        label, carried = carried, None
        last = st.block.lines[-1].text if st.kind == "item" and len(st.block.lines) > 1 else ""
        named = {_id(m): m for m in _mentions(last)} if last.rstrip(" *_").endswith(":") else {}
        if len(named) == 1 and len(last.split()) <= _TITLE_WORDS:
            # "- HTTP/HTTPS, layer 7" then "When to use NLB:" written without a blank line:
            # the label leads the next point, not this one (Markdown reads it as part of it)
            carried = next(iter(named.values()))
            text = plain(" ".join(x.text for x in st.block.lines[:-1]))
        mentions = list(_mentions(text))
        for name, abbrev in mentions:
            if abbrev and not name.isupper():
                yield fact("load_balancer", LoadBalancer(name, abbrev, (), ()), section, line)
        subject = label if label and st.kind == "item" else _subject(st, own)
        named = {_id(m): m for m in mentions}
        if len(named) == 1 and not _is_service(*mentions[0]):
            # "ALB: layer 7; HTTP/HTTPS": the clauses after the name it opens with are its;
            # "6379 redis ; 6081 GENEVE (GWLB) ; 389 ldap" only names it in passing
            start = _mentions_at(text)[0][0]
            clauses = _CLAUSE_BREAK.split(text)
            subject = mentions[0] if len(clauses) == 1 or start < len(clauses[0]) else subject
        if not mentions and subject is None:
            continue  # nothing here can be about a load balancer
        for clause in _CLAUSE_BREAK.split(text):
            if _GENERAL_SUBJECT.match(clause):
                continue  # "A listener checks for connections on a protocol (HTTP, TCP)"
            if clause.rstrip().endswith("?") and not _TELLS.match(clause):
                continue  # "does ALB support UDP? no": asked, not said ("Did you know ...?" tells)
            # (a "no" in brackets is an aside about the protocol before it: "HTTP (no TLS passthrough), HTTPS")
            denied = _DENIED.search(re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), clause))
            if denied and not clause[denied.end() :].strip(" .,;:!)"):
                continue  # "WebSockets: No", "UDP ✘": what it says no to
            # "ALB: no UDP", "NLB: TCP, UDP, not HTTP": what follows a "no" it does not do
            clause = clause[: denied.start()] if denied else clause
            layers = _layers(clause)
            bare = _bare_protocols(clause) if subject is not None else []
            protocols = bare or _protocols(clause)
            said = lambda part: (_bare_protocols(part) if subject is not None else []) or _protocols(part)  # noqa: E731
            if not layers and not protocols:
                continue
            targets = list(_mentions(clause))
            if not targets:
                # "Supports TCP (layer 4)" under the NLB heading is about the NLB, but
                # "HTTP works on the application layer" there is about HTTP
                first = _PROTOCOL_TOKEN.match(clause.strip())
                if subject is None or layers and not bare and first and is_protocol(first.group()):
                    continue
                targets = [subject]
            if protocols and not layers:
                targets = targets[:1]
            each = zip(
                targets,
                _of_each(clause, targets, layers, _layers),
                _of_each(clause, targets, protocols, said),
                strict=True,
            )
            for (name, abbrev), own_layers, own_protocols in each:
                data = LoadBalancer(name, abbrev, tuple(own_layers), tuple(own_protocols))
                yield fact("load_balancer", data, section, line)


_T = TypeVar("_T", int, str)


def _of_each(
    clause: str, targets: list[tuple[str, str | None]], found: list[_T], said: Callable[[str], list[_T]]
) -> list[list[_T]]:
    """The layers (or protocols) of each load balancer a clause names, `said` reading
    them in a part of it: those after each name ("ALB = L7, NLB = L4"), else those
    before it ("L4 (NLB) and L7 (ALB)"), when that gives every one some; else, for
    names listed together, all of them all that was found ("CLB and ALB work at layer
    7"), and none to any when the clause does not say whose they are."""
    if len(targets) < 2 or not found:
        return [found] * len(targets)
    starts = [at for at, _m in _mentions_at(clause)]
    if len(starts) == len(targets):
        after = [said(clause[a:b]) for a, b in zip(starts, [*starts[1:], len(clause)], strict=True)]
        before = [said(clause[a:b]) for a, b in zip([0, *starts[:-1]], starts, strict=True)]
        ends = [*starts[1:], len(clause)]
        labelled = [
            bool(_LABELLED.match(_AFTER_NAME.sub("", clause[a:b], count=1))) for a, b in zip(starts, ends, strict=True)
        ]
        if all(labelled):
            return after  # "ALB = layer 7 (HTTP), NLB = layer 4 (TCP), CLB = legacy": each says its own
        if labelled[0] and not any(labelled[1:]) and not re.sub(r"[\W_]", "", clause[: starts[0]]):
            # "NLB: layer 4, TCP/UDP, targets = instances, ALB": the line is the first one's
            return [found] + [[] for _ in targets[1:]]
        for each in (after, before):
            # "ALB vs NLB: ALB is layer 7, NLB layer 4": a name said again with its layer
            own: dict[str, list[_T]] = {}
            for target, part in zip(targets, each, strict=True):
                own.setdefault(_id(target), []).extend(n for n in part if n not in own.get(_id(target), []))
            if all(own.values()):
                return [own[_id(target)] for target in targets]
        between = [_AFTER_NAME.sub("", clause[a:b], count=1) for a, b in zip(starts, starts[1:], strict=False)]
        if not all(re.fullmatch(r"[\s,/&+]*(?:(?:and|or|the|an?|both)\b[\s,/&+]*)*", gap, re.I) for gap in between):
            # "If you need L7 features -> NLB in front of ALB": whose layer it is, is not said
            return [[] for _ in targets]
    return [found] * len(targets)


_LABELLED = re.compile(r"\s*(?:\*\*)?\s*[:=→–—]|\s*(?:\*\*)?\s+-\s")
# a load balancer's name as written at the start of a text: "ALB", "Network Load Balancer (NLB)"
_AFTER_NAME = re.compile(r"^[\w-]+(?:\s+load\s+balanc\w*)?(?:\s*\([^()]*\))?", re.I)


def _subject(st: Statement, own: tuple[str, str | None] | None) -> tuple[str, str | None] | None:
    """What a statement is about when it names no load balancer: the item it is
    nested in ("- **NLB (Network Load Balancer)**" over "  - Layer 4") or comes right
    under ("* Network LB" over "> works at layer 4"), else the section's."""
    above = st.lead if st.kind == "item" else st.follows
    # a title or a label names what follows it; a sentence that ends in a name does not
    # ("Block an IP hammering the ALB." over "- Shield works at L3/L4")
    if above and (len(above.split()) <= _TITLE_WORDS or above.rstrip(" *_").endswith(":")):
        found = {_id(m): m for m in _mentions(above)}
        if len(found) == 1:
            return next(iter(found.values()))
    return own


_TITLE_WORDS = 6


def _id(mention: tuple[str, str | None]) -> str:
    return (mention[1] or mention[0]).casefold()


def _mentions(text: str) -> Iterator[tuple[str, str | None]]:
    for _start, mention in _mentions_at(text):
        yield mention


@lru_cache(maxsize=4096)
def _mentions_at(text: str) -> tuple[tuple[int, tuple[str, str | None]], ...]:
    """The load balancers a text names, with where, in order."""
    if "LB" not in text and "alanc" not in text:
        return ()  # neither "Load Balancer", "Load balancing" nor an abbreviation such as "ALB"
    found: list[tuple[int, tuple[str, str | None]]] = []
    spans: list[tuple[int, int]] = []
    for m in _ABBREV_FIRST.finditer(text):  # "ALB (Application Load Balancer)"
        spans.append(m.span())
        found.append((m.start(), (f"{m.group(2).capitalize()} Load Balancer", m.group(1))))
    for m in _NAME.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        word, abbrev = m.group(1), m.group(2) or m.group(3)
        if word.casefold() not in LOAD_BALANCER_WORDS.values() and not (abbrev and abbrev.endswith("LB")):
            continue  # "Each Load Balancer", "Cross Zone Load Balancing"
        spans.append(m.span())
        found.append((m.start(), (f"{word.capitalize()} Load Balancer", abbrev)))
    for m in _ABBREV.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            found.append((m.start(), (m.group(1), m.group(1))))
    return tuple(sorted(found, key=lambda x: x[0]))


def _section_subject(section: Section) -> tuple[str, str | None] | None:
    if not section.heading_path:
        return None
    found = {_id(m): m for m in _mentions(section.title)}
    if len(found) != 1:
        return None
    subject = next(iter(found.values()))
    # a section on Elastic Load Balancing is about every type it offers, not one
    return None if _is_service(*subject) else subject


def _is_service(name: str, abbrev: str | None) -> bool:
    """Elastic Load Balancing (ELB), the service that offers the load balancer types."""
    word = LOAD_BALANCER_WORDS.get(name.casefold()) or name.split()[0].casefold()
    return word == LOAD_BALANCER_SERVICE


def _layers(clause: str) -> list[int]:
    layers: list[int] = []
    for m in _LAYER_NUMBER.finditer(clause):
        layers += [int(g) for g in m.groups() if g]
    for m in _LAYER_WORD.finditer(clause):
        layers.append(LAYER_NAMES[(m.group(1) or m.group(2)).casefold()])
    for m in _LAYER_ORDINAL.finditer(clause):  # "the fourth layer", "the 7th layer"
        word = m.group(1).casefold()
        layers.append(_ORDINALS.get(word) or int(word[0]))
    return sorted(set(layers))


_LIST_AFTER_NAME = re.compile(r"(?:^|[A-Z]{2,5}\**\)?\s*|[Bb]alancer\**\)?\s*)[:=→]\s*(.+)")
# "Application Load Balancer (ALB) – layer 7, HTTP, HTTPS", "ALB (Layer 7): HTTP, HTTPS"
_LIST_AFTER_DASH = re.compile(r"(?:\b[A-Z]{2,5}|[Bb]alancer)\**\)?(?:\s*\([^)]*\))?\**\s*[-–—:=→]\s*(.+)")
_LAYER_NAME = "|".join(LAYER_NAMES)
_LAYER_PHRASE = re.compile(
    r"\b(?:(?:osi\s+)?layers?\s*-?\s*[1-7](?:\s*(?:and|&|/|,)\s*[1-7])?|L[1-7])\b"
    rf"(?:\s*[-–—]?\s*\(?(?:{_LAYER_NAME})(?:\s+layer)?\)?)?",
    re.I,
)
_PROTO = re.compile(r"HTTP/[23]|[A-Za-z][\w.+-]*")
# the verb must be the load balancer's: at the start, after its name, after "and" or
# after its layer ("operates at layer 4 handling TCP"), not "rules around handling HTTP"
_SUPPORTS = re.compile(
    r"(?:^\s*|\band\s+|,\s*|\blayer\s*\d\s+|[Bb]alancer\s+|\b[A-Z]{1,3}LB\s+)"
    r"(?:supports?|supporting|handles?|handling|speaks?|uses?)\s+(?:for\s+)?(.+)",
    re.I,
)
_PROTOCOLS_LABEL = re.compile(r"^\W*(?:supported\s+)?protocols?(?:\s+supported)?\s*(?:[:=→]|\s[-–—])\s*(.+)", re.I)
_USES_PROTOCOL = re.compile(r"(?:\b(?:uses?|speaks?|on|over|via)\s+(?:the\s+)?|^\s*)(\w+)\s+protocol\b", re.I)
# "load balancing of HTTP/HTTPS traffic", "load balance TCP applications", "ideal for
# TCP/UDP traffic", "routes HTTP and HTTPS requests"
_BALANCES = re.compile(
    r"\b(?:(?:load[\s-]*balanc\w*|routes?|routing|distribut\w*|forward\w*)(?:\s+of|\s+for)?|for|of)\s+(?:the\s+)?"
    r"([A-Za-z][\w/.+-]*(?:\s*(?:,|/|and|or|&)\s*[A-Za-z][\w/.+-]*)*)\s+(?:port\s+)?"
    r"(?:traffic|applications?|requests?|connections?|packets|workloads?)\b",
    re.I,
)


def _protocols(clause: str) -> list[str]:
    """Protocols a clause says a load balancer speaks, from the forms
    "<LB>: HTTP, HTTPS", "Supports TCP & UDP", "uses the GENEVE protocol" and "load
    balancing of HTTP/HTTPS traffic"."""
    if not any(is_protocol(t.rstrip(".")) for t in _PROTO.findall(clause)):
        return []  # no protocol named: none of the forms below can give one
    for pattern in (_LIST_AFTER_NAME, _LIST_AFTER_DASH, _PROTOCOLS_LABEL, _SUPPORTS, _USES_PROTOCOL):
        m = pattern.search(clause)
        found = _listed(m.group(1)) if m else []
        if found:
            return found
    m = _BALANCES.search(clause)
    return _protocol_list(m.group(1)) if m else []


def _listed(text: str) -> list[str]:
    """The protocols listed at the start of what follows a name or a verb."""
    # "layer 7, HTTP/HTTPS/gRPC (no static IP)" -> "HTTP/HTTPS/gRPC"
    plain_text = _LAYER_PHRASE.sub(" ", re.sub(r"\([^)]*\)", " ", text))
    for segment in re.split(r"\s[-–—]\s|[—–]|=>|\. |;", plain_text):
        found = _protocol_list(segment)
        if found:
            return found
    # "ALB: Layer 7 (HTTP/HTTPS/gRPC)": the protocols in brackets after the layer
    for inside in re.findall(r"\(([^)]*)\)", text):
        found = _bare_protocols(inside)
        if found:
            return found
    return []


def _protocol_list(text: str) -> list[str]:
    """The protocols a list starts with: "HTTP, HTTPS and gRPC (no static IP)"."""
    tokens = [t.strip(".,") for t in _PROTO.findall(text)]
    out: list[str] = []
    if tokens and is_protocol(tokens[0]):
        for token in tokens:
            if is_protocol(token):
                if token.casefold() not in {p.casefold() for p in out}:
                    out.append(token)
            elif token.casefold() not in ("and", "or", "&"):
                break
    return out


def _bare_protocols(clause: str) -> list[str]:
    """A clause that is nothing but protocols, its layer in brackets or not:
    "HTTP, HTTPS, WebSocket", "TCP, SSL/TLS, HTTP, HTTPS(Layer 4 & 7)"."""
    text = _LAYER_PHRASE.sub(" ", clause)
    text = re.sub(r"\(\s*\)", " ", text)
    tokens = [t for t in _PROTO.findall(text) if t.casefold() not in ("and", "or")]
    if tokens and all(is_protocol(t) for t in tokens):
        return list(dict.fromkeys(tokens))
    return []


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row of a comparison table: one load balancer per row with a Layer column, or
    one per column ("| Feature | ALB | NLB |") with a Layer or Protocols row."""
    layer_col = st.column(r"layer|^osi$")
    if layer_col is None:
        yield from _from_column_row(section, st)
        return
    proto_col = st.column(r"protocol")
    mentions = [m for c in st.cells for m in _mentions(c)]
    name_col = st.column(r"load\s*balancer|^type$|^name$|^lb$")
    word = st.cell(name_col).casefold()
    if not mentions and word in LOAD_BALANCER_WORDS.values() and word != LOAD_BALANCER_SERVICE:
        mentions = [(f"{word.capitalize()} Load Balancer", None)]  # "| Application | 7 |" under "Load balancer"
    if not mentions:
        return
    name, abbrev = mentions[0]
    abbrev = abbrev or next((a for _n, a in mentions[1:] if a), None)
    layers = _layers(f"layer {st.cells[layer_col]}") if layer_col < len(st.cells) else []
    protocols = [t for t in _PROTOCOL_TOKEN.findall(st.cell(proto_col)) if is_protocol(t)]
    data = LoadBalancer(name, abbrev, tuple(layers), tuple(protocols))
    yield fact("load_balancer", data, section, st.line)


def _from_column_row(section: Section, st: Statement) -> Iterator[Fact]:
    """ "| Layer | 7 (HTTP/HTTPS) | 4 (TCP/UDP) |" under "| Feature | ALB | NLB |"."""
    what = st.cell(0).casefold()
    is_layer = re.fullmatch(r"(?:osi\s+)?layers?", what)
    if not is_layer and not re.fullmatch(r"protocols?(?:\s+supported)?|supported\s+protocols?", what):
        return
    for i, heading in enumerate(st.header[1:], 1):
        found = {_id(m): m for m in _mentions(heading)}
        if len(found) != 1 or i >= len(st.cells):
            continue
        name, abbrev = next(iter(found.values()))
        cell = st.cells[i]
        layers = _layers(f"layer {cell}") if is_layer else []
        inside = re.findall(r"\(([^)]*)\)", cell) if is_layer else [cell]
        protocols = [p for part in inside for p in _bare_protocols(part)]
        if layers or protocols:
            yield fact("load_balancer", LoadBalancer(name, abbrev, tuple(layers), tuple(protocols)), section, st.line)


def merge_load_balancers(facts: list[Fact], _boot: Sequence[BootStatement] = ()) -> tuple[list[Fact], list[Warning]]:
    """One fact per load balancer: abbreviations resolved, layers and protocols joined.
    A load balancer the notes give no layer or protocol for is kept only when they
    spell out its abbreviation (the card asks what it stands for)."""
    resolve = _resolver(facts)

    def home(f: Fact) -> tuple[str, str | None] | None:
        found = {resolve(*m) for m in _mentions(f.source.section[-1])} if f.source.section else set()
        return found.pop() if len(found) == 1 else None

    # the layers each load balancer is given where the text is about it alone, and where
    trusted: dict[str, set[int]] = {}
    trusted_at: dict[str, Source] = {}
    for f in sorted(facts, key=lambda f: (f.source.path, f.source.line)):
        lb: LoadBalancer = f.data  # type: ignore[assignment]
        name = resolve(lb.name, lb.abbrev)[0]
        where = home(f)
        if lb.layers and (where is None or where[0] == name):
            trusted.setdefault(name, set()).update(lb.layers)
            trusted_at.setdefault(name, f.source)

    warnings: list[Warning] = []
    merged: dict[str, tuple[LoadBalancer, list[Source]]] = {}
    for f in facts:
        lb = f.data  # type: ignore[assignment]
        name, abbrev = resolve(lb.name, lb.abbrev)
        key = name.casefold()
        if key not in merged:
            merged[key] = (LoadBalancer(name, abbrev, (), ()), [])
        old, sources = merged[key]
        where = home(f)
        if where and where[0] != name and lb.layers and trusted.get(name) and not set(lb.layers) <= trusted[name]:
            # "The Application Load Balancer is layer 4" in the NLB's section, when the
            # ALB's own places say layer 7: the notes disagree; keep what its own say
            kept = "/".join(map(str, sorted(trusted[name])))
            warnings.append(
                Warning(
                    f.source,
                    f"says {name} is layer {'/'.join(map(str, lb.layers))}, but {trusted_at[name]} says layer "
                    f"{kept}; kept layer {kept} from {trusted_at[name]}",
                )
            )
            sources.append(f.source)
            continue
        protocols = list(old.protocols)
        for p in lb.protocols:
            if _protocol_key(p) not in {_protocol_key(x) for x in protocols}:
                protocols.append(p)
        layers = tuple(sorted(set(old.layers) | set(lb.layers)))
        merged[key] = (LoadBalancer(name, old.abbrev or abbrev, layers, tuple(protocols)), sources)
        if lb.layers or lb.protocols or _spelled_out(lb):
            sources.append(f.source)
    out = []
    for lb, sources in merged.values():
        if sources and (lb.layers or lb.protocols or _spelled_out(lb)):
            first, *rest = sorted(set(sources), key=lambda s: (s.path, s.line))
            out.append(Fact("load_balancer", lb, first, tuple(rest)))
    return out, warnings


def _protocol_key(protocol: str) -> str:
    """ "WebSockets" and "WebSocket" are one protocol, "TLS" and "tls" too; "HTTPS" is not "HTTP"."""
    said = protocol.casefold()
    return said[:-1] if said.endswith("sockets") else said


def _spelled_out(lb: LoadBalancer) -> bool:
    """A load balancer type named with its abbreviation: "Gateway Load Balancer (GWLB)",
    not the service that offers them ("Elastic Load Balancing (ELB)")."""
    return bool(lb.abbrev) and lb.name != lb.abbrev and not _is_service(lb.name, lb.abbrev)


def _resolver(facts: list[Fact]):  # noqa: ANN202 - a closure over the facts
    """Name and abbreviation of each load balancer, from where the notes tie them
    ("Network Load Balancer (NLB)"), else from the usual abbreviations when the notes
    write both forms ("NLB" in one place, "Network Load Balancer" in another)."""
    full: dict[str, tuple[str, str]] = {}
    names: set[str] = set()
    for f in facts:
        lb: LoadBalancer = f.data  # type: ignore[assignment]
        names.add(lb.name.casefold())
        if lb.abbrev and lb.name != lb.abbrev:
            full.setdefault(lb.abbrev.casefold(), (lb.name, lb.abbrev))
            full.setdefault(lb.name.casefold(), (lb.name, lb.abbrev))
    for f in facts:
        abbrev = f.data.abbrev  # type: ignore[union-attr]
        if abbrev and abbrev.casefold() not in full:
            word = LOAD_BALANCER_WORDS.get(abbrev.casefold())
            name = f"{word} load balancer" if word else ""
            if name in names and name not in full:
                full[abbrev.casefold()] = full[name] = (name.title(), abbrev)

    def resolve(name: str, abbrev: str | None) -> tuple[str, str | None]:
        return full.get(name.casefold(), (name, abbrev))

    return resolve


def describe_load_balancer(d: LoadBalancer) -> str:
    layers = "/".join(map(str, d.layers)) or "?"
    return f"{d.name} ({d.abbrev}) layer {layers}: {', '.join(d.protocols)}"


def _names(lb: LoadBalancer) -> tuple[str, ...]:
    """What a load balancer goes by: its name, its abbreviation and the full name that
    abbreviation stands for ("CLB", "Classic Load Balancer")."""
    full = tuple(
        f"{LOAD_BALANCER_WORDS[a.casefold()]} load balancer"
        for a in (lb.name, lb.abbrev or "")
        if a.casefold() in LOAD_BALANCER_WORDS and a.casefold() != "elb"
    )
    return (lb.name, lb.abbrev or "", *full)


KIND = Kind(
    name="load_balancer",
    data_type=LoadBalancer,
    rules=(extract_load_balancers,),
    description="load balancer types with their OSI layers and protocols",
    describe=describe_load_balancer,
    typed=True,
    merge=merge_load_balancers,
    names=_names,
)
