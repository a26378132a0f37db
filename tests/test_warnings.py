"""Warnings: lines that look like facts but cannot be read, and statements that
disagree, each with the file and line to fix."""

from __future__ import annotations

from cheatdeck.extract import extract
from cheatdeck.parse import parse_notes


def _warnings(*files: tuple[str, str]) -> list[str]:
    return [str(w) for w in extract([parse_notes(text, path) for path, text in files]).warnings]


def test_port_without_a_number() -> None:
    text = "Ports to know:\n- SSH: 22\n- SMTP: TBD\n"
    assert _warnings(("n.md", text)) == [
        'n.md:3: "SMTP" is listed with ports but has no port number; write it as e.g. "SMTP: 1234"'
    ]


def test_port_table__a_row_without_a_number_warns_and_a_catch_all_row_does_not() -> None:
    text = (
        "| Service | Port | Notes |\n|---|---|---|\n"
        "| SSH | 22 | |\n| LDAP | | ask the team |\n| All traffic | All | deny |\n"
    )
    assert _warnings(("n.md", text)) == ['n.md:4: no port number in the "Port" column']


def test_iops_without_a_number() -> None:
    assert _warnings(("n.md", "# EBS\n- gp2: max IOPS depends on size\n")) == [
        'n.md:2: "IOPS" without a number after it; write e.g. "Max IOPS: 16000"'
    ]


def test_the_same_volume_type_with_two_limits_names_both_places() -> None:
    warnings = _warnings(("a.md", "- gp3: SSD, max 16,000 IOPS\n"), ("b.md", "# More\n\n- gp3 SSD up to 20000 IOPS\n"))
    assert warnings == ["b.md:3: max IOPS 20,000 for gp3 disagrees with a.md:1; kept the value from a.md:1"]
    facts = extract(
        [parse_notes("- gp3: SSD, max 16,000 IOPS\n", "a.md"), parse_notes("- gp3 SSD up to 20000 IOPS\n", "b.md")]
    ).facts
    (gp3,) = facts
    assert [str(s) for s in gp3.sources] == ["a.md:1", "b.md:1"]


def test_two_expansions_of_one_acronym() -> None:
    text = "- ECS - Amazon Elastic Container Service\n- ECS - Elastic Compute Service\n"
    assert _warnings(("n.md", text)) == [
        'n.md:2: "ECS" expanded as "Elastic Compute Service" disagrees with n.md:1; kept the value from n.md:1'
    ]


def test_the_same_number_stated_twice_with_different_values() -> None:
    text = (
        "- The cooldown period is 300 seconds by default.\n\n## Later\nThe cooldown period is 600 seconds by default.\n"
    )
    (warning,) = _warnings(("n.md", text))
    assert warning.startswith('n.md:4: "The cooldown period is 600 seconds by default." disagrees with n.md:1')


def test_clean_notes_give_no_warnings() -> None:
    assert _warnings(("n.md", "# Ports\n- SSH: 22\n- HTTPS: 443\n\nMaximum 16 instances can attach.\n")) == []


def test_a_load_balancer_given_another_layer_in_another_types_section_names_both_places() -> None:
    ours = "## Gateway Load Balancer (GWLB)\n- GWLB sits at layer 3.\n"
    theirs = "## Classic Load Balancer (CLB)\n- The Gateway Load Balancer is layer 4 (TCP).\n"
    assert _warnings(("a.md", ours), ("b.md", theirs)) == [
        "b.md:2: says Gateway Load Balancer is layer 4, but a.md:2 says layer 3; kept layer 3 from a.md:2"
    ]
    facts = extract([parse_notes(ours, "a.md"), parse_notes(theirs, "b.md")]).facts
    gwlb = next(f for f in facts if f.data.name == "Gateway Load Balancer")
    assert gwlb.data.layers == (3,) and [str(s) for s in gwlb.sources] == ["a.md:1", "a.md:2", "b.md:2"]
