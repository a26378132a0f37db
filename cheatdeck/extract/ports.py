"""Ports: which protocol uses which port number.

    - 22 = SSH(Secure Shell) - log into a Linux instance     port first
    - PostgreSQL: 5432          - Redis -> 6379              name first
    - **etcd** — 2379-2380 (client and peer)                 ranges keep both ends
    | Port | Protocol | Used for |                            tables with a Port column
    HTTP has port 80 while HTTPS has port 443.                prose: "... port N"
    It uses the GENEVE protocol on port 6081.

A name is taken as a protocol when it is a known protocol word, or when the list
or heading around it talks about ports. One protocol on one port is one fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from cheatdeck.extract.common import clean, fact, warning
from cheatdeck.extract.read import Statement, context
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Fact, Port, Section, Warning
from cheatdeck.text import plain
from cheatdeck.vocab import PROTOCOLS, TRANSPORTS, is_protocol

_PORT = r"(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?:\s*/\s*(?:tcp|udp))?"
_NAME = r"([A-Za-z][\w/.+#-]*(?:\s+(?:/\s+)?[A-Z][\w/.+#-]*){0,3})"
_NAMES = _NAME[:-1] + r"(?:\s*(?:,|/|\band\b|&)\s*[A-Za-z][\w/.+#-]*)*)"
_EXPANSION = r"(?:\s*\(([^)]{2,80})\))?"
_SEP = r"\s*(?:=>|->|→|=|:|—|–|-)\s*"
_USE = r"(?:\s*(?:—|–|-|:|,|\bfor\b|\bto\b)\s*(.+))?"

_PORT_FIRST = re.compile(rf"^(?:ports?\s*)?{_PORT}{_SEP}{_NAMES}{_EXPANSION}{_USE}$", re.I)
_NAME_FIRST = re.compile(
    rf"^{_NAME}{_EXPANSION}(?:\s+port)?{_SEP}(?:(?:tcp|udp)\s+)?(?:port\s+)?{_PORT}"
    rf"(?:\s*\(([^)]*)\))?{_USE}$",
    re.I,
)
_PROSE_PORT = re.compile(rf"\bports?\s*(?:number\s*)?(?:of\s*)?{_PORT}\b", re.I)
# "ports 20 and 21", "ports 80, 443"
_MORE_PORTS = re.compile(r"^(?:\s*(?:,|and|&|/|or)\s*(\d{1,5})\b)+")
_NAMED_PROTOCOL = re.compile(r"\b([A-Z][A-Za-z0-9]*)\s+protocol\b")
_CLAUSE_BREAK = re.compile(r"\s*(?:;|\bwhile\b|\bwhereas\b|, and\b|, but\b|\. )\s*", re.I)
# "1,433" is one port, "20, 21" and "20,21" are two
_DIGIT = re.compile(r"\d")
_NAME_ALONE = re.compile(rf"^{_NAME}{_EXPANSION}$")
_NAME_WITHOUT_PORT = re.compile(rf"^{_NAME}{_EXPANSION}\s*(?::|=|->|→)\s*\S*$")
_CELL_PORT = re.compile(r"(\d{1,2},\d{3}|\d{1,5})(?:\s*[-–]\s*(\d{1,2},\d{3}|\d{1,5}))?(?!\d)")
_SUBJECT = re.compile(
    r"^\s*(?:[Tt]he\s+)?([A-Z][\w.+-]*(?:\s+[A-Za-z][\w.+-]*){0,3}?)\s+(?:usually\s+|by default\s+|typically\s+|"
    r"normally\s+|always\s+)?(?:listens|runs|is served|serves|binds|answers|uses|is reachable|is exposed)\b"
)
_TOKEN = re.compile(r"[A-Za-z][\w/+-]*(?:\s+Server)?")


def extract_ports(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        text = st.text
        about_ports = "port" in context(section, st) or "port" in text.casefold()
        if not _DIGIT.search(text):
            if about_ports:
                yield from _missing_number(section, st)
            continue  # no number, no port
        found = list(_from_list_entry(text, bool(about_ports)))
        if not found:
            found = list(_from_prose(text, st.markdown))
        if not found and st.kind == "item" and st.depth > 0:
            found = list(_under_parent(text, st.parent))
        for port in found:
            yield fact("port", port, section, st.line)
        if not found and about_ports:
            yield from _missing_number(section, st)


_CHILD_PORT = re.compile(
    rf"^(?:default\s+)?(?:tcp\s+|udp\s+)?ports?\s*(?:number)?\s*[:=]?\s*{_PORT}\s*(?:[-–—:,(]\s*(.*?)\)?)?$", re.I
)


def _missing_number(section: Section, st: Statement) -> Iterator[Warning]:
    """ "- SMTP: TBD" in a list of ports: a port entry without its number."""
    if st.kind == "item" and "port" in st.lead.casefold():
        m = _NAME_WITHOUT_PORT.match(st.text)
        if m and is_protocol(m.group(1)):
            yield warning(
                section,
                st.line,
                f'"{m.group(1)}" is listed with ports but has no port number; write it as e.g. "{m.group(1)}: 1234"',
            )


def _under_parent(text: str, parent: str) -> Iterator[Port]:
    """ "- SSH (Secure Shell)" over "  - port 22": the parent item names the protocol."""
    m = _CHILD_PORT.match(text)
    parent_m = _NAME_ALONE.match(parent.rstrip(" :"))
    if m and parent_m and _plausible(parent_m.group(1), True):
        ports = _ports(m.group(1), m.group(2))
        if ports:
            yield Port(ports[0], ports[1], parent_m.group(1), _expansion(parent_m.group(2)), _use(m.group(3)))


def _ports(first: str, last: str | None) -> tuple[int, int | None] | None:
    start, end = int(first.replace(",", "")), int(last.replace(",", "")) if last else None
    if not 0 < start <= 65535 or (end is not None and not start < end <= 65535):
        return None
    return start, end


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*(?:,|\band\b|&|/(?!\d))\s*", names) if n.strip()]


def _from_list_entry(text: str, about_ports: bool) -> Iterator[Port]:
    # "HTTP → 80, HTTPS → 443": several entries on one line
    parts = [p for p in re.split(r"\s*[,;]\s+", text) if p]
    if len(parts) > 1:
        found = [list(_one_entry(p, about_ports)) for p in parts]
        if all(found):
            for ports in found:
                yield from ports
            return
    yield from _one_entry(text, about_ports)


def _one_entry(text: str, about_ports: bool) -> Iterator[Port]:
    m = _PORT_FIRST.match(text)
    if m:
        ports = _ports(m.group(1), m.group(2))
        names = _split_names(m.group(3)) if "/" not in m.group(3) or "port" in text else [m.group(3)]
        if ports and all(_plausible(n, about_ports) for n in names):
            for name in names:
                yield Port(ports[0], ports[1], name, _expansion(m.group(4)), _use(m.group(5)))
            return
    m = _NAME_FIRST.match(text)
    if m:
        ports = _ports(m.group(3), m.group(4))
        # "MySQL / Aurora MySQL — 3306" names two things on one port
        names = [n.strip() for n in re.split(r"\s+/\s+", m.group(1)) if n.strip()]
        if ports and names and all(_plausible(n, about_ports) for n in names):
            use = _use(m.group(6)) or _use(m.group(5))
            for name in names:
                yield Port(ports[0], ports[1], name, _expansion(m.group(2)), use)


def _plausible(name: str, about_ports: bool) -> bool:
    name = name.strip()
    if is_protocol(name) or len(name.split()) == 2 and is_protocol(name.split()[0]):
        return True  # "Kubelet API: 10250"
    # outside a list about ports, only known protocol names count
    return about_ports and len(name.split()) <= 3 and name[:1].isupper()


def _expansion(text: str | None) -> str | None:
    if not text:
        return None
    text = plain(text).strip()
    # "(Secure Shell)" is a name; "(client and peer)" describes the use
    return text if re.match(r"^[A-Z][\w-]*(?:\s+[A-Za-z][\w-]*){0,6}$", text) else None


def _use(text: str | None) -> str | None:
    if not text:
        return None
    text = clean(plain(text)).rstrip(".")
    return text or None


def _from_prose(text: str, raw: str = "") -> Iterator[Port]:
    # "**kube-apiserver** is the front end; it listens on port 6443": the bold subject
    bold = re.match(r"^\s*(?:\*\*|__)([^*_]{1,40})(?:\*\*|__)", raw)
    for clause in _CLAUSE_BREAK.split(text):
        for m in _PROSE_PORT.finditer(clause):
            ports = _ports(m.group(1), m.group(2))
            if not ports:
                continue
            protocol = _protocol_near(clause[: m.start()], clause[m.end() :])
            if not protocol and bold and re.match(r"^\s*(?:it|this|that)\b", clause, re.I):
                protocol = bold.group(1).strip()
            if not protocol:
                continue
            yield Port(ports[0], ports[1], protocol, None, None)
            more = _MORE_PORTS.match(clause[m.end() :])
            if more and not m.group(2):
                for extra in re.findall(r"\d{1,5}", more.group()):
                    if _ports(extra, None):
                        yield Port(int(extra), None, protocol, None, None)


def _protocol_near(before: str, after: str) -> str | None:
    """The protocol a "port N" belongs to: the last one named before it in the clause,
    else one named right after it ("port 22 (SSH)", "port 22 for SSH")."""
    # "port 443 for HTTPS", "port 22 (SSH)": a protocol named right after wins
    m = re.match(r"^\s*(?:\(|for\s+|is\s+for\s+|is\s+used\s+(?:for|by)\s+)([A-Za-z][\w/+-]*)", after)
    if m and m.group(1).casefold() in PROTOCOLS:
        return m.group(1)
    named = _NAMED_PROTOCOL.findall(before)
    candidates = [t for t in _TOKEN.findall(before) if is_protocol(t)]
    if named:
        return named[-1]
    preferred = [t for t in candidates if t.casefold() not in TRANSPORTS]
    if preferred or candidates:
        return (preferred or candidates)[-1]
    m = re.match(r"^\s*(?:\(|for\s+|is\s+|by\s+)?([A-Za-z][\w/+-]*)", after)
    if m and m.group(1).casefold() in PROTOCOLS:
        return m.group(1)
    # "The Kubernetes API server usually listens on port 6443": the clause's subject
    m = _SUBJECT.match(before)
    return m.group(1) if m else None


def _from_row(section: Section, st: Statement) -> Iterator[Fact | Warning]:
    """A table row (or pipe-separated line) under a Port column and a name column."""
    port_col = st.column(r"^\s*ports?\s*(?:#|no\.?|number)?\s*$", r"\bports?\b")
    if port_col is None:
        return
    name_col = st.column(r"protocol", r"service", r"name", r"application", r"component|daemon|process|server")
    use_col = st.column(r"\buse", r"purpose", r"description", r"what", r"notes?", r"for\b")
    if name_col is None or name_col == port_col:
        return
    names = _split_names(st.cell(name_col))
    ports = [p for p in (_ports(a, b) for a, b in _CELL_PORT.findall(st.cell(port_col))) if p]
    if not ports and names:
        yield warning(section, st.line, f'no port number in the "{st.header[port_col]}" column')
    if not ports or not names:
        return
    use = _use(st.cell(use_col)) if use_col not in (None, port_col, name_col) else None
    for start, end in ports:
        for name in names:
            m = _NAME_ALONE.match(name)
            protocol, expansion = (m.group(1), _expansion(m.group(2))) if m else (name, None)
            yield fact("port", Port(start, end, protocol.strip(), expansion, use), section, st.line)


def describe_port(d: Port) -> str:
    end = f"-{d.port_end}" if d.port_end else ""
    name = f" ({d.name})" if d.name else ""
    use = f" — {d.use}" if d.use else ""
    return f"{d.port}{end} {d.protocol}{name}{use}"


def combine_ports(old: Port, new: Port) -> tuple[Port, None]:
    return replace(old, name=old.name or new.name, use=old.use or new.use), None


KIND = Kind(
    name="port",
    data_type=Port,
    rules=(extract_ports,),
    description="which protocol or service uses which port number",
    describe=describe_port,
    typed=True,
    combine=combine_ports,
)
