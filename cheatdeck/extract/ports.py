"""Ports: which protocol or service uses which port number.

    - 22 = SSH(Secure Shell) - log into a Linux instance     a list entry, port first
    - PostgreSQL: 5432     - HTTPS 443     - HTTP (80)       name first, or paired
    ### SSH (22)           ### Redis / Default port: 6379    a heading, or under one
    | Port | Protocol | Service | Description |             tables with a Port column:
    | 53   | TCP/UDP  | DNS     | name lookups |            TCP/UDP is the transport
    HTTP has port 80 while RDP uses 3389.                    prose
    What port does RDP use?  /  Port 3389.                   a question and its answer
    firewall-cmd --add-port=6443/tcp   # kube-apiserver      a code line's comment

How one line of text names a port is in `port_text.py`; this module chooses what to
read in each kind of statement. A name is taken as a protocol when it is a known
protocol or service word, or when the list or heading around it talks about ports.
One protocol on one port is one fact. Not ports: a transport alone ("TCP port 8080";
"TCP (6)" is a protocol number), the full or a category range (0-65535, 1024-65535),
HTTP status codes ("HTTP 404 - Not Found").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import product

from cheatdeck.extract.common import clean, fact, warning
from cheatdeck.extract.port_text import (
    ABOUT_PORTS,
    CELL_PORT,
    DIGIT,
    LEAST_SPACED_PORT,
    MORE_PORTS,
    NAME_ALONE,
    NAME_FIRST,
    NAME_WITHOUT_PORT,
    PORT,
    PORT_FIRST,
    PROSE_PORT,
    TOKEN,
    expansion_of,
    from_list_entry,
    from_prose,
    is_service_port,
    names_a_service,
    one_entry,
    paired,
    plausible,
    ports_of,
    split_names,
    status_code,
    talks_about_ports,
    transports_of,
    under_parent,
    use_of,
)
from cheatdeck.extract.read import PORT_LISTING, SELF_TEST, Answered, Statement, answered, context
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Block, Fact, Port, Section, Warning
from cheatdeck.text import plain, without_taken_back
from cheatdeck.vocab import STOP_WORDS, is_service


def _names_a_port(prompt: re.Match[str]) -> bool:
    """Whether a self-test prompt names a thing and is answered by a number."""
    return "?" not in prompt.group(1) and prompt.group(2)[:1].isdigit()


def extract_ports(section: Section, statements: Sequence[Statement]) -> Iterator[Fact | Warning]:
    yield from _from_title(section)
    answer_lines = set()
    for qa in answered(section, statements):
        for port in _from_answered(qa):
            if is_service_port(port):
                answer_lines.add(qa.statement.line)
                yield fact("port", port, section, qa.statement.line)
    for st in statements:
        if st.line in answer_lines:
            continue
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        if st.kind == "comment":
            for port in _from_comment(st.text, st.code, st.label == PORT_LISTING):
                yield fact("port", port, section, st.line)
            continue
        # "put SQL Server on port 1521. WRONG — 1521 is Oracle": the claim a mistake log
        # takes back states nothing
        text = without_taken_back(st.text)
        about_ports = talks_about_ports(context(section, st)) or talks_about_ports(st.text)
        if _RULE_IF.match(text):
            text = _RULE_IF.sub("", text, count=1)  # "If LDAP → 389": a rule's condition names the protocol
        elif about_ports and (prompt := SELF_TEST.match(text)) and _names_a_port(prompt):
            text = f"{prompt.group(1)}: {prompt.group(2)}"  # "9) Q PostgreSQL — A 5432" under ports: an entry
        elif text != st.text:
            # "... WRONG — 1521 is Oracle. SQL Server = 1433.": the entries it leaves
            kept = [s.rstrip(" .") for s in re.split(r"(?<=[.!?;])\s+", text) if s.strip(" .")]
            for sentence in kept:
                found = list(from_list_entry(sentence, bool(about_ports))) or list(from_prose(sentence, sentence))
                for port in (p for p in found if is_service_port(p)):
                    yield fact("port", port, section, st.line)
            continue
        if not DIGIT.search(text):
            if about_ports:
                yield from _missing_number(section, st)
            continue  # no number, no port
        # "A: 22/TCP" answers the question above it: "A" is its label, not a protocol
        found = [] if _ANSWER_LABEL.match(text) else list(from_list_entry(text, bool(about_ports)))
        if not found and st.kind == "item" and st.depth > 0:
            found = list(under_parent(text, st.parent))
        elif not found and section.heading_path:
            found = list(under_parent(text, section.title, known_only=True))
        if not found:
            found = list(paired(text, bool(about_ports)))
        if not found and not text.rstrip().endswith("?"):  # a question states nothing
            found = list(from_prose(text, st.markdown))
        found = [
            p
            for p in found
            if is_service_port(p) and not status_code(p, f"{text} / {context(section, st)}") and _not_a_share(p, text)
        ]
        for port in found:
            yield fact("port", port, section, st.line)
        if not found and about_ports:
            yield from _missing_number(section, st)


def _not_a_share(port: Port, text: str) -> bool:
    """Whether the line writes the port's number other than as a percentage: "DNS port
    53, 100% availability" names one port, not 100."""
    return re.search(rf"(?<!\d)(?<!\d[.,]){port.port}(?!\d|\s?%)", text) is not None


def _from_title(section: Section) -> Iterator[Fact]:
    """ "### SSH (22)", "## HTTPS: 443": a heading that names a port. Not "22 = SSH" nor
    "22 SSH": a heading's number is too often its own numbering."""
    title = plain(section.title)
    if not section.heading_path or not DIGIT.search(title) or title.endswith("?"):
        return
    if re.fullmatch(r"\d{1,5}", title) and section.blocks and section.blocks[0].lines:
        # "### 22" over "SSH (and SFTP)": a port whose heading is its number, named by the
        # line under it (a name the vocabulary knows, unless the notes are about ports)
        first = section.blocks[0].lines[0]
        named = re.split(r"[.;:,(]|\s(?:[-–—=]|->|→)\s", plain(first.text), maxsplit=1)[0].strip()
        if named and len(named.split()) <= 6:
            about = bool(ABOUT_PORTS.search(context(section)))
            for name in re.split(r"\s+/\s+", named):  # "MySQL / MariaDB / Aurora MySQL"
                for port in one_entry(f"{title} {name}", about):
                    if is_service_port(port) and (about or is_service(port.protocol)):
                        yield fact("port", port, section, first.number)
        return
    if not ABOUT_PORTS.search(context(section)):
        return  # "###### Aurora (2)": a heading's number is a port only under a heading about ports
    about_ports = True
    found: list[Port] = []
    m = NAME_FIRST.match(title)
    if m and not PORT_FIRST.match(title):
        found = list(one_entry(title, about_ports))
    found = found or list(paired(title, about_ports))
    for port in found:
        if is_service_port(port) and not status_code(port, title):
            yield fact("port", port, section, section.line)


def _missing_number(section: Section, st: Statement) -> Iterator[Warning]:
    """ "- SMTP: TBD" in a list of ports: a port entry without its number."""
    if st.kind == "item" and "port" in st.lead.casefold():
        m = NAME_WITHOUT_PORT.match(st.text)
        if m and is_service(m.group(1)):
            yield warning(
                section,
                st.line,
                f'"{m.group(1)}" is listed with ports but has no port number; write it as e.g. "{m.group(1)}: 1234"',
            )


# ---- questions and answers ---------------------------------------------------------

_ANSWER_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?:a|answer|ans|(?:right|correct)(?:\s+answer)?\s*(?=:))\s*[:.]", re.I)
_ANSWER_PORT = re.compile(
    rf"^(?:(?:it\s+)?(?:uses|is|listens\s+on|runs\s+on)\s+)?(?:the\s+)?(?:default\s+)?(?:(tcp|udp)\s+)?"
    rf"(?:ports?\s*)?(?:number\s*)?[:#]?\s*{PORT}(?![\d.,]\d)",
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
    asked = PROSE_PORT.search(qa.question)
    if asked:  # the question gives the port and asks for the name
        ports = ports_of(asked.group(1), asked.group(2))
        m = NAME_ALONE.match(qa.answer.strip().rstrip("."))
        if ports and m and plausible(m.group(1), True) and names_a_service(m.group(1)):
            yield Port(ports[0], ports[1], m.group(1), expansion_of(m.group(2)), None)
        return
    names = {t.casefold(): t for t in TOKEN.findall(qa.question) if is_service(t) and names_a_service(t)}
    if not names:
        subject = _ASKED_BY.search(qa.question)
        if subject and plausible(subject.group(1), True):
            names = {subject.group(1).casefold(): subject.group(1)}
    m = _ANSWER_PORT.match(qa.answer)
    if len(names) != 1 or not m:
        return
    ports = ports_of(m.group(2), m.group(3))
    if not ports:
        return
    name = next(iter(names.values()))
    transport = m.group(1).upper() if m.group(1) else None
    yield Port(ports[0], ports[1], name, None, None, transport)
    more = MORE_PORTS.match(qa.answer[m.end() :])
    if more and not m.group(3):
        for extra in re.findall(r"\d{1,5}", more.group()):
            if ports_of(extra, None):
                yield Port(int(extra), None, name, None, None, transport)


# ---- code comments -----------------------------------------------------------------

# a port in code: "--add-port=6443/tcp", "--dport 22", "EXPOSE 8080", "2379-2380/tcp"
_CODE_PORT = re.compile(r"(?<![\w.:/-])(\d{1,5})(?:-(\d{1,5}))?(/(?:tcp|udp))?(?![\w.:/-])", re.I)
_CODE_ABOUT_PORTS = re.compile(r"port|expose|listen|/tcp|/udp|(?<![\w-])-p\b", re.I)
_SENTENCE_WORDS = STOP_WORDS | {"is", "are", "was", "be", "this", "that", "it", "will", "here", "see", "todo"}
_COMMENT_VERB = re.compile(r"^(?:allow|allows|open|opens|enable|for|expose|needed by|used by)\s+", re.I)


def _one_name(name: str) -> bool:
    """Whether a comment's name was read whole before lists of names were split."""
    named = NAME_ALONE.match(name)
    return names_a_service(named.group(1) if named else name) and len(name.split()) <= 5


def _from_comment(comment: str, code: str, listing: bool = False) -> Iterator[Port]:
    """ "firewall-cmd --add-port=2379-2380/tcp  # etcd": a line of code that opens one
    port (or range), and a comment that names what it is for."""
    name = _COMMENT_VERB.sub("", clean(comment).rstrip("."))
    # "MySQL / MariaDB / Aurora MySQL" in a list of ports names three; a name the whole of
    # which earlier versions took ("SSH/SFTP", "MySQL, MariaDB") stays the one it was
    listed = re.search(r",|\s/\s|(?<=\w)/(?=[A-Za-z])", name) is not None and (listing or not _one_name(name))
    if not name or (len(name.split()) > 5 and not listed) or re.search(r"[.;!?:=]", name):
        return  # a sentence about the code, not a name
    first = name.split()[0]
    if not (first[:1].isupper() or is_service(first) or plausible(name, True)) or any(
        w in _SENTENCE_WORDS for w in name.casefold().split()
    ):
        return  # "connect to the box", "This is a comment": what the line does, not whose port
    numbers = list(_CODE_PORT.finditer(code))
    bare = re.fullmatch(r"\s*\d{1,5}(?:-\d{1,5})?(?:/(?:tcp|udp))?\s*", code, re.I)
    if len(numbers) != 1 or not (bare or _CODE_ABOUT_PORTS.search(code)):
        return
    m = numbers[0]
    ports = ports_of(m.group(1), m.group(2))
    for each in split_names(name) if listed else [name]:
        named = NAME_ALONE.match(each)
        protocol, aside = (named.group(1), named.group(2)) if named else (each, None)
        carried = transports_of(aside)  # "DNS (UDP + TCP)"
        if ports and names_a_service(protocol):
            transport = m.group(3)[1:].upper() if m.group(3) else carried
            port = Port(ports[0], ports[1], protocol.strip(), None if carried else expansion_of(aside), None, transport)
            if is_service_port(port):
                yield port


# ---- table rows and pipe-separated lines -------------------------------------------

_TRANSPORT_CELL = re.compile(
    r"^\s*(tcp|udp|sctp)(?:\s*(?:/|,|&|\+|\band\b)\s*(tcp|udp|sctp))?\s*(?:\(\s*\d+\s*\))?\s*$", re.I
)
_ALL_PORTS = re.compile(r"^\s*(?:all|any|\*|n/?a|none|-|—|–)\s*$", re.I)
_BARE_PORT = re.compile(r"^\s*(\d{1,5})(?:\s*[-–]\s*(\d{1,5}))?(?:\s*/\s*(tcp|udp))?\s*$", re.I)
# (not "| Managed service(s) |" or "| AWS service |" beside "| Engine |": where the engine runs)
_NAME_COLUMNS = (
    r"protocol",
    r"\bengines?\b|^\s*(?:databases?|db)\s*$",
    r"^(?!.*\b(?:managed|aws|used|where|runs?|hosted)\b).*service",
    r"name",
    r"application",
    r"component|daemon|process|server",
    r"^\s*type\s*$",
)
_USE_COLUMNS = (r"\buse", r"usage", r"purpose", r"description", r"what", r"notes?", r"comment", r"for\b")


# a cell of port numbers alone: "22", "80 / 443", "1024-65535", "53/udp"
_PORT_CELL = re.compile(r"^\s*\d{1,5}(?:\s*(?:[-–/,]|/\s*(?:tcp|udp)\b)\s*\d{0,5})*\s*$", re.I)


_port_columns: dict[int, tuple[object, int | None]] = {}


def _port_column(block: Block) -> int | None:
    """The column of a table under a ports heading that holds its ports: the first whose
    cells are port numbers in most rows, in a table whose rows mostly name known
    services, and whose name says no count or limit ("| Max connections |")."""
    cached = _port_columns.get(id(block))
    if cached is not None and cached[0] is block:
        return cached[1]
    found = None
    rows = [cells for _line, cells in block.rows] if block.kind == "table" else []
    named = sum(1 for cells in rows if cells and is_service(re.split(r"[\s,/(]+", plain(cells[0]).strip())[0]))
    if rows and named * 2 >= len(rows):
        for j in range(1, len(block.header)):
            if _COUNTED.search(plain(block.header[j])):
                continue
            ported = sum(1 for cells in rows if j < len(cells) and _PORT_CELL.match(plain(cells[j])))
            if ported * 3 >= 2 * len(rows):
                found = j
                break
    if len(_port_columns) > 256:
        _port_columns.clear()
    _port_columns[id(block)] = (block, found)
    return found


# a column of counts or limits, not of ports: "| Max connections |", "| Rules |"
_COUNTED = re.compile(r"\b(?:max|min|limit|quota|count|number of|connections?|rules?|size|timeout|ttl|days?)\b", re.I)


def _under_ports(section: Section) -> bool:
    """Whether a section's own heading says it is about ports ("## Ports", "Ports to know")."""
    return bool(section.heading_path) and re.search(r"\bports?\b", section.heading_path[-1], re.I) is not None


def _transport(cell: str) -> str | None:
    m = _TRANSPORT_CELL.match(cell)
    if not m:
        return None
    return "/".join(t.upper() for t in m.groups() if t)


def _from_row(section: Section, st: Statement) -> Iterator[Fact | Warning]:
    """A table row (or pipe-separated line) under a Port column and a name column; a
    row of a table about something else read cell by cell."""
    port_col = st.column(r"^\s*ports?\s*(?:#|no\.?|number)?\s*$", r"\bports?\b")
    if port_col is None and st.header:
        grouped = _grouped_as_ports(st)
        if grouped:
            yield from (fact("port", port, section, st.line) for port in grouped)
            return
    headed = port_col is None and _under_ports(section)
    if headed:
        # "## Ports" over "| What | Default | Notes |": the column of port numbers is the port
        port_col = _port_column(st.block)
    if port_col is None:
        yield from _from_other_row(section, st)
        return
    use_col = st.column(*_USE_COLUMNS)
    use_col = use_col if use_col != port_col and not (headed and use_col == 0) else None
    transport = None
    names: list[str] = []
    name_col = None
    for pattern in _NAME_COLUMNS:
        col = st.column(pattern)
        if col is None or col in (port_col, use_col):
            continue
        cell = st.cell(col)
        transport = transport or _transport(cell)
        split = [n for n in split_names(cell) if names_a_service(n)]
        if split and not _transport(cell):
            names, name_col = split, col
            break
    if not names and 0 not in (port_col, use_col):
        # "| Thing | Port | Notes |": a column no header names, first, names the rows
        cell = st.cell(0)
        transport = transport or _transport(cell)
        split = [n for n in split_names(cell) if names_a_service(n)]
        if split and not _transport(cell):
            names, name_col = split, 0
    if not names and use_col is not None:
        # "| TCP | 443 | Allows inbound HTTPS |": the one protocol the comment names
        named = {t.casefold(): t for t in TOKEN.findall(st.cell(use_col)) if is_service(t) and names_a_service(t)}
        names = list(named.values()) if len(named) == 1 else []
    port_cell = st.cell(port_col)
    ports = [p for p in (ports_of(a, b) for a, b in CELL_PORT.findall(port_cell)) if p]
    if not ports and names and not _ALL_PORTS.match(port_cell):
        yield warning(section, st.line, f'no port number in the "{st.header[port_col]}" column')
    if not ports or not names:
        return
    use = use_of(st.cell(use_col)) if use_col not in (None, name_col) else None
    transport = transport or _transport_in(port_cell)
    # "| HTTP, HTTPS | 80, 443 |" pairs them in order; one name takes every port
    pairs = zip(names, ports, strict=True) if len(names) == len(ports) > 1 else product(names, ports)
    for name, (start, end) in pairs:
        m = NAME_ALONE.match(name)
        protocol, expansion = (m.group(1), expansion_of(m.group(2))) if m else (name, None)
        port = Port(start, end, protocol.strip(), expansion, use, transport)
        if is_service_port(port):
            yield fact("port", port, section, st.line)


def _grouped_as_ports(st: Statement) -> list[Port]:
    """A row a cell of its own calls a port ("| Ports | SSH | 22 | course |" in a table of
    limits): the names in the next cell, the port in the cell after them (a number first,
    "53 UDP/TCP", "22 (over SSH)"); [] for any other row."""
    cells = [plain(c).strip() for c in st.cells]
    label = next((j for j, c in enumerate(cells) if _PORTS_LABEL.match(c)), None)
    if label is None or label + 2 >= len(cells):
        return []
    name_cell, port_cell = cells[label + 1], cells[label + 2]
    names = [n for n in split_names(name_cell) if names_a_service(n)]
    first = re.match(
        r"^\s*(\d{1,5}(?:\s*[-–/,]\s*\d{1,5})*)(?:\s*(?:/?\s*(?:tcp|udp)(?:\s*/\s*(?:tcp|udp))?)?)(?=\s|$|\()",
        port_cell,
        re.I,
    )
    if not names or not first or _transport(name_cell) or re.search(r"(?<![A-Za-z])\d{3,}", name_cell):
        return []  # "| Port | engine default (3306/5432) | 3306 or 5432 |": a row of a comparison
    ports = [p for p in (ports_of(a, b) for a, b in CELL_PORT.findall(first.group(1))) if p]
    said = {t.upper() for t in re.findall(r"tcp|udp", first.group(), re.I)}
    transport = said.pop() if len(said) == 1 else None  # "53 UDP/TCP": both
    pairs = zip(names, ports, strict=True) if len(names) == len(ports) > 1 else product(names, ports)
    found = []
    for name, (start, end) in pairs:
        m = NAME_ALONE.match(name)
        protocol, expansion = (m.group(1), expansion_of(m.group(2))) if m else (name, None)
        port = Port(start, end, protocol.strip(), expansion, None, transport)
        if is_service_port(port):
            found.append(port)
    return found


_PORTS_LABEL = re.compile(r"^(?:ports?|port numbers?|portas?|puertos?|porte)$", re.I)


# a rule written "If X → Y" ("If LDAP → 389", "If Oracle → 1521"): its "If" is no name
_RULE_IF = re.compile(r"^\s*If\s+(?=[A-Z][^→]{0,40}(?:→|->|=>))")


def _transport_in(cell: str) -> str | None:
    m = re.search(r"/\s*(tcp|udp)\b", cell, re.I)
    return m.group(1).upper() if m else None


def _from_other_row(section: Section, st: Statement) -> Iterator[Fact]:
    """A row without a Port column: a line "SSH | 22" with no column names (a number
    alone in one cell, known protocols alone in another), or cells that pair names and
    numbers as prose does. Under column names that are not about ports, "| ALB | 7 |
    HTTP |" is a layer."""
    bare = [m for m in (_BARE_PORT.match(c) for c in st.cells) if m]
    named = [names for names in (split_names(c) for c in st.cells) if names and all(map(_known_name, names))]
    found: list[Port] = []
    if not st.header and len(bare) == 1 and len(named) == 1:
        m = bare[0]
        ports = ports_of(m.group(1), m.group(2))
        ports = ports if ports and ports[0] >= LEAST_SPACED_PORT else None
        transport = m.group(3).upper() if m.group(3) else None
        for name in named[0] if ports else ():
            n = NAME_ALONE.match(name)
            if ports and n:
                found.append(Port(ports[0], ports[1], n.group(1), expansion_of(n.group(2)), None, transport))
    else:
        for cell in st.cells:
            if DIGIT.search(cell):
                found.extend(list(paired(cell, bool(ABOUT_PORTS.search(cell)), False)) or list(from_prose(cell)))
    for port in found:
        if is_service_port(port):
            yield fact("port", port, section, st.line)


def _known_name(name: str) -> bool:
    m = NAME_ALONE.match(name)
    return m is not None and is_service(m.group(1)) and names_a_service(m.group(1))


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
    code_comments=True,
    shows_expansion=lambda p: (p.protocol, p.name) if p.name else None,
)
