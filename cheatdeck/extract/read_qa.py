"""Shared readers, part two: the questions the notes ask and the notes' own answers.

    ### What is a target group?             a heading that asks: the text under it (after
    **Answer:** A set of targets.           a sub-heading too); an "Answer:" label is not
                                            part of the answer, and makes a question of
                                            what it answers, "?" or not
    **Q: Max size of a message?**           a line that asks ("Q:", bold, numbered):
    A: 256 KB                               the lines that follow
    - Why use an ALB?                       a bullet that asks: its child bullets, else
      - routes on paths                     the next bullet (not in a list of questions:
                                            a table of contents, interview questions)
    <details><summary>What is X?</summary>  a folded answer, up to </details>
    | Question | Answer |                   a row of a question/answer table
    How to go Multi-AZ => modify the DB     asked and answered on one line
    What is S3? Object storage.             Q: Process vs thread? A: ...

Like `read.read_statements`, this reads how people write, once per section, for every
kind: questions.py turns each pair into a card, dns_records.py reads the pairs that ask
about a record type. It reads the statements of `read.py` and, for answers that span
blocks (a list under a question, a code block), the section's lines as written.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from cheatdeck.extract.read import (
    _HEADING,
    CHOICE_QUESTION,
    MY_PICK,
    OWN_ANSWER,
    PRACTICE_NUMBER,
    RIGHT_ANSWER,
    SELF_TEST,
    TASK_BOX,
    Statement,
    _fences,
    answer_after,
    goes_on,
    written_line,
)
from cheatdeck.model import Section
from cheatdeck.text import ANSWERER_LABEL, ASKER_LABEL, HINT, LIST_ITEM, MNEMONIC, plain
from cheatdeck.vocab import IMPERATIVE_VERBS, names_an_area


@dataclass(frozen=True, slots=True)
class QA:
    """A question the notes ask and the notes' own answer to it."""

    question: str
    # as asked, tidied: no numbering, label, emphasis or leading emoji; "?" closes it
    answer: str
    # Markdown as written, without an "Answer:" label
    line: int
    # the line of the question (of the heading, the summary, the row)
    typed: bool = False
    # a card typed by hand whose front asks ("Q: need it by next week ;; VPN"): its line
    # keeps the facts it always gave (see Question.implied)
    said: str = ""
    # the question as earlier versions read it, where this one reads it better: the
    # identity stays that of the question said


_QUESTION_WORD = re.compile(r"^(?:what|why|how|when|which|who|where|whose)\b", re.I)
_ASKING = re.compile(r"^(?:what|why|how|when|which|who|where|is|are|can|does|do|should)\b", re.I)
_AUXILIARY = re.compile(
    r"^(?:is|are|was|were|do|does|did|can|could|should|would|will|shall|may|might|must|has|have|to|not|many|much)$",
    re.I,
)
_NOT_A_SUBJECT = frozenset(
    "it this that these those the a an we they he she i you its our their my your his her one".split()
)
_DIFFERENCE = re.compile(r"^(?:what is\s+)?(?:the\s+)?differences?\s+between\s+.+\s+and\s+.+", re.I)
# a label naming what kind of question follows: "Q:", "Question 3:", "Prerequisite:" (any
# spelling of it: "Prequisite", "Pre-requisite"), "Quiz:", "Review:", "Note:"
_QUESTION_LABEL = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*[.)]?\s+|\(?q\d+\)\s*|(?:pre-?(?:re)?qu?isites?|q\d*|question\s*\d*|quiz|review|recap|"
    r"self[- ]check|check|exercise\s*\d*|note|interview)\s*[:.]\s*)",
    re.I,
)
# "Task 1 — What is DNS?", "Lab 3 - How ...": a numbered title in front of the question,
# set off by a dash ("Lambda - how does it scale?" keeps its subject)
_TITLE_IN_FRONT = re.compile(
    r"^(?=[^—–\-]*\d)(?:[^—–\-]{1,40}?)\s+[—–-]\s+(?=(?:what|why|how|when|which|who|where|is|are|can|does|do)\b)",
    re.I,
)
# a mark after a question, not part of it: "(*)", "(!)", "(important)", stars, emoji
_EMOJI = "[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\ufe0f\U0001f000-\U0001faff]"
_TRAILING_MARK = re.compile(rf"(?:\s*\((?:\*+|!+|\?|important|imp|todo|hard|tricky)\)|\s*\*+|\s*{_EMOJI}+)$", re.I)
# how a line that asks can end, before its marks are taken off: "?", ":", "(*)", "**", emoji
_MAY_ASK = re.compile(r"[?:)*_]\s*$|[^\x00-\x7f]\s*$")
_LEADING_MARK = re.compile(r"^[^\w\"'“‘(¿<]+")
_MY_PICK = re.compile(r"(?<=[.?!])\s+I (?:said|picked|chose|answered|went with)\b[^.?!]*[.?!]?\s*$")
_ANSWER_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?:a|ans|answers?)\s*\d*(?:\*\*|__)?\s*[:.](?:\*\*|__)?(?:\s+|$)", re.I)
_ANSWER_WORD = re.compile(r"^\s*(?:\*\*|__)?(?:ans|answers?)(?:\*\*|__)?\s*[:.]", re.I)  # not "A:", a record type too
# "Right:" nested under a practice question written without "?" answers it (beside
# "my answer:" it is one more point of a scenario)
_PICKED_WORD = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:right|correct(?: answer)?)(?:\*\*|__)?\s*:", re.I)
_QA_ONE_LINE = re.compile(r"(?:^|\s)Q\d*\s*[:.]\s*(.+?)\s+(?:<br\s*/?>\s*)?A\d*\s*[:.]\s+(.+)$")
_QA_WAS = re.compile(r"(?:^|\s)Q\d*\s*[:.]\s*(.+?)\s+A\d*\s*[:.]\s+(.+)$")  # as earlier versions read it
_INLINE_ANSWER = re.compile(r"^(.+?)\s*(?:=>|→|->)\s*(.+)$")
_DOT_ANSWER = re.compile(r"^(.+?\?)\s+·\s+(.+)$")
_SAME_LINE = re.compile(r"^(.{8,200}?\?)\s+([A-Z].{2,})$")
# tags that only format a folded answer, and the words a prompt without "?" opens with
_FORMATTING_TAG = re.compile(r"</?(?:b|strong|i|em|br|p|u)\s*/?>", re.I)
_PROMPT = re.compile(r"^(?:explain|describe|define|compare|true or false|give an example)\b", re.I)
_ANSWER_SUMMARY = re.compile(r"\b(?:answers?|solution|show|reveal|explanation)\b", re.I)
_DETAILS_END = re.compile(r"</details>|<details>", re.I)
_TAG = re.compile(r"</?[a-z][^>]*>", re.I)
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")  # a thematic break: ---, ***, ___
# a question in words: a question word anywhere, or an auxiliary verb first
_ASKS_SOMETHING = re.compile(
    r"\b(?:what|what's|why|how|when|which|who|whom|whose|where)\b|^(?:is|are|was|were|do|does|did|can|could|"
    r"should|would|will|shall|may|might|must|has|have|had|isn't|aren't|doesn't|don't|can't|won't)\b",
    re.I,
)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)[^*_].*(?:\*\*|__)\s*$")  # "**Max size of a message?**"
_LONE_LINK = re.compile(r"^\s*\[[^\]]*\]\([^)]*\)\s*$")  # "[What is S3?](#what-is-s3)": a TOC entry
# a list that only lists questions or topics: a table of contents, objectives, an agenda
_LISTING = re.compile(
    r"\b(?:contents|toc|objectives|agenda|outline|syllabus|you will (?:learn|understand|know|be able)|"
    r"covered|we will cover)\b",
    re.I,
)
_CARRY_ON = re.compile(
    r"^\s*(?:therefore|so|thus|hence|as a result|in short|in summary|this means|that is why|also|however)\b", re.I
)
_MAX_QA_LINES = 40


@lru_cache(maxsize=8192)
def as_question(text: str, heading: bool = False) -> str | None:
    """The question a heading, line or cell asks, tidied ("1. **What is X ?**" -> "What is
    X?"); None when it does not ask one. A line asks when it ends in "?" or, for a
    heading or a line ending in ":", when it opens like a question ("How to access AWS:",
    not "How it works:")."""
    text = text.rstrip("\\ ")  # "Why ...? \\": a hard line break
    if not heading and not _MAY_ASK.search(text):
        return None  # the quick way out for most lines
    text = tidy_question(text)
    if len(text) < 8 or len(text) > 200 or _RHETORICAL.match(text):
        return None  # "Did you know Spot gives a 2-minute warning?" tells, it does not ask
    if text.endswith("?"):
        return re.sub(r"\s*\?+$", "?", text)  # "...IP ?" and "Patterns??" -> "...?"
    if _DIFFERENCE.match(text) and (heading or text.endswith(":")):
        body = re.sub(r"^(?:what is\s+)?(?:the\s+)?", "", text.rstrip(": "), flags=re.I)
        return f"What is the {body}?"
    if (heading or text.endswith(":")) and _opens_a_question(text.rstrip(": ")):
        return text.rstrip(": ") + "?"
    return None


_RHETORICAL = re.compile(r"(?:did you know|guess what|fun fact)\b", re.I)


def tidy_question(text: str) -> str:
    """A question's words without numbering, a kind-of-question label, a title in front,
    emphasis or marks around it."""
    text = _LEADING_MARK.sub("", plain(text)).strip()
    text = _QUESTION_LABEL.sub("", text).strip()
    text = _TITLE_IN_FRONT.sub("", text).strip()
    text = _MY_PICK.sub("", text).strip()  # "..., 12 h retrieval OK. I said Glacier." is asked without the pick
    while True:
        shorter = _TRAILING_MARK.sub("", text).strip()
        if shorter == text:
            return text
        text = shorter


def _opens_a_question(text: str) -> bool:
    """ "How to access AWS", "What is IAM", "Why use a load balancer": a question without
    its "?"; "How it works", "When data is sent", "How Ports Work" are titles."""
    words = text.split()
    if len(words) < 3 or not _QUESTION_WORD.match(text):
        return False
    second = words[1]
    if _AUXILIARY.match(second):
        return True
    return words[0].casefold() == "why" and second.islower() and second not in _NOT_A_SUBJECT


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _dedent(lines: list[str]) -> str:
    indents = [_indent(x) for x in lines if x.strip()]
    cut = min(indents, default=0)
    return "\n".join(x.expandtabs(4)[cut:] for x in lines).strip()


def _unlabel(answer: str) -> str:
    """The answer without its "Answer:" label and without a trailing "---"."""
    label = _ANSWER_LABEL.match(answer)
    answer = _ANSWER_LABEL.sub("", answer, count=1).strip()
    first, _, rest = answer.partition("\n")
    if label and re.match(r"\s*(\*\*|__)", label.group()) and first.count("**") + first.count("__") == 1:
        # "**Answer: Alias A record**": the bold that opened with the label closes after it
        answer = (
            "\n".join([re.sub(r"(?:\*\*|__)\s*$", "", first).rstrip(), rest]).strip()
            if rest
            else re.sub(r"(?:\*\*|__)\s*$", "", first).rstrip()
        )
    lines = answer.split("\n")
    right = [k for k, line in enumerate(lines) if RIGHT_ANSWER.match(_LIST_MARK.sub("", line))]
    if right:
        # "- Me: ALB" / "- Right: NLB": the note-taker's own answer, taken back by the right one
        mine = {k for k, line in enumerate(lines) if OWN_ANSWER.match(_LIST_MARK.sub("", line)) and k < right[0]}
        lines = [line for k, line in enumerate(lines) if k not in mine]
        answer = "\n".join(lines).strip()
    answer = _PICKED_WORD.sub("", answer, count=1).strip()  # "Right: 60" under "Me: 50" (left out)
    lines = answer.split("\n")
    while lines and (not lines[-1].strip() or _RULE.match(lines[-1])):
        lines.pop()
    return "\n".join(lines).strip()


def _labelled(answer: str) -> bool:
    """Whether an answer opens with "Answer:" (which makes a question of what it answers)."""
    return _ANSWER_WORD.match(answer) is not None


def read_qa(section: Section, statements: tuple[Statement, ...]) -> tuple[QA, ...]:
    """Every question asked directly in a section (its heading included) with its answer,
    in order. Read once per section: every kind that reads questions shares the result."""
    global _last_qa
    if _last_qa[0] is statements and _last_qa[1] is section:
        return _last_qa[2]
    out = tuple(_read_qa(section, statements))
    _last_qa = (statements, section, out)
    return out


# The last section read: the kinds that read questions (questions, dns_record) are called
# one after the other with the same statements object, so one entry, held by identity
# (hashing a section and its statements would cost more than reading them again), does.
_last_qa: tuple[object, object, tuple[QA, ...]] = (None, None, ())


def _read_qa(section: Section, statements: tuple[Statement, ...]) -> Iterator[QA]:
    listings: dict[int, list[bool]] = {}  # per list depth: whether each statement's list lists questions
    asked_line = 0  # the line of a practice question's scenario, asked with its heading
    if section.heading_path:
        question = as_question(section.title, heading=True)
        if question is None and _labelled(_first_line_under(section)):
            question = tidy_question(section.title)  # "Scenario: ..." answered by "Answer:"
        elif (
            question is None
            and _text_under(section)
            and _right_answer(heading_answer(section))
            # (a practice question's title, not an area's or a list of traps': "## Networking"
            # over "Trap: ..." / "Correct: ...")
            and not names_an_area(section.title)
            and not re.search(r"\b(?:myths?|traps?|misconceptions?|gotchas?)\b", section.title, re.I)
        ):
            question = tidy_question(section.title)  # "Q9 — an Oracle DB needs > 64,000 IOPS"
            scenario = _scenario(section) if _UNTITLED.fullmatch(section.title) else ""
            if scenario:
                # "### Q14 (got wrong)" over the scenario and "Correct: ...": the scenario asks
                # (and its line asks nothing more); the identity stays that of the title
                # earlier versions asked
                yield QA(scenario, _same_as_mine(heading_answer(section)), section.line, said=question)
                asked_line = next(
                    n
                    for n in range(section.line + 1, len(section.source_lines) + 1)
                    if section.source_lines[n - 1].strip()
                )
                question = None
            elif _UNTITLED.fullmatch(section.title):
                # "### Q30 (got wrong)" over "Picked: ..." / "Correct: Shield Advanced": the
                # question's number, not the question, which the notes do not say
                question = None
        if question:
            written = heading_answer(section)
            answer = _unlabel(written)
            if _is_question_line(answer.split("\n", 1)[0]):
                question = None  # "## Compute, or: why so many ways to pay?" over another question: a title
            elif re.match(r"\s*\|?\s*:?-{3,}", answer):
                # "## Messaging – which one?" over "|---|---|" then the table's names: the
                # rows are no table, and no answer to show
                question = None
            # "A. sc1" over "B. st1" ... "Correct: A": an option, not an "A." label
        if question:
            ticked = _ticked(section)
            yield QA(question, ticked or _right_answer(written) or _right_answer(answer) or answer, section.line)
    for i, st in enumerate(statements):
        if st.line == asked_line:
            continue
        if st.kind == "row":
            qa = _from_row(st)
        elif st.kind == "definition":
            qa = None
        elif "<summary" in (st.markdown if st.kind == "line" else st.block.lines[0].text).lower():
            qa = _from_details(section, st)
        else:
            drill = _drill(st)
            if drill:
                yield from drill
                continue
            qa = _from_scenario(statements, i) or _from_line(section, statements, i, listings)
        if qa is not None:
            yield qa


def _drill(st: Statement) -> list[QA]:
    """A line of questions, each with its answer, split by " | ": "which LB for UDP? →
    NLB | which for path routing? → ALB"; [] for any other line."""
    if " | " not in st.text or "?" not in st.text or st.kind == "row":
        return []
    parts = [_DRILL_PART.match(p.strip()) for p in st.text.split(" | ")]
    if len(parts) < 2 or not all(parts):
        return []
    asked = [(as_question(m.group(1), heading=True), m.group(2).strip()) for m in parts]
    return [QA(q, a, st.line) for q, a in asked if q and a] if all(q for q, _ in asked) else []


def _asked_before_arrow(text: str) -> bool:
    """Three words at least, one a word in lower case ("MS SQL Server? → 1433" names, it
    does not ask), then "?"; no cell of a table ("a | b?")."""
    q = text.rstrip()
    if not q.endswith("?") or "|" in q or q.count("?") > 1 or q.count("(") > q.count(")"):
        return False  # "Review boundaries vs SCPs (which one wins?": cut inside its brackets
    first = re.match(r"\W*([A-Za-z]+)", q)
    if first and first.group(1).casefold() in IMPERATIVE_VERBS:
        return False  # "Review ...?": a task, not a question
    return len(re.findall(r"\w+", q)) >= 3 and re.search(r"\b[a-z]{4,}\b", q) is not None


_DRILL_PART = re.compile(r"^(.+?\?)\s*(?:=>|→|->)\s*(.+)$")


# a practice question's right answer, in a point under the scenario: "- right: io2"
_RIGHT_ANSWER = re.compile(
    r"^\s*(?:\*\*|__)?(?:right|correct|right answer|correct answer|actual answer|solution)(?:\*\*|__)?\s*[:=→]"
    r"(?:\*\*|__)?\s*(?=\S)",
    re.I,
)


def _from_scenario(statements: tuple[Statement, ...], i: int) -> QA | None:
    """A practice question written as its scenario, with the right answer in one of the
    points under it: "**1.4** An app needs 40,000 IOPS on one volume." over "- picked:
    gp3", "- right: io2". The scenario is the question, the right answer its answer
    (what was picked, and why, are the notes' own)."""
    st = statements[i]
    if st.kind != "line" or i + 1 >= len(statements):
        return None
    points = list(
        itertools.takewhile(
            lambda x: x.kind == "item" and x.lead.endswith(st.text), statements[i + 1 : i + 1 + _MAX_QA_LINES]
        )
    )
    right = [x for x in points if x.depth == 0 and _RIGHT_ANSWER.match(x.markdown)]
    if len(right) != 1:
        return None
    # asked as a question ("...?") it reads as every other question does
    question = as_question(points[0].lead) or _QUESTION_LABEL.sub("", tidy_question(points[0].lead)).strip()
    answer = _RIGHT_ANSWER.sub("", right[0].markdown, count=1).strip()
    if len(question.split()) < _SCENARIO_WORDS or not answer:
        return None
    return QA(question, answer, st.line)


_SCENARIO_WORDS = 4
# a practice question on one line: its label ("Set 2 Q14:", "Q7."), its scenario, maybe
# the note-taker's wrong pick, and the right answer after "Answer:"
_LOGGED = re.compile(
    rf"^\W*(?P<label>{PRACTICE_NUMBER}\s*[:.)])\s*"
    rf"(?P<scenario>[^?]+?[.!])\s+(?:(?:{MY_PICK}|my\s+(?:answer|pick|choice)\b)"
    r"[^.!?]*[.!?]\s+)?"
    r"(?:\*\*|__)?(?:answer|ans|correct(?:\s+answer)?|right\s+answer)(?:\*\*|__)?\s*[:=]\s*(?P<answer>\S.*)$",
    re.I,
)


def _right_answer(answer: str) -> str:
    """A practice question's answer given with its label ("**Correct answer: MX**
    because ..."), after the options it chose from or none: that paragraph, without the
    label or the note-taker's bracketed aside after it (what follows is notes of their
    own), and an option's letter with the option's words. "" when no such label opens
    one of the answer's first lines."""
    lines = answer.split("\n")
    # the options first ("A. 3306" ... "E. 27017"), then the label that picks one
    window = _OPTION_LINES + sum(1 for line in lines[:26] if _OPTION.match(line.strip()))
    at = next((n for n, line in enumerate(lines[:window]) if _RIGHT_ANSWER.match(line)), None)
    if at is None:
        # "Answer: B", "Correct answer - B": a letter alone after the options
        # (the options on one line of their own: "A) sc1  B) st1  C) gp3" over "Answer: B")
        first = 1 if len(_INLINE_OPTION.findall(lines[0])) >= 2 else 2
        at = next((n for n, line in enumerate(lines[:window]) if n >= first and _PICKED.match(line.strip())), None)
        if at is None or not _OPTION.match(lines[0].strip()):
            return ""
        m = _PICKED.match(lines[at].strip())
        said = lines[at].strip()[m.start(1) :]  # type: ignore[union-attr]
    else:
        m = _RIGHT_ANSWER.match(lines[at])
        said = lines[at][m.end() :]
    if (
        m.re is _RIGHT_ANSWER
        and m.group().lstrip().startswith(("**", "__"))
        and not m.group().rstrip().endswith(("**", "__"))
    ):
        said = m.group().lstrip()[:2] + said  # "**Correct answer: MX**": "MX" stays bold
    kept = []
    for line in [said, *lines[at + 1 :]]:
        if not line.strip() or kept and re.match(r"^\s*\[(?![^\]]*\]\()", line):
            break  # a blank line, or "[the other options were ...]"
        kept.append(line)
    text = "\n".join(kept).strip()
    letter = re.match(r"^(?:\*\*|__)?([A-F])(?:\*\*|__)?(?=\s|$|[.,:])", text)
    if letter:  # "**Correct answer: B**" after "Options: A) ... B) open 22 from the office"
        options = " ".join(lines[:at])
        chosen = re.search(rf"(?:^|\s)\(?{letter.group(1)}[.)]\)?\s*(.+?)(?=\s+\(?[A-F][.)]\)?\s|$)", options)
        if not chosen:
            return ""  # a letter alone answers nothing
        rest = text[letter.end() :]
        # "Correct: B" over "Explanation: ...": the option, then why, a paragraph of its own
        rest = f"\n\n{rest.lstrip()}" if rest.startswith("\n") and rest.strip() else rest
        text = f"{letter.group(1)}) {chosen.group(1).strip()}{rest}"
    return text


_OPTION_LINES = 6  # the options a practice question lists before its answer
_INLINE_OPTION = re.compile(r"(?:^|\s)\(?[A-F][.)]\)?\s+\S")


def _from_row(st: Statement) -> QA | None:
    """| Question | Answer | tables."""
    q = st.column(r"^(?:q|question)s?\b")
    a = st.column(r"^(?:a|answer)s?\b")
    if q is None or a is None or max(q, a) >= len(st.cells):
        return None
    question = as_question(st.cells[q], heading=True)
    return QA(question, st.raw_cells[a], st.line) if question else None


def _from_details(section: Section, st: Statement) -> QA | None:
    """<details><summary>What is X?</summary> ... </details>: raw HTML is shown as text,
    so the question is the summary's text (over several lines too) and the answer the
    lines after it up to </details>, without the tags that only format them (<b>, <br>)."""
    lines = section.source_lines
    first = next((n for n in range(st.line - 1, min(len(lines), st.line + 1)) if "<summary" in lines[n].lower()), None)
    if first is None:
        return None
    last = next((n for n in range(first, min(len(lines), first + 12)) if "</summary>" in lines[n].lower()), None)
    if last is None:
        return None
    summary = "\n".join(lines[first : last + 1])
    summary = summary[summary.lower().index("<summary") : summary.lower().index("</summary>")]
    # a summary over several lines: "Explain the following:" over "* Region", "* AZ"
    parts = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", x).strip() for x in _TAG.sub(" ", summary).split("\n")]
    parts = [plain(x) for x in parts if x.strip()]
    asked = parts[0] if len(parts) == 1 else f"{parts[0].rstrip(':')}: {'; '.join(parts[1:])}" if parts else ""
    question = as_question(asked, heading=True)
    if question is None and ("?" in asked or _PROMPT.match(asked)):
        question = tidy_question(asked)  # "True or False? ...", "Explain ...": the block asks
    if not question:
        return None
    answer: list[str] = []
    for n in range(last, min(len(lines), last + 1 + _MAX_QA_LINES)):
        text = lines[n][lines[n].lower().index("</summary>") + len("</summary>") :] if n == last else lines[n]
        end = _DETAILS_END.search(text)
        answer.append(_FORMATTING_TAG.sub("", text[: end.start()] if end else text))
        if end:
            break
    return QA(question, _unlabel(_dedent(answer)), st.line)


def _from_line(
    section: Section, statements: tuple[Statement, ...], i: int, listings: dict[int, list[bool]]
) -> QA | None:
    st = statements[i]
    first_line = st.block.lines[0].text
    if st.kind == "item" and first_line.lstrip().startswith("[") and _LONE_LINK.match(first_line):
        return None  # a table of contents links to its questions, it does not ask them
    typed = _typed_question(section, st) or _dialogue(statements, i)
    if typed:
        return typed
    text = st.text
    if MNEMONIC.match(text):
        return None  # "Trick: "NLB = Needs a fixed IP?" → NLB": a memory trick asks nothing
    line_text = plain(st.markdown) if st.kind == "line" else plain(first_line)
    line_text = _MY_PICK.sub("", line_text).strip()  # "Which LB gives a static IP? I said ALB."
    inline = _INLINE_ANSWER.match(text) if "=>" in text or "->" in text or "→" in text else None
    if inline is None and "? · " in text:
        inline = _DOT_ANSWER.match(text)  # "max SQS retention? · 14 d": a self-test line
    labels = _QA_ONE_LINE.search(text) if "Q" in text else None
    # "12) Q DNS port — A 53": the labels without colons, the answer set off by a dash
    labels = labels or (SELF_TEST.match(text) if "Q " in text else None)
    # "Which LB for UDP? → NLB"; "ALB can route to Lambda? → yes": a question mark before
    # the arrow asks, whatever the question's first word
    asked = inline and (_ASKING.match(tidy_question(inline.group(1))) or _asked_before_arrow(inline.group(1)))
    if asked and not (labels and labels.start(2) <= inline.start(2)):
        question = as_question(inline.group(1), heading=True)
        return QA(question, inline.group(2), st.line) if question else None
    if labels:  # "Q: Process vs thread? A: A process has its own memory."
        # "Q: ... / A: ...": the slash that set the answer apart is no part of the question
        question = tidy_question(re.sub(r"\s*/\s*$", "", labels.group(1)))
        # earlier versions read "Q: Why no CNAME at the apex? A: it clashes → use Alias" up
        # to its arrow, and "Q: ...? <br> A: ..." with its "<br>": the identity stays theirs
        was = as_question(inline.group(1), heading=True) if asked else None
        old = _QA_WAS.search(text) if not was and "<br" in text.lower() else None
        was = was or (tidy_question(old.group(1)) if old and old.group(1) != labels.group(1) else "")
        return QA(question, labels.group(2), st.line, said=was or "") if len(question) >= 3 else None
    logged = _LOGGED.match(line_text) if "ns" in line_text or "orrect" in line_text else None
    if logged and len(logged.group("scenario").split()) >= _SCENARIO_WORDS:
        # "Set 5 Q3: Batch job that can stop, cheapest. I picked RIs. Answer: Spot": a
        # practice question logged on one line, its scenario asked, the right answer its answer
        scenario = logged.group("scenario").strip().rstrip(".")
        answer = logged.group("answer").strip()
        # "Answer: Reserved (wrong). Right answer: Spot": the right one
        right = re.search(r"\b(?:right|correct)\s+answer\s*[:=]\s*(\S.*)$", answer, re.I)
        answer = right.group(1).strip() if right else answer
        if _STILL_OPEN.match(answer):
            return None  # "Answer: ???", "Answer: TBD": nothing to learn yet
        return QA(f"{logged.group('label').strip()} {scenario}?", answer, st.line)
    same_line = _SAME_LINE.match(line_text) if "? " in line_text else None
    if same_line and same_line.group(2).rstrip().endswith("?"):
        same_line = None  # "What port does SSH use? And RDP?": two questions, asked together
    if same_line and _ASKING.match(tidy_question(same_line.group(1))):
        # "What does X mean? It means Y." asks and answers on one line, and on the lines
        # its sentence wraps onto
        question = as_question(same_line.group(1))
        return QA(question, _wrapped_on(same_line.group(2), statements, i), st.line) if question else None
    question = as_question(line_text)
    following = statements[i + 1] if i + 1 < len(statements) else None
    labelled = _QUESTION_LABEL.match(line_text) is not None
    terse = question and not (labelled or _BOLD_LINE.match(first_line) or _ASKS_SOMETHING.search(question))
    picked = following is not None and following.depth > st.depth and _PICKED_WORD.match(following.markdown)
    if not (question or labelled or picked or following is not None and _labelled(following.markdown)):
        return None
    if (
        question is None
        and _OPTION.match(line_text)
        and following is not None
        and (_PICKED.match(following.text) or _ANSWER_WORD.match(following.text))
    ):
        return None  # "D. TXT" over "Answer: B": the last option of a question, not a question
    if st.kind == "item":
        answer, nested = _item_answer(section, statements, i, listings)
    else:
        answer, nested = answer_after(section, st.line, _is_question_line, _CARRY_ON), False
    if terse and not nested:
        # "Max size of a message?" over an answer nested under it asks; a line such as
        # "BUT it cannot be resized??" or "Verify it is needed?" is a note to self
        return None
    answer = _unfold(answer)
    lines = _own_lines(answer.split("\n"), _typed_lines(section)) if st.kind == "line" else answer.split("\n")
    if _BOLD_LINE.match(first_line):
        # "**DynamoDB max item size?**" / "400 KB" / "**Define RCU and WCU**": the next
        # line set in bold is the next card, whether or not it asks with "?"
        lines = list(itertools.takewhile(lambda x: not _BOLD_LINE.match(x), lines))
    # "Hint: same max as ...": a clue for the front, not part of the answer
    answer = "\n".join(x for x in lines if not HINT.match(x)).strip()
    if question is None and (_labelled(answer) or nested and picked or labelled and _ANSWER_LABEL.match(answer)):
        question = tidy_question(line_text)  # "Q: Name the three storage tiers." / "A: ..."
    if not question or _is_question_line(answer.split("\n", 1)[0]):
        return None
    if nested and picked:
        answer = _PICKED_WORD.sub("", answer, count=1)  # "- Right: **NLB** (...)": the answer, without its label
    if nested and _only_options(answer):
        # "9. Which record? / A) CNAME / ... / D) PTR", then "Answer: C" on a line of
        # its own after the options: the letter picks the answer
        said = _pick_after(section, st.line)
        picks = said and _picked(f"{answer}\n{said}")  # not "Answer: E" where no option is E
        answer = f"{answer}\n{said}" if picks else answer
    # "A) sc1  B) st1  C) gp3" over "Answer: B": the options on one line
    inline = len(_INLINE_OPTION.findall(answer.split("\n", 1)[0])) >= 2 and _right_answer(answer)
    picked_option = _picked(answer)
    if not picked_option and not inline and _unanswered_options(answer):
        return None  # "A) CRR / B) SRR / ... / Ans: ???": the choices, no answer yet
    return QA(question, picked_option or inline or _unlabel(answer), st.line)


def _own_lines(lines: list[str], typed: frozenset[str]) -> list[str]:
    """An answer labelled on a line of its own ("A: 443") and the lines of its paragraph
    up to one typed as a fact of its own, a card typed by hand ("DNS port ;; 53") or a
    "term :: meaning"; all of them when the answer's line leads on to the next ("A: two
    kinds:")."""
    if not typed or len(lines) < 2 or not _ANSWER_LABEL.match(lines[0]) or lines[0].rstrip().endswith(":"):
        return lines
    for k, line in enumerate(lines[1:], 1):
        if line.strip() in typed:
            return lines[:k]
    return lines


def _typed_lines(section: Section) -> frozenset[str]:
    """The lines of a section's file typed as cards or fields ("front ;; back", "term ::
    meaning"), as reading left them."""
    if not section.written:
        return frozenset()
    lines = section.source_lines
    return frozenset(
        lines[n - 1].strip() for n, raw in section.written if (";;" in raw or "::" in raw) and 0 < n <= len(lines)
    )


def _dialogue(statements: tuple[Statement, ...], i: int) -> QA | None:
    """Notes kept as a dialogue: "Me: how long does SQS keep messages?" over "Tutor: 4
    days by default, up to 14.", the one asking, then the one who answers (each line
    still gives the facts it gave: the question claims none)."""
    st = statements[i]
    asked = ASKER_LABEL.match(st.text) if st.kind == "line" else None
    if not asked or i + 1 >= len(statements):
        return None
    following = statements[i + 1]
    told = ANSWERER_LABEL.match(following.text) if following.kind == "line" and following.block is st.block else None
    if not told:
        return None
    answer = [following.text[told.end() :].strip()]
    for more in statements[i + 2 : i + 2 + _MAX_QA_LINES]:
        speaks = ASKER_LABEL.match(more.text) or ANSWERER_LABEL.match(more.text)
        if more.kind != "line" or more.block is not st.block or speaks:
            break
        answer.append(more.text)
    question = tidy_question(st.text[asked.end() :].strip())
    answered = "\n".join(a for a in answer if a)
    if len(question) < 3 or not answered:
        return None
    if as_question(plain(st.markdown)) is not None:
        return None  # "Me: how long ...?": a question as it always was read, label and all
    return QA(question, answered, st.line, typed=True)  # "Me: SG vs NACL, in one line pls": new, claims no line


def _typed_question(section: Section, st: Statement) -> QA | None:
    """A card typed by hand whose front asks: "Q: need it by next week ;; Site-to-Site
    VPN", "RDP port? ;; 3389" (read as "front = back" by every other reader)."""
    raw = written_line(section, st.line)
    m = _TYPED_SPLIT.search(raw) if ";;" in raw else None
    if not m:
        return None
    front, back = plain(LIST_ITEM.sub("", raw[: m.start()], count=1)).strip(), plain(raw[m.end() :]).strip()
    if not back or not (_Q_LABEL.match(front) or front.endswith("?")):
        return None
    question = tidy_question(front)
    return QA(question, back, st.line, typed=True) if len(question) >= 3 else None


_TYPED_SPLIT = re.compile(r"(?<=\S)[ \t]+;;[ \t]+(?=\S)")


def _only_options(answer: str) -> bool:
    lines = [_LIST_MARK.sub("", line).strip() for line in answer.split("\n") if line.strip()]
    return len(lines) >= 2 and all(_OPTION.match(line) for line in lines)


def _unanswered_options(answer: str) -> bool:
    """Whether an answer is only a question's options, with no answer or one still open
    ("Ans: ???", "answer: TBD"): nothing to learn yet."""
    lines = [_LIST_MARK.sub("", line).strip() for line in answer.split("\n") if line.strip()]
    options = [line for line in lines if _OPTION.match(line)]
    others = [_ANSWER_LABEL.sub("", line).strip() for line in lines if not _OPTION.match(line)]
    return len(options) >= 2 and all(_STILL_OPEN.match(line) for line in others)


_STILL_OPEN = re.compile(r"^(?:\?+|\?{2,}.*|tbd\b.*|todo\b.*|not sure\b.*|idk\b.*|)$", re.I)


def _pick_after(section: Section, line: int) -> str:
    """The line that picks an option ("Answer: C", "**Correct: B**") after a question's
    options, within the next few lines; "" when another line comes first."""
    lines = section.source_lines
    last = min(section.end or len(lines), len(lines))
    for n in range(line, min(last, line + _MAX_QA_LINES)):
        text = _LIST_MARK.sub("", plain(lines[n])).strip()
        if not text or _OPTION.match(text):
            continue
        return text if _PICKED.match(_LIST_MARK.sub("", lines[n]).strip()) or _PICKED.match(text) else ""
    return ""


def _picked(answer: str) -> str:
    """A practice question's answer written as its options and the letter picked
    ("- A. 10 / - B. 20 / ... / - **Answer: B** / - Why: ..."): the picked option's
    words, then what follows the letter ("20", "Why: ..."); "" for any other answer."""
    lines = [_LIST_MARK.sub("", line).strip() for line in answer.split("\n") if line.strip()]
    options: dict[str, str] = {}
    for n, line in enumerate(lines):
        option = _OPTION.match(line)
        if option and n == len(options):
            options[option.group(1).upper()] = option.group(2).strip()
            continue
        picked = _PICKED.match(line)
        if len(options) < 2 or not picked or picked.group(1) not in options:
            return ""  # no pick, a letter of no option, or several ("Answer: A, C")
        chosen = options[picked.group(1)]
        rest = line[picked.end() :].strip(" *_.-–—:")
        # "Answer: b) 443 because TLS", "B (3389) — remote desktop": the option said again
        rest = re.sub(rf"^\(?{re.escape(chosen)}\)?(?!\w)[\s.,:;—–-]*", "", rest, flags=re.I)  # not "...s (S3)"
        return "\n\n".join([chosen, *(x for x in [rest, *lines[n + 1 :]] if x)])
    return ""


_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_OPTION = re.compile(r"^\(?([A-F])[.)]\)?\s+(\S.*)$")
# "**Answer: B**", "Correct answer: (C)": one capital letter alone, not "Answer: a
# snapshot of ..." (an article) nor "Answer: A, C" (several)
_PICKED = re.compile(
    r"^(?:\*\*|__)?(?i:(?:the\s+)?(?:right|correct)\s+answer|answer|ans|correct|right|solution)\s*+(?i:is\s*+)?[:=→-]?\s*+"
    r"(?:\*\*|__)?\s*\(?([A-F])\)?[.)]?(?:\*\*|__)?(?=\s|$)(?!\s*(?:,|and\b|&)\s*\(?[A-F]\b)"
)


def _wrapped_on(answer: str, statements: tuple[Statement, ...], i: int) -> str:
    """An answer written after its question on one line, with the lines of the same
    paragraph its sentence wraps onto ("... RPO is how" / "much data you can lose")."""
    st, last, more = statements[i], statements[i], []
    for following in statements[i + 1 : i + 1 + _MAX_QA_LINES]:
        if following.kind != "line" or following.block is not st.block or not goes_on(last, following):
            break
        more.append(plain(following.markdown))
        last = following
    return " ".join([answer, *more])


def _unfold(answer: str) -> str:
    """An answer folded away under a question ("<details><summary>Show answer</summary>
    ... </details>"): what is inside the fold."""
    if "<summary" not in answer[:200].lower():
        return answer
    m = re.match(r"^\s*(?:<details>\s*)?<summary>(.*?)</summary>(.*?)(?:</details>|$)", answer, re.I | re.S)
    if not m or not _ANSWER_SUMMARY.search(_TAG.sub("", m.group(1))):
        return answer
    return _dedent([_FORMATTING_TAG.sub("", x) for x in m.group(2).split("\n")])


def _is_question_line(line: str) -> bool:
    """Whether a line asks the next question: it reads as a question, or carries a "Q:"
    label ("Q: RDP?" ends the answer "A: 22" above it, however short it is)."""
    if not line.strip():
        return False
    if _Q_LABEL.match(line):
        return True
    return as_question(re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)) is not None


_Q_LABEL = re.compile(r"^\s*(?:\*\*|__)?(?:q\d*|question\s*\d*)\s*[:.]\s*\S", re.I)


def _item_answer(
    section: Section, statements: tuple[Statement, ...], i: int, listings: dict[int, list[bool]]
) -> tuple[str, bool]:
    """A question bullet's answer: what is nested under it, else the next bullet of its
    list, unless that list only lists questions or topics; and whether it was nested."""
    st = statements[i]
    lines = section.source_lines
    last = min(section.end or len(lines), len(lines))
    own_end = st.block.lines[-1].number  # 0-based index of the line after the item's text
    indent = _indent(lines[st.line - 1])
    nested = _nested(lines, st.line, last, indent)  # "1. What is X?" over "   an object store"
    if nested:
        return nested, True
    if len(st.block.lines) > 1 and _DETAILS_END.search(st.block.lines[1].text):
        # "1. What is X?" over an unindented <details> block, read into the item
        return "\n".join(x.text for x in st.block.lines[1:]), False
    following = statements[i + 1] if i + 1 < len(statements) else None
    if following is None:
        return "", False
    if following.kind == "line" and following.line == own_end + 1:
        # "1. What is S3?" over an unindented "Object storage.": a lazy continuation
        return answer_after(section, st.line, _is_question_line, _CARRY_ON), False
    if following.kind != "item" or following.depth != st.depth or following.parents != st.parents:
        return "", False
    if _lists_questions(section, statements, i, listings) or _is_topic(following.text):
        return "", False
    start = following.line - 1
    marker = _marker(lines[start])
    if marker != _marker(lines[st.line - 1]):
        # "1. What is X?" over a bulleted list: the whole list answers it
        end = start + 1
        while end < last and lines[end].strip() and (_indent(lines[end]) > indent or _marker(lines[end]) == marker):
            end += 1
    else:
        end = _nested_end(lines, following.block.lines[-1].number, last, indent)
    return _dedent(list(lines[start:end])), False


_MARKER = re.compile(r"^\s*(?:([-*+])|\d+([.)]))\s")


def _marker(line: str) -> str:
    """The kind of list marker a line starts with ("-", "1.", ...; "" for none)."""
    m = _MARKER.match(line)
    return (m.group(1) or m.group(2)) if m else ""


def _nested(lines: tuple[str, ...], start: int, last: int, indent: int) -> str:
    end = _nested_end(lines, start, last, indent)
    return _dedent(list(lines[start:end])) if any(x.strip() for x in lines[start:end]) else ""


def _nested_end(lines: tuple[str, ...], start: int, last: int, indent: int) -> int:
    """The end of the lines indented under an item (blank lines inside included)."""
    end = start
    content_end = start
    while end < last and end - start < _MAX_QA_LINES and (not lines[end].strip() or _indent(lines[end]) > indent):
        end += 1
        if lines[end - 1].strip():
            content_end = end
    return content_end


def _lists_questions(
    section: Section, statements: tuple[Statement, ...], i: int, listings: dict[int, list[bool]]
) -> bool:
    """Whether the list holding item i lists questions or topics rather than asking and
    answering: two questions in a row, or a lead-in or heading that says so."""
    st = statements[i]
    if _LISTING.search(st.lead) or _LISTING.search(section.title) or _LISTING.search(st.parent):
        return True
    if st.depth not in listings:
        listings[st.depth] = _question_lists(statements, st.depth)
    return listings[st.depth][i]


def _question_lists(statements: tuple[Statement, ...], depth: int) -> list[bool]:
    """For each statement, whether the list at `depth` it belongs to (a run of items no
    shallower) has two questions one right after the other, the first with nothing
    nested under it. One pass over the section, for each depth asked about."""
    flags = [False] * len(statements)
    start = 0
    while start < len(statements):
        end = start
        while end < len(statements) and statements[end].kind == "item" and statements[end].depth >= depth:
            end += 1
        if end == start:
            start += 1
            continue
        asks = [
            s.depth == depth and as_question(plain(s.block.lines[0].text)) is not None for s in statements[start:end]
        ]
        found = any(a and b for a, b in zip(asks, asks[1:], strict=False))
        flags[start:end] = [found] * (end - start)
        start = end
    return flags


def _is_topic(text: str) -> bool:
    """ "Why ports are needed", "How DNS works": a topic, worded like a question without
    asking one."""
    return _QUESTION_WORD.match(text) is not None and not text.rstrip().endswith((".", "?", "!"))


def _first_line_under(section: Section) -> str:
    lines = section.source_lines
    stop = min(section.end or len(lines), len(lines))
    return next((x for x in lines[section.line : stop] if x.strip()), "")


def _text_under(section: Section) -> bool:
    """Whether a heading has text of its own under it, not only a heading below."""
    first = _first_line_under(section)
    return bool(first.strip()) and not _HEADING.match(first)


# a practice question's heading that names only its number: "Q14 (got wrong)", "Question 7 — guessed"
_UNTITLED = re.compile(r"\W*(?:q|question)\s*#?\d+\W*(?:\([^()]*\))?\W*", re.I)
_ASKED_WORDS = 45  # a scenario longer than this is no card's front


def _scenario(section: Section) -> str:
    """The scenario a numbered practice question's heading stands over: its first line
    of text, when it is no label ("My answer:", "Correct:") and not too long to ask."""
    lines = section.source_lines[section.line : section.end or len(section.source_lines)]
    first = next((x.strip() for x in lines if x.strip()), "")
    if not first or first.startswith(("#", "|", "-", "*", ">")) or _LABEL_LINE_START.match(first):
        return ""
    if _NOT_ASKED.search(first):
        return ""  # "I picked gp3", "See Q14", "Options were ..."
    text = plain(first)
    return text if 4 <= len(text.split()) <= _ASKED_WORDS else ""


_NOT_ASKED = re.compile(r"^\W*(?:i|i'm|i've|my|we|options?|choices?|see|same as)\b|\bq\s*\d+\b", re.I)
_LABEL_LINE_START = re.compile(r"^\W*(?:my answer|answer|correct|right|why|explanation|picked|lesson)\b", re.I)


def _same_as_mine(answer: str) -> str:
    """The right answer of a practice question, "same" as the note-taker's own answer
    read as that answer ("My answer: NLB with EIPs" / "Correct: same")."""
    right = _right_answer(answer)
    # "same", "same as mine ✅", "same (lucky)": nothing more on its line ("Same-Region
    # Replication" is an answer of its own)
    same = re.match(
        r"^\W*(?:same(?: as mine)?|ditto|correct|right|yes|as mine)(?:\s*\([^()\n]*\))?[^\w\n]*(?:\n|$)", right, re.I
    )
    mine = re.search(r"^\W*my answer\W*[:=-]\s*(.+)$", answer, re.I | re.M) if same else None
    if same and mine:
        rest = right[same.end() :].strip()
        return f"{mine.group(1).strip()}\n{rest}" if rest else mine.group(1).strip()
    return right


def _ticked(section: Section) -> str:
    """The options ticked under a multiple-choice question ("- [ ] CNAME" / "- [x] Alias A
    record"): its answer; "" where its options are not ticked and left."""
    if not section.written or not CHOICE_QUESTION.search(plain(section.title)):
        return ""
    end = section.end or len(section.source_lines)
    if section.children:
        end = min(end, section.children[0].line - 1)  # its own options, not a sub-question's
    # the options come first under the question, not after an answer written out
    first = next((n for n in range(section.line + 1, end + 1) if section.source_lines[n - 1].strip()), 0)
    if not first or not re.match(r"^\s*(?:[-*+]|\d+[.)])\s+\S", section.source_lines[first - 1]):
        return ""
    boxes = [(n, m.group(1)) for n, raw in section.written if section.line < n <= end and (m := TASK_BOX.match(raw))]
    ticked = [n for n, box in boxes if box in "xX"]
    if not ticked or len(ticked) == len(boxes) or len(boxes) < 2:
        return ""
    said = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", section.source_lines[n - 1]).strip() for n in ticked]
    return said[0] if len(said) == 1 else "\n".join(f"- {x}" for x in said)


def heading_answer(section: Section) -> str:
    """The answer to a heading that asks: the text under it, subsections included. A
    title right under it ("#### Overview") is not part of the answer; a heading with
    nothing under it is answered by the text after the heading that follows it."""
    lines = section.source_lines
    start, stop = section.line, min(section.end or len(lines), len(lines))
    if not any(x.strip() for x in lines[start:stop]) and stop < len(lines):
        start = stop
        while start < len(lines) and not lines[start].strip():
            start += 1
        title = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*$", lines[start]) if start < len(lines) else None
        if title is None or as_question(title.group(1), heading=True):
            return ""  # no heading after it, or one that asks a question of its own
        stop = next((n for n in range(start + 1, len(lines)) if _HEADING.match(lines[n])), len(lines))
    while start < stop:
        title = re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*$", lines[start])
        if lines[start].strip() and not (title and not title.group(1).rstrip("*_ ").endswith(":")):
            break
        start += 1
    return _render_body(list(lines[start : min(stop, start + 2 * _MAX_QA_LINES)]))


def _render_body(body: list[str]) -> str:
    """Lines under a heading as an answer: sub-headings as bold lines, up to the next
    question (a sub-heading or a paragraph line that asks, a <details> block)."""
    inside, still_open = _fences(body)
    out = []
    for line, code in zip(body, inside, strict=True):
        heading = None if code else re.match(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*$", line)
        folded = not code and _DETAILS_END.search(line)  # a <details> block asks its own question
        asks = (
            folded
            or not code
            and (heading or not _MARKER.match(line))
            and as_question(heading.group(1) if heading else line)
        )
        if out and asks:
            still_open = ""
            break
        out.append(f"\n**{heading.group(1)}**\n" if heading else line)
    if still_open:
        out.append(still_open)  # cut inside a code block: close it
    return "\n".join(out).strip()
