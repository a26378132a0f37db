"""Extract stage: Sections -> Facts, through an explicit, ordered registry.

Each extractor reads one Section (not its subsections) and yields Facts and
Warnings. Then, per kind, duplicates are merged: the same fact stated twice becomes
one fact that remembers both places; two statements that disagree stay one fact
(the first wins) and produce a warning naming both places.

To add a fact kind: its data type in `model.py`, a module here with its extractor,
one line in EXTRACTORS (and in MERGERS if its statements merge in a special way),
its card in `deck.py`'s CARDS and `templates/deck/cards/`, its sheet partial in
`templates/sheet/partials/`, and `tests/fixtures/<kind>.md`; tests fail until each
of these exists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from cheatdeck.extract.acronyms import extract_acronyms
from cheatdeck.extract.definitions import extract_definitions
from cheatdeck.extract.dns_records import extract_dns_records
from cheatdeck.extract.ebs import boot_statements, extract_ebs_volumes
from cheatdeck.extract.load_balancers import extract_load_balancers, merge_load_balancers
from cheatdeck.extract.numbers import extract_numbers
from cheatdeck.extract.ports import extract_ports
from cheatdeck.extract.questions import extract_questions
from cheatdeck.model import (
    Definition,
    DnsRecord,
    EbsVolume,
    Fact,
    FactData,
    FactKind,
    Number,
    Port,
    Section,
    Source,
    Warning,
)
from cheatdeck.text import normalise

Extractor = Callable[[Section], Iterator[Fact | Warning]]

# Order matters only for the report and for ties: typed kinds first, so that a line
# that states a port is not also offered as a generic definition or number.
EXTRACTORS: tuple[tuple[str, Extractor], ...] = (
    ("port", extract_ports),
    ("ebs_volume", extract_ebs_volumes),
    ("load_balancer", extract_load_balancers),
    ("dns_record", extract_dns_records),
    ("acronym", extract_acronyms),
    ("definition", extract_definitions),
    ("number", extract_numbers),
    ("question", extract_questions),
)

KINDS: tuple[FactKind, ...] = (
    "port", "ebs_volume", "load_balancer", "dns_record", "definition", "number", "question",
)  # fmt: skip

TYPED_KINDS = frozenset({"port", "ebs_volume", "load_balancer", "dns_record"})

Merger = Callable[[list[Fact], Sequence["BootStatement"]], tuple[list[Fact], list[Warning]]]


@dataclass(frozen=True, slots=True)
class Extraction:
    facts: tuple[Fact, ...]
    warnings: tuple[Warning, ...]


BootStatement = tuple[int, tuple[str, ...], bool, bool]


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
        for _name, extractor in EXTRACTORS:
            for item in extractor(section):
                (warnings if isinstance(item, Warning) else raw).append(item)
        boot.extend(boot_statements(section))
    return FileExtraction(tuple(raw), tuple(warnings), tuple(boot))


def merge_files(files: Sequence[FileExtraction]) -> Extraction:
    """One fact per key over all files, with the warnings of every file and of merging."""
    raw = [f for file in files for f in file.facts]
    warnings = [w for file in files for w in file.warnings]
    boot = [b for file in files for b in file.boot]
    facts, merge_warnings = _merge(raw, boot)
    warnings.extend(merge_warnings)
    warnings = sorted(set(warnings), key=lambda w: (w.source.path, w.source.line) if w.source else ("", 0))
    return Extraction(tuple(facts), tuple(warnings))


def _merge(raw: list[Fact], boot: Sequence[BootStatement]) -> tuple[list[Fact], list[Warning]]:
    warnings: list[Warning] = []
    typed_lines: dict[tuple[str, int], list[Fact]] = {}
    for f in raw:
        if f.kind in TYPED_KINDS or f.kind == "question" and "?" in f.data.question:
            for s in f.sources:
                typed_lines.setdefault((s.path, s.line), []).append(f)
    out: list[Fact] = []
    for kind in KINDS:
        facts = [f for f in raw if f.kind == kind]
        if kind in ("definition", "number"):
            # a line that states a port or a volume type is not also a glossary entry
            facts = [f for f in facts if not _restates(f, typed_lines.get((f.source.path, f.source.line), []))]
        merged, more = MERGERS.get(kind, _merge_same_key)(facts, boot)
        out.extend(sorted(merged, key=lambda f: (f.source.path, f.source.line)))
        warnings.extend(more)
    return out, warnings


def _restates(f: Fact, typed: list[Fact]) -> bool:
    """Whether a definition or number only repeats the typed facts of its line. An
    acronym never does; nor does "**etcd** is the key store; it listens on port 2379"
    define etcd by its port."""
    if not typed or isinstance(f.data, Definition) and f.data.acronym:
        return False
    if all(t.kind == "question" for t in typed):
        return isinstance(f.data, Number)  # "How many replicas? → up to 15" is the question's card
    if isinstance(f.data, Definition) and all(isinstance(t.data, Port) for t in typed):
        return any(str(t.data.port) in f.data.meaning for t in typed)
    return True


def _merge_same_key(facts: Iterable[Fact], _boot: Sequence[BootStatement] = ()) -> tuple[list[Fact], list[Warning]]:
    first: dict[tuple[str, ...], Fact] = {}
    # per key, what its statements say so far, and where they are (in a set too): a fact
    # stated in each of 50 files is merged in linear time, each Fact made once
    said: dict[tuple[str, ...], FactData] = {}
    places: dict[tuple[str, ...], tuple[list[Source], set[Source]]] = {}
    warnings: list[Warning] = []
    for f in sorted(facts, key=lambda f: (f.source.path, f.source.line)):
        key = f.key
        old = first.get(key)
        if old is None:
            first[key], said[key], places[key] = f, f.data, (list(f.also_at), set(f.sources))
            continue
        data, conflict = _combine(said[key], f.data)
        if conflict:
            warnings.append(
                Warning(
                    f.source,
                    f"{conflict} disagrees with {old.source}; kept the value from {old.source}",
                )
            )
        also_at, seen = places[key]
        if f.source not in seen:
            seen.add(f.source)
            also_at.append(f.source)
            said[key] = data
    return [replace(f, data=said[key], also_at=tuple(places[key][0])) for key, f in first.items()], warnings


def _combine(old, new):  # noqa: ANN001, ANN202 - one of the FactData types, both the same
    """Fill what the first statement left out from the second; say what disagrees."""
    if isinstance(old, Port):
        return replace(old, name=old.name or new.name, use=old.use or new.use), None
    if isinstance(old, EbsVolume):
        conflict = None
        if new.max_iops and old.max_iops and new.max_iops != old.max_iops:
            conflict = f"max IOPS {new.max_iops:,} for {'/'.join(old.types)}"
        return (
            replace(
                old,
                media=old.media or new.media,
                max_iops=old.max_iops or new.max_iops,
                description=old.description or new.description,
                boot=old.boot if old.boot is not None else new.boot,
            ),
            conflict,
        )
    if isinstance(old, Definition):
        if normalise(old.meaning) == normalise(new.meaning) or normalise(new.meaning) in normalise(old.meaning):
            return old, None
        if old.acronym:
            return old, f'"{old.term}" expanded as "{new.meaning}"'
        return replace(old, meaning=f"{old.meaning}\n{new.meaning}"), None
    if isinstance(old, DnsRecord):
        if normalise(new.meaning) in normalise(old.meaning):
            return old, None
        return replace(old, meaning=f"{old.meaning}\n{new.meaning}"), None
    if isinstance(old, Number):
        old_values = [old.text[a:b] for a, b in old.values]
        new_values = [new.text[a:b] for a, b in new.values]
        if normalise(" ".join(old_values)) != normalise(" ".join(new_values)):
            return old, f'"{new.text}"'
        return old, None
    return old, None


def _merge_volumes(facts: list[Fact], boot: Sequence[BootStatement]) -> tuple[list[Fact], list[Warning]]:
    merged, warnings = _merge_same_key(facts)
    return _apply_boot(merged, boot), warnings


def _apply_boot(facts: list[Fact], boot: Sequence[BootStatement]) -> list[Fact]:
    """Set `boot` from sentences such as "only gp2/gp3 and io1/io2 can be boot volumes"
    or "only SSD volumes can be boot volumes"."""
    said: dict[str, bool] = {}
    only = False
    for _line, named, can_boot, is_only in boot:
        for name in named:
            said[name.casefold()] = can_boot
        only = only or (is_only and can_boot)
    out = []
    for f in facts:
        vol: EbsVolume = f.data  # type: ignore[assignment]
        answers = {said[t.casefold()] for t in vol.types if t.casefold() in said}
        if not answers and vol.media and vol.media.casefold() in said:
            answers = {said[vol.media.casefold()]}
        boot = vol.boot
        if boot is None and len(answers) == 1:
            boot = answers.pop()
        elif boot is None and not answers and only:
            boot = False  # "only X and Y can boot": the others cannot
        out.append(replace(f, data=replace(vol, boot=boot)))
    return out


# How the statements of one kind become one fact each; kinds not named here merge
# statements with the same key, keeping the first and warning on disagreement.
MERGERS: dict[str, Merger] = {
    "load_balancer": lambda facts, _boot: merge_load_balancers(facts),
    "ebs_volume": _merge_volumes,
}
