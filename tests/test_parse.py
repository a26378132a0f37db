"""The Section tree: nesting, numbering, line numbers, text before the first heading."""

from __future__ import annotations

from cheatdeck.parse import parse_notes


def _outline(text: str) -> list[tuple[int, str, int]]:
    """(depth in the tree, title, line) of every section, in document order."""
    out = []

    def walk(section, depth):
        for child in section.children:
            out.append((depth, child.title, child.line))
            walk(child, depth + 1)

    walk(parse_notes(text, "n.md"), 0)
    return out


def test_skipped_levels_nest_by_relative_level() -> None:
    text = "# Title\n### 4. EC2 Fundamentals\n##### EC2 basics\ntext\n#### 11. Bucket S3\n"
    assert _outline(text) == [
        (0, "Title", 1),
        (1, "EC2 Fundamentals", 2),
        (2, "EC2 basics", 3),
        (1, "Bucket S3", 5),
    ]


def test_numbered_heading_with_a_smaller_number_nests() -> None:
    text = "### 6. Load balancing\n###### Intro\n###### 1. Classic\n###### 2. Application\n"
    assert _outline(text) == [
        (0, "Load balancing", 1),
        (1, "Intro", 2),
        (1, "Classic", 3),
        (1, "Application", 4),
    ]


def test_hierarchical_numbers_nest_under_their_parent() -> None:
    text = "## 3 Storage\n### 3.1 Blocks\n### 3.2 Files\n## 4 Network\n"
    assert _outline(text) == [(0, "Storage", 1), (1, "Blocks", 2), (1, "Files", 3), (0, "Network", 4)]


def test_numbering_is_stripped_from_titles_but_not_other_digits() -> None:
    text = "## 9. Route 53\n## 10) S3 Glacier\n## 2024 plans\n"
    assert [t for _d, t, _l in _outline(text)] == ["Route 53", "S3 Glacier", "2024 plans"]


def test_text_before_the_first_heading_stays_in_the_root() -> None:
    root = parse_notes("intro line\n- item one\n\n# First\nbody\n", "n.md")
    assert [b.text for b in root.blocks] == ["intro line", "item one"]
    assert [b.line for b in root.blocks] == [1, 2]
    assert root.children[0].blocks[0].line == 5


def test_headings_inside_lists_are_not_sections() -> None:
    root = parse_notes("# Top\n- item\n  # not a heading\n- other\n", "n.md")
    assert [c.title for c in root.walk() if c.level] == ["Top"]
    assert "not a heading" in [b.text for b in root.children[0].blocks]


def test_line_numbers_of_multi_line_items_and_tables() -> None:
    text = "# T\n\n- first\n  continued\n- second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"
    blocks = parse_notes(text, "n.md").children[0].blocks
    assert [(b.kind, b.line) for b in blocks] == [("item", 3), ("item", 5), ("table", 7)]
    assert [line.number for line in blocks[0].lines] == [3, 4]
    assert [row[0].number for row in blocks[2].rows] == [9, 10]


def test_an_html_table_is_a_table_whose_rows_keep_their_lines() -> None:
    text = (
        "# T\n<table>\n  <tr><th></th><th colspan='2'>Tiers</th></tr>\n"
        "  <tr><th></th><th>hot</th><th>cold</th></tr>\n"
        "  <tr><td>min days</td><td>0</td><td>90</td></tr>\n"
        "  <tr><td>fee</td><td><b>none</b></td><td>per GB</td></tr>\n</table>\n"
        "<table><tr><td>one</td><td>line</td></tr></table>\n- after\n"
    )
    blocks = parse_notes(text, "n.md").children[0].blocks
    assert [b.kind for b in blocks] == ["table", "item"]
    table, item = blocks
    assert table.header == ("", "hot", "cold")
    rows = [(row[0].number, row[1]) for row in table.rows]
    assert rows == [(5, ("min days", "0", "90")), (6, ("fee", "none", "per GB"))]
    assert item.lines[0].number == 9  # the lines after the tables keep their numbers


def test_list_lead_in_is_the_paragraph_or_the_parent_item() -> None:
    text = "Classic ports to know:\n- 22 = SSH\n  - nested under ssh\n"
    items = [b for b in parse_notes(text, "n.md").blocks if b.kind == "item"]
    assert [(b.text, b.lead, b.depth) for b in items] == [
        ("22 = SSH", "Classic ports to know:", 0),
        ("nested under ssh", "22 = SSH", 1),
    ]


def test_typed_bullets_become_items() -> None:
    text = "- CloudWatch Alarm:\n• Stop an instance\n• Send a notification\n"
    items = [b for b in parse_notes(text, "n.md").blocks if b.kind == "item"]
    assert [(b.text, b.depth, b.line) for b in items] == [
        ("CloudWatch Alarm:", 0, 1),
        ("Stop an instance", 1, 2),
        ("Send a notification", 1, 3),
    ]


def test_section_end_covers_its_subsections() -> None:
    root = parse_notes("# A\n## B\nb\n## C\nc\n# D\n", "n.md")
    a, d = root.children
    assert (a.line, a.end) == (1, 5)
    assert [(c.line, c.end) for c in a.children] == [(2, 3), (4, 5)]
    assert (d.line, d.end) == (6, 6)


def test_crlf_and_raw_html_are_read_as_text() -> None:
    root = parse_notes("# T\r\n<script>alert(1)</script>\r\n", "n.md")
    assert root.children[0].blocks[0].text == "<script>alert(1)</script>"


def test_front_matter_and_comments_are_not_notes() -> None:
    text = "---\ntitle: My notes\ntags: [aws]\n---\n# Real title\n<!-- - SSH: 22\n- old: stuff -->\n- kept\n"
    root = parse_notes(text, "n.md")
    assert [s.title for s in root.walk() if s.level] == ["Real title"]
    assert [(b.text, b.line) for b in root.children[0].blocks] == [("kept", 8)]


def test_an_outline_number_on_a_lazy_line_starts_a_new_statement() -> None:
    # "2.4 ..." written flush under a list item is the next point of an outline, not
    # more of the item: without a blank line Markdown would glue the two together
    root = parse_notes("# Deploy\n- Blue/green keeps two fleets\n2.4 Canary releases shift traffic slowly\n", "x.md")
    blocks = root.children[0].blocks
    assert [(b.kind, b.text) for b in blocks] == [
        ("item", "Blue/green keeps two fleets"),
        ("paragraph", "2.4 Canary releases shift traffic slowly"),
    ]


def test_a_day_or_date_before_a_dash_is_not_the_topic_of_a_heading() -> None:
    text = (
        "# Exam diary\n## Thu — Route 53\n## Mon (week 2): mock exam review\n## Day 4 - VPC\n"
        "## 2025-03-01 | EBS\n## Friday plans\n"
    )
    assert [t for _d, t, _l in _outline(text)] == [
        "Exam diary", "Route 53", "mock exam review", "VPC", "EBS", "Friday plans"
    ]  # fmt: skip


def test_a_study_groups_people_are_told_from_labels_and_terms() -> None:
    from cheatdeck.parse import group_speakers

    def notes(*lines: str) -> list[str]:
        # the same lines under three headings
        return [f"## Part {n}\n{line}" for n in range(3) for line in lines]

    people = notes("JK: the dock opens at 6", "JK: ok", "lu: fee is 12 eur", "lu: no, 14")
    assert group_speakers("\n".join(people).split("\n")) == {"JK", "lu"}
    # initials that the lines also write inside them name a thing, not a person
    terms = notes("SG: stateful, attach the SG to an ENI", "SG: allow rules only", "lu: fee", "lu: no")
    assert group_speakers("\n".join(terms).split("\n")) == frozenset()  # one person is no group
    # labels and attributes are no people
    labels = notes("Summary: docks", "Summary: fees", "retention: 4 days", "retention: 7 days")
    assert group_speakers("\n".join(labels).split("\n")) == frozenset()
    # fields whose lines give values ("Minimum: 24 hours") are no people either
    fields = notes("Minimum: 24 hours kept", "Minimum: 2 boats", "Maximum: 40 cars", "Maximum: 9 days")
    assert group_speakers("\n".join(fields).split("\n")) == frozenset()
