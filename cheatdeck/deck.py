"""Deck stage: Facts -> an Anki package (.apkg) that updates in place on re-import.

Identity: each note's GUID is a hash of a namespace and the fact's key (port 22 +
SSH), so editing the wording, moving lines or reordering files keeps it. Each note's
modification time is the time its content last changed (kept in a small state file
in the output folder), so an unchanged note never overwrites edits made in Anki and
a changed one is newer than what Anki has. The package itself is byte-reproducible:
fixed ids, fixed zip timestamps, sorted entries.

Removed facts: Anki never deletes a note on import. The state remembers each note's
last content (note type, fields, tags), so when its fact leaves the notes the note
stays in the deck with that content, tagged `cheatdeck::removed` and newer, and the
user finds them all with one search. A fact that comes back is the same note (same
GUID), again without the tag.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import genanki
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from cheatdeck.bounds import bounded
from cheatdeck.extract.acronyms import initials_spell
from cheatdeck.extract.numbers import hidden_together, tied_to
from cheatdeck.model import Definition, EbsVolume, Fact, Image, Number, Port
from cheatdeck.render import Renderer, media_name, typed_breaks
from cheatdeck.text import (
    ANSWERERS,
    ASKER_LABEL,
    COURSE_NUMBER,
    DOCUMENT_TITLE,
    EMPHASIS_MARK,
    FIGURE,
    FILLER_TAIL,
    LIST_ITEM,
    PICTOGRAPH,
    SPEAKER,
    before_figures,
    cloze_numbers,
    defining_clause,
    example_text,
    is_lab,
    meaning_form,
    normalise,
    plain,
    property_of,
    sentences,
    tag,
    third_person,
    without_asides,
    without_diary_words,
    without_pictographs,
)
from cheatdeck.vocab import (
    ATTRIBUTE_QUALIFIERS,
    ATTRIBUTE_WORDS,
    DNS_RECORD_TYPES,
    EBS_TYPE_PATTERN,
    FEATURE_WORDS,
    SERVICE_WORDS,
    STOP_WORDS,
    VENDOR_WORDS,
    is_protocol,
    names_a_cloud_service,
    not_a_member,
)

GUID_NAMESPACE = "cheatdeck/v1"
REMOVED_TAG = "cheatdeck::removed"
REMOVED_SEARCH = f"tag:{REMOVED_TAG}"  # what the user types in Anki's browser
QA_MODEL_ID = 1740000101
CLOZE_MODEL_ID = 1740000102
# Field and template ids never change, so that Anki sees the same note type after
# every rebuild even when the card design changes.
QA_FIELDS = ("Front", "Back", "ReverseFront", "ReverseBack", "Context", "Source")
CLOZE_FIELDS = ("Text", "Extra", "Context", "Source")
FIELD_ID_BASE = 1740001000
TEMPLATE_ID_BASE = 1740002000


def _note_type(kind: str) -> str:
    """ "qa" or "cloze": the note type whose fields the kind's card template fills."""
    from cheatdeck.extract import REGISTRY

    return REGISTRY[kind].card


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """What the state file remembers of a note (or note type): its content hash, mod
    time and name; for a note, what is needed to ship it again once its fact is gone."""

    hash: str
    mod: int
    label: str
    model: int = 0
    # the note type's id; 0 for a record from before notes were remembered whole
    fields: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # without REMOVED_TAG, as the fact's note had them
    removed: bool = False
    # the fact is gone from the notes; its note is shipped tagged REMOVED_TAG
    forgotten: bool = False
    # a removed fact dropped by --forget-removed: never shipped, only its mod time is
    # kept, so that if the fact comes back its note is newer than the tagged one in Anki

    @classmethod
    def from_json(cls, value: Mapping) -> NoteRecord:
        return cls(
            value["hash"],
            value["mod"],
            value["label"],
            value.get("model", 0),
            tuple(value.get("fields", ())),
            tuple(value.get("tags", ())),
            value.get("removed", False),
            value.get("forgotten", False),
        )

    def to_json(self) -> dict:
        """The record for the state file, without the fields a note type does not use."""
        out: dict = {"hash": self.hash, "mod": self.mod, "label": self.label}
        if self.model:
            out.update(model=self.model, fields=list(self.fields), tags=list(self.tags))
        if self.removed:
            out["removed"] = True
        if self.forgotten:
            out["forgotten"] = True
        return out


@dataclass(frozen=True, slots=True)
class DeckBuild:
    apkg: bytes
    notes: dict[str, NoteRecord]
    # by GUID, for the next build's state file
    models: dict[str, NoteRecord]
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    # labels of facts in the previous build that are gone
    restored: tuple[str, ...]
    # labels of facts flagged as removed by an earlier build that are back
    flagged: tuple[str, ...]
    # labels of every note shipped tagged REMOVED_TAG, this build's removals included
    emptied: int = 0
    # cards of the previous build's notes whose gap this build no longer asks (a figure
    # now shown as text): Anki keeps them, empty, until its Empty Cards tool deletes them


def guid(fact: Fact) -> str:
    return genanki.guid_for(GUID_NAMESPACE, *fact.key)


def label(fact: Fact) -> str:
    """A short human name for a fact, for the build report."""
    name = f"{fact.kind} " + " ".join(k for k in fact.data.key() if k)
    return name if len(name) <= LABEL_LIMIT else name[: LABEL_LIMIT - 1] + "…"


LABEL_LIMIT = 160


def build_deck(
    facts: Sequence[Fact],
    title: str,
    templates_dir: Path,
    previous: Mapping[str, Mapping[str, NoteRecord]],
    stamp: int,
    images: Mapping[str, Image] | None = None,
    subdecks: bool = False,
) -> DeckBuild:
    """Build the .apkg bytes. `previous` is the last build's state ({"notes": ...,
    "models": ...}); `stamp` is the time to give notes whose content changed."""
    images = images or {}
    env = _environment(templates_dir / "deck", Renderer({ref: media_name(img.path) for ref, img in images.items()}))
    css = (templates_dir / "deck" / "style.css").read_text(encoding="utf-8")
    qa = _qa_model(env, css)
    cloze = _cloze_model(env, css)

    models: dict[str, NoteRecord] = {}
    old_models = previous.get("models", {})
    for model in (qa, cloze):
        h = _hash(json.dumps([model.fields, model.templates, model.css], sort_keys=True))
        models[str(model.model_id)] = _record(h, model.name, old_models.get(str(model.model_id)), stamp)

    decks: dict[str, genanki.Deck] = {}
    notes: dict[str, NoteRecord] = {}
    old_notes = previous.get("notes", {})

    def add(g: str, record: NoteRecord, model: genanki.Model, tags: Sequence[str], deck_name: str) -> None:
        notes[g] = record
        if deck_name not in decks:
            decks[deck_name] = genanki.Deck(_id_for(deck_name), deck_name)
        decks[deck_name].add_note(genanki.Note(model=model, fields=list(record.fields), tags=list(tags), guid=g))

    for f, fields in _all_fields(env, facts):
        model = cloze if _note_type(f.kind) == "cloze" else qa
        shown = bounded(f)  # cards show facts within their length bounds; GUIDs come from the facts
        tags = tuple(t for t in (_section_tag(shown.source.section), f"cheatdeck::{f.kind}") if t)
        g = guid(f)
        h = _hash(json.dumps([model.model_id, fields, sorted(tags)]))
        record = _record(h, label(f), old_notes.get(g), stamp)
        add(
            g,
            replace(record, model=model.model_id, fields=fields, tags=tags),
            model,
            tags,
            _deck_name(shown, title, subdecks),
        )

    # The notes of facts that are gone, with their last content, tagged: the import
    # flags them in the user's collection. They go to the top deck: Anki does not move
    # the cards of a note it already has.
    by_id = {qa.model_id: qa, cloze.model_id: cloze}
    gone = {g: old for g, old in old_notes.items() if g not in notes}
    for g, old in gone.items():
        if old.forgotten:
            notes[g] = old  # kept in the state only, for its mod time
            continue
        model = by_id.get(old.model)
        if model is None or len(old.fields) != len(model.fields):
            continue  # remembered before notes were kept whole: reported, not shipped
        tags = (*old.tags, REMOVED_TAG)
        h = _hash(json.dumps([model.model_id, old.fields, sorted(tags)]))
        record = replace(
            _record(h, old.label, old, stamp), model=old.model, fields=old.fields, tags=old.tags, removed=True
        )
        add(g, record, model, tags, title)

    shipped = {g: r for g, r in notes.items() if not r.forgotten}
    apkg = _package(list(decks.values()) or [genanki.Deck(_id_for(title), title)], shipped, models, images)
    live = [g for g in notes if not notes[g].removed and not notes[g].forgotten]
    added = tuple(notes[g].label for g in live if g not in old_notes)
    back = {g for g in live if g in old_notes and (old_notes[g].removed or old_notes[g].forgotten)}
    restored = tuple(notes[g].label for g in live if g in back)
    changed = tuple(
        notes[g].label for g in live if g in old_notes and g not in back and old_notes[g].hash != notes[g].hash
    )
    removed = tuple(old.label for old in gone.values() if not old.removed and not old.forgotten)
    flagged = tuple(r.label for r in notes.values() if r.removed)
    emptied = sum(len(_clozes(old_notes[g].fields) - _clozes(notes[g].fields)) for g in live if g in old_notes)
    return DeckBuild(apkg, notes, models, added, changed, removed, restored, flagged, emptied)


def _clozes(fields: Sequence[str]) -> set[str]:
    """The cloze numbers of a note's text (its first field)."""
    return set(re.findall(r"\{\{c(\d+)::", fields[0])) if fields else set()


def note_fields(
    facts: Sequence[Fact], templates_dir: Path, images: Mapping[str, Image] | None = None
) -> list[tuple[Fact, tuple[str, ...]]]:
    """Each fact with the fields of its Anki note (QA_FIELDS or CLOZE_FIELDS, by
    the kind's note type), exactly as build_deck puts them in the deck."""
    images = images or {}
    env = _environment(templates_dir / "deck", Renderer({ref: media_name(img.path) for ref, img in images.items()}))
    return list(_all_fields(env, facts))


def _all_fields(env: Environment, facts: Sequence[Fact]) -> Iterator[tuple[Fact, tuple[str, ...]]]:
    """Each fact with its note's fields, rendered from the fact within its length bounds."""
    shown = {id(f): bounded(f) for f in facts}
    by_port: dict[tuple[int, int | None], list[Fact]] = {}
    by_protocol: dict[str, list[Fact]] = {}
    for f in facts:
        if isinstance(f.data, Port):
            by_port.setdefault((f.data.port, f.data.port_end), []).append(shown[id(f)])
            by_protocol.setdefault(f.data.protocol.casefold(), []).append(shown[id(f)])
    for group in by_protocol.values():  # the lowest port asks for them all, wherever it is written
        group.sort(key=lambda f: (f.data.port, f.data.port_end or 0))
    by_iops: dict[tuple, list[Fact]] = {}
    for f in facts:
        if isinstance(f.data, EbsVolume):
            # "Which EBS volume type is SSD with max 64,000 IOPS?" has one answer only when
            # no other type the notes name reaches it, whatever media they say it has
            by_iops.setdefault((f.data.max_iops, f.data.condition), []).append(f)
    acronyms = frozenset(f.data.term for f in facts if isinstance(f.data, Definition) and f.data.acronym)
    families: dict[str, int] = {}
    for f in facts:
        if isinstance(f.data, Definition) and f.data.family:
            families[f.data.family.casefold()] = families.get(f.data.family.casefold(), 0) + 1
    # the lines a cloze card asks a figure of: a meaning said there stops before its counts
    numbered = {(f.source.path, f.source.line) for f in facts if f.kind == "number"}
    for f in facts:
        said = shown[id(f)]
        if isinstance(said.data, Definition) and said.data.family and not_a_member(said.data.term, said.data.family):
            # "Health Check" listed among "Route 53 routing policies": asked as what it is,
            # not as one of them (the fact keeps its family, and its identity)
            said = replace(said, data=replace(said.data, family=None, family_said=None))
        fields = _fields(env, said, by_port, acronyms, by_iops, by_protocol, families, numbered)
        if _TAG.sub("", fields[0]).strip():  # a fact whose template asks nothing makes no note
            yield f, fields


def _record(content_hash: str, name: str, old: NoteRecord | None, stamp: int) -> NoteRecord:
    """Keep the old modification time while the content is the same; otherwise a time
    newer than the old one, so that Anki's "update if newer" takes the change."""
    if old and old.hash == content_hash:
        return NoteRecord(content_hash, old.mod, name)
    return NoteRecord(content_hash, max(stamp, old.mod + 1 if old else 0), name)


def _deck_name(f: Fact, title: str, subdecks: bool) -> str:
    if not subdecks or not f.source.section:
        return title
    # the chapter under the title, or a top-level heading of its own ("# Questions")
    path = f.source.section
    top = path[1] if path[0] == title and len(path) > 1 else path[0]
    return f"{title}::{top}" if top != title else title


def _environment(deck_templates: Path, renderer: Renderer) -> Environment:
    env = Environment(
        loader=FileSystemLoader(deck_templates),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    env.filters["md"] = lambda text: Markup(renderer.inline(text or ""))
    env.filters["md_block"] = lambda text: Markup(renderer.block(text or ""))
    env.filters["plain"] = plain
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["first_sentence"] = _first_sentence
    env.filters["unspelled"] = _unspelled
    env.filters["best_line"] = _best_line
    env.filters["article"] = _article
    env.filters["clause"] = _clause
    # a family member's figures say which member it is ("up to 8 healthy records"), a term's are clozes
    env.filters["before_figures"] = lambda clause, family=None, counted=False: (
        clause if family else before_figures(clause, counted)
    )
    env.filters["form"] = meaning_form
    env.filters["property_choice"] = lambda meaning: (property_of(meaning) or ("", ""))[1]
    env.filters["property_word"] = lambda meaning: (property_of(meaning) or ("", ""))[0]
    env.filters["target_of"] = _target_of
    env.filters["record_meaning"] = _record_meaning
    env.filters["dns_form"] = _dns_form
    env.filters["used_for"] = _used_for
    env.filters["a_kind"] = _a_kind
    env.filters["third_person"] = third_person
    env.filters["mid_sentence"] = _mid_sentence
    env.filters["member_kind"] = _member_kind
    env.filters["family_subject"] = _family_subject
    env.filters["example"] = example_text
    env.tests["plural"] = _plural
    env.tests["attribute"] = _is_attribute
    env.tests["one_thing"] = _names_one_thing
    env.filters["attribute_phrase"] = lambda term: " ".join(
        w if w[1:] != w[1:].lower() else w.lower() for w in term.split()
    )
    env.filters["asked_back"] = _asked_back
    env.filters["first_part"] = _first_part
    env.filters["as_asked"] = _as_asked
    env.filters["cloze_md"] = lambda number, heading="": Markup(_cloze_html(number, renderer, heading))
    env.filters["without_answer_label"] = lambda text: _ANSWER_LABEL.sub("", text or "", count=1)
    env.tests["initials_of"] = lambda acronym, expansion: initials_spell(acronym, expansion)
    env.tests["named_in"] = lambda term, text: _named_in(term, text)
    env.tests["wordless"] = _wordless
    env.tests["given_in"] = _given_in
    env.tests["subject_needed"] = _subject_needed
    # named in what a number's card shows around its gaps ("[...]" may hide "6 addresses")
    env.tests["named_around"] = lambda term, number: _named_in(term, _marked(number))
    env.tests["listing"] = _lists
    env.filters["side_of"] = lambda subject, heading: _side_of(heading, subject)
    env.filters["with_heading"] = _with_heading
    # "Cold tier vs Frozen tier" compares two things; the family read from it ("tier vs
    # frozen tier") stays in the identity but names no family on a card
    env.tests["comparing"] = lambda family: re.search(r"\s(?:vs\.?|versus)\s", family or "", re.I) is not None
    env.filters["protocol"] = _protocol_name
    # "What is X used for?" answered "steady state", not "for steady state" (nor "used for ...")
    env.filters["without_for"] = lambda clause: _USED_FOR.sub("", clause, count=1)
    env.filters["naming"] = lambda question, heading: _naming(
        _without_asked_of(ASKER_LABEL.sub("", question or "", count=1)), heading
    )
    env.tests["service_model"] = lambda meaning: _SERVICE_MODEL.fullmatch(plain(meaning).strip()) is not None
    env.tests["spelled_in"] = _spelled_in
    macros = env.get_template("cards/_macros.html").module
    env.globals.update({k: v for k, v in vars(macros).items() if not k.startswith("_") and callable(v)})
    return env


def _as_asked(question: str, scenario: bool = False) -> str:
    """A practice question's scenario written as a statement ("Q12. Move 70 TB over a
    100 Mbps line within 2 weeks." over "Ans: Snowball Edge", or "Scenario: ...") asked
    as the need it states: "What meets this need: move 70 TB ...?". A question asked, a
    flashcard's prompt ("Explain ...", "Max size of one message"), or a label over what
    follows ("Ports to know:"), as written."""
    if not _A_NEED.match(question):
        return question
    if _ASKING_WORD.match(question):
        return f"{question.strip().rstrip('.!').rstrip()}?"  # "How many decks does it have": asked, no mark
    if not scenario or _PROMPTING.match(question):
        return question
    need = _SCENARIO_LABEL.sub("", question.strip(" \t\n–—-•*").rstrip(".!").rstrip(), count=1)
    first = need.split(maxsplit=1)[0]
    if re.fullmatch(r"[A-Z][a-z]*", first) and first != "I" and not names_a_cloud_service(first):
        need = need[0].lower() + need[1:]  # "Gradually shift ...", not "Aurora ..."
    return f"What meets this need: {need}?"


# a scenario written as a statement: six words or more, no "?", not a label over what
# follows ("Ports to know:"); "Scenario:" before it says nothing the question does not
_A_NEED = re.compile(r"^(?!.*\?)(?!.*:\s*$)\W*\w+(?:\W+\w+){5,}\W*$", re.S)
_ASKING_WORD = re.compile(
    r"^\W*(?:what|which|how|why|when|where|who|whose|is|are|was|were|can|could|does|do|did|should|would|will|"
    r"has|have|had|may|might|must|shall)\b",
    re.I,
)
# a flashcard's prompt that tells the learner what to say, not a scenario
_PROMPTING = re.compile(
    r"^\W*(?:explain|name|list|describe|give|define|compare|state|identify|recall|say|write|draw|true\s+or\s+false|"
    r"difference|differences|fill|complete|match)\b",
    re.I,
)

_SCENARIO_LABEL = re.compile(r"^(?:scenario|situation|case|use case|problem)\s*#?\d*\s*[:—–-]\s*", re.I)


def _first_sentence(text: str) -> str:
    """The first sentence of a meaning, without the "Ex: ..." that may follow it."""
    found = sentences(text.split("\n")[0])
    first = found[0][1] if found else text
    return re.split(r"\s+(?:Ex|e\.g|For example)\b", first)[0].strip() or first


def _clause(meaning: str) -> str:
    """The defining clause of a meaning (text.defining_clause), as Markdown: the
    notes' own Markdown when nothing was cut, plain text when a cut could have split
    a **bold** or `code` span; past _ASIDE_WORDS words, without asides in brackets."""
    first = meaning.split("\n")[0].strip()
    clause = defining_clause(meaning) or first
    shown = first.rstrip(" .") if plain(first).rstrip(" .") == clause else clause
    bare = re.sub(r"\s*\[[^\[\]]*\](?!\()", "", shown).strip()
    if len(bare.split()) >= 2:
        shown = bare  # "hardware not shared [but no control over placement]": the note-taker's aside
    example = _TRAILING_EXAMPLE.search(shown)
    if example:  # "... VPCs (private domain names) app1.corp.internal": a name given as an example
        shown = shown[: example.start() + 1].strip()
    if len(shown.split()) > _ASIDE_WORDS:  # a long answer loses its asides in brackets
        shown = re.sub(r"\s*\((?:[^()`]|`[^`]*`)*\)", "", shown).strip()
    return shown


_TRAILING_EXAMPLE = re.compile(r"\)\s+[a-z0-9-]+(?:\.[a-z0-9-]+){1,}\.?\s*$")


_ASIDE_WORDS = 15


def _mid_sentence(phrase: str) -> str:
    """A family name inside a question: "Caching design pattern" -> "caching design
    pattern", while names stay as written ("Route 53 routing policy", "ECS task ...")."""
    words = phrase.split()
    if len(words) > 1 and words[0][1:].islower() and not words[1][:1].isupper() and not words[1][:1].isdigit():
        return phrase[0].lower() + phrase[1:]
    return phrase


def _member_kind(term: str, family: str, heading: str = "") -> str:
    """What a family member is, said after its name, when its name alone is no noun:
    "Spot" of "EC2 purchasing option" is asked as "the Spot purchasing option", "simple"
    of "Route 53 routing policy" as "the simple routing policy"; "" for a name of more
    than one word ("Dedicated Host", "Lazy loading": a noun already), an acronym, a list
    or a plural, and for a family said as "kind of X" (its members name X themselves)."""
    words = plain(term).split()
    kind = family.split()
    if not words or len(kind) < 2 or kind[-1].casefold() not in _KIND_NOUNS or " of " in f" {family} ":
        return ""
    if len(words) > 1 or _plural(term):
        return ""  # "Lazy loading", "Dedicated Host": a noun already
    if any(not _PLAIN_NAME.fullmatch(w) for w in words):
        return ""  # "EC2", "gp2/gp3 (SSD)", "SP": names of their own
    if {w.casefold().rstrip("s") for w in words} & {w.casefold().rstrip("s") for w in kind}:
        return ""  # "Predictive scaling" of "Dynamic scaling policy" names its kind already
    # the subject the family took from its heading stays in the badge: "DNS service
    # policy" under "## DNS service" -> "policy"; a one-word subject must leave two words
    said = normalise(heading)
    if not re.search(rf"(?<!\w){re.escape(kind[-1].casefold()[:-1])}", said):  # a heading naming the family is none
        for k in range(min(3, len(kind) - 1), 0, -1):
            prefix = normalise(" ".join(kind[:k]))
            if (k > 1 or len(kind) - k > 1) and re.search(rf"(?<!\w){re.escape(prefix)}(?!\w)", said):
                return " ".join(w.lower() if w[1:].islower() else w for w in kind[k:])
    # "Route 53 routing policy" -> "routing policy" (the badge keeps "Route 53"); a
    # family in sentence case keeps its words ("Routing policy", "Storage class")
    if len(kind) == 2 and kind[0].isalpha() and kind[0][1:].islower():
        return " ".join(w.lower() for w in kind)
    tail = kind[-2:] if all(w.isalpha() and w.islower() for w in kind[-2:]) else kind[-1:]
    return " ".join(tail)


# a member's one-word name: "Spot", "geoPROXIMITY", "IP-based", "On-Demand", "memberOf"
_PLAIN_NAME = re.compile(r"(?:[A-Za-z][a-z]*|[A-Z]{2,3}(?=-))(?:-[A-Za-z][a-z]*)?|[a-z]+[A-Z][a-zA-Z]*")


# a heading of a topic or a moment, not of a thing: "Key Takeaways", "Exam Tips", "Week 3"
_A_TOPIC = re.compile(
    r"\b(?:tips?|takeaways?|review|recap|summary|notes?|strateg(?:y|ies)|week|day|session|lesson|module|"
    r"chapter|part|section|basics|overview|intro(?:duction)?|misc|faq|tl;?dr|cheat ?sheet|final|exam)\b",
    re.I,
)
_USED_FOR = re.compile(r"^(?:(?:is|are)\s+)?(?:used\s+)?for\s+(?=\S)")


def _with_heading(badge: str, heading: str) -> str:
    """A family's badge with the thing its heading names, where the badge does not say
    it: "Setting for storage class" under "## Amazon EFS" is "Setting for storage class
    · Amazon EFS"; a heading of a topic or of several things adds nothing."""
    topic = _topic(heading) if heading else ""
    if not badge or not topic or len(topic.split()) > 2 or not _names_one_thing(topic) or _A_TOPIC.search(topic):
        return badge
    shared = {w.rstrip("s") for w in normalise(topic).split()} & {w.rstrip("s") for w in normalise(badge).split()}
    if shared or _named_in(topic, badge) or _named_in(badge, topic):
        return badge
    return f"{badge} · {topic}"


def _family_subject(family: str, kind: str) -> str:
    """The badge of a member asked with its kind ("the Spot purchasing option"): what
    the family names besides that kind ("EC2"), or "" when nothing is left."""
    if not kind or not family.casefold().endswith(kind.casefold()):
        return family
    return family[: len(family) - len(kind)].strip()


# a family named by one of these nouns has members whose names are no nouns ("Spot",
# "Weighted"): the question says the noun after the name
_KIND_NOUNS = frozenset(
    "policy type strategy mode class tier constraint option method model plan level pattern".split()
)


_SENTENCE_VERB = re.compile(r"\s(?:is|are|was|were|will|can|must|should|has|have)\s", re.I)


_LONG_ANSWER = 40  # words
_PROSE_ANSWER = 25  # words of prose: past them, a first sentence that can stand is the answer
# a question that compares wants both sides: "Signed URL or signed cookie?", "A vs B"
_COMPARES = re.compile(r"\bvs\.?(?!\w)|\bversus\b|\bdiffer|\bcompare|\w\s+or\s+\w[^?]*\?\s*$", re.I)
_PART_BREAK = re.compile(r"\n\s*\n")
_FENCE_LINE = re.compile(r"^\s*(?:```|~~~)", re.M)


def _to_the_point(answer: str, question: str) -> str:
    """ "How big can a package be?" over "50 MB zipped, 250 MB unzipped. Images go up to
    10 GB. Max 5 layers.": a question that asks for an amount or a choice, answered by
    the first sentence of a paragraph that goes on with facts of its own (on the sheet);
    two sentences for one that asks two things ("How many replicas and how fast is
    failover?"); "" for any other answer."""
    if "\n" in answer or not _ASKS_FOR_A_FACT.match(question) or len(answer.split()) <= _ANSWER_POINT_WORDS:
        return ""
    found = [s.strip() for _at, s in sentences(answer)]
    keep = 2 if _TWO_ASKS.search(question) else 1
    # "1 hour. Range 15 min to 12 h ...": a figure is an answer however short
    if len(found) <= keep or any(_no_answer(s) for s in found[:keep]):
        return ""
    return " ".join(found[:keep])


def _no_answer(sentence: str) -> bool:
    """A sentence that cannot stand as an answer: a lead-in ("Two kinds:") or a scrap of
    words with no figure ("Yes. ...")."""
    return sentence.endswith(":") or len(sentence.split()) < 3 and not re.search(r"\d", sentence)


_ANSWER_POINT_WORDS = 12  # an answer of fewer words is shown whole
_ASKS_FOR_A_FACT = re.compile(
    r"^\s*(?:how\s+(?:big|many|much|long|fast|large|often|far|small|high|low|old|heavy|wide|deep|tall|soon)\b|which\b"
    r"|what(?:'s|\s+is|\s+are)\s+(?:the\s+)?(?:max(?:imum)?|min(?:imum)?|default|largest|smallest|biggest|longest"
    r"|shortest|limit|size|port|retention|timeout)\b"
    r"|what(?:'s|\s+is|\s+are)?\s+(?:the\s+)?[\w -]{0,30}?\b(?:types|policies|classes|modes|kinds|options)\b"
    # "io2 Block Express max?", "AssumeRole default session?", "Long polling max wait?": terse
    r"|[^?]{0,40}\b(?:max(?:imum)?|min(?:imum)?|default|limit|size|timeout|retention|port)\b[^?]{0,20}\?\s*$)",
    re.I,
)
_TWO_ASKS = re.compile(r"\band\s+(?:how|what|which|when|where|why|is|are|can|does|do)\b", re.I)


def _first_part(answer: str, question: str = "") -> str:
    """A long answer cut to what a card can hold: the sentence that concludes it ("So
    when ... use an NLB"), else, for prose past _PROSE_ANSWER words that answers no
    comparison, its first sentence; else (past _LONG_ANSWER words) each compared
    label's first point, its first paragraph when that says enough on its own (6 to 40
    words) and is not code, the first sentence of each of its points when they fit, or
    its first sentence. Any other answer whole. Code after the words of an answer is
    left out. A card is read in seconds: the whole answer is on the sheet and in the
    notes."""
    explained = _EXPLANATION.split(answer.strip(), maxsplit=1)
    if len(explained) == 2 and explained[0].strip() and not _OPTION_ONLY.match(explained[0]):
        # "Weighted" over "Why: weights are relative": the answer, not why (but "C" over
        # "Why: ...", or a why that puts the answer right, "→ /25", is all there is to say)
        if not _PUT_RIGHT.search(explained[1]):
            answer = explained[0].strip()
    outlined = _outline_points(answer)
    if outlined:
        return outlined
    answer = _OUTLINE_NUMBER.sub("", answer.strip(), count=1)  # "3.1.1 Your code must ..."
    said = _FENCE_LINE.split(answer, maxsplit=1)[0].strip()
    if said and len(said) < len(answer):
        answer = said  # "Take a snapshot, then ..." over the commands that do it: the sheet has them
    if answer.startswith(("```", "~~~")):
        return _first_command(answer)
    pointed = _to_the_point(answer, question)
    if pointed:
        return pointed
    if len(answer.split()) <= _PROSE_ANSWER:
        return answer
    parts = _PART_BREAK.split(answer, maxsplit=1)
    first = parts[0].strip()
    said = [s.strip() for part in _PART_BREAK.split(answer)[:2] for _o, s in sentences(part.replace("\n", " "))]
    concluding = [s for s in said if _concludes(s) and 6 <= len(s.split()) <= _LONG_ANSWER]
    if concluding:
        return _conclusion(concluding[-1])  # the last conclusion is the one the answer leads to
    prose = not any(LIST_ITEM.match(line) or "|" in line for line in answer.split("\n"))
    sides = prose and _sides(answer, question)
    if sides:
        return sides
    if prose and not _COMPARES.search(question):
        # prose that goes on: its first sentence says what was asked ("A managed policy
        # that sets ... It doesn't grant anything by itself; ...")
        opening = _first_sentence_of(answer.replace("\n", " "))
        if len(opening.split()) < 6:
            # "Key Management Service. Manages keys in HSMs. ...": a name, then what it is
            opening = _first_sentences(answer.replace("\n", " "), 2)
        if 6 <= len(opening.split()) <= _PROSE_ANSWER and not opening.endswith(":"):
            return opening
    if len(answer.split()) <= _LONG_ANSWER:
        return answer
    compared = _compared(answer)
    if compared:
        return compared
    if len(parts) == 2 and 6 <= len(first.split()) <= _LONG_ANSWER and not first.rstrip().endswith(":"):
        return first
    lead_in = first.rstrip().endswith(":") and len(parts) == 2  # "Six criteria:" then a blank line
    lines = [line for line in (f"{first}\n{parts[1]}" if lead_in else first).split("\n") if line.strip()]
    # "Six criteria:" over its points: the lead-in and the points that follow it
    intro = lines[:1] if len(lines) > 2 and lines[0].rstrip().endswith(":") and not LIST_ITEM.match(lines[0]) else []
    items = list(itertools.takewhile(lambda line: LIST_ITEM.match(line), lines[len(intro) :]))
    points = [_point(_first_sentence_of(line)) for line in items]
    if 1 < len(points) and (intro or len(items) == len(lines)):
        if _words(intro + points) > _LONG_ANSWER:
            points = [_point(p, labels=True) for p in points]  # "- Pooled resources: ..." -> its label
        if _words(intro + points) > _LONG_ANSWER:
            points = [re.sub(r"\s*\([^()]*\)", "", p) for p in points]  # asides in brackets go first
        if _words(intro + points) <= _LONG_ANSWER:
            return "\n".join(intro + points)  # "- HTTP is one way." / "- WebSocket is both ways."
    opening = _first_sentence_of(first)
    if 6 <= len(opening.split()) <= _LONG_ANSWER and not opening.endswith(":") and not LIST_ITEM.match(opening):
        return opening
    return answer


# where an answer goes on to say why: "Weighted" over "Why: ...", "add shards Why: ..."
_EXPLANATION = re.compile(
    r"(?:\n\s*(?:[-*+]\s+)?(?i:why|because|reason|explanation|rationale)|\s(?:Why|Because|Reason|Explanation|Rationale))"
    r"\s*:\s"
)


_OPTION_ONLY = re.compile(r"^\W*[A-Fa-f]\W*$")  # "C", "B)": a pick among options the card does not show
_PUT_RIGHT = re.compile(r"\b(?:actually|wrong|instead|correction|mistake|typo)\b", re.I)


# a sentence that draws the conclusion an explanation leads to, by its first words
_CONCLUDING_WORDS = re.compile(
    r"^(?!so far|so-called|so that|thus far)(?:so|therefore|thus|hence|in short|in summary|that's why|as a result)"
    r"\b,?\s*",
    re.I,
)


def _compared(answer: str) -> str:
    """An answer made of two or more labelled groups of points ("IAM Role:" over its
    points, then "IAM Policy:" over its own) as one point per group: the label and the
    first clause of its first point. "" when the answer is not so made, or when that
    still says too much."""
    lines = [line for line in answer.split("\n") if line.strip()]
    groups = []
    for i, line in enumerate(lines[:-1]):
        label = line.strip().replace("**", "").replace("__", "")
        if (
            label.endswith(":")
            and not LIST_ITEM.match(line)
            and len(label.split()) <= _LABEL_WORDS
            and LIST_ITEM.match(lines[i + 1])
        ):
            groups.append((label, LIST_ITEM.sub("", _first_sentence_of(lines[i + 1])).strip()))
    if len(groups) < 2:
        return ""
    for cut in (_point, _shortest_point):
        points = [f"- {label} {cut(point)}" for label, point in groups]
        if _words(points) <= _LONG_ANSWER:
            return "\n".join(points)
    return ""


_LABEL_WORDS = 6


def _shortest_point(sentence: str) -> str:
    """A point cut before its first relative clause too: "An IAM role is a set of
    permissions that determine ..." -> "An IAM role is a set of permissions"."""
    head = _head(sentence, re.compile(r"[,;:]\s|\s(?:that|which|who|where|because|so that|while|whereas)\s"))
    return head if len(head.split()) >= 3 else sentence


def _head(sentence: str, cut: re.Pattern[str]) -> str:
    """The sentence up to the first match of `cut` that is outside brackets and `code`
    ("S3 bucket (lock it down with OAC, which ...)" is not cut inside its brackets);
    the whole sentence when there is none."""
    for m in cut.finditer(sentence):
        before = sentence[: m.start()]
        depth = sum(before.count(o) - before.count(c) for o, c in ("()", "[]"))
        if depth <= 0 and before.count("`") % 2 == 0:
            return sentence[: m.start()]
    return sentence


# "A vs B?", "A or B?", "Difference between A and B?": the two things a question compares
_SIDES = re.compile(
    r"^(?:what(?:'s| is) the )?differen\w* between (?P<a>[^?]+?) and (?P<b>[^?]+?)\s*\?$"
    r"|^(?P<c>[^?]+?)\s+(?:vs\.?|versus|or)\s+(?P<d>[^?]+?)\s*\?$",
    re.I,
)
_SIDE_CUT = re.compile(r"[,;:]\s|\s[—–-]\s")
_SIDE_WORDS = re.compile(r"[\w@.+/-]+")
_SIDE_WORDS_MAX = 5
_NOT_A_SIDE_WORD = frozenset({"a", "an", "the", "of", "for", "in", "on", "to"})


def _sides(answer: str, question: str) -> str:
    """A comparison answered in prose, one sentence per side ("CloudFront Functions are
    JS only, ... Lambda@Edge is Node.js or Python, ..."), as one point per side in the
    order asked: the first sentence that opens with that side, cut at its first clause.
    "" when the question compares no two things or the answer does not take each in turn."""
    m = _SIDES.match(question.strip())
    if not m:
        return ""
    asked = [side for side in m.groups() if side]
    if any(len(side.split()) > _SIDE_WORDS_MAX or re.search(r"\s[—–-]\s|:", side) for side in asked):
        return ""  # "Standard vs FIFO — when must I use FIFO?" asks one thing about them
    # "EFS is network storage, while EBS is block storage": each side its own clause
    said = [
        clause.strip()
        for _o, sentence in sentences(answer.replace("\n", " "))
        for clause in re.split(r",?\s+(?:while|whereas)\s+|;\s+", sentence)
    ]
    points = []
    for side in asked:
        found = next((s for s in said if _opens_with(s, side)), "")
        if not found or found in points:
            return ""
        points.append(found)
    shown = []
    for sentence in points:
        head = _head(sentence, _SIDE_CUT).strip().rstrip(".")
        if len(head.split()) > _POINT_WORDS:
            head = re.sub(r"\s*\((?:[^()`]|`[^`]*`)*\)", "", head)
        shown.append(f"- {head[:1].upper()}{head[1:]}")  # ", while block disks ..." opens a point
    return "\n".join(shown) if _words(shown) <= _LONG_ANSWER else ""


def _opens_with(sentence: str, side: str) -> bool:
    """Whether a sentence opens with what a side names, give or take an article and a
    plural ("Signed cookies = ..." opens with "signed cookie"), or with the name that
    starts it ("EFS is ..." for "EFS volume")."""
    wanted = [w for w in _SIDE_WORDS.findall(side.casefold()) if w not in _NOT_A_SIDE_WORD]
    opening = [w for w in _SIDE_WORDS.findall(sentence.casefold())[: len(wanted) + 2] if w not in _NOT_A_SIDE_WORD]
    if not wanted or not opening:
        return False
    if len(opening) >= len(wanted) and all(
        o.rstrip("s") == w.rstrip("s") for o, w in zip(opening, wanted, strict=False)
    ):
        return True
    name = _SIDE_WORDS.match(side.strip())
    return name is not None and name.group() != name.group().lower() and opening[0] == wanted[0]


def _first_command(answer: str) -> str:
    """An answer that is a block of code with several commands, as its first command,
    in its fence: the question asked first is the one it answers; the sheet has them all."""
    lines = answer.split("\n")
    fence = lines[0].strip()
    body = list(itertools.takewhile(lambda line: not _FENCE_LINE.match(line), lines[1:]))
    commands: list[list[str]] = []
    for line in body:
        if commands and commands[-1][-1].rstrip().endswith("\\"):
            commands[-1].append(line)  # a command carried on to the next line
        elif line.strip() and not line.lstrip().startswith(("#", "//", "--")):
            commands.append([line])
    if len(commands) < 2:
        return answer
    return "\n".join([fence, *commands[0], fence[:3]])


def _concludes(sentence: str) -> bool:
    m = _CONCLUDING_WORDS.match(sentence)
    # "So when ...": a space, then a word ("So-called" and "So." conclude nothing)
    return (
        m is not None and sentence[m.end() - 1 : m.end()].isspace() and re.match(r"\w", sentence[m.end() :]) is not None
    )


def _conclusion(sentence: str) -> str:
    """ "So when performance matters, use an NLB." -> "When performance matters, use an NLB."."""
    rest = _CONCLUDING_WORDS.sub("", sentence, count=1)
    return rest[:1].upper() + rest[1:]


def _words(points: list[str]) -> int:
    return sum(len(LIST_ITEM.sub("", p).split()) for p in points)


def _point(sentence: str, labels: bool = False) -> str:
    """A long point cut to its first clause: "- WebSocket is bidirectional, a full-duplex
    protocol that ..." -> "- WebSocket is bidirectional"; with `labels`, a labelled
    point to its label: "- **Pooled resources**: providers keep ..." -> the label."""
    label = labels and re.match(r"^(\s*(?:[-*+]|\d+[.)])\s+(?:\*\*)?[^:*]{1,40}?(?:\*\*)?):\s", sentence)
    if label and _head(sentence, re.compile(r":\s")) == label.group(1):  # not a colon in `code` or (brackets)
        return label.group(1)
    if len(sentence.split()) <= _POINT_WORDS:
        return sentence
    head = _head(sentence, re.compile(r"[,;:]\s|\s(?:because|which|where|so that|while|whereas)\s"))
    return head if 3 <= len(LIST_ITEM.sub("", head).split()) else sentence


_POINT_WORDS = 15


_OUTLINE_NUMBER = re.compile(r"^\d+(?:\.\d+){2,}\.?\s+(?=[A-Za-z])")  # "3.1.1 Your code", not "1.5 minutes"


def _outline_points(answer: str) -> str:
    """An answer made of numbered sub-points ("3.1.1 Your code must import the SDK. It
    will: ..." then "3.1.2 Install the daemon"), as the first sentence of each; "" for
    any other answer, or when that still says too much."""
    numbered = [m for m in map(_SUB_POINT.match, answer.strip().split("\n")) if m]
    if len(numbered) < 2 or len({m.group(1).count(".") for m in numbered}) > 1:
        return ""
    points = [f"- {_first_sentence_of(m.group(2)).rstrip(':')}" for m in numbered]
    return "\n".join(points) if _words(points) <= _LONG_ANSWER else ""


_SUB_POINT = re.compile(r"^\s*(\d+(?:\.\d+)+)\.?\s+(\S.*)$")


def _first_sentences(text: str, count: int) -> str:
    """A text's first `count` sentences, as written."""
    found = sentences(text.strip())
    if len(found) <= count:
        return text.strip()
    return text.strip()[: found[count][0]].strip()


def _first_sentence_of(line: str) -> str:
    """A line's first sentence, list marker kept: "- HTTP is one way. Let's see ..." ->
    "- HTTP is one way."."""
    found = sentences(line.strip())
    if not found:
        return line.strip()
    offset, sentence = found[0]
    end = offset + len(sentence)
    tail = line.strip()[end : end + 1]
    return (sentence + (tail if tail in ".!?" else "")).strip()


def _asked_back(clause: str, form: str) -> str:
    """How a family member's meaning reads after "Which <family> ...": "" when it does
    not read as a question ("data is partitioned across shards" is a sentence)."""
    said = clause[0].lower() + clause[1:] if clause[1:2].islower() else clause
    if not said[:1].isalpha():
        return ""  # "% split by weight", "→ the primary": shorthand, not a clause to ask back
    if form == "does":
        return third_person(said)  # "Which policy splits traffic", where the notes say "split traffic"
    if form == "for":
        return f"is {said}" if said.startswith("used") else f"is used {said}"
    if form == "example":
        return f"fits this example: {said}"
    first = said.split()[0].casefold()
    if first.endswith("ing") and not _SENTENCE_VERB.search(said):
        return f"means {said}"  # "Increasing the size of the instance"
    if first in ("a", "an", "the") and not _SENTENCE_VERB.search(said):
        return f"is {said}"
    return ""


def _plural(term: str) -> bool:
    """Whether a term reads as a plural ("Route tables", "Subnets", "Roles"), to ask
    "What are ...?"; a few names end as plurals do ("Kubernetes")."""
    head = re.split(r"\s+(?:for|of|in|on|with|to|from|by|or)\s+|\s*[(/]", plain(term))[0]
    words = head.split()  # "Recycle Bin for EBS Snapshots" is one bin
    last = words[-1] if words else ""
    if re.fullmatch(r"[A-Z0-9]{2,6}s", last):
        return True  # "SGs", "AZs", "VPCs": an acronym's plural
    if not last.isalpha() or last.isupper() or len(last) < 4 or not last.endswith("s"):
        return False
    if last.endswith(("ss", "us", "is", "ics", "ias")):  # "Alias", "Kinesis", "Redis"
        return False
    return len(words) > 1 or last.islower() or not last.endswith("es") or last.casefold() not in _NAMES_IN_ES


# names that end as plurals do: "What is Kubernetes?", but "What are Roles?"
_NAMES_IN_ES = frozenset({"kubernetes", "hermes", "ares", "mercedes"})


def _article(term: str) -> str:
    """ " a" / " an" before a common noun in lower case ("What is a hosted zone?"); ""
    before a name, a plural, a mass noun, or a term with digits, code or capitals."""
    words = plain(term).split()
    if not words or not term[:1].islower() or _plural(term) or any(not w.isalpha() for w in words):
        return ""
    if _MASS_NOUN.search(words[-1]):
        return ""  # "What is replication?"
    if len(words) == 1 and _TOOL_ENDING.search(words[0]):
        return ""  # "kubectl", "etcd": a program's name ends as no English noun does
    return " an" if words[0][:1] in "aeio" else " a"


_MASS_NOUN = re.compile(
    r"(?:ity|ness|ing|tion|sion|ment|ance|ence|ism|age|ware|data|traffic|latency|throughput|access|security|"
    r"logic|information|knowledge|research|advice|equipment|software|hardware|tenancy|capacity|durability)$",
    re.I,
)


_TOOL_ENDING = re.compile(
    r"(?!ct|nt|st|rd|rt|ck|ll|ss|sh|ch|th|ng|nd|rk|lt|mp|ft|pt|xt|rn|rm|rl|wn|ld|lk|sk|sp)[^aeiouy\W]{2}$"
)


def _best_line(text: str) -> str:
    """Of the descriptions a fact gathered from several places (one per line), the first
    that is said in words ("for reverse lookups, from an IP to a name") rather than in
    shorthand ("IP → name"), and whole rather than leaning on a word before it ("maps it
    to IPv6"); the first when none is."""
    lines = [line for line in text.split("\n") if line.strip()]
    worded = [line for line in lines if len(line.split()) >= 3 and not re.search(r"→|->|=>|=", line)]
    # "AAAA maps it to IPv6" leans on a sentence before it: another line says it whole
    leans = re.compile(r"\b(?:it|them|this|that)\b", re.I)
    whole = [line for line in worded if not leans.search(line)] or [line for line in lines if not leans.search(line)]
    return (whole or worded or lines or [""])[0]


def _unspelled(text: str, name: str) -> str:
    """A clue without a first phrase that spells its answer: "text. domain verification,
    SPF" asking for TXT keeps "domain verification, SPF"; "" when nothing else is left."""
    m = re.match(r"^\s*([^.,;:()—–]+?)\s*(?:[.,;:—–]\s*|\s+-\s+|$)(.*)$", text, re.S)
    if not m or not _spells_out(name, m.group(1)):
        return text
    rest = m.group(2).strip()
    return rest[:1].upper() + rest[1:] if len(rest.split()) >= 2 else ""


def _spelled_in(name: str, text: str) -> bool:
    """Whether one word of a clue spells the name it asks for: "carry arbitrary text"
    for TXT, "reverse pointer" for PTR."""
    letters = re.sub(r"[^a-z0-9]", "", name.casefold())
    if len(letters) < 2:
        return False
    for word in re.findall(r"[a-z]+", plain(text).casefold()):
        rest = iter(word)
        if word[:1] == letters[0] and len(word) <= len(letters) + 5 and all(c in rest for c in letters):
            return True
    return False


def _spells_out(name: str, phrase: str) -> bool:
    """Whether a short phrase starts with the name's letters, in order: "service" spells
    SRV, "pointer" PTR, "canonical name" CNAME."""
    letters = re.sub(r"[^a-z0-9]", "", name.casefold())
    words = phrase.casefold().split()
    if len(letters) < 2 or not words or len(words) > 4:
        return False
    joined = iter("".join(words))
    return words[0].startswith(letters[0]) and all(c in joined for c in letters)


def _named_in(term: str, text: str) -> bool:
    """Whether a text names the term, so that a card asking for the term would show
    its answer: its words in order, or one of them starting a longer word ("Random"
    in "randomly")."""
    if re.fullmatch(r"[A-Z0-9]{1,5}", term.strip()):
        # a record type or an acronym: "A" is not the article in "maps a hostname"
        return re.search(rf"(?<![\w-]){re.escape(term.strip())}(?![\w-])", plain(text)) is not None
    words, said = normalise(term).split(), normalise(text)
    if not words:
        return False
    if re.search(rf"(?<!\w){re.escape(' '.join(words))}", said):
        return True
    if len(words) == 1 and any(
        # "route53" in "Route 53", "ec2" in "EC 2"
        "".join(run) == words[0]
        for n in (2, 3)
        for run in zip(*(said.split()[k:] for k in range(n)), strict=False)
    ):
        return True
    return any(len(w) >= 4 and re.search(rf"(?<!\w){re.escape(w)}", said) for w in words if len(words) == 1)


def _given_in(term: str, clause: str) -> bool:
    """Whether a clue gives its answer away: it names the term, or the stem of a
    one-word term ("Weighted" in "splits by relative weight")."""
    if _named_in(term, clause):
        return True
    words = normalise(term).split()
    stem = re.sub(r"(?:ed|ing|ly|er)$", "", words[0]) if len(words) == 1 else ""
    return len(stem) >= 4 and re.search(rf"(?<!\w){re.escape(stem)}", normalise(clause)) is not None


def _protocol_name(protocol: str) -> str:
    """A protocol written in lower case, as it is usually spelled: "ssh" -> "SSH",
    "mysql" -> "MySQL"; anything written with a capital stays as written. A name the
    notes wrote with its "port" ("HTTPS port = 443", "MySQL default port = 3306") is
    asked without it (the fact keeps the name as written)."""
    protocol = _PORT_WORD.sub("", protocol) or protocol
    if protocol != protocol.lower():
        return protocol
    return _SPELLED.get(protocol, protocol.upper() if protocol in _ACRONYM_PROTOCOLS else protocol)


_PORT_WORD = re.compile(r"\s+(?:(?:default\s+)?ports?|default)$", re.I)
_ACRONYM_PROTOCOLS = frozenset(
    "ssh sftp ftp ftps tftp scp smtp smtps dns http https rdp ntp pop3 pop3s imap imaps ldap ldaps nfs smb "
    "snmp tls ssl vnc nntp sip rtsp mqtt amqp bgp dhcp".split()
)
_SPELLED = {
    "telnet": "Telnet", "mysql": "MySQL", "mariadb": "MariaDB", "postgres": "Postgres", "postgresql": "PostgreSQL",
    "redis": "Redis", "memcached": "Memcached", "oracle": "Oracle", "kerberos": "Kerberos", "mongodb": "MongoDB",
    "mssql": "MS SQL", "redshift": "Redshift", "kafka": "Kafka", "elasticsearch": "Elasticsearch", "grpc": "gRPC",
}  # fmt: skip


# a record's meaning that only names what it points to: "IPv4", "another hostname, not
# at the apex", "AWS resource (ELB, CloudFront, ...)"
_TARGET = re.compile(
    r"(?:an?\s+|the\s+|another\s+|other\s+)?(?:ipv4|ipv6|ip(?:v[46])?\s+address(?:es)?|host\s?names?|"
    r"(?:domain\s+)?names?|aws\s+(?:resources?|services?))\s*(?=[,(;.]|$)",
    re.I,
)


# a record's meaning written as a mapping: "name → IPv4", "IP -> host (reverse)", "hostname
# to another hostname"
_MAPPING = re.compile(
    r"^\s*(?:(?:[\w.-]+\s+)?[\w.-]+\s*(?:→|->)|(?:(?:host|domain)\s?names?|names?|hosts?|domains?|ip(?:v[46])?"
    r"(?:\s+address(?:es)?)?|zones?)\s+to)\s+\S",
    re.I,
)
_MAPS = re.compile(r"(?:maps|points|resolves|translates|routes|sends)\s", re.I)
# a meaning that names what the record says: "which CAs may issue certs for the domain"
_SAYS_WHICH = re.compile(r"^\s*(?:which|who|what|where|how)\b", re.I)
# a meaning that says what kind of thing the record is: "Route 53 extension"
_RECORD_KIND = re.compile(r"\b(?:extension|record(?:\s+type)?|feature)$", re.I)
# "a list of the mail servers": a noun phrase that says what the record holds, not its kind
_SAYS_OF_ITSELF = re.compile(r"an?\s+(?:same|opposite|other|list|set|\w+\s+servers?)\b", re.I)
# what a record is used for, said as such: "for ...", "used to ..."
_USED = re.compile(r"(?:(?:is\s+|are\s+)?used\s+(for|to|in|by|when)|(for|to))\s+(?=\w)", re.I)


def _dns_form(said: str) -> str:
    """Which question a DNS record's meaning answers: "target" (it names what the record
    points to), "map" ("name → IPv4"), "does" (a verb: "maps a hostname to IPv6"),
    "specify" ("which CAs may issue certs"), "is" ("Route 53 extension"), "for" ("for
    reverse lookups", or a noun phrase: "the mail servers of a domain"), or "other" (several
    traits, "free text, SPF, verification", or a fragment)."""
    text = plain(said or "").strip()
    bare = re.sub(r"\s*\([^()]*\)", "", text).rstrip(" .")
    if _TARGET.match(text):
        return "target"
    if _MAPPING.match(text) and not _MAPS.match(text):
        return "map"  # not "maps name → IPv4", which says its verb
    form = meaning_form(text)
    # "list the mail servers", "carry text": a verb said plainly; not "Route 53 extension"
    if form == "does" or text.startswith("has ") or text[:1].islower() and third_person(text) != text:
        return "does"
    if _SAYS_WHICH.match(text):
        return "other" if re.match(r"\w+\s+(?:record|dns)\b", text, re.I) else "specify"
    if _USED.match(text):
        return "for"
    if form == "defines" and re.match(r"an?\s+\w", text, re.I) and not _SAYS_OF_ITSELF.match(text):
        return "is"  # "an AWS extension, free queries": what kind of record it is
    if re.search(r"[,;|—–]", bare) or len(bare.split()) > 8 or form not in ("defines", "for"):
        return "other"
    if not re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:for|to|used|the|an?)\b", "", bare, flags=re.I)):
        return "other"  # "for", "a": what is left of a cut line
    if _RECORD_KIND.search(bare):
        return "is"
    return "for"


def _used_for(said: str) -> str:
    """A meaning as what a record is used for: "for reverse lookups" -> "used for reverse
    lookups", "to prove you own the domain" -> "used to prove you own the domain", "the
    mail servers" -> "used for the mail servers"."""
    text = said.strip().rstrip(".")
    m = _USED.match(text)
    if not m:
        return "used for " + text
    return f"used {(m.group(1) or m.group(2)).lower()} {text[m.end() :].strip()}"


def _a_kind(said: str) -> str:
    """A kind of thing with its article, without what the meaning adds after it: "Route
    53 extension" -> "a Route 53 extension", "AWS extension, free queries" -> "an AWS
    extension"."""
    text = re.split(r"[,;]\s", said.strip())[0].rstrip(".")
    if re.match(r"(?:an?|the)\s|\S+(?:\s+\S+)?['’]s\s", text, re.I):
        return text  # "the zone's record", "Route 53's own extension"
    return ("an " if re.match(r"[aeiouAEIOU]|[FHLMNRSX](?:[A-Z0-9]|\s)", text) else "a ") + text


def _target_of(said: str) -> str:
    """What a record points to, without asides or later clauses or notes: "AWS resource
    (ELB, CloudFront), works at apex" -> "AWS resource", "other hostname. not at the apex"
    -> "other hostname"."""
    stops = _top_level(said, _FULL_STOP.pattern)  # (not inside brackets: "(i.e. not example.com)")
    said = said[: stops[0][0]] if stops else said
    return re.sub(r"\s*\([^()]*\)", "", said).split(",")[0].split(";")[0].strip().rstrip(".")


def _record_meaning(meaning: str) -> str:
    """A DNS record's meaning without the other record types listed after it ("MX →
    mail, TXT, NS, SOA": mail); the notes after it stay ("other hostname. can't be at
    the apex" tells CNAME from Alias), but for the reverse card's clue (`_target_of`)."""
    items = _top_level(meaning, r",\s+")
    pieces = [without_asides(p).strip(" .") for p in _pieces(meaning, 0, items)]
    for k in range(1, len(pieces) - 1):
        if sum(p in DNS_RECORD_TYPES for p in pieces[k:]) >= 2:
            return meaning[: items[k - 1][0]]  # "mail, TXT, NS, ...": the types are another list
    return meaning


_NEED_ASKED = re.compile(r"(?:What meets this need|Which [\w ]{1,40} fits):")


def _naming(question: str, heading: str) -> str:
    """A question that says "it" for what its heading names, with the name: "How to
    enable it?" under "X-Ray" -> "How to enable X-Ray?". Only a short name (with a
    capital), and a question with one "it"."""
    subject = _topic(heading) if heading else ""
    if _NEED_ASKED.match(question):
        return question  # "What meets this need: ..., when it must scale?": "it" is the need's own
    if not subject or len(subject.split()) > 3 or subject == subject.lower() or _ASKS.match(subject):
        return question
    if len(re.findall(r"\bit\b", question, re.I)) != 1 or not question.rstrip().endswith("?"):
        return question
    named = re.sub(r"\bit\b", lambda m: subject, question, count=1, flags=re.I)
    return re.sub(r"\s+\?$", "?", named.rstrip())


# a meaning that only names a cloud service model: what kind of service, not what it is
_SERVICE_MODEL = re.compile(
    r"(?:an?\s+)?(?:(?:Infrastructure|Platform|Software|Functions?|Containers?|Database)[- ]as[- ]an?[- ]Service"
    r"(?:\s*\([IPSFCD]aaS\))?|[IPSFCD]aaS)\.?",
    re.I,
)


def _lists(heading: str, subject: str) -> bool:
    """Whether a heading lists several subjects, this one among them: "cloudfront / kms /
    iam / ASG" lists KMS, "SQS, SNS and Kinesis" lists SNS."""
    said = plain(heading or "")
    if not _SEVERAL.search(said):
        return False
    return re.search(rf"(?<!\w){re.escape(normalise(subject))}(?!\w)", normalise(said)) is not None


_SEVERAL = re.compile(r"\w\s*(?:/|,|&|\+)\s*\w|\w\s+(?:and|vs\.?|versus)\s+\w", re.I)


def _side_of(heading: str, subject: str) -> str:
    """The subject as a heading that compares it names it: "Flexible" under "Glacier
    Flexible vs Deep Archive" is "Glacier Flexible"; the subject itself otherwise."""
    named = [s for s in _heading_sides(heading) if _mentions(s, subject)]
    return named[0] if len(named) == 1 and len(named[0]) > len(subject) else subject


_ANSWER_LABEL = re.compile(
    rf"^\s*(?:(?:\*\*|__)?(?:a|answer|ans|{ANSWERERS})"
    r"\s*[:.]\s*(?:\*\*|__)?|[✅✔☑]\ufe0f?"
    # "Sam said: ...", "Priya says: ...": a study buddy's answer, told as theirs
    r"|(?:\*\*|__)?(?-i:[A-Z][a-z]{1,15})\s+(?:said|says|answered|replied)(?:\*\*|__)?\s*:(?:\*\*|__)?)\s*",
    re.I,
)  # "A:", "Answer:", a dialogue's "Tutor:", the tick a drill marks its answers with ("✅ No.")
# "Q for Sam: ...", "Question to Priya: ...": a question put to a study buddy
_ASKED_OF = re.compile(r"^\s*(?:\*\*|__)?(?:Q|Question)\s+(?:for|to)\s+([A-Z][a-z]{1,15})(?:\*\*|__)?\s*:\s*(?=\S)")


def _without_asked_of(question: str) -> str:
    """ "Q for Sam: ...?" -> "...?"; not "Q for Lambda: ...", a question about a service."""
    m = _ASKED_OF.match(question)
    return question[m.end() :] if m and not names_a_cloud_service(m.group(1)) else question


def _marked(number: Number, tied: Mapping[tuple[int, int], int] | None = None) -> str:
    """The number's sentence with each value held out as a mark ("CLOZEMARK0X"), and
    each figure `tied` to a value's gap as another ("CLOZETIE0X")."""
    text, last, parts = number.text, 0, []
    marks = [(span, f"CLOZEMARK{k}X") for k, span in enumerate(number.values)]
    marks += [(span, f"CLOZETIE{j}X") for j, span in enumerate(tied or {})]
    for (start, end), mark in sorted(marks):
        parts.append(text[last:start])
        parts.append(mark)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _subject_needed(number: Number) -> bool:
    """Whether a card must say what its sentence is about: the sentence does not name
    it, or the card shows a part of the sentence that does not ("**DynamoDB** is ...;
    items are limited to [...] KB" shows its second clause alone)."""
    if not number.subject:
        return False
    opening = _opening_name(plain(number.text))
    if opening and not _mentions(number.subject, opening) and not _mentions(opening, number.subject):
        # "Kinesis Data Streams retention 24 h" names its own, whoever the notes around it
        # name; a part of a thing ("GSI default 20") only beside another part ("LSI")
        part_of = opening.split()[0].casefold() in FEATURE_WORDS
        if not part_of or number.subject.split()[0].casefold() in FEATURE_WORDS:
            return False
    if not _mentions(number.text, number.subject):
        return True
    source = _marked(number)
    cuts = _part_cuts(source)
    if not cuts:
        return False
    lead = _lead_of(source, cuts)
    if lead and _mentions(lead.group(), number.subject):
        return False
    pieces = _pieces(source, lead.end() if lead else 0, cuts)
    # a part that sets a name in bold ("whereas **read replicas** are ...") or opens with
    # one ("and io2 Block Express goes up to ...") says what it is about
    return any(
        "CLOZEMARK" in p and "**" not in p and not _OPENS_WITH_NAME.match(p) and not _mentions(p, number.subject)
        for p in pieces
    )


def _opening_name(text: str) -> str:
    """The name of a thing of its own a sentence opens with: a volume type ("gp2 = 3 IOPS
    per GiB"), a service's word ("Kinesis ..."), its capitals ("SQS", "EC2"), with the
    capitalised words after it ("Kinesis Data Streams"), or a part of one ("GSI", "PITR");
    "" for a unit or a word in mixed case ("NoSQL")."""
    m = re.match(r"^\W{0,3}([A-Za-z][\w-]*)((?:\s+[A-Z][\w-]*){0,2})(?![\w-])", text)
    if not m:
        return ""
    first, more = m.group(1), m.group(2)
    if re.fullmatch(r"IOPS|[KMGTP]i?B|AZs?|SLA|AWS|Amazon|OK", first):
        return ""
    if first.casefold() in FEATURE_WORDS:
        return first if first.isupper() else ""  # "GSI", "PITR": a part of a thing, its caller decides
    named = (
        EBS_TYPE_PATTERN.fullmatch(first) is not None
        or first.casefold() in SERVICE_WORDS
        or re.fullmatch(r"[A-Z]{2,5}\d?|[A-Z]+\d[A-Z]*", first) is not None
    )
    return f"{first}{more}" if named else ""


# "Glacier Deep Archive", "io2 Block Express", "DynamoDB": a name, not a sentence's first word
_OPENS_WITH_NAME = re.compile(
    r"\s*(?!CLOZEMARK|(?:The|A|An|Max|Min|Each|Every|All|Some|Most|This|That|These|Those|Its|Their)\b)"
    r"(?:[A-Z][\w-]*\s+[A-Z]|\w*[A-Z]\w*[A-Z]|\w*\d)"
)


def _mentions(text: str, name: str) -> bool:
    """Whether a text names a subject, as a word or the start of one ("AZ" in "3+ AZs";
    not "RDS" in "records")."""
    return re.search(rf"(?<![a-z0-9]){re.escape(normalise(name))}", normalise(text)) is not None


_LINE_COMMENT = re.compile(r"[ \t]+#[ \t]+(?!\d+\s*$)([^#()\n]+?)[ \t]*$")


def _cloze_html(number: Number, renderer: Renderer, heading: str = "") -> str:
    """The number's sentence rendered from Markdown, each value an Anki cloze: the
    values are held out of the Markdown while it renders, then put back. The same
    value said twice is one cloze, so that its card hides both."""
    text = number.text
    # a figure no longer a gap (number.skipped) still holds the number it had, so that
    # the cards of the gaps after it keep theirs
    every = sorted([(span, True) for span in number.values] + [(span, False) for span in number.skipped])
    numbered, top = cloze_numbers(text, [span for span, _kept in every], [kept for _span, kept in every])
    numbered = [n for n, (_span, kept) in zip(numbered, every, strict=True) if kept]
    # "7-30 days (default 30)": the default, no gap of its own, is hidden on the
    # range's card, which it would answer
    tied = {span: k for span in number.skipped if (k := tied_to(text, span, number.values, number.skipped)) is not None}
    # "900 s = 15 min", "7-30 days (default 30)": one gap answered whole, where the
    # figure it says again follows it at once (the numbers stay those counted above)
    together = hidden_together(text, number.values, number.skipped)
    if together:
        values = list(number.values)
        for k, (span, taken) in together.items():
            values[k] = span
            for t in taken:
                del tied[t]
        gone = {t for _span, taken in together.values() for t in taken}
        number = replace(number, values=tuple(values), skipped=tuple(s for s in number.skipped if s not in gone))
    # "WRONG, it keeps them 14 days": the word that took back the claim before it
    source = _RETRACTION_LEAD.sub("", _marked(number, tied), count=1)
    # "standard_ia: 30d   # min 128 KB billed": a settings line's comment, shown as an aside
    source = _LINE_COMMENT.sub(r" (\1)", source) if " # " in source else source
    if heading and _wordless(number):
        # "5 (first four + last one)" under "#### reserved IPs per subnet": a value with
        # no words of its own is asked with its heading
        source = f"{heading.split(' · ')[-1]}: {source}"
    _apart_by_part(source, numbered, top)
    html = _in_parts(renderer, source, _heading_sides(heading))
    # "2024-03-19 — S3 performance: ...": a study log's date says when, not what (left out
    # only now, once the gaps are numbered and the parts cut as they always were)
    dated = _DIARY_DATE.match(source)
    if dated:
        html = html.replace(Markup.escape(dated.group()), "", 1)
    # "Spot — KEY: up to 90% off": a mark of what to learn, in capitals, not what is learnt
    html = EMPHASIS_MARK.sub("", html) if ":" in html else html
    for j, ((start, end), k) in enumerate(tied.items()):
        before, hidden, after = _hidden_part(text[start:end])
        cloze = f"{Markup.escape(before)}{{{{c{numbered[k]}::{Markup.escape(hidden)}}}}}{Markup.escape(after)}"
        html = html.replace(f"CLOZETIE{j}X", cloze, 1)
    parts = [_hidden_part(text[start:end]) for start, end in number.values]
    for k, (start, end) in enumerate(number.values):
        value = text[start:end]
        before, hidden, after = parts[k] if k not in together else ("", value, "")
        if any(p[1] == hidden and text[a:b] != value for p, (a, b) in zip(parts, number.values, strict=True)):
            before, hidden, after = "", value, ""  # "max 5 TB, one PUT [...] GB" would show its 5
        cloze = f"{Markup.escape(before)}{{{{c{numbered[k]}::{Markup.escape(hidden)}}}}}{Markup.escape(after)}"
        html = html.replace(f"CLOZEMARK{k}X", cloze, 1)
    if _led_by_index(text, number.values, numbered):
        # "2 - VPN = 2 tunnels": the figure a sorted list leads the line with is left out,
        # the same gap said after it kept
        html = re.sub(rf"\{{\{{c{numbered[0]}::[^{{}}]*\}}\}}\s+[-–—]\s+", "", html, count=1)
    return html


def _led_by_index(text: str, values: Sequence[tuple[int, int]], numbered: Sequence[int]) -> bool:
    """Whether a line's first gap is the index of a list sorted by its figures, the same
    gap said again after it ("2 - Site-to-Site VPN = 2 tunnels per connection")."""
    if (
        not values
        or values[0][0] != len(text) - len(text.lstrip())
        or not re.match(r"\s+[-–—]\s+", text[values[0][1] :])
    ):
        return False
    first = re.fullmatch(r"\d+", text[values[0][0] : values[0][1]])
    if not first:
        return False
    return any(
        re.match(rf"{first.group()}(?![\d,.])", text[a:b]) and numbered[k] == numbered[0]
        for k, (a, b) in enumerate(values[1:], 1)
    )


def _wordless(number: Number) -> bool:
    """Whether a number's sentence says nothing but its values ("5 (first four + last
    one)"): its card asks it with its heading."""
    source = _marked(number, dict.fromkeys(number.skipped, 0))
    return not re.search(r"[^\W\d_]", re.sub(r"CLOZE(?:MARK|TIE)\d+X", "", source))


_DIARY_DATE = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\s*(?:—|–|-|:|\|)\s+(?=\S)")
_RETRACTION_LEAD = re.compile(r"^(?:(?:wrong|incorrect|nope)\b\s*[!.,:;—–→>-]|❌|✗)[\s!.,:;—–→>-]*(?=\S)", re.I)


def _apart_by_part(source: str, numbered: list[int], top: int) -> None:
    """A value said again in another part of a line ("single PUT 5 GB; multipart
    required > 5 GB") is a fact of that part: its own cloze, numbered after the others
    so that the cards the line made before keep their numbers. A card shows only the
    parts of its own gap, so the other part does not give it away."""
    cuts = _part_cuts(source)
    if not cuts or len(numbered) < 2:
        return
    # "Timeout: 3 s <br> Memory: 128 MB": lines typed apart have no lead in common
    lead = None if _apart_lines(source, cuts) else _lead_of(source, cuts)
    if lead and "CLOZEMARK" in lead.group():
        return  # the card shows the whole line (_in_parts): a figure said twice is one gap
    starts = [lead.end() if lead else 0, *(b for _a, b in cuts)]
    part = [bisect.bisect_right(starts, source.find(f"CLOZEMARK{k}X")) - 1 for k in range(len(numbered))]
    first_part = {}
    for k, n in enumerate(numbered):
        first_part.setdefault(n, part[k])
    extra: dict[tuple[int, int], int] = {}
    for k, n in enumerate(numbered):
        if part[k] != first_part[n]:
            if (n, part[k]) not in extra:
                top += 1
                extra[(n, part[k])] = top
            numbered[k] = extra[(n, part[k])]


def _heading_sides(heading: str) -> list[str]:
    """The things a heading compares: "gp2 vs gp3" -> ["gp2", "gp3"]; [] for others."""
    sides = [s.strip() for s in re.split(r"\s+(?:vs\.?|versus)\s+", plain(heading or ""), flags=re.I)]
    return sides if len(sides) > 1 and all(0 < len(s.split()) <= 4 for s in sides) else []


def _in_parts(renderer: Renderer, source: str, sides: Sequence[str] = ()) -> str:
    """A line of several facts ("retention 1 min-14 days | delay 0-15 min | long poll
    1-20 s") rendered as parts, each in its own span: a card shows the lead and the part
    its gap is in, not the whole line (style.css, and `shown_part` for the preview).
    Anki keeps one sentence per note, and the note's identity, whatever it shows."""
    cuts = _part_cuts(source)
    if not cuts:
        return renderer.inline(source)
    # "Timeout: 3 s <br> Memory: 128 MB": lines typed apart have no lead in common
    lead = None if _apart_lines(source, cuts) else _lead_of(source, cuts)
    if lead and "CLOZEMARK" in lead.group():
        return renderer.inline(source)  # "the 7 Rs: retire | retain | ...": the lead asks, the parts answer
    start = lead.end() if lead else 0
    # each part with the separator before it: ("", first), (" | ", second), ...
    seps = [(start, start), *cuts]
    ends = [a for a, _b in cuts] + [len(source)]
    head = renderer.inline(source[:start]) + " " if start else ""
    if lead and lead.group().endswith("("):
        # "DynamoDB (NoSQL; item 400 KB; ...)": the name leads its parts, as "DynamoDB:"
        head = renderer.inline(source[: start - 1].rstrip()) + ": "
        ends[-1] = source.rstrip(" .").rfind(")")
    html = [head, _PARTS_LED if start else _PARTS_OPEN]
    # "throughput — max 250 MiB/s || 125 MiB/s baseline" under "gp2 vs gp3": each side
    # of a comparison row says which thing it is about
    compared = len(sides) == len(seps) and all(source[a:b].strip() == "||" for a, b in cuts)
    for n, ((sep_start, sep_end), end) in enumerate(zip(seps, ends, strict=True)):
        said = source[sep_start:sep_end]
        said = "<br>" if re.fullmatch(_TYPED_BREAK, said) else Markup.escape(said)
        sep = f'<span class="sep">{said}</span>' if sep_end > sep_start else ""
        side = f"<b>{Markup.escape(sides[n])}</b>: " if compared else ""
        html.append(f"{_PART_OPEN}{sep}{side}{renderer.inline(source[sep_end:end])}</span>")
    html.append("</span>")
    return "".join(html)


_TYPED_BREAK = r"\s*<[bB][rR]\s*/?>\s*"


def _apart_lines(source: str, cuts: Sequence[tuple[int, int]]) -> bool:
    """Whether a line's parts are lines typed apart by "<br>": they share no lead, for a
    first line's own key ("Lambda timeout: 15 min <br> memory 10 GB") cannot be told
    from a lead the lines share, and would mislead as the lead of the others."""
    return all(re.fullmatch(_TYPED_BREAK, source[a:b]) for a, b in cuts)


def _part_cuts(source: str) -> list[tuple[int, int]]:
    """Where a line of several facts splits: each top-level " | ", " || " or " ; " (not
    inside brackets or `code`; prose's "a; b" leans on what comes before), as the
    separator's start and end; none for a short line (but for a row comparing two
    things, "a || b"), or one whose Markdown (**bold**, `code`) spans a cut."""
    if "\n" in source:
        # points a line (numbers._lined, numbers._pointed): each line a part, and within
        # it the parts the line read as one had, so that a figure said again in another
        # part keeps the cloze of its own it had (see `_apart_by_part`)
        cuts = _union(
            [(m.start(), m.end()) for m in _LINE_BREAK.finditer(source)], _one_line_cuts(source.replace("\n", " "))
        )
    else:
        cuts = _one_line_cuts(source)
    if not cuts:
        return []
    pieces = _pieces(source, 0, cuts)
    if any(p.count("**") % 2 or p.count("__") % 2 or p.count("`") % 2 for p in pieces):
        return []
    return cuts


def _one_line_cuts(source: str) -> list[tuple[int, int]]:
    if "<br" in source or "<BR" in source:
        # "NFS → 2049 <br> SMB → 445": a line break typed as HTML parts a line's facts
        cuts = _top_level(source, _TYPED_BREAK, code=True)
        if cuts:
            return cuts
    cuts: list[tuple[int, int]] = _bracket_list_cuts(source)
    if cuts:
        return cuts
    if len(source.split()) > _PARTS_WORDS or " || " in source:
        cuts = _top_level(source, r"\s+(?:\|\|?|;|·)\s+", code=True)
    if cuts:
        return cuts
    cuts = _slash_cuts(source)
    if cuts:
        return cuts
    comma, relaxed = _comma_cuts(source)
    if comma and relaxed:
        # cut at commas only since figures and asides count for no length: with the cuts
        # the line had before, so that no two of its parts become one
        return _union(comma, _semicolon_cuts(source) or _clause_cuts(source) or _sentence_cuts(source))
    cuts = comma or _semicolon_cuts(source) or _clause_cuts(source) or _sentence_cuts(source)
    # a wall of text is cut at its commas too, past the pieces the cuts above found
    return _union(cuts, _wall_cuts(source)) if cuts else _wall_cuts(source)


def _wall_cuts(source: str) -> list[tuple[int, int]]:
    """A wall of text (a paragraph of run-on notes, "SQS is the pull queue, FIFO = exactly
    once ..., 300 msg/s or 3,000 with batching, retention default 4 days, 1 min to 14
    days, ...") cut at its commas and full stops, so that a card shows the piece its gap
    is in: a piece with no figure goes with the one after it (it says what that one's
    figures are of), and one that opens with a figure or is a word or two goes with the
    one before it ("retention default 4 days, 1 min to 14 days")."""
    if len(_BRACKETED.sub("", source)) <= _WALL or "`" in source:
        return []
    cuts = _top_level(_unclosed_out(source), r",\s+(?!\d{3}\b)|(?<=[a-z0-9%)])\.\s+(?=\S)")
    pieces = _pieces(source, 0, cuts)
    kept: list[tuple[int, int]] = []
    start = 0  # where the piece being gathered starts
    for n, cut in enumerate(cuts):
        before, after = source[start : cut[0]], pieces[n + 1]
        figured = re.search(r"\d|CLOZEMARK", before) is not None
        named = _OPENS_WITH_NAME.match(after) is not None and not _FIGURE_FIRST.match(after)
        # a piece gathers what follows it up to a line's length ("FIFO = exactly once, 300
        # msg/s, or 3,000 with batching"), and one that opens with a name starts its own
        # ("io1 4 GiB-16 TiB, ..."), as one after a gathered piece past that length does
        if figured and (named or len(before) > _WALL_PIECE and not _GOES_ON_PIECE.match(after)):
            kept.append(cut)
            start = cut[1]
    return kept if len(kept) >= 2 else []


def _unclosed_out(source: str) -> str:
    """The text with each bracket that never closes blanked ("(launch configs are legacy
    … policies are ...", a sentence cut inside its aside), so that what follows is read
    at the top level; the same length, so positions hold."""
    opened: list[int] = []
    for i, c in enumerate(source):
        if c == "(":
            opened.append(i)
        elif c == ")" and opened:
            opened.pop()
    chars = list(source)
    for i in opened:
        chars[i] = " "
    return "".join(chars)


_WALL = 260  # characters, asides left out: a shorter sentence is read whole
_WALL_PIECE = 120  # characters a piece of a wall gathers before what follows starts another
# a piece that goes on from the one before it: "or 3,000 with batching", "max 250 MiB/s"
_GOES_ON_PIECE = re.compile(r"\s*(?:or|and|but|while|whereas|which|so|then|max|min|up to|CLOZEMARK)\b", re.I)


def _bracket_list_cuts(source: str) -> list[tuple[int, int]]:
    """ "DynamoDB (NoSQL; item 400 KB; GSI 20 default; PITR 35 d)": a name and its facts
    packed in one bracket, set apart by semicolons (two at least); cut at each of them."""
    m = _BRACKET_LIST.match(source)
    if not m or "CLOZEMARK" in m.group(1):
        return []
    cuts = [(m.start(2) + a, m.start(2) + b) for a, b in _top_level(m.group(2), r";\s+")]
    return cuts if len(cuts) >= 2 else []


# a name of a few words, then all the rest of the line in one bracket
_BRACKET_LIST = re.compile(r"^([^()\n;|:]{1,40}?)\s*\(((?:[^()]|\([^()]*\))*)\)[\s.]*$")


def _union(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Two sets of cuts as one, in order; a cut that overlaps one kept before it is left out."""
    out: list[tuple[int, int]] = []
    for cut in sorted(first + second):
        if not out or cut[0] >= out[-1][1]:
            out.append(cut)
    return out


def _pieces(source: str, start: int, cuts: Sequence[tuple[int, int]]) -> list[str]:
    """The text between `start` and each cut (a separator's start and end), and after the last."""
    starts = [start, *(b for _a, b in cuts)]
    ends = [*(a for a, _b in cuts), len(source)]
    return [source[a:b] for a, b in zip(starts, ends, strict=True)]


def _comma_cuts(source: str) -> tuple[list[tuple[int, int]], bool]:
    """ "sqs - msg 256 KB, retention 1 min-14 d (def 4 d), visibility 0-12 h, long poll
    20 s": a key's list of figures set apart by commas, each short and with a figure of
    its own (three at least); none for a sentence with commas."""
    lead, cuts = _cuts_after_lead(source, r",\s+(?:(?:and|or)\s+)?")
    if lead is None:
        return [], False
    pieces = _pieces(source, lead.end(), cuts)
    if len(pieces) >= 3 and not all(re.search(r"\d|CLOZEMARK", p) for p in pieces):
        return _listed_cuts(source, lead.end(), cuts), True
    if len(pieces) < 3:
        return [], False
    # "parts 5 MB-5 GB, max 10,000", "timeout 15 min, default 3 s": a "max" alone is the
    # piece before's, and stays with it
    cuts = [cut for cut, after in zip(cuts, pieces[1:], strict=True) if _names_its_figure(after)]
    pieces = _pieces(source, lead.end(), cuts)
    if len(pieces) < 3:
        return [], False
    if all(len(p.split()) <= 8 for p in pieces):
        return cuts, False
    # "Glacier Flexible (90 d, expedited 1-5 min / std 3-5 h)": an aside, and a figure,
    # count for no length (then never cut inside quotes: '"Read 4, Write 1"')
    short = all(_words_of(_BRACKETED.sub("", p)) <= 8 for p in pieces)
    quoted = any(p.count('"') % 2 or p.count("“") != p.count("”") for p in pieces)
    return (cuts, True) if short and not quoted else ([], False)


def _listed_cuts(source: str, start: int, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Site-to-Site VPN: 2 tunnels per connection, ~1.25 Gbps per tunnel, IPsec, needs a
    VGW + CGW, over the internet": a name's properties listed after its lead, some with
    figures and some without, each a few words (an aside counts for none); none for a
    sentence ("Note: if you need X, use Y, ...") or a list of one or two figures."""
    if _NO_NAME_LEAD.match(source[:start]):
        return []  # "TIL: hibernate needs ..., RAM < 150 GB, ...": the lead names nothing, the first piece does
    pieces = _pieces(source, start, cuts)[1:]
    # "(1.25 Gbps) each", "up to 15 (5 for Oracle)": a piece that names nothing of its own is the one before's
    cuts = [
        cut
        for cut, after in zip(cuts, pieces, strict=True)
        if _names_its_figure(after, asides=False) and not _LEANS_BACK.fullmatch(_BRACKETED.sub("", after))
    ]
    pieces = _pieces(source, start, cuts)
    figured = [bool(re.search(r"\d|CLOZEMARK", p)) for p in pieces]
    if len(pieces) < 3 or sum(figured) < 2:
        return []
    if any(_words_of(_BRACKETED.sub("", p)) > 8 or _CLAUSE_OPENS.match(p) or _FULL_STOP.search(p) for p in pieces):
        return []
    if any(own and _VERB_FIRST.match(p) for p, own in zip(pieces, figured, strict=True)):
        return []  # "..., and can't stay hibernated > 60 days": whose, the piece before says
    if _KEYED_PIECE.match(pieces[0]) and not any(_KEYED_PIECE.match(p) for p in pieces[1:]):
        return []  # "placement groups — partition = up to 7 per AZ, 100s of instances": all partition's
    if any(p.count('"') % 2 or p.count("“") != p.count("”") or re.search(r"→|->|=>|\s\|\s", p) for p in pieces):
        return []  # a chain, or a pipe that sets apart what the commas list
    return cuts


# a piece whose words point back at the one before: "(1.25 Gbps) each", "2 per AZ too"
_LEANS_BACK = re.compile(
    r"(?:\s|[\d.,~<>≤≥()]|CLOZEMARK\d+X)*(?:[A-Za-z/]{1,6}\s+)?(?:each|apiece|both|too|also|in total|total)[\s.,]*",
    re.I,
)


# a lead that names no thing: "TIL:", "Exam —", "Note:", "Mnemonic:"
_NO_NAME_LEAD = re.compile(
    r"^\W*(?:til|note|nb|tip|exam(?: tip)?|mnemonic|remember|reminder|important|gotcha|trap|why|fyi|recap|summary|"
    r"key points?|facts?|numbers|limits|misc|also|update|edit|lesson|rule(?: \S+)?)\W*$",
    re.I,
)
_VERB_FIRST = re.compile(
    r"\s*(?:can|cannot|can't|could|will|won't|would|must|should|may|might|is|isn't|are|aren't|was|were|has|have|"
    r"does|doesn't|do|don't)\b",
    re.I,
)
_KEYED_PIECE = re.compile(r"\s*[\w/-]+(?:\s+[\w/-]+){0,2}\s*(?:=|:)\s")


# a piece of a sentence, not a property: "if you need more", "they raise it", "so ..."
_CLAUSE_OPENS = re.compile(
    r"\s*(?:if|when|whenever|unless|because|since|so|but|then|otherwise|which|that|who|where|it|its|they|their|"
    r"this|these|those|you|we|i)\b",
    re.I,
)
_BARE_LIMIT = frozenset("max maximum min minimum default def up to upto about around approx ~ only".split())


def _names_its_figure(piece: str, asides: bool = True) -> bool:
    """Whether a piece of a line says what its figure is of, with a word beyond a limit's
    ("max 10,000" says none)."""
    said = piece if asides else _BRACKETED.sub("", piece)  # "up to 15 (5 for Oracle)": the aside names nothing
    words = (w.strip(".,:;()").casefold() for w in said.split() if re.search(r"[A-Za-z]", w) and "CLOZEMARK" not in w)
    return any(w and w not in _BARE_LIMIT for w in words)


def _slash_cuts(source: str) -> list[tuple[int, int]]:
    """ "λ: timeout 3s def → 900s / mem 128MB→10,240MB / /tmp 512MB→10GB": a long line of
    a name's facts set apart by " / " (three at least, two with figures, each short); not
    "TCP / UDP" or "3,500 PUT / 5,500 GET", which are one fact."""
    if len(source.split()) <= _PARTS_WORDS:
        return []
    lead, cuts = _cuts_after_lead(source, r"\s+/\s+")
    if lead is None or len(cuts) < 2:
        return []
    pieces = _pieces(source, lead.end(), cuts)
    figured = sum(1 for p in pieces if re.search(r"\d|CLOZEMARK", p))
    # each piece says what its figure is ("1 / 10 / 100 Gbps" is one list of values)
    worded = all(1 <= _words_of(_BRACKETED.sub("", p)) <= 8 for p in pieces)
    return cuts if figured >= 2 and worded else []


def _words_of(piece: str) -> int:
    """The words of a piece, its figures and gaps left out ("3,500 writes / 5,500 reads
    per sec per prefix" has six)."""
    return sum(1 for w in piece.split() if re.search(r"[A-Za-z]", w) and "CLOZEMARK" not in w)


def _semicolon_cuts(source: str) -> list[tuple[int, int]]:
    """ "Lambda — timeout 3 s default / 900 s max; memory 128 MB–10,240 MB in 1 MB steps;
    concurrency 1,000/region": a name's facts set apart by semicolons after its lead,
    each short, two at least with figures of their own."""
    lead, cuts = _cuts_after_lead(source, r";\s+")
    if lead is None:
        return []
    pieces = _pieces(source, lead.end(), cuts)
    short = all(len(p.split()) <= _PIECE_WORDS for p in pieces)
    # (a figure another file asks is shown as text, and still makes its piece a fact of its own)
    return cuts if short and sum(bool(re.search(r"\d|CLOZEMARK", p)) for p in pieces) >= 2 else []


def _cuts_after_lead(source: str, separator: str) -> tuple[re.Match[str] | None, list[tuple[int, int]]]:
    """A line's lead (None when it has none, or when a gap is in it) and each separator
    after it that is outside brackets, as its start and end."""
    lead = _PART_LEAD.match(source)
    if not lead or "CLOZEMARK" in lead.group():
        return None, []
    return lead, [cut for cut in _top_level(source, separator) if cut[0] > lead.end()]


def _top_level(source: str, separator: str, code: bool = False) -> list[tuple[int, int]]:
    """Each match of `separator` outside brackets (and, with `code`, outside `code`
    spans), as its start and end."""
    cuts, depth, inside = [], 0, False
    for m in re.finditer(rf"[()\[\]`]|{separator}", source):
        token = m.group()
        if token == "`":
            inside = not inside if code else inside
        elif token in "([":
            depth += 1
        elif token in ")]":
            depth = max(0, depth - 1)
        elif not depth and not inside:
            cuts.append((m.start(), m.end()))
    return cuts


_LINE_BREAK = re.compile(r"[ \t]*\n\s*")
_PIECE_WORDS = 16  # a part of a line longer than this is a sentence of its own


def _sentence_cuts(source: str) -> list[tuple[int, int]]:
    """ "msg size 256KB. retention 1min-14d, def 4 days. visibility def 30s, max 12h.":
    terse notes set apart by full stops, each short (three at least, two with gaps),
    none a word cut after its abbreviation ("approx. 30")."""
    cuts = [(m.start(), m.end()) for m in _FULL_STOP.finditer(source)]
    pieces = _pieces(source, 0, cuts)
    if len(pieces) < 3 or sum("CLOZEMARK" in p for p in pieces) < 2:
        return []
    # "msg 256 KB classically (bumped to ... I believe)": an aside is no part of a note's length
    return cuts if all(len(_BRACKETED.sub("", p).split()) <= _NOTE_WORDS for p in pieces) else []


# a full stop between terse notes: after a figure, a unit or a word of three letters or
# more, before the next note (not "e.g. gp3", "approx. 30", "vs. io1")
_FULL_STOP = re.compile(
    r"(?<=[\w%)])(?<![.\s][a-z])(?<!\b(?i:vs|ca|no))(?<!\b(?i:etc|inc|avg))(?<!\b(?i:incl|appr))(?<!\b(?i:approx))"
    r"(?:(?<!\b(?i:max|min))|(?!\.\s+(?:\d|CLOZEMARK)))\.\s+(?=\S)"  # "14 days max. visibility ...", not "max. 30"
)
_NOTE_WORDS = 10


def _clause_cuts(source: str) -> list[tuple[int, int]]:
    """ "Messages are kept for 4 days by default and up to 14 days, the maximum message
    size is 256 KB, and the visibility timeout (30 s by default) hides ...": a long
    sentence of clauses, each with a figure of its own, cut where a clause begins
    (after ";", or a comma before "and", "but", "whereas", "while", "yet" or "so");
    none where a clause leans on the one before ("but its performance ...") or is
    short, nor after words that are no clause ("The default timeout, the time a
    message stays hidden, ...")."""
    if len(source.split()) <= _CLAUSE_WORDS or "`" in source:
        return []
    cuts = _top_level(source, r";\s+|,\s+(?:and|but|whereas|while|yet|so)\s+")
    kept: list[tuple[int, int]] = []
    for cut, piece in zip(cuts, _pieces(source, 0, cuts)[1:], strict=True):
        before = source[kept[-1][1] if kept else 0 : cut[0]]
        opening = _INTRODUCES.match(before) is not None and not _VERB.search(before)
        if _SETS_CONDITIONS.search(_BRACKETED.sub("", before)) or opening or not _a_clause(before, 3):
            # "grows when free space drops under 10%, the shortage has lasted 5 min, ...";
            # "To connect a VPC to your network, a VPN runs ...": one clause
            continue
        if _LEANS.match(piece) or len(piece.split()) < 4 or not _a_clause(piece) or _FIGURE_FIRST.match(piece):
            # "..., but its performance is tied to size" goes on from the clause before;
            # "..., and Glacier Deep Archive 180 days", "a ceiling of 16,000 IOPS" say
            # their verb there; "... when free space falls below 10%, ..., and 6 hours
            # have passed" is one of the conditions the clause before sets
            continue
        kept.append(cut)
    pieces = _pieces(source, 0, kept)
    if len(pieces) < 2 or len(pieces[0].split()) < 4 or sum("CLOZEMARK" in p for p in pieces) < 2:
        return []
    return kept


_CLAUSE_WORDS = 24  # a sentence of fewer words is read whole
# a clause says its own verb: a form of "be", "have" or a modal, or a verb in -s
# before its preposition ("grows up to", "tops out at", "lasts at least")
_VERB = re.compile(
    r"\b(?:is|are|was|were|be|has|have|had|can|cannot|can't|could|will|won't|would|must|may|might|should|"
    r"does|do|did|doesn't|don't|isn't|aren't|max(?:es)? out|tops? out)\b"
    r"|\b(?!(?:hours|minutes|seconds|days|weeks|months|years|reads|writes|requests|messages|calls|times)\b)"
    r"[a-z]{3,}s\s+(?:up|out|to|at|for|from|in|on|only|about|between|after|until|under|over|by|with|into|"
    r"one|a|an|the|its|their|every|each|CLOZEMARK\d+X|\d)\b"
    r"|\b(?:gets|goes|takes|keeps|gives|holds|runs|needs|uses|hides|stores|reaches|supports|allows|lets|costs|"
    r"recommends|suggests|replicates|charges|bills|retains|expires|includes|offers|provides|adds|caps|limits)\b"
)
# a phrase that opens a sentence before its clause: "To connect a VPC to your network, ..."
_INTRODUCES = re.compile(
    r"\s*(?:to|for|in|on|at|by|with|without|after|before|during|unlike|like|apart from|compared to)\s", re.I
)
_BRACKETED = re.compile(r"\([^()]*\)")  # "(if it fails, ...)" is an aside, no condition of the clause
_SETS_CONDITIONS = re.compile(r"\b(?:when|whenever|if|once|unless|until|as soon as)\b", re.I)


def _a_clause(piece: str, own: int = 4) -> bool:
    """Whether a piece of a sentence says something of its own: a verb, or four words
    of its own ("a letter being read stays hidden for 45 s"); not "a ceiling of 16,000
    IOPS" or "and the cold tier 100 days", which lean on the verb before them."""
    return _VERB.search(piece) is not None or len(_OWN_WORDS.findall(piece)) >= own


# a clause's words of its own: in lower case, neither a unit nor a joining word
_OWN_WORDS = re.compile(
    r"(?<![\w-])(?!(?:and|or|but|the|a|an|of|to|up|per|at|in|on|for|with|by|from|within|into|over|under|about|"
    r"than|same|whereas|while|yet|so|"
    r"days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|weeks?|months?|years?|yrs?|max|min|most|least)\b)"
    r"[a-z][a-z'-]+"
)
_FIGURE_FIRST = re.compile(r"\s*(?:up to\s+|about\s+|~)?CLOZEMARK")
# a clause that points back at the one before: "its ...", "which ...", "past that you must ..."
_LEANS = re.compile(
    r"(?:it|its|they|their|them|this|that|these|those|which|who|there|then|also|so)\b"
    r"|(?:past|after|beyond|above|below|before|over|under|with|without|from|than|like)\s+(?:that|this|these|those|it|them)\b",
    re.I,
)
_PARTS_WORDS = 14  # a line of fewer words is read whole
_PARTS_OPEN = '<span class="parts">'
_PARTS_LED = '<span class="parts led">'  # parts read after their lead ("limits: ...")
_PART_OPEN = '<span class="part">'
# "classes + min storage: Standard (none) | ...": the lead a part is read with, to its
# last colon or dash before the first part's figures ("Storage classes — Glacier Deep
# Archive: min 180 days, ..."), or to the "…" that stands for words left out of a long
# line ("Aurora … storage grows to 128 TiB; ...")
_PART_LEAD = re.compile(
    r"^[^:|;(),]{1,40}?(?::|\s[-–—]\s|\s…\s)\s*(?:(?![^:|;(),]*?CLOZEMARK[^:|;(),]*?(?::|\s[-–—]\s))"
    r"[^:|;(),]{1,40}?(?::|\s[-–—]\s)\s*)*(?=\S)"
)
_PART_LEAD_ONE = re.compile(r"^[^:|;(),]{1,40}?(?::|\s[-–—]\s|\s…\s)\s*(?=\S)")  # to its first colon or dash


def _lead_of(source: str, cuts: Sequence[tuple[int, int]]) -> re.Match[str] | None:
    """The lead a line's parts are read with (see `_lead`); for points a line each, the
    name they are read under ("Lambda:" over a definition list's lines, "S3 — " over
    the points indented under it), not the first point's own key."""
    if "\n" in source:
        return _POINTS_LEAD.match(source)
    if cuts and cuts == _bracket_list_cuts(source):
        return _BRACKET_LEAD.match(source)  # "DynamoDB (": read as "DynamoDB:" (see `_in_parts`)
    return _lead(source, cuts)


_BRACKET_LEAD = re.compile(r"^[^()\n;|:]{1,40}?\s*\(")


# "Lambda:" over its lines, "S3 — " before them, or a header row in capitals over rows
# aligned in columns ("LINE  CROSSING  CARS" over "north hop  40 min  120")
_POINTS_LEAD = re.compile(
    r"^(?:[^\n:—]{1,40}?:\n|[^\n—]{1,40}? — |[A-Z][A-Z0-9_/().+-]*(?: [A-Z0-9_/().+-]+)+\n)(?=\S)"
)


def _lead(source: str, cuts: Sequence[tuple[int, int]]) -> re.Match[str] | None:
    """The lead a line's parts are read with: to its last colon or dash before the first
    part's figures ("Storage classes — Glacier Deep Archive: min 180 days, ..."), but to
    its first when the other parts open with labels of their own ("Throughput — gp3:
    1,000 MiB/s, st1: 500 MiB/s": "gp3:" is the first part's)."""
    head = source[: cuts[0][0]] if cuts else source
    one, longer = _PART_LEAD_ONE.match(head), _PART_LEAD.match(head)
    if one and longer and longer.end() > one.end():
        # "SQS … FIFO: 300 msg/s; retention 4 days; ...": parts set apart by semicolons
        # stand apart, and the first one's label is its own
        if any(_PART_LEAD_ONE.match(source[b:]) or source[a] == ";" for a, b in cuts):
            return one
    if (
        one
        and longer
        and longer.end() == one.end()
        and any(_names_label(source[b:]) for _a, b in cuts)
        and _own_label(source, one.end(), cuts)
    ):
        # "st1: 500 MiB/s max. sc1: 250 MiB/s max.": the label is the first part's, a
        # whole fact (not "LSI - at creation only, max 5; GSI - 20", whose label its
        # next part needs)
        return None
    return longer


def _own_label(source: str, start: int, cuts: Sequence[tuple[int, int]]) -> bool:
    """Whether a line's first label is its first part's alone: that part gives a figure
    ("st1: 500 MiB/s max. sc1: ..."), or no part before the next named label does
    ("Keyring: kept offsite | Badge Store: 4 KB"); not "LSI - at creation only, max 5;
    GSI - 20", whose later part needs it."""
    named = next((a for a, b in cuts if _names_label(source[b:])), len(source))
    return "CLOZEMARK" in source[start : cuts[0][0]] or "CLOZEMARK" not in source[start:named]


def _names_label(part: str) -> bool:
    """Whether a part opens with a label that names a thing of its own ("sc1: 250 MiB/s",
    "Deep Archive: 12 h"), not what a figure of the lead's thing is ("memory: 128 MB")."""
    label = _PART_LEAD_ONE.match(part)
    return bool(label) and bool(_OPENS_WITH_NAME.match(label.group()) or EBS_TYPE_PATTERN.match(label.group()))


_SEP = re.compile(r'^<span class="sep">.*?</span>', re.S)  # a line break is a separator too


def shown_part(text_html: str, n: int) -> str:
    """The cloze text as card n shows it (style.css): the lead and the parts that hold
    cloze n; a part shown after one left out opens with "…" instead of its separator,
    but for the first shown after a lead ("limits: hidden for [...] s")."""
    m = re.search(r'<span class="parts( led)?">', text_html)
    if not m:
        return text_html
    head, rest, led = text_html[: m.start()], text_html[m.end() :], bool(m.group(1))
    chunks = [c[: -len("</span>")] for c in rest[: -len("</span>")].split(_PART_OPEN)[1:]]
    asked = [i for i, c in enumerate(chunks) if re.search(rf"\{{\{{c{n}::", c)]
    if not asked:
        return text_html
    shown = ""
    for i in asked:
        if i > 0 and i - 1 not in asked and not (led and i == asked[0]):
            shown += "… "  # a part left out before this one
        shown += chunks[i] if i - 1 in asked else _SEP.sub("", chunks[i], count=1)
        shown += " " if i + 1 not in asked else ""
    return head + shown.strip()


def _hidden_part(value: str) -> tuple[str, str, str]:
    """What a cloze hides of a value, and what it shows around the gap: the figure is
    hidden, its unit stays as the clue to what is asked ("[...] MiB/s" asks for a
    throughput, "[...] days" for a duration). A value with its equivalent in brackets
    ("900 s (15 min)") or a sum said after its total ("first 4 + last 1") is hidden whole."""
    m = FIGURE.search(value)
    if m and re.match(r"\s*(?:or|/|,|and)\s*\d", value[m.end() :]):
        return "", value, ""  # "1 or 3 yr" (a table's cell): the values to choose from, hidden whole
    bracketed = "(" in value or "（" in value or re.search(r"(?://|=|≈)\s*~?\d", value) is not None
    if not m or bracketed or value[:1].isalpha() or not value[m.end() :].strip() and not value[: m.start()].strip():
        return "", value, ""
    return value[: m.start()], m.group(), value[m.end() :]


def _render_block(env: Environment, template_name: str, block: str, context: dict) -> str:
    template = env.get_template(template_name)
    if block not in template.blocks:
        return ""
    ctx = template.new_context(context)
    return typed_breaks("".join(template.blocks[block](ctx)).strip())


def _port_asked(f: Fact, ports: Sequence[Fact]) -> bool:
    """Whether a protocol's port is asked already by one named before it on that port,
    which it names again with a vendor's or an engine's word ("MS SQL Server" after "SQL
    Server", "Aurora MySQL" after "MySQL"); not "SFTP over SSH" after "SSH"."""
    words = set(normalise(f.data.protocol).split())
    for other in ports:
        if other.data == f.data:
            return False
        said = set(normalise(other.data.protocol).split())
        if said < words and words - said <= _PORT_QUALIFIERS or _short_for(f.data.protocol, other.data.protocol):
            return True
    return False


def _short_for(one: str, other: str) -> bool:
    """Whether one name is the other cut short ("Postgres" and "PostgreSQL", "Memcache"
    and "Memcached"), a word of five letters or more; not "HTTP" and "HTTPS"."""
    a, b = normalise(one), normalise(other)
    return a != b and " " not in a + b and min(len(a), len(b)) >= 5 and (a.startswith(b) or b.startswith(a))


_PORT_QUALIFIERS = VENDOR_WORDS | frozenset("ms aurora rds amazon db database engine default standard".split())


def _distinct_names(ports: Sequence[Fact]) -> list[Fact]:
    """The protocols on one port, less those that name again one said before them:
    "MS SQL Server" after "SQL Server", "Aurora PostgreSQL" after "PostgreSQL" (the
    first stays first, so the reverse card stays on its note)."""
    kept: list[Fact] = []
    for f in ports:
        words = set(normalise(f.data.protocol).split())
        if not any(
            words >= set(normalise(k.data.protocol).split())
            or words <= set(normalise(k.data.protocol).split())
            or _spelled_out(f.data, k.data)
            or _short_for(f.data.protocol, k.data.protocol)
            for k in kept
        ):
            kept.append(f)
    return kept


def _spelled_out(one: Port, other: Port) -> bool:
    """Whether two names on a port are one protocol, one of them spelled out with the
    other's short name beside it ("Network File System (NFS)" and "NFS (EFS)"), or one
    the service the other names beside it ("EFS" and "NFS (EFS)"; not the protocol
    another runs over: "SSH" and "SFTP (SSH)")."""
    return any(
        a.name
        and normalise(a.name) == normalise(b.protocol)
        and (_initials_of(a.name, a.protocol) or not b.name and not is_protocol(b.protocol))
        for a, b in ((one, other), (other, one))
    )


def _initials_of(short: str, spelled: str) -> bool:
    """Whether a short name is the initials of a spelled-out one ("NFS", "Network File
    System"; "RDP", "Remote Desktop"), not another protocol it runs over ("SSH" of SFTP)."""
    words = [w for w in re.findall(r"[A-Za-z]+", spelled) if w.casefold() not in STOP_WORDS]
    initials = "".join(w[0] for w in words).casefold()
    return len(words) >= 2 and short.casefold().startswith(initials)


def _fields(
    env: Environment,
    f: Fact,
    by_port: Mapping,
    acronyms: frozenset[str] = frozenset(),
    by_iops: Mapping | None = None,
    by_protocol: Mapping | None = None,
    families: Mapping | None = None,
    numbered: frozenset | set = frozenset(),
) -> tuple[str, ...]:
    d = f.data
    context = {
        "figures_asked": (f.source.path, f.source.line) in numbered,
        # whether a cloze card asks the figures of the fact's line (its meaning then stops
        # before a count of its own, which the cloze asks)
        "same_iops": (by_iops or {}).get((getattr(d, "max_iops", None), getattr(d, "condition", None)), []),
        # the volume types that share this maximum (a reverse card needs one)
        "acronyms": acronyms,
        # the terms the acronym cards ask about (a load balancer's own card does not ask again)
        "fact": f,
        "data": f.data,
        "section": f.source.section,
        "heading": _owned_heading(f) if f.kind == "number" else _heading(f),
        "same_port": _distinct_names(
            by_port.get((getattr(f.data, "port", None), getattr(f.data, "port_end", None)), [])
        ),
        "port_asked": isinstance(f.data, Port) and _port_asked(f, by_port.get((f.data.port, f.data.port_end), [])),
        "family_size": (families or {}).get((getattr(f.data, "family", None) or "").casefold(), 0),
        # how many members of its family the notes name (a use asked back needs few)
        "same_protocol": (by_protocol or {}).get(getattr(f.data, "protocol", "").casefold(), []),
        # the ports of this protocol: one question asks for them all ("20, 21" for FTP)
    }
    name = f"cards/{f.kind}.html"
    meta_context = " › ".join(f.source.section)
    source = f.source.path
    if _note_type(f.kind) == "cloze":
        text = tidy(_render_block(env, name, "text", context))
        extra = tidy(_render_block(env, name, "extra", context))
        return text, extra, meta_context, source
    parts = [_render_block(env, name, b, context) for b in ("front", "back", "reverse_front", "reverse_back")]
    return (*(tidy(p) for p in parts), meta_context, source)


_TAG = re.compile(r"<[^>]*>")
# "Nodes(EC2 instances)", "Report(account-level)": a bracketed phrase or word glued to
# the word before it ("f(x)" and "Key()" are code, and stay)
_GLUED_BRACKET = re.compile(r"(?<=[A-Za-z]{2})\((?=[A-Za-z][^()<>]*(?:\s|[A-Za-z-]{3})[^()<>]*\))")
_CODE_PART = re.compile(r"(<(code|pre)\b.*?</\2>|<[^>]*>)", re.S)


def tidy(html: str) -> str:
    """Card text as a reader wants it: without decorating pictographs, with a space
    before a bracketed phrase; tags and code stay exactly as they are."""
    parts = _CODE_PART.split(html)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:
            part = _GLUED_BRACKET.sub(" (", PICTOGRAPH.sub("", part))
        if i % 3 != 2:  # the tag name captured inside a code part is not text
            out.append(part)
    return "".join(out).strip()


def _heading(f: Fact) -> str:
    """The heading a card names as its context: the nearest one that names a topic, or
    an outline title written as a plain line under it ("3.3 X-Ray concepts"); "" when
    none does. A heading that asks a question ("What's the default TTL?") is no context
    for the other facts under it, nor for itself; nor is the file's title ("AWS exam
    prep notes")."""
    section = f.source.section
    if section and DOCUMENT_TITLE.search(_topic(section[0])):
        section = section[1:]
    path = [*section, *f.source.outline]
    if (
        len(path) > 1
        and f.kind == "question"
        and f.source.line
        and normalise(path[-1]) in normalise(getattr(f.data, "said", "") or getattr(f.data, "question", ""))
    ):
        path.pop()
    while (
        len(path) > max(1, len(section)) and f.kind == "number" and _named_in(_topic(_unfilled(path[-1])), f.data.text)
    ):
        path.pop()  # "delivery settings — long polling ..." names the title it is under: its heading is context
    while path and (
        _ASKS.match(_topic(path[-1]))
        or _GENERIC_HEADING.match(_topic(path[-1]))
        or _MIXED_BAG.search(_topic(path[-1]))
        or is_lab(path[-1])
        or SPEAKER.search(_topic(path[-1]))
        or _VALUE_HEADING.match(plain(path[-1]))
    ):
        # "Explanation:", "Notes", "Lecture summary" say no topic, nor does "Needed 20,000
        # IOPS, I picked gp2" (a mistake's story), nor "### 15 minutes" (a value, which
        # would give away the card's answer): the heading above does
        path.pop()
    return _topic(path[-1]) if path else ""


def _unfilled(title: str) -> str:
    """A title without the words that tell the note-taker to remember ("Lambda limits
    kindly remember")."""
    return FILLER_TAIL.sub("", title) or title


def _owned_heading(f: Fact) -> str:
    """A cloze's context: its heading and, where that is a phrase of the notes' own
    ("deployment package", "retention") under a heading that names one thing ("##
    Lambda"), that thing too: "Lambda · deployment package"."""
    heading = _heading(f)
    aspect = heading and plain(heading).split()[-1].casefold() in _ASPECT_WORDS  # "Package size", "Timeout"
    if not heading or not aspect and (not heading[:1].islower() or _names_one_thing(heading)):
        return heading
    titles = list(f.source.section)
    if titles and DOCUMENT_TITLE.search(_topic(titles[0])):
        titles = titles[1:]
    for title in reversed(titles):
        topic = _topic(title)
        if not topic or topic == heading or _GENERIC_HEADING.match(topic) or _MIXED_BAG.search(topic):
            continue
        if _A_TOPIC.search(topic):
            return heading
        if _names_one_thing(topic):  # "## SQS" over "### Standard queue" over "#### retention"
            return heading if _named_in(topic, heading) else f"{topic} · {heading}"
    return heading


# a heading that is a value alone: "15 minutes", "443", "99.99%", "3 IOPS per GiB", "1-5 min"
_VALUE_HEADING = re.compile(
    r"^[~≈<>≤≥]?\s*\d[\d,.]*(?:\s*[-–]\s*\d[\d,.]*)?\s*"
    r"(?:%|(?:[KMGTP]i?B|bytes?|ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?|months?|years?|"
    r"IOPS|[KMGT]bps|[KMG]i?B/s)(?:\s+(?:per|/)\s+[A-Za-z]+)?)?\W*$",
    re.I,
)
# a heading over what fits nowhere else: "Random stuff that didn't fit a table", "Misc.",
# or over the note-taker's own record: "Mistakes journal — practice exams"
_MIXED_BAG = re.compile(
    r"\b(?:stuff|random|misc\.?|leftovers?|odds and ends|didn'?t fit|grab ?bag|bits and pieces|journal|diary"
    r"|(?:practice|mock) (?:exams?|tests?))\b",
    re.I,
)
# a heading that asks ("Which routing policy…", "How do I ...?") is no topic for what
# follows it
_ASKS = re.compile(r"^(?:which|what|how|why|when|where|who|can|does|do|is|are|should)\b|.*\?\W*$", re.I)
_GENERIC_HEADING = re.compile(
    r"^(?:explanations?|notes?|my notes|summary|overview|lecture(?: summary| notes)?|details|misc(?:ellaneous)?|"
    r"general|others?|introduction|intro|basics|key points|definitions?|glossary|terms|terminology|vocabulary|"
    r"recap|review|cheat ?sheet|quick reference|tl;?dr|(?:my |exam |practice |open )?questions|q ?& ?a|faqs?|"
    # a heading over the note-taker's own questions or loose notes: "Qs I got wrong", "Free-form notes"
    r"(?=.*\b(?:i|my|wrong|self|practice|scenario|open|still|mock|drill|from)\b).*\b(?:questions|qs|quiz|perguntas)\b.*|"
    # questions still to look at ("Qs to check", "Questions to review"), the note-taker's
    # doubts ("Doubts", "dúvidas p/ revisar")
    r"(?:qs|questions)\s+(?:to|for)\s+(?:check|review|revisit)\b.*|"
    r"(?:my\s+|open\s+)?(?:doubts?|dúvidas|dudas|dubbi|twijfels|zweifel)\b.{0,25}|"
    r"self[- ]?(?:check|quiz|test)\b.*|[\w-]+ notes|"
    # what the note-taker still has to look at: "??? to check", "TODO", "not sure"
    r"\W*(?:to (?:check|verify|review|look up|confirm)|todo|to-?do|unsure|not sure|doubts?)\b.*|"
    # a part of a service's page that the page's own heading names: "S3 > Limits"
    r"what it is|what is it|how it works|limits|limitations|quotas|gotchas|pitfalls|caveats|pros|cons|"
    r"pros and cons|advantages|disadvantages|benefits|features|key features|use ?cases|when to use( it)?|"
    r"(?:exam )?tips|good to know|remember|to remember|important|key facts|facts|(?:key )?numbers|figures|"
    r"examples?|commands|cli|"
    r"comparisons?|[a-z] vs\.? [a-z]|"
    # a heading that only numbers a part: "Set 2", "Round 3", "Lecture 9", "Practice test 4"
    r"(?:(?:practice|mock|sample) )?(?:set|round|part|week|day|session|lecture|lesson|module|chapter|section|unit|"
    r"slide|video|episode|batch|block|test|exam|quiz)\s*#?\d+(?:\.\d+)*|"
    # a diary's day: "Mon 10 June", "Sat 15 June 2024", "2024-06-03"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+(?:\s+\d{4})?|"
    r"\d{4}-\d{2}-\d{2}|"
    # a glossary's letters: "A–C", "D-H", "S to Z"
    r"[a-z]\s*(?:[-–—]|to)\s*[a-z])\W*$",
    re.I,
)


def _is_attribute(term: str) -> bool:
    """Whether a term names an attribute of what its heading is about, not a thing of
    its own: "Scope", "Max discount", "CIDR size", "Termination default"; not "S3
    replication" or "AWS Backup", which name a thing of their own."""
    if re.search(r"\b(?:AWS|Amazon)\b|\b[A-Z][A-Za-z]*\d", plain(term)):
        return False
    words = [w for w in re.findall(r"[\w-]+", plain(term)) if not (w.isupper() and len(w) > 1)]
    named = [w.casefold() for w in words if w.casefold() not in ATTRIBUTE_QUALIFIERS]
    return 0 < len(named) <= 2 and all(w in ATTRIBUTE_WORDS for w in named)


# the last word of a heading that names an attribute, not a thing: "#### Package size",
# "#### Timeout", "#### Health check threshold" under "## Lambda" or "## Route 53"
_ASPECT_WORDS = ATTRIBUTE_WORDS | frozenset(
    "concurrency memory threshold interval variables payload duration window delay polling burst".split()
)


def _names_one_thing(heading: str) -> bool:
    """Whether a heading names one thing ("EC2", "Auto Scaling", "RDS / Aurora") rather
    than a topic ("Routing policies", "Core vocabulary"): a few words, each a name."""
    words = [w for w in plain(heading).split() if w not in ("/", "&", "+")]
    return 0 < len(words) <= _ONE_THING_WORDS and all(w[:1].isupper() or w[:1].isdigit() for w in words)


_ONE_THING_WORDS = 3


# a label in front of a heading's subject: "CARD: EC2", "Topic - Route 53"
_TOPIC_LABEL = re.compile(r"^(?:card|topic|service|subject|area|tab|sheet)\s*\d*\s*[:\-–—]\s*(?=\S)", re.I)


def _topic(title: str) -> str:
    """A heading as a card's context: without asides in brackets, a course's numbering
    ("Module 3 - "), a label ("Card: ") or pictographs: "AWS drill (SOA / SAA mix)" ->
    "AWS drill"."""
    shown = re.sub(r"\s*\([^()]*\)", "", without_pictographs(plain(title))).strip()
    shown = without_diary_words(_TOPIC_LABEL.sub("", COURSE_NUMBER.sub("", shown).strip()))
    if _WHEN_ONLY.fullmatch(shown):
        return ""  # "2025-03-14 — learned today": when, not what
    return shown if re.search(r"[A-Za-z]", shown) else title


_WHEN_ONLY = re.compile(r"\s*(?:today|yesterday|tonight|this (?:morning|evening|week)|so far)\W*", re.I)


def _qa_model(env: Environment, css: str) -> genanki.Model:
    read = lambda n: env.loader.get_source(env, n)[0]  # type: ignore[union-attr]  # noqa: E731
    return genanki.Model(
        QA_MODEL_ID,
        "cheatdeck Q&A",
        fields=[{"name": n, "id": FIELD_ID_BASE + i} for i, n in enumerate(QA_FIELDS)],
        templates=[
            {
                "name": "Forward",
                "qfmt": read("forward_front.html"),
                "afmt": read("forward_back.html"),
                "id": TEMPLATE_ID_BASE,
            },
            {
                "name": "Reverse",
                "qfmt": read("reverse_front.html"),
                "afmt": read("reverse_back.html"),
                "id": TEMPLATE_ID_BASE + 1,
            },
        ],
        css=css,
    )


def _cloze_model(env: Environment, css: str) -> genanki.Model:
    read = lambda n: env.loader.get_source(env, n)[0]  # type: ignore[union-attr]  # noqa: E731
    return genanki.Model(
        CLOZE_MODEL_ID,
        "cheatdeck Cloze",
        fields=[{"name": n, "id": FIELD_ID_BASE + 100 + i} for i, n in enumerate(CLOZE_FIELDS)],
        templates=[
            {
                "name": "Cloze",
                "qfmt": read("cloze_front.html"),
                "afmt": read("cloze_back.html"),
                "id": TEMPLATE_ID_BASE + 100,
            }
        ],
        css=css,
        model_type=genanki.Model.CLOZE,
    )


def _section_tag(section: tuple[str, ...]) -> str:
    return "::".join(tag(s) for s in section)


def _id_for(name: str) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest()[:12], 16) % (1 << 40) + (1 << 40)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def _package(
    decks: list[genanki.Deck],
    notes: Mapping[str, NoteRecord],
    models: Mapping[str, NoteRecord],
    images: Mapping[str, Image],
) -> bytes:
    stamp = max([r.mod for r in notes.values()] + [r.mod for r in models.values()] + [1])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            cursor = conn.cursor()
            package = genanki.Package(decks)
            package.write_to_db(cursor, stamp, itertools.count(stamp * 1000))
            # notes has no index on guid: join through a keyed temporary table, in one pass
            cursor.execute("CREATE TEMP TABLE note_mods (guid TEXT PRIMARY KEY, mod INTEGER)")
            cursor.executemany("INSERT INTO note_mods VALUES (?, ?)", [(g, r.mod) for g, r in notes.items()])
            cursor.execute("UPDATE notes SET mod = (SELECT mod FROM note_mods WHERE note_mods.guid = notes.guid)")
            cursor.execute("UPDATE cards SET mod = (SELECT mod FROM notes WHERE notes.id = cards.nid)")
            (models_json,) = cursor.execute("SELECT models FROM col").fetchone()
            all_models = json.loads(models_json)
            for model_id, record in models.items():
                if model_id in all_models:
                    all_models[model_id]["mod"] = record.mod
            cursor.execute(
                "UPDATE col SET models = ?, mod = ?, crt = ?",
                (json.dumps(all_models, sort_keys=True), stamp, stamp - stamp % 86400),
            )
            conn.commit()
            conn.execute("VACUUM")
        finally:
            conn.close()
        collection = db.read_bytes()

    entries = [("collection.anki2", collection)]
    media_index: dict[str, str] = {}
    seen: dict[str, str] = {}
    for img in sorted(images.values(), key=lambda i: media_name(i.path)):
        name = media_name(img.path)
        if name not in seen:
            seen[name] = str(len(seen))
            media_index[seen[name]] = name
            entries.append((seen[name], Path(img.path).read_bytes()))
    entries.append(("media", json.dumps(media_index, sort_keys=True).encode()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()
