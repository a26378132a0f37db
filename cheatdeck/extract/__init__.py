"""Extract stage: Sections -> Facts, through the ordered registry of kinds.

    Section --read_statements--> statements --each kind's rules, in order--> Facts

Each section is read once into statements (`read.py`: list items with their parents
and lead-ins, table rows with their column names, paragraph lines, definition
entries); each kind's rules turn statements into facts. Typed kinds claim the lines
they read: a statement that gave a port is not also a definition or a number. Then,
per kind, the same fact stated twice becomes one fact that remembers both places;
two statements that disagree stay one fact (the first wins) with a warning naming
both places.

To add a kind: a module here with its fact type's rules and `KIND`, one entry in
KINDS below, its card `templates/deck/cards/<kind>.html`, its sheet partial
`templates/sheet/partials/<kind>.html` and `tests/fixtures/<kind>.md`;
tests/test_kinds.py fails until each of these exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cheatdeck.extract import definitions, dns_records, ebs, load_balancers, numbers, ports, questions
from cheatdeck.extract.definitions import names_a_typed_fact
from cheatdeck.extract.ebs import boot_statements
from cheatdeck.extract.merge import merge_same_key
from cheatdeck.extract.read import read_statements, without_wrong_choices
from cheatdeck.extract.registry import BootStatement, Registry
from cheatdeck.extract.repeats import AskedBefore, without_repeats
from cheatdeck.model import Fact, Section, Warning
from cheatdeck.text import normalise, plain

# The kinds, in the order they claim statements, are reported and shown on the sheet.
REGISTRY = Registry(
    [
        ports.KIND,
        ebs.KIND,
        load_balancers.KIND,
        dns_records.KIND,
        definitions.KIND,
        numbers.KIND,
        questions.KIND,
    ]
)

# The kinds as registered here. Code that runs after a change to REGISTRY (before,
# after, disable) asks REGISTRY itself, as extraction, claims and the sheet do.
KINDS: tuple[str, ...] = REGISTRY.names()
TYPED_KINDS = frozenset(k.name for k in REGISTRY if k.typed)


@dataclass(frozen=True, slots=True)
class Extraction:
    facts: tuple[Fact, ...]
    warnings: tuple[Warning, ...]


@dataclass(frozen=True, slots=True)
class FileExtraction:
    """What one notes file states, before facts are merged across files: a value that
    depends on that file's text alone, so that it can be cached by the file's hash."""

    facts: tuple[Fact, ...]
    warnings: tuple[Warning, ...]
    boot: tuple[BootStatement, ...]
    # sentences about which volume types can boot, applied to volumes of every file


def extract(notes: Sequence[Section]) -> Extraction:
    """All facts of all notes files, merged, in document order within each kind."""
    return merge_files([extract_file(root) for root in notes])


def extract_file(root: Section) -> FileExtraction:
    """The facts and warnings of one notes file, unmerged."""
    raw: list[Fact] = []
    warnings: list[Warning] = []
    boot: list[BootStatement] = []
    for section in root.walk():
        with_code = without_wrong_choices(section, read_statements(section))
        notes = tuple(st for st in with_code if st.kind != "comment")
        for k in REGISTRY:
            statements = with_code if k.code_comments else notes
            for rule in k.rules:
                for item in rule(section, statements):
                    if isinstance(item, Warning):
                        warnings.append(item)
                    elif item.kind != k.name:
                        raise ValueError(f"a rule of kind {k.name!r} made a {item.kind!r} fact")
                    else:
                        raw.append(item)
        boot.extend(boot_statements(notes))
    return FileExtraction(tuple(_claim(raw)), tuple(warnings), tuple(boot))


def _claim(raw: list[Fact]) -> list[Fact]:
    """Drop the facts of untyped kinds (definitions, numbers) that only restate what a
    typed kind or a question took from the same line, or keep what of them the kind
    says stays beside it (`Kind.beside_typed`)."""
    typed = {k.name for k in REGISTRY if k.typed}
    typed_lines: dict[tuple[str, int], list[Fact]] = {}
    for f in raw:
        if f.kind in typed or f.kind == "question" and not f.data.implied:
            typed_lines.setdefault((f.source.path, f.source.line), []).append(f)
    answers = _answers_by_line(raw)
    out = []
    for f in raw:
        if f.kind == "number" and _in_answer(f.data.text, answers.get((f.source.path, f.source.line), ())):
            continue  # "Q: How long are messages kept?" / "A: 4 days by default": the question's card
        beside = REGISTRY[f.kind].beside_typed
        kept = beside(f, typed_lines.get((f.source.path, f.source.line), [])) if beside else f
        if kept is not None:
            out.append(kept)
    return out


def _answers_by_line(raw: list[Fact]) -> dict[tuple[str, int], list[str]]:
    """The shown part (first paragraph) of each question's answer, normalised, under
    every line it can be written on: the question's own and the ones after it."""
    found: dict[tuple[str, int], list[str]] = {}
    for f in raw:
        if f.kind != "question" or f.data.implied:
            continue
        shown = normalise(plain(re.split(r"\n\s*\n", f.data.answer.strip())[0]))
        lines = f.data.answer.count("\n") + 3  # a label line or a <summary> may come between
        for line in range(f.source.line, f.source.line + lines + 1):
            found.setdefault((f.source.path, line), []).append(shown)
    return found


def _in_answer(text: str, answers: Sequence[str]) -> bool:
    said = normalise(text.lstrip("…").split(" — ", 1)[-1])
    return bool(said) and any(said in answer for answer in answers)


def merge_files(files: Sequence[FileExtraction], asked_before: AskedBefore | None = None) -> Extraction:
    """One fact per key over all files, with the warnings of every file and of merging;
    `asked_before` tells which figures a previous build asked (see `repeats`)."""
    raw = [f for file in files for f in file.facts]
    warnings = [w for file in files for w in file.warnings]
    boot = [b for file in files for b in file.boot]
    facts, merge_warnings = _merge(raw, boot, asked_before)
    warnings.extend(merge_warnings)
    warnings = sorted(set(warnings), key=lambda w: (w.source.path, w.source.line) if w.source else ("", 0))
    return Extraction(tuple(facts), tuple(warnings))


def _merge(
    raw: list[Fact], boot: Sequence[BootStatement], asked_before: AskedBefore | None = None
) -> tuple[list[Fact], list[Warning]]:
    warnings: list[Warning] = []
    out: list[Fact] = []
    for k in REGISTRY:
        facts = [f for f in raw if f.kind == k.name]
        merged, more = k.merge(facts, boot) if k.merge else merge_same_key(facts, k.combine)
        out.extend(sorted(merged, key=lambda f: (f.source.path, f.source.line)))
        warnings.extend(more)
    return without_repeats(_without_restated_terms(_without_named(out), asked_before), asked_before), warnings


def _without_restated_terms(facts: list[Fact], asked_before: AskedBefore | None) -> list[Fact]:
    """Of the definitions that ask the same term of the same family ("[Route 53] What is
    the latency routing policy?" from two files, in other words each time), one is
    asked: the first, by file and line, but those a previous build asked (the deck's
    state) go before it, so that no card loses its history."""
    groups: dict[tuple[str, str], list[int]] = {}
    for i, f in enumerate(facts):
        if f.kind == "definition" and not f.data.acronym:
            groups.setdefault(((f.data.family or "").casefold(), normalise(f.data.term)), []).append(i)
    dropped: set[int] = set()
    for places in groups.values():
        if len(places) > 1:
            asked = [i for i in places if asked_before is not None and asked_before(facts[i], "")]
            dropped |= set(places) - (set(asked) or {places[0]})
    return [f for i, f in enumerate(facts) if i not in dropped]


def _without_named(facts: list[Fact]) -> list[Fact]:
    """Drop the definitions of a name a typed fact of the same chapter goes by:
    "ALB: client IP in X-Forwarded-For" under a load balancer's card would ask "What is
    ALB?" and answer with one of its properties."""
    # per file, or per chapter (file and first two headings) for names that are common
    # words elsewhere: "SOA" in a DNS table, not in the chapter on service architecture
    named: dict[tuple, set[str]] = {}
    shown: dict[tuple, set[tuple[str, str]]] = {}
    for f in facts:
        kind = REGISTRY[f.kind]
        where = _chapter(f) if kind.names_in_chapter else (f.source.path,)
        if kind.names:
            named.setdefault(where, set()).update(normalise(n) for n in kind.names(f.data) if n)
        pair = kind.shows_expansion(f.data) if kind.shows_expansion else None
        if pair:
            shown.setdefault(where, set()).add((normalise(pair[0]), normalise(pair[1])))

    def restated(f: Fact) -> bool:
        places = ((f.source.path,), _chapter(f))
        names = set().union(*(named.get(p, set()) for p in places))
        pairs = set().union(*(shown.get(p, set()) for p in places))
        return f.kind == "definition" and names_a_typed_fact(f.data, names, pairs)

    return [f for f in facts if not restated(f)]


def _chapter(f: Fact) -> tuple:
    return (f.source.path, *f.source.section[:2])
