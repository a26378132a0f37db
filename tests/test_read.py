"""The shared readers: what a section's statements say, with their context."""

from __future__ import annotations

from cheatdeck.extract.read import Statement, prose, read_statements
from cheatdeck.parse import parse_notes


def _statements(markdown: str) -> tuple[Statement, ...]:
    root = parse_notes(markdown, "x.md")
    section = root.children[0] if root.children else root
    return read_statements(section)


def test_a_nested_item_knows_its_parents_and_its_lead_in() -> None:
    sts = _statements("# Net\nThings to know:\n- Shells\n  - SSH\n    - port 22\n- Files\n")
    assert [(s.kind, s.text, s.depth, s.parents, s.line) for s in sts] == [
        ("line", "Things to know:", 0, (), 2),
        ("item", "Shells", 0, (), 3),
        ("item", "SSH", 1, ("Shells",), 4),
        ("item", "port 22", 2, ("Shells", "SSH"), 5),
        ("item", "Files", 0, (), 6),
    ]
    assert sts[3].parent == "SSH" and sts[1].lead == "Things to know:" and sts[1].label == "Things to know"


def test_a_table_row_is_one_record_under_its_column_names() -> None:
    sts = _statements("# T\n| Svc | Port(s) |\n|---|---|\n| **SSH** | 22 |\n| HTTPS | 443 |\n")
    assert [(s.kind, s.cells, s.line) for s in sts] == [("row", ("SSH", "22"), 4), ("row", ("HTTPS", "443"), 5)]
    assert sts[0].header == ("Svc", "Port(s)") and sts[0].raw_cells == ("**SSH**", "22")
    assert sts[0].column(r"port") == 1 and sts[0].cell(1) == "22" and sts[0].cell(7) == ""


def test_pipe_separated_lines_outside_a_table_are_rows_under_the_first_line() -> None:
    sts = _statements("# T\nService | Port | Use\nSSH | 22 | log in\nRDP | 3389 | desktops\n")
    assert [(s.kind, s.header, s.cells) for s in sts] == [
        ("row", ("Service", "Port", "Use"), ("SSH", "22", "log in")),
        ("row", ("Service", "Port", "Use"), ("RDP", "3389", "desktops")),
    ]


def test_a_pipe_inside_a_sentence_is_prose() -> None:
    sts = _statements("# T\nPipe the output into grep | less when it is long and you want to page it.\n")
    assert [s.kind for s in sts] == ["line"]


def test_code_blocks_are_never_statements() -> None:
    sts = _statements("# T\n```\nSSH | 22 | x\n- port 80\n```\n- HTTP: 80\n")
    assert [s.text for s in sts] == ["HTTP: 80"]


def test_a_definition_list_entry_reads_term_then_meaning() -> None:
    sts = _statements("# T\nLatency\n: the time a request takes\n")
    assert [(s.kind, s.text) for s in sts] == [("definition", "Latency : the time a request takes")]


def test_definition_list_entries_written_without_blank_lines_keep_their_own_terms() -> None:
    text = (
        "# T\nGopher\n: port 70\nFinger\n: port 79\n  - a sub-point of Finger\n\n"
        "Ferry\n: runs at night,\nand at noon.\n: docks at 9\n"
    )
    sts = _statements(text)
    assert [(s.text, s.line) for s in sts if s.kind == "definition"] == [
        ("Gopher : port 70", 3),
        ("Finger : port 79", 5),
        ("Finger : a sub-point of Finger", 6),
        ("Ferry : runs at night, and at noon.", 9),  # a sentence's end is no term
        ("Ferry : docks at 9", 11),
    ]


def test_prose_joins_a_wrapped_sentence_and_keeps_one_thought_lines_apart() -> None:
    sts = _statements("# T\nA gateway is run for you and\nscales on its own.\nMax 5 per zone\nDefault 2\n")
    assert [(s.text, s.line) for s in prose(sts)] == [
        ("A gateway is run for you and scales on its own.", 2),
        ("Max 5 per zone", 4),
        ("Default 2", 5),
    ]


def test_prose_joins_hard_wrapped_lines_whatever_the_next_line_starts_with() -> None:
    text = (
        "# T\n"
        "The fastest disks are meant for databases and other workloads that need\n"
        "steady speed. The newest tier of the provisioned family, called Block\n"
        "Express, reaches 256,000 IOPS per volume and holds volumes as big as\n"
        "64 TiB.\n"
        "\n"
        "Encryption at rest is built-in\n"
        "Max 5 keys per user, and the key is rotated every year in each region\n"
        "Deletion waits 7 to 30 days\n"
        "Quotas apply per account and\n"
        "per region.\n"
    )
    assert [s.text for s in prose(_statements(text))] == [
        "The fastest disks are meant for databases and other workloads that need steady speed. The newest "
        "tier of the provisioned family, called Block Express, reaches 256,000 IOPS per volume and holds "
        "volumes as big as 64 TiB.",
        "Encryption at rest is built-in",
        "Max 5 keys per user, and the key is rotated every year in each region",
        "Deletion waits 7 to 30 days",
        "Quotas apply per account and per region.",
    ]


def test_a_blank_line_ends_the_column_names_of_pipe_lines() -> None:
    sts = _statements("# T\nService | Port\nHTTPS | 443\n\nRecord | Purpose\nMX | names the mail server\n")
    assert [(s.header, s.cells) for s in sts] == [
        (("Service", "Port"), ("HTTPS", "443")),
        (("Record", "Purpose"), ("MX", "names the mail server")),
    ]


def test_a_code_block_ends_what_a_bold_label_introduced() -> None:
    sts = _statements("# T\n**Archive tier:**\n\n- restores in a day\n\n```\nls\n```\n\n- a later list\n")
    items = [s for s in sts if s.kind == "item"]
    assert [(s.text, s.label) for s in items] == [("restores in a day", "Archive tier"), ("a later list", "")]
