"""How one statement names a port: the forms of a list entry, a pair, a sentence.

    22 = SSH (Secure Shell) - log in       port first        PostgreSQL: 5432   name first
    HTTPS 443    22 SSH                    no separator, known names only
    HTTP (80)    443 (HTTPS)    (SMTP, 25) a name and a number paired
    HTTP/HTTPS: 80/443                     names and ports side by side, paired in order
    HTTP has port 80; RDP uses 3389        prose
    - SSH  /    - port 22                  the parent item (or heading) names the port
    DB ports: MySQL 3306 · Oracle is 1521  a label over entries, most of which give a port
    Kerberos on 88    Redshift 5439        "X on N"; an unknown name, registered port, in a list

and what is not a port (`is_service_port`): a transport alone, a category range. The
kind (`ports.py`) decides which statements to read and turns the ports into facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cheatdeck.extract.common import clean
from cheatdeck.model import Port
from cheatdeck.text import plain
from cheatdeck.vocab import PROTOCOLS, SERVICES, TRANSPORTS, is_service

PORT = r"(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?:\s*/\s*(?:tcp|udp))?"
_NAME = r"([A-Za-z][\w/.+#-]*(?:\s+(?:/\s+)?[A-Z][\w/.+#-]*){0,3})"
# (names joined by " + " may be two words each: "PostgreSQL + Aurora PostgreSQL")
_NAMES = _NAME[:-1] + (
    r"(?:\s*(?:,|/|\band\b|&)\s*[A-Za-z][\w/.+#-]*|\s+\+\s*[A-Za-z][\w/.+#-]*(?:\s+[A-Z][\w/.+#-]*){0,2})*)"
)
_EXPANSION = r"(?:\s*\(([^)]{2,80})\))?"
_SEP = r"\s*(?:=>|->|→|=|:|—|–|-)\s*"
# (a use does not start with a figure: "1024-65535. ..." is a range, not 1024 and its use)
_USE = r"(?:\s*(?:—|–|-|:|,|→|->|=>|\bfor\b|\bto\b)\s*(?!\d)(.+))?"

PORT_FIRST = re.compile(rf"^(?:ports?\s*)?{PORT}{_SEP}{_NAMES}{_EXPANSION}{_USE}$", re.I)
NAME_FIRST = re.compile(
    rf"^{_NAME}{_EXPANSION}(?:\s+(?:default\s+)?port(?:\s+number)?)?{_SEP}(?:(?:tcp|udp)(?:\s+|\s*/\s*))?(?:port\s+)?{PORT}"
    rf"(?:\s*\(([^)]*)\))?{_USE}$",
    re.I,
)
# "HTTPS 443", "SSH port 22 - remote shell": no separator, so only for a known protocol
_SPACED_USE = r"(?:\s+[-–—]\s+(.+)|\s*(?::|→|->|=>)\s*(.+))?$"  # "443 - the web", not "100-continue"
# "DNS 53 (UDP, TCP for zone transfers)": a note in brackets after the port (one with a
# figure of its own, "SMTP 25 (587 for TLS)", is a sentence of figures, read as before)
_NAME_SPACE_PORT = re.compile(
    rf"^{_NAME}\s+(?:(?:tcp|udp)\s+)?(?:port\s+)?{PORT}(?:\s*\(([^()\d]*)\))?{_SPACED_USE}", re.I
)
# "Oracle is 1521", in a list of ports
_NAME_IS_PORT = re.compile(
    rf"^(?:[Tt]he\s+)?([A-Za-z][\w/.+#-]*(?:\s+[A-Z][\w/.+#-]*){{0,2}})(?:'s)?(?:\s+(?:default\s+)?port(?:\s+number)?)?"
    rf"\s+(?:is|on|uses|listens\s+on|runs\s+(?:on|over))\s+(?:(?:tcp|udp)\s+)?(?:port\s+)?{PORT}\s*$"
)
# "HTTP/HTTPS: 80/443", "FTP 20, 21": names and ports listed side by side
_ZIPPED = re.compile(
    r"^([A-Za-z][\w.+-]*(?:\s*(?:/|,|&|\band\b)\s*[A-Za-z][\w.+-]*)*)(?:\s+ports?)?(\s*(?:=>|->|→|=|:|—|–|-)\s*|\s+)"
    r"(?:ports?\s+)?(\d{1,5}(?:\s*(?:/|,|&|\band\b|\bor\b)\s*\d{1,5})+)(?:\s*[-–—:]\s*(.+))?$",
    re.I,
)
# "80 / 443: HTTP / HTTPS": ports listed, then their names in the same order
_PORTS_ZIPPED = re.compile(
    r"^(?:ports?\s+)?(\d{1,5}(?:\s*(?:/|,|&)\s*\d{1,5})+)\s*(?:=>|->|→|=|:|—|–|-)\s*"
    r"([A-Za-z][\w.+-]*(?:\s*(?:/|,|&)\s*[A-Za-z][\w.+-]*)+)(?:\s*[-–—:]\s*(.+))?$",
    re.I,
)
# "22 SSH", "443 HTTPS - the web": no separator, so only for a known name
_PORT_SPACE_NAME = re.compile(rf"^{PORT}\s+{_NAME}{_EXPANSION}{_SPACED_USE}", re.I)
# "RDP uses 3389", "Redis listens on 6379 by default": a known name, a verb, a number
_VERB_NUMBER = re.compile(
    rf"\b([A-Za-z][\w.+-]*)\s+(?:uses|listens\s+on|runs\s+(?:on|over)|is\s+on|binds\s+to|defaults\s+to)\s+"
    rf"(?:(?:tcp|udp)\s+)?{PORT}(?=\s*(?:$|[.,;)]|\s+(?:by\s+default|and|for|while|whereas|but)\b))",
    re.I,
)
# "the default port for PostgreSQL is 5432", "Redis's default port is 6379"
_PORT_FOR_IS = re.compile(
    rf"\bport\s+(?:number\s+)?(?:for|of|used\s+by)\s+(?:the\s+)?([A-Za-z][\w.+-]*)\s+is\s+(?:(?:tcp|udp)\s+)?{PORT}\b",
    re.I,
)
_OWNER_PORT_IS = re.compile(
    rf"\b([A-Za-z][\w.+-]*?)(?:'s)?\s+(?:default\s+)?port(?:\s+number)?\s+is\s+(?:(?:tcp|udp)\s+)?{PORT}\b", re.I
)
_VERBS = ("uses", "listens", "runs", "is on", "binds", "defaults")
# the no-separator forms leave out single digits: "HTTP 2" is a version
LEAST_SPACED_PORT = 10
_LONGEST_SPACED_ENTRY = 120
_TWO_NUMBERS = re.compile(r"\d\D+\d")
PROSE_PORT = re.compile(rf"\bports?\s*(?:number\s*)?(?:of\s*)?{PORT}\b", re.I)
# "ports 20 and 21", "ports 80, 443"
MORE_PORTS = re.compile(r"^(?:\s*(?:,|and|&|/|or)\s*(\d{1,5})\b)+")
_NAMED_PROTOCOL = re.compile(r"\b([A-Z][A-Za-z0-9]*)\s+protocol\b")
_CLAUSE_BREAK = re.compile(r"\s*(?:;|\bwhile\b|\bwhereas\b|, and\b|, but\b|\. )\s*", re.I)
# "1,433" is one port, "20, 21" and "20,21" are two
DIGIT = re.compile(r"\d")
NAME_ALONE = re.compile(rf"^{_NAME}{_EXPANSION}$")
NAME_WITHOUT_PORT = re.compile(rf"^{_NAME}{_EXPANSION}\s*(?::|=|->|→)\s*\S*$")
CELL_PORT = re.compile(r"(\d{1,2},\d{3}|\d{1,5})(?:\s*[-–]\s*(\d{1,2},\d{3}|\d{1,5}))?(?!\d)")
_SUBJECT = re.compile(
    r"^\s*(?:[Tt]he\s+)?([A-Z][\w.+-]*(?:\s+[A-Za-z][\w.+-]*){0,3}?)\s+(?:usually\s+|by default\s+|typically\s+|"
    r"normally\s+|always\s+)?(?:listens|runs|is served|serves|binds|answers|uses|is reachable|is exposed)\b"
)
_KNOWN_NAMES = PROTOCOLS | SERVICES
_FIRST_WORDS = frozenset(n.split()[0] for n in _KNOWN_NAMES | TRANSPORTS)
TOKEN = re.compile(r"[A-Za-z][\w/+-]*(?:\s+Server)?")

# A name and a number paired: "HTTP (80)", "80 (HTTP)", "(HTTP, 80)"
_PAIR_NAME = r"([A-Za-z][\w.+-]*(?:/[A-Za-z][\w.+-]*)*)"
_NAME_PAREN_PORT = re.compile(rf"(?<![\w/]){_PAIR_NAME}\s*\(\s*(?:(?:tcp|udp)\s+)?(?:ports?\s*)?{PORT}\s*\)", re.I)
_PORT_PAREN_NAME = re.compile(rf"(?<![\w./:-]){PORT}\s*\(\s*{_PAIR_NAME}\s*\)", re.I)
# what every pair has: a number inside or right before brackets (a cheap first test)
_PAIR_HINT = re.compile(r"\(\s*(?:(?:tcp|udp)\s+)?(?:ports?\s*)?\d|\d\s*\(|,\s*(?:ports?\s*)?\d{1,5}\s*\)", re.I)
_PAREN_NAME_PORT = re.compile(rf"\(\s*{_PAIR_NAME}\s*,\s*(?:ports?\s*)?{PORT}\s*\)", re.I)

# a number in brackets after a name in this span, outside a note about ports, is a year
# (and inside one, unless the brackets say "port": "NLB (2017)" is no port, "X (port 2020)" is)
_YEARS = (1960, 2030)
_SAYS_PORT = re.compile(r"\(\s*(?:(?:tcp|udp)\s+)?ports?\b", re.I)
# words that name no service: a transport, "all traffic", "Custom TCP rule", "ports"
_NO_SERVICE = frozenset(
    "tcp udp sctp ip ipv4 ipv6 icmp icmpv6 all any custom rule rules traffic protocol protocols port ports "
    "range number none "
    # the OSI layers: "4 = transport (TCP/UDP)", "7 = application" number layers, not ports
    "application presentation session transport network physical datalink".split()
)
# words that are not names, even lower-case in a list about ports ("- default: 8080")
_NOT_A_NAME = frozenset(
    "default max maximum min minimum total range count limit number example eg e.g ex source destination "
    "inbound outbound from to and or type "
    # a card's field labels: "- Numbers: port 5439" under "#### Redshift"
    "numbers figures limits facts stats exam notes note tip key".split()
)
_NOT_NAMES = _NOT_A_NAME | _NO_SERVICE
# the bounds of the port categories (well-known, registered, dynamic): a range that
# starts or ends on one of them is a category, not a service's ports
_CATEGORY_BOUNDS = frozenset({0, 1, 1023, 1024, 1025, 49151, 49152, 65535})
_WIDEST_SERVICE_RANGE = 10000

# "ports", "port number"; not "transport", "support" or "report"
ABOUT_PORTS = re.compile(r"\bports?\b", re.I)


def talks_about_ports(text: str) -> bool:
    return "port" in text.casefold() and ABOUT_PORTS.search(text) is not None


def is_service_port(port: Port) -> bool:
    """Whether a number tied to a name is a service's port: not a transport alone ("TCP
    port 8080", "TCP (6)"), not a category of ports."""
    if not names_a_service(port.protocol):
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


def status_code(port: Port, text: str) -> bool:
    """ "HTTP 404 - Not Found", "HTTP (503) errors": an HTTP status code."""
    http = port.protocol.casefold() in ("http", "https") and 100 <= port.port <= 599 and not port.port_end
    return http and _STATUS_WORDS.search(text) is not None


def names_a_service(name: str) -> bool:
    words = re.findall(r"[a-z0-9]+", re.sub(r"\([^)]*\)", "", name).casefold())
    return bool(words) and not all(w in _NO_SERVICE or w.isdigit() for w in words)


_CHILD_PORT = re.compile(
    rf"^(?:default\s+)?(?:tcp\s+|udp\s+)?ports?\s*(?:number)?\s*[:=]?\s*{PORT}\s*(?:[-–—:,(]\s*(.*?)\)?)?$", re.I
)


_CHILD_BARE = re.compile(rf"^(?:(?:tcp|udp)\s+)?{PORT}()$", re.I)


def under_parent(text: str, parent: str, known_only: bool = False) -> Iterator[Port]:
    """ "- SSH (Secure Shell)" over "  - port 22" (or over "  - 22"), "### PostgreSQL"
    over "Default port: 5432": the parent item or the heading names the protocol."""
    m = _CHILD_PORT.match(text)
    parent_m = NAME_ALONE.match(parent.rstrip(" :"))
    if not parent_m or not (is_service(parent_m.group(1)) or not known_only and plausible(parent_m.group(1), True)):
        return
    if m is None and is_service(parent_m.group(1)):
        m = _CHILD_BARE.match(text)  # a number alone, under a known name
    if m:
        ports = ports_of(m.group(1), m.group(2))
        if ports:
            yield Port(ports[0], ports[1], parent_m.group(1), expansion_of(parent_m.group(2)), use_of(m.group(3)))


def ports_of(first: str, last: str | None) -> tuple[int, int | None] | None:
    start, end = int(first.replace(",", "")), int(last.replace(",", "")) if last else None
    if not 0 < start <= 65535 or (end is not None and not start < end <= 65535):
        return None
    return start, end


def split_names(names: str) -> list[str]:
    """Names listed in one cell or phrase: "SSH / SFTP", "MySQL, Aurora and MariaDB";
    not inside brackets ("FTP (data/control)" is one name)."""
    out, depth, start = [], 0, 0
    for m in re.finditer(r"[()\[\]]|\s*(?:,|\band\b|&|/(?!\d))\s*|\s+\+\s+", names):
        if m.group() in "([":
            depth += 1
        elif m.group() in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(names[start : m.start()])
            start = m.end()
    out.append(names[start:])
    return [n.strip() for n in out if n.strip()]


def from_list_entry(text: str, about_ports: bool) -> Iterator[Port]:
    # "DB ports: MySQL 3306, ...": the label says what the entries are, and is none of them
    labelled = (_PORTS_LABEL.match(text) or _LIST_LABEL.match(text)) if about_ports else None
    first = labelled.group().strip(" :→->=—–*").split()[:1] if labelled else []
    if labelled and (not first or is_service(first[0]) or not re.search(r"[,;·•]", text[labelled.end() :])):
        # "SSH → TCP 22 (SFTP too, also 22)", "SSH port: 22": the name of the line's own
        # entry; a label is one over several entries
        labelled = None
    text = text[labelled.end() :] if labelled else text
    # "HTTP → 80, HTTPS → 443": several entries on one line
    parts = [p for p in re.split(r"\s*[,;]\s+|\s+[·•]\s+", text) if p]
    found = _every_entry(parts, about_ports) if len(parts) > 1 else []
    if not found and about_ports:
        # "Redis 6379, Memcached 11211, Redshift 5439" / "NFS 2049 → EFS. SMB 445 → FSx":
        # in a list of ports, the entries that give one, where most do
        entries = [p for part in parts for p in re.split(r"\.\s+(?=[A-Z])", part) if p]
        found = _most_entries(entries, about_ports) if len(entries) > 1 else []
    # "SMTP 25 (SMTPS 465 / 587)": a port, and another in brackets after it
    bracketed = _ENTRY_THEN_BRACKET.match(text) if not found and about_ports and text.endswith(")") else None
    if bracketed:
        found = _every_entry([bracketed.group(1).strip(), bracketed.group(2).strip()], about_ports)
    # "389 LDAP / 636 LDAPS", "SSH 22 / SFTP 22 / FTP 21": ports set apart by slashes
    parts = re.split(r"\s+/\s+", text) if not found and " / " in text else []
    if len(parts) > 1:
        found = _every_entry(parts, about_ports)
    if found:
        yield from found
        return
    # "22 ssh/sftp | 21 ftp | 23 telnet (never use) | ...": a list of ports on one line,
    # set apart by pipes or semicolons; an entry that names no port is left out
    parts = [p for p in re.split(r"\s+\|\s+|\s*;\s+", text) if p]
    if about_ports and len(parts) > 2:
        found = [list(one_entry(p, about_ports)) for p in parts]
        if sum(map(bool, found)) * 2 > len(parts):
            for ports in found:
                yield from ports
            return
    yield from one_entry(text, about_ports)


def _most_entries(parts: list[str], about_ports: bool) -> list[Port]:
    """The ports of the parts that are entries, where more than half of the parts are;
    [] otherwise ("MySQL 3306 (also MariaDB), PostgreSQL 5432, Oracle is 1521")."""
    if len(parts) > _MOST_PARTS:
        return []  # a line of hundreds of entries is read as before, whole
    found = [
        (list(one_entry(p.rstrip(" ."), about_ports)) or list(from_prose(p))) if re.search(r"\d", p) else []
        for p in parts
    ]
    if sum(map(bool, found)) < 2 or sum(map(bool, found)) * 2 <= len(parts):
        return []
    return [port for ports in found for port in ports]


_MOST_PARTS = 40
# "DB ports:", "Ports to know:", "ports —": a label over the entries of a line
_PORTS_LABEL = re.compile(
    r"^\W{0,3}(?:[^\W\d]+[ ]){0,4}?ports?\b(?:[ ][^\W\d]+){0,3}?\s*(?::|\s[-–—]\s)\s*(?=\S)", re.I
)
# "DBs → MySQL 3306 · PostgreSQL 5432": a short label before entries that open with a name
_LIST_LABEL = re.compile(
    r"^\W{0,3}[A-Za-z][\w ]{0,20}?\s*(?:→|->|=>)\s*"
    r"(?=(?!(?:tcp|udp)\b)[A-Za-z][\w .+/-]{0,40}?\s\d{1,5}\b[^,;·•]{0,200}[,;·•])",
    re.I,
)


def _every_entry(parts: list[str], about_ports: bool) -> list[Port]:
    """The ports of each part, when each part is an entry (a number and a name) that
    gives some; [] otherwise."""
    if not all(re.search(r"\d", p) and re.search(r"[A-Za-z]{2}", p) for p in parts):
        return []
    found = [list(one_entry(p, about_ports)) for p in parts]
    return [port for ports in found for port in ports] if all(found) else []


def one_entry(text: str, about_ports: bool) -> Iterator[Port]:
    m = PORT_FIRST.match(text)
    if m:
        ports = ports_of(m.group(1), m.group(2))
        named = re.sub(r"\s+ports?$", "", m.group(3), flags=re.I)  # "21 - FTP port": FTP's port
        names = split_names(named) if "/" not in named or "port" in text else [named]
        if " + " in named and not all(all(is_service(w) for w in n.split()) for n in names):
            names = split_names(named.split(" + ")[0])  # "443: HTTPS + SNI support": one service and a feature
        if about_ports and len(names) == 1 and not plausible(names[0], about_ports):
            # "3306 — MySQL / MariaDB / Aurora MySQL" in a list of ports: three names on
            # one port ("SSH / SFTP" stays the one protocol it always was)
            names = split_names(names[0])
        if ports and all(plausible(n, about_ports) for n in names):
            carried = transports_of(m.group(4))  # "53 — DNS (UDP and TCP)": how, not a name
            name = None if carried else expansion_of(m.group(4))
            for protocol in names:
                yield Port(ports[0], ports[1], protocol, name, use_of(m.group(5)), carried)
            return
    m = NAME_FIRST.match(text)
    if m:
        ports = ports_of(m.group(3), m.group(4))
        # "MySQL / Aurora MySQL — 3306" names two things on one port
        names = [n.strip() for n in re.split(r"\s+/\s+", m.group(1)) if n.strip()]
        if ports and names and all(plausible(n, about_ports) for n in names):
            use = use_of(m.group(6)) or use_of(m.group(5))
            for name in names:
                yield Port(ports[0], ports[1], name, expansion_of(m.group(2)), use)
            return
    if len(text) > _LONGEST_SPACED_ENTRY or not text.strip():
        return  # the forms below are list entries, not sentences
    first = text.split(None, 1)[0].casefold()
    spaced = _NAME_SPACE_PORT.match(text)
    m = spaced if first in _FIRST_WORDS else None
    if m and is_service(m.group(1)):
        ports = ports_of(m.group(2), m.group(3))
        if ports and _spaced_port(ports[0], m.group(1), about_ports):
            carried = transports_of(m.group(4))  # "(UDP/TCP)"; any other note is a use
            use = use_of(m.group(5) or m.group(6) or (None if carried else m.group(4)))
            yield Port(ports[0], ports[1], m.group(1), None, use, carried)
            return
    if m and " / " in m.group(1):  # "NFS / EFS 2049", "SSH / SFTP 22": a known name first
        names = [n.strip() for n in m.group(1).split(" / ")]
        ports = ports_of(m.group(2), m.group(3))
        if (
            ports
            and is_service(names[0])
            and all(is_service(n) or plausible(n, about_ports) for n in names)
            and _spaced_port(ports[0], names[0], about_ports)
        ):
            for name in names:
                yield Port(ports[0], ports[1], name, None, use_of(m.group(5) or m.group(6)))
            return
    if about_ports and spaced and not m and not spaced.group(4):
        # "Redshift 5439" in a list of ports: a name not known as a protocol, on a
        # registered port (a figure under 1024 could be a count: "Aurora 15")
        ports = ports_of(spaced.group(2), spaced.group(3))
        name = spaced.group(1)
        acronym = re.fullmatch(r"[A-Z]{2,4}", name) is not None  # "MTU 9001", "TTL 3600": a setting's value
        if (
            ports
            and ports[0] >= 1024
            and name[:1].isupper()
            and " " not in name
            and not acronym
            and plausible(name, about_ports)
        ):
            yield Port(ports[0], ports[1], name, None, use_of(spaced.group(5) or spaced.group(6)))
            return
    m = _NAME_IS_PORT.match(text) if about_ports else None
    if m and m.group(1).casefold() in TRANSPORTS:
        m = None  # "TLS on 587": the transport, not whose port it is
    if m and (is_service(m.group(1)) or m.group(1)[:1].isupper()) and plausible(m.group(1), about_ports):
        ports = ports_of(m.group(2), m.group(3))
        if ports and _spaced_port(ports[0], m.group(1), about_ports):
            yield Port(ports[0], ports[1], m.group(1), None, None)
            return
    m = _PORT_SPACE_NAME.match(text) if first[:1].isdigit() else None
    if m and is_service(m.group(3)):
        ports = ports_of(m.group(1), m.group(2))
        if ports and _spaced_port(ports[0], m.group(3), about_ports):
            yield Port(ports[0], ports[1], m.group(3), expansion_of(m.group(4)), use_of(m.group(5) or m.group(6)))
            return
    m = _PORT_SPACE_NAMES.match(text) if about_ports and first[:1].isdigit() else None
    if m:  # "22 ssh/sftp", "3306 mysql/mariadb/aurora-mysql": the known names among them
        ports = ports_of(m.group(1), m.group(2))
        known = [n.strip() for n in m.group(3).split("/") if is_service(n.strip())]  # "22 SSH / SFTP" too
        if ports and known and _spaced_port(ports[0], known[0], about_ports):
            for name in known:
                yield Port(ports[0], ports[1], name, None, None)
            return
    m = _PORT_SPACE_LISTED.match(text) if about_ports and first[:1].isdigit() else None
    if m:  # "3306 MySQL, MariaDB, Aurora MySQL" in a list of ports: a known name first
        ports = ports_of(m.group(1), m.group(2))
        names = split_names(m.group(3))
        # each a service, or a flavour of one ("Aurora MySQL"); not "Windows, Remote Desktop"
        named = [n for n in names if is_service(n) or any(is_service(w) for w in n.split())]
        if ports and is_service(names[0]) and _spaced_port(ports[0], names[0], about_ports):
            for name in named:
                yield Port(ports[0], ports[1], name, None, None)
            return
    yield from _zipped(text, about_ports)


_NAME_WORDS = r"[A-Za-z][\w-]*(?:\s[A-Za-z][\w-]*){0,2}"
_PORT_SPACE_LISTED = re.compile(rf"^{PORT}\s+({_NAME_WORDS}(?:\s*(?:,|&|\band\b)\s*{_NAME_WORDS})+)$")
_ENTRY_THEN_BRACKET = re.compile(r"^([^()]*+)\(([^()]*+)\)$")  # possessive: a line that fails, fails fast
_PORT_SPACE_NAMES = re.compile(rf"^{PORT}\s+([A-Za-z][\w-]*(?:\s?/\s?[A-Za-z][\w-]*)+)(?:\s*\([^()]*\))?$")


# servers that listen on a registered port (1024 and above), never a well-known one
_HIGH_PORT_SERVERS = frozenset(
    """mysql mariadb postgresql postgres oracle mssql aurora redis memcached memcache mongodb cassandra
    elasticsearch opensearch kafka zookeeper rabbitmq etcd kibana grafana prometheus neo4j couchdb influxdb
    clickhouse nats consul vault nomad jenkins tomcat docker kubelet""".split()
)


def _spaced_port(port: int, name: str, about_ports: bool) -> bool:
    """Whether "NAME N" with no separator is a port: not "HTTP 2" (a version), and "HTTP
    404" only where the notes talk about ports (elsewhere it is a status code)."""
    if port < LEAST_SPACED_PORT or port < 1024 and name.casefold() in _HIGH_PORT_SERVERS:
        return False  # "Aurora 15", "Redis 6": a count; a database listens on a registered port
    # "HTTPS 443" is a port anywhere: status codes are written "HTTP 404"
    return about_ports or not (name.casefold() == "http" and 100 <= port <= 599)


def _zipped(text: str, about_ports: bool) -> Iterator[Port]:
    """ "HTTP/HTTPS: 80/443" pairs names and ports in order, and so does "80 / 443:
    HTTP / HTTPS"; "FTP: 20, 21" gives one name both ports. Without a separator ("FTP
    20/21") only known names count."""
    m = _ZIPPED.match(text) if _TWO_NUMBERS.search(text) else None
    if not m:
        yield from _ports_then_names(text, about_ports)
        return
    names = split_names(m.group(1))
    numbers = [ports_of(n, None) for n in re.findall(r"\d{1,5}", m.group(3))]
    spaced = not m.group(2).strip()
    if not all(numbers) or not all(is_service(n) if spaced else plausible(n, about_ports) for n in names):
        return
    if len(names) == 1:
        names = names * len(numbers)
    if len(names) != len(numbers):
        return
    for name, port in zip(names, numbers, strict=True):
        if port and not (spaced and port[0] < LEAST_SPACED_PORT):
            yield Port(port[0], None, name, None, use_of(m.group(4)))


def _ports_then_names(text: str, about_ports: bool) -> Iterator[Port]:
    """ "80 / 443: HTTP / HTTPS": ports, then their names in the same order, one of them
    a known service (not "22 / 3389: Linux / Windows")."""
    m = _PORTS_ZIPPED.match(text) if _TWO_NUMBERS.search(text) else None
    if not m:
        return
    names = split_names(m.group(2))
    numbers = [ports_of(n, None) for n in re.findall(r"\d{1,5}", m.group(1))]
    if len(names) != len(numbers) or not any(is_service(n) for n in names):
        return
    if all(plausible(n, about_ports) for n in names):
        for name, port in zip(names, numbers, strict=True):
            if port:
                yield Port(port[0], None, name, None, use_of(m.group(3)))


def plausible(name: str, about_ports: bool) -> bool:
    name = name.strip()
    if re.fullmatch(r"\(?[A-Za-z][.):]?", name):
        return False  # "B. 3389", "B: 3306": an option's or a card's letter, no service
    words = name.split()
    if is_service(name) or len(words) == 2 and is_service(words[0]) and not re.fullmatch(r"[a-z]+s", words[1]):
        return True  # "Kubelet API: 10250"; not "15 = Aurora replicas", a count
    if not about_ports or len(name.split()) > 3 or all(w in _NOT_NAMES for w in name.casefold().split()):
        return False  # "Default port: 5432" names no service
    # outside a list about ports, only known protocol names count; inside one, a
    # capitalised name or a one-word lower-case one ("kube-apiserver: 6443")
    return name[:1].isupper() or re.fullmatch(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*", name) is not None


def paired(text: str, about_ports: bool, whole: bool = True) -> Iterator[Port]:
    """ "HTTP (80)", "80 (HTTP)", "(HTTP, 80)", "ports 80 (HTTP) and 443 (HTTPS)": each
    number with the name next to it, anywhere in a statement. "80 (HTTP)" counts where
    the statement talks about ports or (when `whole`) is nothing but that pair."""
    if "(" not in text or not _PAIR_HINT.search(text):
        return
    pairs: list[tuple[int, str, str | None, str]] = []  # (offset, first, last, names)
    for m in _NAME_PAREN_PORT.finditer(text):
        first = m.group(2)
        if not _SAYS_PORT.search(m.group()) and first.isdigit() and _YEARS[0] <= int(first) <= _YEARS[1]:
            continue  # "GWLB (2020) — layer 3, GENEVE on port 6081": when it came, not its port
        pairs.append((m.start(), first, m.group(3), m.group(1)))
    for m in _PORT_PAREN_NAME.finditer(text):
        # "80 (HTTP)" only where the statement talks about ports: "Layer 7 (HTTP)" does not
        alone = whole and m.start() == 0 and m.end() == len(text.rstrip(" .;"))
        if (about_ports or alone) and not re.search(r"\b(?:layer|l|osi|level|version|v)\s*$", text[: m.start()], re.I):
            pairs.append((m.start(), m.group(1), m.group(2), m.group(3)))
    for m in _PAREN_NAME_PORT.finditer(text):
        pairs.append((m.start(), m.group(2), m.group(3), m.group(1)))
    for _, first, last, names in sorted(pairs):
        ports = ports_of(first, last)
        if ports and (ports[0] < LEAST_SPACED_PORT or not about_ports and _YEARS[0] <= ports[0] <= _YEARS[1]):
            continue  # "Aurora (2)" is a count or a footnote, "SMTP (1982)" is when, not where
        split = split_names(names)
        # a known protocol, or a capitalised name where the notes talk about ports
        # ("6379 (cache)" says what the port is for, not whose it is)
        if (
            ports
            and split
            and all(names_a_service(n) and (is_service(n) or n[:1].isupper()) for n in split)
            and all(plausible(n, about_ports) for n in split)
        ):
            for name in split:
                yield Port(ports[0], ports[1], name, None, None)


def transports_of(text: str | None) -> str | None:
    """ "UDP and TCP", "tcp/udp", "TCP only": transports alone, written "UDP/TCP"; None
    for anything else."""
    words = re.findall(r"[A-Za-z]+", text or "")
    carried = [w.upper() for w in words if w.casefold() in ("tcp", "udp")]
    if not carried or any(w.casefold() not in ("tcp", "udp", "and", "or", "both", "only") for w in words):
        return None
    return "/".join(dict.fromkeys(carried))


def expansion_of(text: str | None) -> str | None:
    if not text:
        return None
    text = plain(text).strip()
    # "(Secure Shell)" is a name; "(client and peer)" describes the use
    return text if re.match(r"^[A-Z][\w-]*(?:\s+[A-Za-z][\w-]*){0,6}$", text) else None


def use_of(text: str | None) -> str | None:
    if not text:
        return None
    text = clean(plain(text)).rstrip(".")
    return text or None


def from_prose(text: str, raw: str = "") -> Iterator[Port]:
    # "**kube-apiserver** is the front end; it listens on port 6443": the bold subject
    bold = re.match(r"^\s*(?:\*\*|__)([^*_]{1,40})(?:\*\*|__)", raw)
    low = text.casefold()
    verbs = any(v in low for v in _VERBS)
    for clause in _CLAUSE_BREAK.split(text):
        for pattern in (_PORT_FOR_IS, _OWNER_PORT_IS) if " is " in low else ():
            for m in pattern.finditer(clause):
                ports = ports_of(m.group(2), m.group(3))
                if ports and is_service(m.group(1)) and names_a_service(m.group(1)):
                    yield Port(ports[0], ports[1], m.group(1), None, None)
        for m in _VERB_NUMBER.finditer(clause) if verbs else ():
            ports = ports_of(m.group(2), m.group(3))
            if ports and is_service(m.group(1)) and names_a_service(m.group(1)):
                yield Port(ports[0], ports[1], m.group(1), None, None)
        for m in PROSE_PORT.finditer(clause):
            ports = ports_of(m.group(1), m.group(2))
            if not ports:
                continue
            protocol = _protocol_near(clause[: m.start()], clause[m.end() :])
            if not protocol and bold and re.match(r"^\s*(?:it|this|that)\b", clause, re.I):
                protocol = bold.group(1).strip()
            if not protocol:
                continue
            yield Port(ports[0], ports[1], protocol, None, None)
            more = MORE_PORTS.match(clause[m.end() :])
            if more and not m.group(2):
                for extra in re.findall(r"\d{1,5}", more.group()):
                    if ports_of(extra, None):
                        yield Port(int(extra), None, protocol, None, None)


def _protocol_near(before: str, after: str) -> str | None:
    """The protocol a "port N" belongs to: the last one named before it in the clause,
    else one named right after it ("port 22 (SSH)", "port 22 for SSH")."""
    # "port 443 for HTTPS", "port 22 (SSH)": a protocol named right after wins
    m = re.match(r"^\s*(?:\(|for\s+|is\s+for\s+|is\s+used\s+(?:for|by)\s+)([A-Za-z][\w/+-]*)", after)
    if m and m.group(1).casefold() in _KNOWN_NAMES:
        return m.group(1)
    # "keep using port 22 SFTP clients": a protocol (not a transport) right after it
    m = re.match(r"^[ \t]+([A-Za-z][\w/+-]*)", after)
    if m and m.group(1).casefold() in _KNOWN_NAMES and m.group(1).casefold() not in TRANSPORTS:
        return m.group(1)
    named = _NAMED_PROTOCOL.findall(before)
    candidates = [t for t in TOKEN.findall(before) if is_service(t)]
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
