"""Ports: which protocol or service uses which port number.

    - 22 = SSH(Secure Shell) - log into a Linux instance     port first
    - PostgreSQL: 5432     - Redis -> 6379     - HTTPS 443   name first
    - **etcd** — 2379-2380 (client and peer)                 ranges keep both ends
    - HTTP (80)     - 443 (HTTPS)     - (SMTP, 25)           a name and a number paired
    | Port | Protocol | Service | Description |             tables with a Port column:
    | 53   | TCP/UDP  | DNS     | name lookups |            TCP/UDP is the transport
    HTTP has port 80 while HTTPS has port 443.               prose: "... port N"
    What port does RDP use?  /  Port 3389.                   a question and its answer
    firewall-cmd --add-port=6443/tcp   # kube-apiserver      a code line's comment

A name is taken as a protocol when it is a known protocol word, or when the list
or heading around it talks about ports. One protocol on one port is one fact.
Not ports: a transport alone ("TCP port 8080", "TCP (6)" is a protocol number), the
full or a category range (0-65535, 1024-65535), HTTP status codes ("HTTP 404").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import product

from cheatdeck.extract.common import clean, fact, warning
from cheatdeck.extract.read import Answered, Statement, answered, context
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Fact, Port, Section, Warning
from cheatdeck.text import plain
from cheatdeck.vocab import PROTOCOLS, SERVICES, STOP_WORDS, TRANSPORTS, is_service

_PORT = r"(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?:\s*/\s*(?:tcp|udp))?"
_NAME = r"([A-Za-z][\w/.+#-]*(?:\s+(?:/\s+)?[A-Z][\w/.+#-]*){0,3})"
_NAMES = _NAME[:-1] + r"(?:\s*(?:,|/|\band\b|&)\s*[A-Za-z][\w/.+#-]*)*)"
_EXPANSION = r"(?:\s*\(([^)]{2,80})\))?"
_SEP = r"\s*(?:=>|->|→|=|:|—|–|-)\s*"
_USE = r"(?:\s*(?:—|–|-|:|,|\bfor\b|\bto\b)\s*(.+))?"

_PORT_FIRST = re.compile(rf"^(?:ports?\s*)?{_PORT}{_SEP}{_NAMES}{_EXPANSION}{_USE}$", re.I)
_NAME_FIRST = re.compile(
    rf"^{_NAME}{_EXPANSION}(?:\s+(?:default\s+)?port(?:\s+number)?)?{_SEP}(?:(?:tcp|udp)(?:\s+|\s*/\s*))?(?:port\s+)?{_PORT}"
    rf"(?:\s*\(([^)]*)\))?{_USE}$",
    re.I,
)
# "HTTPS 443", "SSH port 22 - remote shell": no separator, so only for a known protocol
_SPACED_USE = r"(?:\s+[-–—]\s+(.+)|\s*:\s*(.+))?$"  # "443 - the web", not "100-continue"
_NAME_SPACE_PORT = re.compile(rf"^{_NAME}\s+(?:(?:tcp|udp)\s+)?(?:port\s+)?{_PORT}{_SPACED_USE}", re.I)
# "HTTP/HTTPS: 80/443", "FTP 20, 21": names and ports listed side by side
_ZIPPED = re.compile(
    r"^([A-Za-z][\w.+-]*(?:\s*(?:/|,|&|\band\b)\s*[A-Za-z][\w.+-]*)*)(?:\s+ports?)?(\s*(?:=>|->|→|=|:|—|–|-)\s*|\s+)"
    r"(?:ports?\s+)?(\d{1,5}(?:\s*(?:/|,|&|\band\b|\bor\b)\s*\d{1,5})+)(?:\s*[-–—:]\s*(.+))?$",
    re.I,
)
# "22 SSH", "443 HTTPS - the web": no separator, so only for a known name
_PORT_SPACE_NAME = re.compile(rf"^{_PORT}\s+{_NAME}{_EXPANSION}{_SPACED_USE}", re.I)
# "RDP uses 3389", "Redis listens on 6379 by default": a known name, a verb, a number
_VERB_NUMBER = re.compile(
    rf"\b([A-Za-z][\w.+-]*)\s+(?:uses|listens\s+on|runs\s+on|is\s+on|binds\s+to|defaults\s+to)\s+"
    rf"(?:(?:tcp|udp)\s+)?{_PORT}(?=\s*(?:$|[.,;)]|\s+(?:by\s+default|and|for|while|whereas|but)\b))",
    re.I,
)
# "the default port for PostgreSQL is 5432", "Redis's default port is 6379"
_PORT_FOR_IS = re.compile(
    rf"\bport\s+(?:number\s+)?(?:for|of|used\s+by)\s+(?:the\s+)?([A-Za-z][\w.+-]*)\s+is\s+(?:(?:tcp|udp)\s+)?{_PORT}\b",
    re.I,
)
_OWNER_PORT_IS = re.compile(
    rf"\b([A-Za-z][\w.+-]*?)(?:'s)?\s+(?:default\s+)?port(?:\s+number)?\s+is\s+(?:(?:tcp|udp)\s+)?{_PORT}\b", re.I
)
_VERBS = ("uses", "listens", "runs", "is on", "binds", "defaults")
# the no-separator forms leave out single digits: "HTTP 2" is a version
_LEAST_SPACED_PORT = 10
_LONGEST_SPACED_ENTRY = 120
_TWO_NUMBERS = re.compile(r"\d\D+\d")
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
_KNOWN_NAMES = PROTOCOLS | SERVICES
_FIRST_WORDS = frozenset(n.split()[0] for n in _KNOWN_NAMES | TRANSPORTS)
_TOKEN = re.compile(r"[A-Za-z][\w/+-]*(?:\s+Server)?")

# A name and a number paired: "HTTP (80)", "80 (HTTP)", "(HTTP, 80)"
_PAIR_NAME = r"([A-Za-z][\w.+-]*(?:/[A-Za-z][\w.+-]*)*)"
_NAME_PAREN_PORT = re.compile(rf"(?<![\w/]){_PAIR_NAME}\s*\(\s*(?:(?:tcp|udp)\s+)?(?:ports?\s*)?{_PORT}\s*\)", re.I)
_PORT_PAREN_NAME = re.compile(rf"(?<![\w./:-]){_PORT}\s*\(\s*{_PAIR_NAME}\s*\)", re.I)
# what every pair has: a number inside or right before brackets (a cheap first test)
_PAIR_HINT = re.compile(r"\(\s*(?:(?:tcp|udp)\s+)?(?:ports?\s*)?\d|\d\s*\(|,\s*(?:ports?\s*)?\d{1,5}\s*\)", re.I)
_PAREN_NAME_PORT = re.compile(rf"\(\s*{_PAIR_NAME}\s*,\s*(?:ports?\s*)?{_PORT}\s*\)", re.I)

# a number in brackets after a name in this span, outside a note about ports, is a year
_YEARS = (1960, 2030)
# words that name no service: a transport, "all traffic", "Custom TCP rule", "ports"
_NO_SERVICE = frozenset(
    "tcp udp sctp ip ipv4 ipv6 icmp icmpv6 all any custom rule rules traffic protocol protocols port ports "
    "range number none".split()
)
# words that are not names, even lower-case in a list about ports ("- default: 8080")
_NOT_A_NAME = frozenset(
    "default max maximum min minimum total range count limit number example eg e.g ex source destination "
    "inbound outbound from to and or type".split()
)
_NOT_NAMES = _NOT_A_NAME | _NO_SERVICE
# the bounds of the port categories (well-known, registered, dynamic): a range that
# starts or ends on one of them is a category, not a service's ports
_CATEGORY_BOUNDS = frozenset({0, 1, 1023, 1024, 1025, 49151, 49152, 65535})
_WIDEST_SERVICE_RANGE = 10000


def extract_ports(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    yield from _from_title(section)
    answer_lines = set()
    for qa in answered(section, statements):
        for port in _from_answered(qa):
            if _is_service_port(port):
                answer_lines.add(qa.statement.line)
                yield fact("port", port, section, qa.statement.line)
    for st in statements:
        if st.line in answer_lines:
            continue
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        if st.kind == "comment":
            for port in _from_comment(st.text, st.code):
                yield fact("port", port, section, st.line)
            continue
        text = st.text
        about_ports = _about_ports(context(section, st)) or _about_ports(text)
        if not _DIGIT.search(text):
            if about_ports:
                yield from _missing_number(section, st)
            continue  # no number, no port
        found = list(_from_list_entry(text, bool(about_ports)))
        if not found and st.kind == "item" and st.depth > 0:
            found = list(_under_parent(text, st.parent))
        elif not found and section.heading_path:
            found = list(_under_parent(text, section.title, known_only=True))
        if not found:
            found = list(_paired(text, bool(about_ports)))
        if not found and not text.rstrip().endswith("?"):  # a question states nothing
            found = list(_from_prose(text, st.markdown))
        found = [p for p in found if _is_service_port(p) and not _status_code(p, f"{text} / {context(section, st)}")]
        for port in found:
            yield fact("port", port, section, st.line)
        if not found and about_ports:
            yield from _missing_number(section, st)


# "ports", "port number"; not "transport", "support" or "report"
_ABOUT_PORTS = re.compile(r"\bports?\b", re.I)


def _about_ports(text: str) -> bool:
    return "port" in text.casefold() and _ABOUT_PORTS.search(text) is not None


def _from_title(section: Section) -> Iterator[Fact]:
    """ "### SSH (22)", "## HTTPS: 443": a heading that names a port. Not "22 = SSH" nor
    "22 SSH": a heading's number is too often its own numbering."""
    title = plain(section.title)
    if not section.heading_path or not _DIGIT.search(title) or title.endswith("?"):
        return
    if not _ABOUT_PORTS.search(context(section)):
        return  # "###### Aurora (2)": a heading's number is a port only under a heading about ports
    about_ports = True
    found: list[Port] = []
    m = _NAME_FIRST.match(title)
    if m and not _PORT_FIRST.match(title):
        found = list(_one_entry(title, about_ports))
    found = found or list(_paired(title, about_ports))
    for port in found:
        if _is_service_port(port) and not _status_code(port, title):
            yield fact("port", port, section, section.line)


def _is_service_port(port: Port) -> bool:
    """Whether a number tied to a name is a service's port: not a transport alone ("TCP
    port 8080", "TCP (6)"), not a category of ports."""
    if not _names_a_service(port.protocol):
        return False
    if port.port_end is not None and (
        {port.port, port.port_end} & _CATEGORY_BOUNDS or port.port_end - port.port > _WIDEST_SERVICE_RANGE
    ):
        return False
    return True


_STATUS_WORDS = re.compile(
    r"\b(?:status|codes?|errors?|response|redirect\w*|ok|not found|forbidden|unauthori[sz]ed|bad request|"
    r"gateway|unavailable|\dxx)\b",
    re.I,
)


def _status_code(port: Port, text: str) -> bool:
    """ "HTTP 404 - Not Found", "HTTP (503) errors": an HTTP status code."""
    http = port.protocol.casefold() in ("http", "https") and 100 <= port.port <= 599 and not port.port_end
    return http and _STATUS_WORDS.search(text) is not None


def _names_a_service(name: str) -> bool:
    words = re.findall(r"[a-z0-9]+", re.sub(r"\([^)]*\)", "", name).casefold())
    return bool(words) and not all(w in _NO_SERVICE or w.isdigit() for w in words)


_CHILD_PORT = re.compile(
    rf"^(?:default\s+)?(?:tcp\s+|udp\s+)?ports?\s*(?:number)?\s*[:=]?\s*{_PORT}\s*(?:[-–—:,(]\s*(.*?)\)?)?$", re.I
)


_CHILD_BARE = re.compile(rf"^(?:(?:tcp|udp)\s+)?{_PORT}()$", re.I)


def _missing_number(section: Section, st: Statement) -> Iterator[Warning]:
    """ "- SMTP: TBD" in a list of ports: a port entry without its number."""
    if st.kind == "item" and "port" in st.lead.casefold():
        m = _NAME_WITHOUT_PORT.match(st.text)
        if m and is_service(m.group(1)):
            yield warning(
                section,
                st.line,
                f'"{m.group(1)}" is listed with ports but has no port number; write it as e.g. "{m.group(1)}: 1234"',
            )


def _under_parent(text: str, parent: str, known_only: bool = False) -> Iterator[Port]:
    """ "- SSH (Secure Shell)" over "  - port 22" (or over "  - 22"), "### PostgreSQL"
    over "Default port: 5432": the parent item or the heading names the protocol."""
    m = _CHILD_PORT.match(text)
    parent_m = _NAME_ALONE.match(parent.rstrip(" :"))
    if not parent_m or not (is_service(parent_m.group(1)) or not known_only and _plausible(parent_m.group(1), True)):
        return
    if m is None and is_service(parent_m.group(1)):
        m = _CHILD_BARE.match(text)  # a number alone, under a known name
    if m:
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
            return
    if len(text) > _LONGEST_SPACED_ENTRY:
        return  # the forms below are list entries, not sentences
    first = text.split(None, 1)[0].casefold()
    m = _NAME_SPACE_PORT.match(text) if first in _FIRST_WORDS else None
    if m and is_service(m.group(1)):
        ports = _ports(m.group(2), m.group(3))
        if ports and _spaced_port(ports[0], m.group(1), about_ports):
            yield Port(ports[0], ports[1], m.group(1), None, _use(m.group(4) or m.group(5)))
            return
    m = _PORT_SPACE_NAME.match(text) if first[:1].isdigit() else None
    if m and is_service(m.group(3)):
        ports = _ports(m.group(1), m.group(2))
        if ports and _spaced_port(ports[0], m.group(3), about_ports):
            yield Port(ports[0], ports[1], m.group(3), _expansion(m.group(4)), _use(m.group(5) or m.group(6)))
            return
    yield from _zipped(text, about_ports)


def _spaced_port(port: int, name: str, about_ports: bool) -> bool:
    """Whether "NAME N" with no separator is a port: not "HTTP 2" (a version), and "HTTP
    404" only where the notes talk about ports (elsewhere it is a status code)."""
    if port < _LEAST_SPACED_PORT:
        return False
    # "HTTPS 443" is a port anywhere: status codes are written "HTTP 404"
    return about_ports or not (name.casefold() == "http" and 100 <= port <= 599)


def _zipped(text: str, about_ports: bool) -> Iterator[Port]:
    """ "HTTP/HTTPS: 80/443" pairs names and ports in order; "FTP: 20, 21" gives one
    name both ports. Without a separator ("FTP 20/21") only known names count."""
    m = _ZIPPED.match(text) if _TWO_NUMBERS.search(text) else None
    if not m:
        return
    names = _split_names(m.group(1))
    numbers = [_ports(n, None) for n in re.findall(r"\d{1,5}", m.group(3))]
    spaced = not m.group(2).strip()
    if not all(numbers) or not all(is_service(n) if spaced else _plausible(n, about_ports) for n in names):
        return
    if len(names) == 1:
        names = names * len(numbers)
    if len(names) != len(numbers):
        return
    for name, port in zip(names, numbers, strict=True):
        if port and not (spaced and port[0] < _LEAST_SPACED_PORT):
            yield Port(port[0], None, name, None, _use(m.group(4)))


def _plausible(name: str, about_ports: bool) -> bool:
    name = name.strip()
    if is_service(name) or len(name.split()) == 2 and is_service(name.split()[0]):
        return True  # "Kubelet API: 10250"
    if not about_ports or len(name.split()) > 3 or all(w in _NOT_NAMES for w in name.casefold().split()):
        return False  # "Default port: 5432" names no service
    # outside a list about ports, only known protocol names count; inside one, a
    # capitalised name or a one-word lower-case one ("kube-apiserver: 6443")
    return name[:1].isupper() or re.fullmatch(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*", name) is not None


def _paired(text: str, about_ports: bool, whole: bool = True) -> Iterator[Port]:
    """ "HTTP (80)", "80 (HTTP)", "(HTTP, 80)", "ports 80 (HTTP) and 443 (HTTPS)": each
    number with the name next to it, anywhere in a statement. "80 (HTTP)" counts where
    the statement talks about ports or (when `whole`) is nothing but that pair."""
    if "(" not in text or not _PAIR_HINT.search(text):
        return
    pairs: list[tuple[int, str, str | None, str]] = []  # (offset, first, last, names)
    for m in _NAME_PAREN_PORT.finditer(text):
        pairs.append((m.start(), m.group(2), m.group(3), m.group(1)))
    for m in _PORT_PAREN_NAME.finditer(text):
        # "80 (HTTP)" only where the statement talks about ports: "Layer 7 (HTTP)" does not
        alone = whole and m.start() == 0 and m.end() == len(text.rstrip(" .;"))
        if (about_ports or alone) and not re.search(r"\b(?:layer|l|osi|level|version|v)\s*$", text[: m.start()], re.I):
            pairs.append((m.start(), m.group(1), m.group(2), m.group(3)))
    for m in _PAREN_NAME_PORT.finditer(text):
        pairs.append((m.start(), m.group(2), m.group(3), m.group(1)))
    for _, first, last, names in sorted(pairs):
        ports = _ports(first, last)
        if ports and (ports[0] < _LEAST_SPACED_PORT or not about_ports and _YEARS[0] <= ports[0] <= _YEARS[1]):
            continue  # "Aurora (2)" is a count or a footnote, "SMTP (1982)" is when, not where
        split = _split_names(names)
        # a known protocol, or a capitalised name where the notes talk about ports
        # ("6379 (cache)" says what the port is for, not whose it is)
        if (
            ports
            and split
            and all(_names_a_service(n) and (is_service(n) or n[:1].isupper()) for n in split)
            and all(_plausible(n, about_ports) for n in split)
        ):
            for name in split:
                yield Port(ports[0], ports[1], name, None, None)


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
    low = text.casefold()
    verbs = any(v in low for v in _VERBS)
    for clause in _CLAUSE_BREAK.split(text):
        for pattern in (_PORT_FOR_IS, _OWNER_PORT_IS) if " is " in low else ():
            for m in pattern.finditer(clause):
                ports = _ports(m.group(2), m.group(3))
                if ports and is_service(m.group(1)) and _names_a_service(m.group(1)):
                    yield Port(ports[0], ports[1], m.group(1), None, None)
        for m in _VERB_NUMBER.finditer(clause) if verbs else ():
            ports = _ports(m.group(2), m.group(3))
            if ports and is_service(m.group(1)) and _names_a_service(m.group(1)):
                yield Port(ports[0], ports[1], m.group(1), None, None)
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
    if m and m.group(1).casefold() in _KNOWN_NAMES:
        return m.group(1)
    named = _NAMED_PROTOCOL.findall(before)
    candidates = [t for t in _TOKEN.findall(before) if is_service(t)]
    if named:
        return named[-1]
    preferred = [t for t in candidates if t.casefold() not in TRANSPORTS]
    if preferred or candidates:
        return (preferred or candidates)[-1]
    m = re.match(r"^\s*(?:\(|for\s+|is\s+|by\s+)?([A-Za-z][\w/+-]*)", after)
    if m and m.group(1).casefold() in _KNOWN_NAMES:
        return m.group(1)
    # "The Kubernetes API server usually listens on port 6443": the clause's subject
    m = _SUBJECT.match(before)
    return m.group(1) if m else None


# ---- questions and answers ---------------------------------------------------------

_ANSWER_PORT = re.compile(
    rf"^(?:(?:it\s+)?(?:uses|is|listens\s+on|runs\s+on)\s+)?(?:the\s+)?(?:default\s+)?(?:(tcp|udp)\s+)?"
    rf"(?:ports?\s*)?(?:number\s*)?[:#]?\s*{_PORT}(?![\d.,]\d)",
    re.I,
)
_ASKED_BY = re.compile(
    r"\b(?:does|do|is|for|by|of)\s+(?:the\s+)?([A-Za-z][\w.+-]*(?:\s+[A-Za-z][\w.+-]*){0,2}?)\s+"
    r"(?:use|listen|run|bind|default|need|answer)",
    re.I,
)


def _from_answered(qa: Answered) -> Iterator[Port]:
    """ "What port does RDP use?" answered "Port 3389.", and "Which protocol runs on
    port 3389?" answered "RDP"."""
    if not re.search(r"\bports?\b", qa.question, re.I) or re.search(r"\bhow\s+many\b", qa.question, re.I):
        return  # "How many ports does FTP use?" asks for a count
    asked = _PROSE_PORT.search(qa.question)
    if asked:  # the question gives the port and asks for the name
        ports = _ports(asked.group(1), asked.group(2))
        m = _NAME_ALONE.match(qa.answer.strip().rstrip("."))
        if ports and m and _plausible(m.group(1), True) and _names_a_service(m.group(1)):
            yield Port(ports[0], ports[1], m.group(1), _expansion(m.group(2)), None)
        return
    names = {t.casefold(): t for t in _TOKEN.findall(qa.question) if is_service(t) and _names_a_service(t)}
    if not names:
        subject = _ASKED_BY.search(qa.question)
        if subject and _plausible(subject.group(1), True):
            names = {subject.group(1).casefold(): subject.group(1)}
    m = _ANSWER_PORT.match(qa.answer)
    if len(names) != 1 or not m:
        return
    ports = _ports(m.group(2), m.group(3))
    if not ports:
        return
    name = next(iter(names.values()))
    transport = m.group(1).upper() if m.group(1) else None
    yield Port(ports[0], ports[1], name, None, None, transport)
    more = _MORE_PORTS.match(qa.answer[m.end() :])
    if more and not m.group(3):
        for extra in re.findall(r"\d{1,5}", more.group()):
            if _ports(extra, None):
                yield Port(int(extra), None, name, None, None, transport)


# ---- code comments -----------------------------------------------------------------

# a port in code: "--add-port=6443/tcp", "--dport 22", "EXPOSE 8080", "2379-2380/tcp"
_CODE_PORT = re.compile(r"(?<![\w.:/-])(\d{1,5})(?:-(\d{1,5}))?(/(?:tcp|udp))?(?![\w.:/-])", re.I)
_CODE_ABOUT_PORTS = re.compile(r"port|expose|listen|/tcp|/udp|(?<![\w-])-p\b", re.I)
_SENTENCE_WORDS = STOP_WORDS | {"is", "are", "was", "be", "this", "that", "it", "will", "here", "see", "todo"}
_COMMENT_VERB = re.compile(r"^(?:allow|allows|open|opens|enable|for|expose|needed by|used by)\s+", re.I)


def _from_comment(comment: str, code: str) -> Iterator[Port]:
    """ "firewall-cmd --add-port=2379-2380/tcp  # etcd": a line of code that opens one
    port (or range), and a comment that names what it is for."""
    name = _COMMENT_VERB.sub("", clean(comment).rstrip("."))
    if not name or len(name.split()) > 5 or re.search(r"[.;!?:=]", name):
        return  # a sentence about the code, not a name
    first = name.split()[0]
    if not (first[:1].isupper() or is_service(first) or _plausible(name, True)) or any(
        w in _SENTENCE_WORDS for w in name.casefold().split()
    ):
        return  # "connect to the box", "This is a comment": what the line does, not whose port
    numbers = list(_CODE_PORT.finditer(code))
    bare = re.fullmatch(r"\s*\d{1,5}(?:-\d{1,5})?(?:/(?:tcp|udp))?\s*", code, re.I)
    if len(numbers) != 1 or not (bare or _CODE_ABOUT_PORTS.search(code)):
        return
    m = numbers[0]
    ports = _ports(m.group(1), m.group(2))
    named = _NAME_ALONE.match(name)
    protocol, expansion = (named.group(1), _expansion(named.group(2))) if named else (name, None)
    if ports and _names_a_service(protocol):
        transport = m.group(3)[1:].upper() if m.group(3) else None
        port = Port(ports[0], ports[1], protocol.strip(), expansion, None, transport)
        if _is_service_port(port):
            yield port


# ---- table rows and pipe-separated lines -------------------------------------------

_TRANSPORT_CELL = re.compile(
    r"^\s*(tcp|udp|sctp)(?:\s*(?:/|,|&|\+|\band\b)\s*(tcp|udp|sctp))?\s*(?:\(\s*\d+\s*\))?\s*$", re.I
)
_ALL_PORTS = re.compile(r"^\s*(?:all|any|\*|n/?a|none|-|—|–)\s*$", re.I)
_BARE_PORT = re.compile(r"^\s*(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?:\s*/\s*(tcp|udp))?\s*$", re.I)
_NAME_COLUMNS = (r"protocol", r"service", r"name", r"application", r"component|daemon|process|server", r"^\s*type\s*$")
_USE_COLUMNS = (r"\buse", r"usage", r"purpose", r"description", r"what", r"notes?", r"comment", r"for\b")


def _transport(cell: str) -> str | None:
    m = _TRANSPORT_CELL.match(cell)
    if not m:
        return None
    return "/".join(t.upper() for t in m.groups() if t)


def _from_row(section: Section, st: Statement) -> Iterator[Fact | Warning]:
    """A table row (or pipe-separated line) under a Port column and a name column; a
    row of a table about something else read cell by cell."""
    port_col = st.column(r"^\s*ports?\s*(?:#|no\.?|number)?\s*$", r"\bports?\b")
    if port_col is None:
        yield from _from_other_row(section, st)
        return
    use_col = st.column(*_USE_COLUMNS)
    use_col = use_col if use_col != port_col else None
    transport = None
    names: list[str] = []
    name_col = None
    for pattern in _NAME_COLUMNS:
        col = st.column(pattern)
        if col is None or col in (port_col, use_col):
            continue
        cell = st.cell(col)
        transport = transport or _transport(cell)
        split = [n for n in _split_names(cell) if _names_a_service(n)]
        if split and not _transport(cell):
            names, name_col = split, col
            break
    if not names and use_col is not None:
        # "| TCP | 443 | Allows inbound HTTPS |": the one protocol the comment names
        named = {t.casefold(): t for t in _TOKEN.findall(st.cell(use_col)) if is_service(t) and _names_a_service(t)}
        names = list(named.values()) if len(named) == 1 else []
    port_cell = st.cell(port_col)
    ports = [p for p in (_ports(a, b) for a, b in _CELL_PORT.findall(port_cell)) if p]
    if not ports and names and not _ALL_PORTS.match(port_cell):
        yield warning(section, st.line, f'no port number in the "{st.header[port_col]}" column')
    if not ports or not names:
        return
    use = _use(st.cell(use_col)) if use_col not in (None, name_col) else None
    transport = transport or _transport_in(port_cell)
    # "| HTTP, HTTPS | 80, 443 |" pairs them in order; one name takes every port
    pairs = zip(names, ports, strict=True) if len(names) == len(ports) > 1 else product(names, ports)
    for name, (start, end) in pairs:
        m = _NAME_ALONE.match(name)
        protocol, expansion = (m.group(1), _expansion(m.group(2))) if m else (name, None)
        port = Port(start, end, protocol.strip(), expansion, use, transport)
        if _is_service_port(port):
            yield fact("port", port, section, st.line)


def _transport_in(cell: str) -> str | None:
    m = re.search(r"/\s*(tcp|udp)\b", cell, re.I)
    return m.group(1).upper() if m else None


def _from_other_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row without a Port column: a line "SSH | 22" with no column names (a number
    alone in one cell, known protocols alone in another), or cells that pair names and
    numbers as prose does. Under column names that are not about ports, "| ALB | 7 |
    HTTP |" is a layer."""
    bare = [m for m in (_BARE_PORT.match(c) for c in st.cells) if m]
    named = [names for names in (_split_names(c) for c in st.cells) if names and all(map(_known_name, names))]
    found: list[Port] = []
    if not st.header and len(bare) == 1 and len(named) == 1:
        m = bare[0]
        ports = _ports(m.group(1), m.group(2))
        ports = ports if ports and ports[0] >= _LEAST_SPACED_PORT else None
        transport = m.group(3).upper() if m.group(3) else None
        for name in named[0] if ports else ():
            n = _NAME_ALONE.match(name)
            if ports and n:
                found.append(Port(ports[0], ports[1], n.group(1), _expansion(n.group(2)), None, transport))
    else:
        for cell in st.cells:
            if _DIGIT.search(cell):
                found.extend(list(_paired(cell, bool(_ABOUT_PORTS.search(cell)), False)) or list(_from_prose(cell)))
    for port in found:
        if _is_service_port(port):
            yield fact("port", port, section, st.line)


def _known_name(name: str) -> bool:
    m = _NAME_ALONE.match(name)
    return m is not None and is_service(m.group(1)) and _names_a_service(m.group(1))


def describe_port(d: Port) -> str:
    end = f"-{d.port_end}" if d.port_end else ""
    name = f" ({d.name})" if d.name else ""
    transport = f" [{d.transport}]" if d.transport else ""
    use = f" — {d.use}" if d.use else ""
    return f"{d.port}{end} {d.protocol}{name}{transport}{use}"


def combine_ports(old: Port, new: Port) -> tuple[Port, None]:
    return replace(
        old, name=old.name or new.name, use=old.use or new.use, transport=old.transport or new.transport
    ), None


KIND = Kind(
    name="port",
    data_type=Port,
    rules=(extract_ports,),
    description="which protocol or service uses which port number",
    describe=describe_port,
    typed=True,
    combine=combine_ports,
)
