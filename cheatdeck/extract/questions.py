"""Questions the notes ask, with the notes' own answer.

    #### What is the difference between IAM roles and policies?    a heading: the answer
    ...                                                              is the section's text
    1. What is a static IP ?                                         a line ending in "?":
    A static IP never changes.                                       the lines that follow
    What is the difference between HTTP and WebSocket:               "What/Why/How ... :"
    - HTTP is unidirectional ...
    How to go Multi-AZ => enable it in "modify"                      question => answer

A question with nothing under it is not a fact.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from cheatdeck.extract.common import fact
from cheatdeck.extract.read import Statement, answer_after, section_body
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Fact, Question, Section
from cheatdeck.text import normalise, plain

_ASKING = re.compile(r"^(?:what|why|how|when|which|who|where|is|are|can|does|do|should)\b", re.IGNORECASE)
_DIFFERENCE = re.compile(r"^(?:what is\s+)?(?:the\s+)?differences?\s+between\s+.+\s+and\s+.+", re.I)
_LABEL = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]?\s+|(?:pre-?(?:re)?quisites?|question|q|note)\s*[:.]\s*)", re.I)
_INLINE_ANSWER = re.compile(r"^(.+?)\s*(?:=>|→|->)\s*(.+)$")
_SAME_LINE = re.compile(r"^(.{8,200}?\?)\s+([A-Z].{2,})$")
_ANSWER_LABEL = re.compile(r"^\s*(?:\*\*)?(?:a|answer|ans)\s*[:.](?:\*\*)?\s*", re.I)
_CARRY_ON = re.compile(
    r"^\s*(?:therefore|so|thus|hence|as a result|in short|in summary|this means|that is why|also|however)\b", re.I
)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_MAX_ANSWER_LINES = 40
_TRAILING_MARK = re.compile(r"\s*\(\*+\)\s*$|\s*\*+$")  # "NLB or ALB?(*)": a footnote mark


def extract_questions(section: Section, statements: Sequence[Statement]) -> Iterator[Fact]:
    if section.heading_path:
        question = _as_question(section.title, heading=True)
        if question:
            answer = section_body(section, _MAX_ANSWER_LINES * 2)
            if _good(question, answer):
                yield fact("question", Question(question, answer), section, section.line)
    for st in statements:
        if st.kind == "row":
            yield from _from_row(section, st)
            continue
        text = st.text
        line_text = plain(st.markdown) if st.kind == "line" else plain(st.block.lines[0].text)
        inline = _INLINE_ANSWER.match(text)
        if inline and _ASKING.match(_LABEL.sub("", inline.group(1))):
            question = _as_question(inline.group(1), heading=True) or ""
            if _good(question, inline.group(2)):
                yield fact("question", Question(question, inline.group(2)), section, st.line)
            continue
        same_line = _SAME_LINE.match(line_text)
        if same_line and _ASKING.match(_LABEL.sub("", same_line.group(1))):
            # "What does X mean? It means Y." asks and answers on one line
            question = _as_question(same_line.group(1), heading=False) or ""
            if _good(question, same_line.group(2)):
                yield fact("question", Question(question, same_line.group(2)), section, st.line)
            continue
        question = _as_question(line_text, heading=False)
        if question:
            answer = _ANSWER_LABEL.sub("", answer_after(section, st.line, _is_question_line, _CARRY_ON))
            if _good(question, answer):
                yield fact("question", Question(question, answer), section, st.line)


def _is_question_line(line: str) -> bool:
    return _as_question(plain(line), heading=False) is not None


def _from_row(section: Section, st: Statement) -> Iterator[Fact]:
    """| Question | Answer | tables."""
    q = st.column(r"^(?:q|question)s?\b")
    a = st.column(r"^(?:a|answer)s?\b")
    if q is None or a is None or max(q, a) >= len(st.cells):
        return
    answer = st.raw_cells[a]
    question = _as_question(st.cells[q], heading=True) or ""
    if _good(question, answer):
        yield fact("question", Question(question, answer), section, st.line)


def _as_question(text: str, heading: bool) -> str | None:
    """The question a heading or line asks, tidied ("...IP ?" -> "...IP?"), else None."""
    text = _LABEL.sub("", plain(text)).strip()
    text = _TRAILING_MARK.sub("", text).strip()
    if len(text) < 8 or len(text) > 200:
        return None
    if text.endswith("?"):
        return re.sub(r"\s+\?$", "?", text)
    if _DIFFERENCE.match(text) and (heading or text.endswith(":")):
        body = re.sub(r"^(?:what is\s+)?(?:the\s+)?", "", text.rstrip(": "), flags=re.I)
        return f"What is the {body}?"
    if text.endswith(":") and _ASKING.match(text) and len(text.split()) >= 3:
        return text.rstrip(": ") + "?"
    if heading and _ASKING.match(text) and text.split()[0].casefold() in ("how", "why", "what"):
        return text.rstrip(": ") + "?"
    return None


def _good(question: str, answer: str) -> bool:
    if not question or not answer.strip() or _HEADING.match(answer):
        return False
    a, q = normalise(answer), normalise(question)
    return bool(a) and a != q and not q.startswith(a)


def describe_question(d: Question) -> str:
    return f"{d.question} → {d.answer}".replace("\n", " / ")


KIND = Kind(
    name="question",
    data_type=Question,
    rules=(extract_questions,),
    description="the questions the notes ask, with the notes' own answers",
    describe=describe_question,
)
