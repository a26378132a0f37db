"""A question asked twice: one card, the first answer, and a warning naming both places
when the answers differ."""

from __future__ import annotations

from cheatdeck.extract import extract
from cheatdeck.parse import parse_notes


def _extract(*files: tuple[str, str]):
    return extract([parse_notes(text, path) for path, text in files])


def test_same_question_with_two_answers_warns_with_both_places() -> None:
    result = _extract(
        ("a.md", "### What is a NAT gateway?\nA way out for private subnets.\n"),
        ("b.md", "# Quiz\n\nQ: What is a NAT gateway?\nA: A managed router for IPv4 egress.\n"),
    )
    (question,) = [f for f in result.facts if f.kind == "question"]
    assert question.data.answer == "A way out for private subnets."
    assert [str(s) for s in question.sources] == ["a.md:1", "b.md:3"]
    assert [str(w) for w in result.warnings] == [
        'b.md:3: the answer to "What is a NAT gateway?" disagrees with a.md:1; kept the value from a.md:1'
    ]


def test_same_question_with_the_same_answer_does_not_warn() -> None:
    result = _extract(
        ("a.md", "- What is a NAT gateway?\n  - A way out for private subnets.\n"),
        ("b.md", "**What is a NAT gateway?**\n\nA way out for private subnets.\n"),
    )
    assert [f.kind for f in result.facts].count("question") == 1
    assert result.warnings == ()
