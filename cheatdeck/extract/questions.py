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
from collections.abc import Iterator

from cheatdeck.extract.common import column, fact, statements
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


def extract_questions(section: Section) -> Iterator[Fact]:
    if section.heading_path:
        question = _as_question(section.title, heading=True)
        if question:
            answer = _lines(section, section.line + 1, section.end)
            if _good(question, answer):
                yield fact("question", Question(question, answer), section, section.line)
    for block, line, text in statements(section):
        if block.kind == "item" and block.lines[0] is not line:
            continue
        inline = _INLINE_ANSWER.match(text)
        if inline and _ASKING.match(_LABEL.sub("", inline.group(1))):
            question = _as_question(inline.group(1), heading=True) or ""
            if _good(question, inline.group(2)):
                yield fact("question", Question(question, inline.group(2)), section, line.number)
            continue
        same_line = _SAME_LINE.match(plain(line.text))
        if same_line and _ASKING.match(_LABEL.sub("", same_line.group(1))):
            # "What does X mean? It means Y." asks and answers on one line
            question = _as_question(same_line.group(1), heading=False) or ""
            if _good(question, same_line.group(2)):
                yield fact("question", Question(question, same_line.group(2)), section, line.number)
            continue
        question = _as_question(plain(line.text), heading=False)
        if question:
            answer = _ANSWER_LABEL.sub("", _answer_after(section, line.number))
            if _good(question, answer):
                yield fact("question", Question(question, answer), section, line.number)
    for block in section.blocks:
        if block.kind == "table":
            yield from _from_table(section, block.header, block.rows)


def _from_table(section: Section, header: tuple[str, ...], rows) -> Iterator[Fact]:
    """| Question | Answer | tables."""
    q = column(header, r"^(?:q|question)s?\b")
    a = column(header, r"^(?:a|answer)s?\b")
    if q is None or a is None:
        return
    for line, cells in rows:
        if max(q, a) < len(cells):
            question = _as_question(cells[q], heading=True) or ""
            if _good(question, cells[a]):
                yield fact("question", Question(question, cells[a]), section, line.number)


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


def _answer_after(section: Section, line: int) -> str:
    """The lines that answer a question on `line`: the rest of its paragraph or the
    next run of lines, up to a blank line or heading, and the paragraphs after it that
    carry the same thought on ("Therefore, ...")."""
    lines = section.source_lines
    last = min(section.end if section.end else len(lines), len(lines))
    start = line  # 0-based index of the line after the question
    while start < last and not lines[start].strip():
        start += 1
    end = _run_end(lines, start, last)
    while True:
        following = end
        while following < last and not lines[following].strip():
            following += 1
        if following >= last or not _CARRY_ON.match(lines[following]):
            break
        end = _run_end(lines, following, last)
    end = min(end, start + _MAX_ANSWER_LINES)
    answer = lines[start:end]
    if answer and all(line.lstrip().startswith(">") for line in answer):
        answer = [re.sub(r"^\s*>\s?", "", line) for line in answer]  # a quoted Q&A
    return "\n".join(answer).strip()


def _run_end(lines: tuple[str, ...], start: int, last: int) -> int:
    """The end of a run of lines: a blank line, a heading, or the next question."""
    end = start
    while end < last and lines[end].strip() and not _HEADING.match(lines[end]):
        if end > start and _as_question(plain(lines[end]), heading=False):
            break
        end += 1
    return end


def _lines(section: Section, first: int, last: int) -> str:
    last = min(last, first + _MAX_ANSWER_LINES * 2)
    text = "\n".join(section.source_lines[first - 1 : last]).strip()
    # a subsection heading inside an answer reads better as a bold line
    return re.sub(r"(?m)^\s{0,3}#{1,6}\s+(.+?)\s*#*$", r"\n**\1**\n", text).strip()


def _good(question: str, answer: str) -> bool:
    if not question or not answer.strip() or _HEADING.match(answer):
        return False
    a, q = normalise(answer), normalise(question)
    return bool(a) and a != q and not q.startswith(a)
