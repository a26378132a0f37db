"""Questions the notes ask, with the notes' own answer.

    #### What is the difference between IAM roles and policies?    a heading: the answer
    **Answer:** A role is assumed; a policy is attached.            is the section's text
    1. What is a static IP ?                                         a line ending in "?":
    A static IP never changes.                                       the lines that follow
    - Why use an ALB?                                                a bullet: its children
      - it routes on the path                                        or the next bullet
    <details><summary>What is a VM?</summary> ... </details>         a folded answer
    | Question | Answer |                                            a question/answer table
    How to go Multi-AZ => enable it in "modify"                      question => answer

Every form is read by the shared reader `read_qa.read_qa`; a question with nothing under
it, or with only itself as its answer, is not a fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import Statement
from cheatdeck.extract.read_qa import read_qa
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Fact, Question, Section
from cheatdeck.text import FRONT_LABEL, LIST_ITEM, normalise, plain

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


def extract_questions(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    for qa in read_qa(section, tuple(statements)):
        if _good(qa.question, qa.answer):
            # "Q10 — Aurora: how many copies?": the number a practice test gave it is no
            # part of the question; earlier versions kept it, and so does its identity
            asked = _NUMBERED.sub("", qa.question, count=1)
            said = (
                _with_footnote(qa.question, section, qa.line)
                or _as_labelled(qa.question, section, qa.line)
                or (qa.question if asked != qa.question else "")
            )
            yield fact("question", Question(asked, _one_item(qa.answer), said), section, qa.line)


def _with_footnote(question: str, section: Section, line: int) -> str:
    """A question written with a footnote's label after it ("... timeout?[^3]"), now read
    without it: as earlier versions asked it, label and all; "" for any other."""
    raw = dict(section.written).get(line, "") if section.written else ""
    m = re.search(rf"{re.escape(question)}\s*(\[\^[^\]\s]+\])", raw) if "[^" in raw else None
    return f"{question}{m.group(1)}" if m else ""


def _as_labelled(question: str, section: Section, line: int) -> str:
    """A card typed as "F: What ...?" (see parse._front_back), now asked without its
    label: as earlier versions asked it, label and all; "" for any other."""
    raw = dict(section.written).get(line, "") if section.written else ""
    m = FRONT_LABEL.match(raw)
    if not m or not question.endswith("?") or not plain(raw[m.end() :]).strip().endswith("?"):
        return ""
    return f"{m.group(2)}: {question}"


_NUMBERED = re.compile(r"^Q\d+\s*[—–-]\s+(?=\S)", re.I)


def _one_item(answer: str) -> str:
    """ "- 6 copies over 3 zones", a list of one item, answers without its bullet."""
    lines = answer.strip().split("\n")
    if len(lines) == 1 and LIST_ITEM.match(lines[0]):
        return LIST_ITEM.sub("", lines[0], count=1)
    return answer


def _good(question: str, answer: str) -> bool:
    if not question or not plain(answer) or _HEADING.match(answer):
        return False
    a, q = normalise(answer), normalise(question)
    # an "answer" that only repeats the question's first words is not one ("True" is)
    return a != q and not (len(a.split()) > 2 and q.startswith(a))


def combine_answers(old: Question, new: Question) -> tuple[Question, str | None]:
    """The same question asked again: one card, the first answer; a different answer
    is named so that the notes can be made to agree."""
    if normalise(new.answer) == normalise(old.answer):
        return old, None
    return old, f'the answer to "{old.question}"'


def describe_question(d: Question) -> str:
    return f"{d.question} → {d.answer}".replace("\n", " / ")


KIND = Kind(
    name="question",
    data_type=Question,
    rules=(extract_questions,),
    description="the questions the notes ask, with the notes' own answers",
    describe=describe_question,
    combine=combine_answers,
)
