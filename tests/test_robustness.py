"""Property-based tests: arbitrary Markdown and text never make extraction raise, and
every fact it finds points at a real line of the notes."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cheatdeck.extract import extract
from cheatdeck.parse import parse_notes

_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "###### ",
        "- ",
        "* ",
        "1. ",
        "  - ",
        "• ",
        "> ",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "```\ncode\n```",
        "**",
        "__",
        "`",
        "(",
        ")",
        "[",
        "](",
        "![x](",
        ":",
        " : ",
        " = ",
        " - ",
        " → ",
        " — ",
        "->",
        "=>",
        "?",
        "Port",
        "port 22",
        "22",
        "65536",
        "2379-2380",
        "64,000",
        "64k",
        "IOPS",
        "gp2/gp3",
        "io1",
        "SSD",
        "HDD",
        "boot",
        "Layer 7",
        "layer 4",
        "ALB",
        "Network Load Balancer",
        "(NLB)",
        "A",
        "CNAME",
        "record",
        "DNS",
        "SSH(Secure Shell)",
        "EC2 = Elastic Compute Cloud",
        "policy",
        "policies:",
        "max",
        "up to",
        "10 ms",
        "1-3 days",
        "Ex :",
        "What is",
        "the difference between",
        " and ",
        "\n",
        "\n\n",
        "   ",
        "\t",
        "é",
        "\u00a0",
        "<b>",
        "<script>",
        "\r\n",
        "0",
        "99999",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_extraction_never_raises_on_markdown_like_text(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_extraction_never_raises_on_arbitrary_text(text: str) -> None:
    _check(text)


def _check(text: str) -> None:
    extraction = extract([parse_notes(text, "p.md")])
    count = len(text.splitlines()) or 1
    for f in extraction.facts:
        for source in f.sources:
            assert 1 <= source.line <= count + 1, (source, text)


def test_long_lines_do_not_make_extraction_slow() -> None:
    # regular expressions with nested repetition can take exponential time on long lines
    lines = [
        "word " * 2000,
        "- " + "Term " * 500 + ": " + "meaning " * 500,
        "A" * 5000 + " (" + "B " * 1000,
        "22 = " + "SSH " * 2000,
        "1, " * 3000 + "IOPS",
        "related:: " + " ".join(f"[[Page {i}]]" for i in range(40)) + " #later",
        "- Total: 1,250 GB (" + "1 + " * 400 + "and so on",
        "## Ports\n- 22 " + "ab 1 " * 400 + "(" + "cd 2 " * 400 + ") x",
        "| " + " | ".join(["Port"] * 200) + " |\n|" + "---|" * 200 + "\n| " + " | ".join(["22"] * 200) + " |",
        # a self-test blank before a long token, or an arrow before a long run of blanks;
        # a practice question's pick after a long run of blanks
        "- x ___ " + "a" * 3000,
        "- x ___ → a" + " " * 3000 + "b",
        "A. one\nB. two\nC. three\nanswer" + " " * 3000 + "x",
    ]
    for line in lines:
        started = time.perf_counter()
        extract([parse_notes(f"# T\n{line}\n", "long.md")])
        assert time.perf_counter() - started < 2.0, line[:40]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_cards_and_sheet_render_for_whatever_is_extracted(text: str) -> None:
    from cheatdeck.deck import build_deck, guid
    from cheatdeck.pipeline import TEMPLATES_DIR
    from cheatdeck.sheet import render_sheet

    facts = extract([parse_notes(text, "p.md")]).facts
    deck = build_deck(facts, "Title", TEMPLATES_DIR, {}, 1_700_000_000)
    # every fact makes a note, but a load balancer named with its abbreviation and no
    # layer or protocol, whose acronym card already asks for the name: it has nothing to ask
    asked = [f for f in facts if not (f.kind == "load_balancer" and not f.data.layers and not f.data.protocols)]
    assert {guid(f) for f in asked} <= set(deck.notes) <= {guid(f) for f in facts}
    html = render_sheet(facts, "Title", TEMPLATES_DIR, ["p.md"], 1_700_000_000)
    assert "<script>" not in html
