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
from cheatdeck.extract.read import PRACTICE_NUMBER, Statement, context, scenario_lines, scenario_parts, written_line
from cheatdeck.extract.read_qa import read_qa
from cheatdeck.extract.registry import Kind
from cheatdeck.model import Fact, Question, Section
from cheatdeck.text import FRONT_LABEL, LIST_ITEM, normalise, plain, sentences
from cheatdeck.vocab import EBS_TYPE_PATTERN

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# a practice question's line: numbered ("Q12.", "Set 3 Q7:") or labelled as a scenario
_PRACTICE_LINE = re.compile(
    rf"^\W*(?:{PRACTICE_NUMBER}\s*[:.)\-–—]|(?:\d+(?:\.\d+)*[.)]?\W*)?(?:scenario|situation)\b"
    r"|\*\*\d+(?:\.\d+)*\.?\*\*\s)",
    re.I,
)
_PICK_LINE = re.compile(r"^\W*(?:ans|right|correct(?:\s+answer)?|picked|my\s+(?:answer|pick))\s*[:.)]", re.I)


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
                or qa.said
            )
            # a card typed by hand ("Q: ... ;; answer") claims no line: what the line gave
            # as "front = back" it still gives
            # a practice question: numbered ("Q12. ..."), labelled ("Scenario: ..."), or
            # answered by a pick ("Ans: ...", "- right: ...") on a line below it
            lines = section.source_lines[max(qa.line - 1, 0) : qa.line + 3] if qa.line > 0 else ()
            scenario = bool(lines) and (
                _PRACTICE_LINE.match(lines[0]) is not None or any(_PICK_LINE.match(line) for line in lines[1:])
            )
            found = Question(asked, _one_item(qa.answer), said, implied=qa.typed, scenario=scenario)
            yield fact("question", found, section, qa.line)
    # "need UDP load balancing → NLB": a need and what meets it, asked as the question it answers
    asked = {qa.line for qa in read_qa(section, tuple(statements))}
    scenarios = scenario_lines(statements)
    for st in statements:
        given = _GIVEN.match(st.text) if st.kind in ("item", "line") and st.line not in asked else None
        if given and len(given.group("then").split()) <= _GIVEN_ANSWER_WORDS:
            # "Given an app that takes 20 min to warm up, When stopped often, Then EC2
            # Hibernate": a scenario and what meets it
            need = f"{given.group('given').strip()}, when {given.group('when').strip()}"
            yield fact("question", _meets(need, given.group("then").strip().rstrip("."), st.text), section, st.line)
            continue
        if st.kind in ("item", "line") and st.line not in asked and ("→" in st.text or "->" in st.text):
            kinds = [_scenario(part, context(section, st)) for part in _PARTS.split(st.text)]
            for found in kinds:
                if found:
                    yield fact("question", found, section, st.line)
            parts = scenario_parts(st.text) if st.line in scenarios and not any(kinds) else None
            if parts and not any(members.match(parts[1]) for _kind, members in _MEMBERS):
                # (a member of a kind the rule above knows, "→ NLB", is its to ask or leave)
                # "Replace a physical tape library → Tape Gateway" in a list of scenarios:
                # what meets the need, whatever its kind
                yield fact("question", _meets(*parts, st.text), section, st.line)


def _meets(need: str, answer: str, said: str) -> Question:
    """A need and what meets it, whatever its kind, as the question it answers."""
    return Question(f"What meets this need: {need}?", answer, said, implied=True)


# "need UDP load balancing → NLB", "send 10% of users to the new stack → weighted routing":
# a need, and the one of a kind's members that meets it
_SCENARIO = re.compile(r"^(.+?\S)\s*(?:→|->)\s*(?!.*(?:→|->))(.+)$")
_PARTS = re.compile(r"\s+[·|]\s+")
# "Given ..., When ..., Then use X": a scenario told in the given-when-then form
_GIVEN = re.compile(
    r"^\W*given\s+(?P<given>.+?)[,;]?\s+when\s+(?P<when>.+?)[,;]?\s+then\s+"
    r"(?:(?:use|pick|choose|go\s+with)\s+)?(?P<then>[^\s→].*?)\s*$",
    re.I,
)
_GIVEN_ANSWER_WORDS = 6
_MEMBERS = (
    ("load balancer", re.compile(r"(?:ALB|NLB|GWLB|CLB)s?\b|(?:Application|Network|Gateway|Classic) Load Balancers?")),
    ("EBS volume type", EBS_TYPE_PATTERN),
    (
        "Route 53 routing policy",
        re.compile(
            r"(?:simple|weighted|latency(?:[- ]based)?|failover|geolocation|geoproximity|multi-?value(?: answer)?"
            r"|ip[- ]based)(?:\s+routing)?(?:\s+polic(?:y|ies))?\b",
            re.I,
        ),
    ),
)
_ROUTING = re.compile(r"\brout(?:ing|e ?53)\b|\bpolic(?:y|ies)\b|\bdns\b", re.I)
# "Exam tip: ...", "gotcha: ...": a label before the need
_NEED_LABEL = re.compile(
    r"^(?:(?:exam\s+)?tips?|gotcha|trap|remember|rule|hint|keywords?|cue|merken|clue)(?:\s*#?\d{1,3})?\s*:\s*", re.I
)  # "Rule 14: path-based routing → ALB": a numbered label too
# what may follow the member in an answer: nothing, an aside, a kind's own word, another one
_MEMBER_TAIL = re.compile(r"\s*$|\s*[(,;/+—–-]|\s+(?:or|and|not|over|with|routing|polic(?:y|ies)|records?)\b", re.I)
# "'>64,000 IOPS' in the question → ...": where the need is read, not part of it
_IN_THE_QUESTION = re.compile(r"\s+in\s+the\s+(?:question|scenario|stem|exam)\s*$", re.I)
# a need told as a mistake ("What I thought: ... → latency"): its answer is the wrong one
_MISTAKE = re.compile(r"\b(?:i\s+(?:said|picked|chose|thought|answered|put)|what\s+i\s+thought|wrong|❌|✗)", re.I)
_ANSWER_WORDS = 12
# a sentence that tells what to do, after a need's first: what follows the arrow is where it points
_ORDERS = re.compile(r"\W*(?i:use|point)\s+(?!cases?\b)(?:[a-z]|(?i:an?|the)\b)")  # not "Use case: GDPR"


def _scenario(text: str, around: str) -> Question | None:
    """A need and the member of a kind it calls for, as the question it answers:
    "Which load balancer fits: need UDP load balancing?" -> "NLB"; None for a line
    that is no such need (the need names a member of the kind, or its answer)."""
    m = _SCENARIO.match(text.strip())
    if not m or m.group(1).rstrip().endswith("?") or _MISTAKE.search(text) or re.search(r"→|->", m.group(1)):
        return None  # "WAF → L7 → ALB / API GW": a chain of facts, no need and what meets it
    need = _IN_THE_QUESTION.sub("", _NEED_LABEL.sub("", m.group(1).strip())).strip()
    quoted = re.fullmatch(r"[\"'“][^\"'“”]*[\"'”]", need) is not None
    if quoted:
        need = need[1:-1].strip()  # '"UDP" in the question': the word a question says
    answer = m.group(2).strip().rstrip(".")
    if len(need.split()) < (1 if quoted else 2) or len(need.split()) > 20:
        return None
    if any(_ORDERS.match(said) for _at, said in sentences(need)[1:]):
        return None  # "CNAME can't live at the apex. Use an Alias for the root → ALB": a rule, then where to point
    for kind, members in _MEMBERS:
        first = members.match(answer)
        if not first or members.search(need) or not _MEMBER_TAIL.match(answer, first.end()):
            continue  # "→ simple redeploy": the word, not the member
        if kind.startswith("Route 53") and not (_ROUTING.search(answer) or _ROUTING.search(around)):
            return None  # "→ simple", "→ failover": words of any notes, a policy only in DNS notes
        if _given_in(first.group(), need):
            return None  # "to the region with the lowest latency → latency": the clue says it
        if len(answer.split()) > _ANSWER_WORDS:
            answer = first.group()
        if re.match(r"(?:Need|Needs|Want|Send|Route|Split|Use|Pick|Choose|Keep|Move|Shift)\b", need):
            need = need[0].lower() + need[1:]  # "Need a fixed IP" reads on after the colon; "Lambda ..." stays
        return Question(f"Which {kind} fits: {need}?", answer, m.group(1).strip(), implied=True)
    return None


def _given_in(member: str, need: str) -> bool:
    """Whether a need says its answer: a word of it, or its stem ("latency" in "lowest
    latency", "weight" in "by weight")."""
    said = normalise(need)
    for word in normalise(member).split():
        if word in ("routing", "policy", "policies", "based", "answer", "load", "balancer", "balancers"):
            continue
        stem = re.sub(r"(?:ed|ing|s)$", "", word)
        if re.search(rf"(?<!\w){re.escape(stem[:6] if len(stem) > 6 else stem)}", said):
            return True
    return False


def _with_footnote(question: str, section: Section, line: int) -> str:
    """A question written with a footnote's label after it ("... timeout?[^3]"), now read
    without it: as earlier versions asked it, label and all; "" for any other."""
    raw = written_line(section, line)
    m = re.search(rf"{re.escape(question)}\s*(\[\^[^\]\s]+\])", raw) if "[^" in raw else None
    return f"{question}{m.group(1)}" if m else ""


def _as_labelled(question: str, section: Section, line: int) -> str:
    """A card typed as "F: What ...?" (see parse._front_back), now asked without its
    label: as earlier versions asked it, label and all; "" for any other."""
    raw = written_line(section, line)
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
    if re.match(r"\s*(?:(?:A|Ans(?:wer)?)\s*:\s*)?\?+(?:\s|$)", plain(answer), re.I):
        return False  # "A: ?", "? (was 60 s, now 0 s?)": a question the note-taker still has open
    if _PLACEHOLDER.match(plain(answer)):
        return False  # "A: TODO", "TBD (24-72 h?)", "look it up": still open too
    a, q = normalise(answer), normalise(question)
    # an "answer" that only repeats the question's first words is not one ("True" is)
    return a != q and not (len(a.split()) > 2 and q.startswith(a))


# an answer the note-taker has yet to write: a placeholder, alone or with a guess in brackets
_PLACEHOLDER = re.compile(
    r"\s*(?:(?:A|Ans(?:wer)?)\s*:\s*)?(?:(?:todo|tbd|tbc|fixme|xxx|\?\?+)\b[\s.!:-]*(?:\([^()]*\))?"
    r"|(?:look(?:\s+it)?\s+up|to\s+(?:check|look\s+up)|check\s+later)\b)[\s.!]*$",
    re.I,
)


def combine_answers(old: Question, new: Question) -> tuple[Question, str | None]:
    """The same question asked again: one card, the first answer; a different answer
    is named so that the notes can be made to agree."""
    if normalise(new.answer) == normalise(old.answer):
        return old, None
    return old, f'the answer to "{old.question}"'


def describe_question(d: Question) -> str:
    return f"{d.question} → {d.answer}".replace("\n", " / ")


def beside_typed(f: Fact, typed: list[Fact]) -> Fact | None:
    """A prompt with no question mark answered by a port its line gives ("Q PostgreSQL
    — A 5432" under ports) is asked by the port's cards."""
    if "?" in f.data.question:
        return f
    ports = [t.data.port for t in typed if t.kind == "port"]
    return None if any(re.match(rf"\W*{port}(?!\d)", f.data.answer) for port in ports) else f


KIND = Kind(
    name="question",
    data_type=Question,
    rules=(extract_questions,),
    description="the questions the notes ask, with the notes' own answers",
    describe=describe_question,
    combine=combine_answers,
    beside_typed=beside_typed,
)
