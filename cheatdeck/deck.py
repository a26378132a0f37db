"""Deck stage: Facts -> an Anki package (.apkg) that updates in place on re-import.

Identity: each note's GUID is a hash of a namespace and the fact's key (port 22 +
SSH), so editing the wording, moving lines or reordering files keeps it. Each note's
modification time is the time its content last changed (kept in a small state file
in the output folder), so an unchanged note never overwrites edits made in Anki and
a changed one is newer than what Anki has. The package itself is byte-reproducible:
fixed ids, fixed zip timestamps, sorted entries.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import re
import sqlite3
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import genanki
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from cheatdeck.bounds import bounded
from cheatdeck.model import Fact, Image, Port
from cheatdeck.render import Renderer, media_name
from cheatdeck.text import normalise, tag

GUID_NAMESPACE = "cheatdeck/v1"
QA_MODEL_ID = 1740000101
CLOZE_MODEL_ID = 1740000102
# Field and template ids never change, so that Anki sees the same note type after
# every rebuild even when the card design changes.
QA_FIELDS = ("Front", "Back", "ReverseFront", "ReverseBack", "Context", "Source")
CLOZE_FIELDS = ("Text", "Extra", "Context", "Source")
FIELD_ID_BASE = 1740001000
TEMPLATE_ID_BASE = 1740002000

# Which note type each kind uses; a kind missing here fails test_every_kind_has_a_card.
CARDS: dict[str, str] = {
    "port": "qa",
    "ebs_volume": "qa",
    "load_balancer": "qa",
    "dns_record": "qa",
    "definition": "qa",
    "number": "cloze",
    "question": "qa",
}


@dataclass(frozen=True, slots=True)
class NoteRecord:
    """What the state file remembers of a note: its content hash, mod time and name."""

    hash: str
    mod: int
    label: str


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
    media = {ref: media_name(img.path) for ref, img in images.items()}
    renderer = Renderer(media)
    env = _environment(templates_dir / "deck", renderer)
    css = (templates_dir / "deck" / "style.css").read_text(encoding="utf-8")
    qa = _qa_model(env, css)
    cloze = _cloze_model(env, css)

    models: dict[str, NoteRecord] = {}
    old_models = previous.get("models", {})
    for model in (qa, cloze):
        h = _hash(json.dumps([model.fields, model.templates, model.css], sort_keys=True))
        models[str(model.model_id)] = _record(h, model.name, old_models.get(str(model.model_id)), stamp)

    # cards show facts within their length bounds; GUIDs and labels come from the facts
    shown = {id(f): bounded(f) for f in facts}
    by_port: dict[tuple[int, int | None], list[Fact]] = {}
    for f in facts:
        if isinstance(f.data, Port):
            by_port.setdefault((f.data.port, f.data.port_end), []).append(shown[id(f)])

    decks: dict[str, genanki.Deck] = {}
    notes: dict[str, NoteRecord] = {}
    old_notes = previous.get("notes", {})
    for f in facts:
        fields = _fields(env, shown[id(f)], by_port)
        model = cloze if CARDS[f.kind] == "cloze" else qa
        tags = [t for t in (_section_tag(shown[id(f)].source.section), f"cheatdeck::{f.kind}") if t]
        g = guid(f)
        h = _hash(json.dumps([model.model_id, fields, sorted(tags)]))
        notes[g] = _record(h, label(f), old_notes.get(g), stamp)
        deck_name = _deck_name(shown[id(f)], title, subdecks)
        if deck_name not in decks:
            decks[deck_name] = genanki.Deck(_id_for(deck_name), deck_name)
        decks[deck_name].add_note(genanki.Note(model=model, fields=list(fields), tags=tags, guid=g))

    apkg = _package(list(decks.values()) or [genanki.Deck(_id_for(title), title)], notes, models, images)
    added = tuple(notes[g].label for g in notes if g not in old_notes)
    changed = tuple(notes[g].label for g in notes if g in old_notes and old_notes[g].hash != notes[g].hash)
    removed = tuple(old_notes[g].label for g in old_notes if g not in notes)
    return DeckBuild(apkg, notes, models, added, changed, removed)


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
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    env.filters["first_sentence"] = _first_sentence
    macros = env.get_template("cards/_macros.html").module
    env.globals.update({k: v for k, v in vars(macros).items() if not k.startswith("_") and callable(v)})
    return env


def _first_sentence(text: str) -> str:
    """The first sentence of a meaning, without the "Ex: ..." that may follow it."""
    from cheatdeck.text import sentences

    found = sentences(text.split("\n")[0])
    first = found[0][1] if found else text
    return re.split(r"\s+(?:Ex|e\.g|For example)\b", first)[0].strip() or first


def _render_block(env: Environment, template_name: str, block: str, context: dict) -> str:
    template = env.get_template(template_name)
    if block not in template.blocks:
        return ""
    ctx = template.new_context(context)
    return "".join(template.blocks[block](ctx)).strip()


def _fields(env: Environment, f: Fact, by_port: Mapping) -> tuple[str, ...]:
    context = {
        "fact": f,
        "data": f.data,
        "section": f.source.section,
        "heading": _heading(f),
        "same_port": by_port.get((getattr(f.data, "port", None), getattr(f.data, "port_end", None)), []),
    }
    name = f"cards/{f.kind}.html"
    meta_context = " › ".join(f.source.section)
    source = f.source.path
    if CARDS[f.kind] == "cloze":
        text = _render_block(env, name, "text", context)
        extra = _render_block(env, name, "extra", context)
        return text, extra, meta_context, source
    parts = [_render_block(env, name, b, context) for b in ("front", "back", "reverse_front", "reverse_back")]
    return (*parts, meta_context, source)


def _heading(f: Fact) -> str:
    """The heading a card names as its context: the section's title, or its parent's
    when the title is the question the card asks."""
    path = f.source.section
    if (
        len(path) > 1
        and f.kind == "question"
        and f.source.line
        and normalise(path[-1]) in normalise(getattr(f.data, "question", ""))
    ):
        return path[-2]
    return path[-1] if path else ""


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
