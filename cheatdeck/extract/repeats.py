"""Figures one file repeats from another: asked once.

    a.md:  - Lambda memory 128 MB – 10,240 MB          the gaps of a.md
    b.md:  - Lambda limits — memory 128 MB–10,240 MB   the same two figures: shown, not asked

Notes kept in several files often state a fact twice, in other words each time
("S3: single PUT 5 GB" and "single PUT max 5 GB → bigger must be multipart"); a deck
that asks it twice wastes the learner's reviews and reads as a mistake. A gap repeats
an earlier file's gap when both hide the same value (in any spelling of its unit) and
say it of the same things: most of the words around it are the other's, and neither
names a thing the other does not ("Standard-IA: min 30 days" is no repeat of "One
Zone-IA: min 30 days"). The later figure stays on its card as text (`Number.skipped`,
so the gaps after it keep their cloze numbers), and a sentence left with no gap makes
no card. Each file keeps what only it says.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import NamedTuple

from cheatdeck.model import Fact, Number
from cheatdeck.vocab import EBS_TYPE_PATTERN, STOP_WORDS, UNIT_NAMES, ebs_type_name, names_an_area

AskedBefore = Callable[
    [Fact, str], bool
]  # (a fact, one of its values; "" for a definition) -> a previous build asked it

# words that say how a figure is meant, not what it is of
_PLAIN = frozenset(
    """max maximum min minimum default def defaults up upto limit limits total each every per about around approx
    than can be is are was it its only also just more less most least over under within after before by via
    until till through between range from to into no not set configurable configured soft hard typically
    today yesterday learned learnt studied reviewed""".split()
)
_UNITS = frozenset(
    """b kb mb gb tb pb kib mib gib tib pib s sec secs second seconds ms min mins minute minutes h hr hrs hour hours
    d day days wk week weeks mo month months y yr yrs year years x k m iops rps""".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-_/][A-Za-z0-9]+)*")
_CLAUSE_END = re.compile(r"[;|]|,(?!\d{3})|\s[-–—]\s|\.\s")  # not the comma of "3,000"
# the unit a figure's name gives in brackets, right before it: "max size (GiB): 16"
_UNIT_BEFORE = re.compile(r"\(\s*([A-Za-z/]{1,12})\s*\)\s*:\s*$")
_UNIT_AFTER = re.compile(rf"\s?({'|'.join(sorted(UNIT_NAMES, key=len, reverse=True))})\b", re.I)
_BEFORE, _AFTER = 6, 4  # the words around a gap that say what it is
_LEAD = re.compile(r"^\W*([A-Za-z][\w /&+.-]{0,30}?)\s*(?::|\s[-–—]\s)")  # "hibernate:", "Lambda - "


def without_repeats(facts: Sequence[Fact], asked_before: AskedBefore | None = None) -> list[Fact]:
    """The facts, each number's gaps that another file asks already shown as text.

    Of the gaps that repeat one another, the first (by file and line) is asked, but one
    a previous build asked (`asked_before`, from the deck's state) goes before those it
    did not: a file added to the notes never takes a fact's card, and its history, away
    from the file that had it."""
    gaps = []  # (not asked before, path, line, fact index, span, value, what it is said of)
    for i, f in enumerate(facts):
        if f.kind != "number":
            continue
        number: Number = f.data
        for span in number.values:
            value = number.text[span[0] : span[1]]
            fresh = asked_before is None or not asked_before(f, value)
            # "retention default (days): 4", a table's unit in its column's name, is "4 days"
            unit = None
            if not re.search(r"[^\W\d_]", value):
                # "4 d" with a unit the gap leaves out, as "4 days" that holds it
                unit = _UNIT_BEFORE.search(number.text, 0, span[0]) or _UNIT_AFTER.match(number.text, span[1])
            gap = _about(number, span, f.source.section)
            said = f"{value} {unit.group(1)}" if unit else value
            gaps.append((fresh, f.source.path, f.source.line, i, span, _value(said), gap))
    # the gaps kept so far, by value and by each word near them: a repeat shares one
    # at least (see `_same`), so each gap is weighed against those few, not all
    asked: dict[tuple[str, str], list[tuple[str, _Gap]]] = {}
    repeats: dict[int, list[tuple[int, int]]] = {}
    for fresh, path, _line, i, span, value, gap in sorted(gaps, key=lambda g: g[:3]):
        near = (other for stem in gap.near for other in asked.get((value, stem), ()))
        owned = asked.get((value, f"@{gap.owner}"), ()) if gap.owner and _distinct(value) else ()
        # a gap a previous build asked stays asked, whatever else asks it: its card has a history
        if fresh and (
            any(where != path and _same(gap, other) for where, other in near)
            or any(where != path and _reworded(gap, other) for where, other in owned)
        ):
            repeats.setdefault(i, []).append(span)
        else:
            for stem in (*gap.near, f"@{gap.owner}") if gap.owner else gap.near:
                bucket = asked.setdefault((value, stem), [])
                if len(bucket) < _BUCKET:  # thousands of "5 GB" beside one word: the first ones will do
                    bucket.append((path, gap))
    out = []
    for i, f in enumerate(facts):
        if i in repeats:
            number = f.data
            # a value that opens with a word is a sum said after the one before it ("5
            # reserved (first 4 + last 1)"), in its cloze (deck.py): shown with it
            ordered = sorted(number.values)
            for before, span in zip(ordered, ordered[1:], strict=False):
                worded = not number.text[span[0] : span[1]][:1].isdigit()
                if worded and before in repeats[i] and span not in repeats[i]:
                    repeats[i].append(span)
            # a figure the sentence asks elsewhere stays hidden here too (numbers.py)
            asked_here = {number.text[a:b] for a, b in number.values if (a, b) not in repeats[i]}
            shown = [span for span in repeats[i] if number.text[span[0] : span[1]] not in asked_here]
            if len(shown) == len(number.values):
                continue  # every figure asked elsewhere: no card
            kept = tuple(s for s in number.values if s not in shown)
            skipped = tuple(sorted((*number.skipped, *shown)))
            f = replace(f, data=replace(number, values=kept, skipped=skipped))
        out.append(f)
    return out


def _value(text: str) -> str:
    """A value as it compares: "48h", "48 hours" and "48 h" are one."""
    text = text.casefold().replace("–", "-").replace("—", "-").replace(",", "")
    return "".join(UNIT_NAMES.get(w, w) for w in re.findall(r"[a-z]+|\d+(?:\.\d+)?|[-~<>≤≥%/]", text))


def _about(number: Number, span: tuple[int, int], section: Sequence[str]) -> _Gap:
    """What a gap is said of: the words of its clause nearest to it and the sentence's
    subject, the names among them, and those words with its heading's."""
    text = number.text
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, span[0])), default=0)
    end = next((m.start() for m in _CLAUSE_END.finditer(text, span[1])), len(text))
    clause = _WORD.findall(text[start : span[0]])
    before = clause[-_BEFORE:]
    after = _WORD.findall(text[span[1] : end])[:_AFTER]
    near = before + after + _WORD.findall(number.subject)
    led: list[str] = []
    if not any(_counts(w) for w in near):
        # "hibernate: RAM < 150 GB, root EBS encrypted, max 60 days": a clause of plain
        # words ("max") says what its gap is of through the line's lead ("hibernate"),
        # in capitals or not as the line opens
        lead = _LEAD.match(text)
        led = _WORD.findall(lead.group(1)) if lead else []
        near += led
    heading = _WORD.findall(section[-1] if section else "")
    # what the heading names counts too ("## SQS" over "max message size 256 KB"), but
    # not an area of the syllabus it is in ("## Storage")
    # ("Crossing takes ...": a clause's first word in capitals is no name for that alone)
    opening = clause[:1] + led[:1]
    said = [w for w in near if not (w in opening and w.istitle())]
    named = said + [w for w in heading if not names_an_area(w)]
    names = frozenset(w.casefold() for w in named if _a_name(w))
    # whose figure it is: the sentence's subject, else the name the sentence opens with
    # ("Lambda timeout 15 min, mem 128 MB", "Aurora — max_storage: 128 TiB")
    owner = _owner(number.subject) or _owner(text)
    pieces = (p for w in before + after for p in re.split(r"[_/]", w.casefold()))  # not "fan-out"
    owner_words = owner.split()
    return _Gap(
        frozenset(_stem(w) for w in near if _counts(w)),
        frozenset(_stem(w) for w in near + heading if _counts(w)),
        names,
        owner,
        frozenset(w.casefold() for w in said if _a_name(w)) - set(owner_words),
        frozenset(p for p in pieces if len(p) > 2 and _counts(p) and p not in names and p not in owner_words),
    )


# capitalised words a sentence opens with that name no one: "One Zone-IA", "Both ..."
_NO_OWNER = frozenset("one two both each all every any some most many the this that these those it they".split())


def _owner(text: str) -> str:
    """The name a text opens with, casefolded, two words when the second is a name too:
    "lambda" of "Lambda timeout 15 min", "global aurora" (not "global accelerator")."""
    volume = EBS_TYPE_PATTERN.match(text.lstrip(" *_"))
    if volume:  # "io2 BE", "io2 Block Express": one type
        return ebs_type_name(volume.group(1)).casefold()
    words = _WORD.findall(text)[:2]
    if not words or not _a_name(words[0]) or words[0].casefold() in _NO_OWNER:
        return ""
    two = len(words) > 1 and _a_name(words[1]) and text.find(words[1]) - text.find(words[0]) <= len(words[0]) + 1
    return " ".join(words if two else words[:1]).casefold()


class _Gap(NamedTuple):
    near: frozenset[str]  # the stems of the words around it
    words: frozenset[str]  # and of its heading
    names: frozenset[str]  # the names around it
    owner: str  # the name whose figure it is ("lambda"), "" when none is said
    said: frozenset[str]  # the other names its sentence says around it (not its heading's)
    plain: frozenset[str]  # the other words of its clause around it, whole ("storage", "mem")


def _stem(word: str) -> str:
    """ "items" and "item", "replicas" and "replica": one word."""
    w = word.casefold()
    return (w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)[:6]


def _a_name(word: str) -> bool:
    """ "DynamoDB", "WCU", "gp3", "Zone-IA", "Lambda": what names a thing."""
    return _counts(word) and (word[:1].isupper() or any(c.isdigit() for c in word) or sum(map(str.isupper, word)) > 1)


def _counts(word: str) -> bool:
    w = word.casefold()
    return len(w) > 1 and w not in STOP_WORDS and w not in _PLAIN and w not in _UNITS


def _same(gap: _Gap, other: _Gap) -> bool:
    """Whether two gaps of one value say it of the same things (see the module's doc):
    most words shared, one of them at least beside the gaps themselves, and no name
    on one side that the other does not have."""
    shared = len(gap.words & other.words)
    if shared < 2 or shared < _SHARE * min(len(gap.words), len(other.words)) or not gap.near & other.near:
        return False
    return gap.names <= other.names or other.names <= gap.names


def _reworded(gap: _Gap, other: _Gap) -> bool:
    """Whether two gaps of one distinct value say it of the same thing in other words:
    the same owner, no name on one side that the other does not have, and every word
    of the side that says fewer in the other, whole or cut short ("mem" and "memory",
    "max_storage" and "storage"). "Lambda memory size up to 10 GB" is no repeat of
    "Lambda container image size up to 10 GB", nor "shard 2 MB/s out" of "enhanced
    fan-out 2 MB/s", nor a bare "Direct Connect → 10 Gbps" of anything: it could be either."""
    if gap.owner != other.owner:
        return False
    if not (gap.said <= other.said or other.said <= gap.said):
        return False
    if not gap.plain or not other.plain:
        return False
    # every word of the side that says less is in the other, whole or cut short
    fewer, more = sorted((gap.plain, other.plain), key=len)
    return all(any(a.startswith(b) or b.startswith(a) for b in more) for a in fewer)


def _distinct(value: str) -> bool:
    """A value one thing hardly states twice for two facts: with its unit ("128 MB"),
    or of two significant digits and three figures at least ("3500", not "8" or "1000")."""
    if re.search(r"[a-z]", value):
        return re.search(r"\d", value) is not None
    digits = re.sub(r"\D", "", value)
    return len(digits) >= 3 and len(digits.strip("0")) >= 2


_SHARE = 0.6
_BUCKET = 64  # the gaps kept per value and word that a later one is weighed against
