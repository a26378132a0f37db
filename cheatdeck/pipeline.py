"""The pipeline: from the notes folder to `dist/`, doing only what changed.

    notes/*.md --read--> parse --> extract --> deck  --> dist/<name>.apkg
    (notes.py)                             \\-> sheet --> dist/<name>.html, .pdf
                                                          (outputs.py writes)

Everything between the ends is pure (see parse.py, extract/, deck.py, sheet.py).
Outputs are rendered in memory, then written to temporary files in the output folder
and renamed over the old ones, so a build that fails leaves the previous outputs as
they were. A state file in the output folder remembers the inputs of each output (a
no-op build touches nothing) and each note's content hash, modification time and
last content, which keeps the notes of removed facts in the deck (see deck.py) until
a build with `forget_removed` drops them; a cache file beside it keeps what each notes
file says, by the file's content hash (see cache.py), so that an edit parses and
extracts only the files it touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import os
import pickle
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cheatdeck import __version__
from cheatdeck.errors import NotesError
from cheatdeck.model import Fact, Image, Warning
from cheatdeck.notes import NoteFile, read_notes, title_of
from cheatdeck.outputs import STATE_FILE, check_writable, file_matches, read_state, write_all
from cheatdeck.text import slug

if TYPE_CHECKING:
    from cheatdeck.budget import Fitted
    from cheatdeck.deck import DeckBuild

# The stages are imported when a build has work to do: a no-op build only hashes its
# inputs, and should cost little more than starting Python.

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
Output = Literal["deck", "sheet"]
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    notes_dir: Path = Path("notes")
    out_dir: Path = Path("dist")
    only: Output | None = None
    title: str | None = None
    paper: Literal["a4", "letter"] = "a4"
    landscape: bool = False
    subdecks: bool = False
    strict: bool = False
    force: bool = False
    forget_removed: bool = False
    # drop the facts that earlier builds flagged as removed from the state and the deck
    pages: int | None = None
    # a page budget for the sheet (--pages N); None: as many pages as it takes
    templates_dir: Path = TEMPLATES_DIR


@dataclass(slots=True)
class BuildReport:
    written: list[Path] = field(default_factory=list)
    up_to_date: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[Warning] = field(default_factory=list)
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    restored: tuple[str, ...] = ()
    flagged: tuple[str, ...] = ()
    # every note in the deck tagged cheatdeck::removed
    emptied: int = 0
    # cards whose gap this build no longer asks (see deck.DeckBuild)
    forgotten: tuple[str, ...] = ()
    sheet_left_out: dict[str, int] = field(default_factory=dict)
    # facts a page budget left out of the sheet, by sheet group (the deck has them all)
    sheet_layouts: int = 0
    # how many times the sheet was laid out (a page budget takes two or three)
    sheet_font: float = 0.0
    # the font size in pt a page budget set the sheet in; 0 when at its normal size
    seconds: float = 0.0


def facts_json(facts: Sequence[Fact]) -> list[dict]:
    """The facts as plain JSON values (`python build.py facts --json`)."""
    from cheatdeck.deck import guid

    out = []
    for f in facts:
        data = {name: getattr(f.data, name) for name in f.data.__slots__}  # type: ignore[union-attr]
        if f.kind == "number":
            data["cloze"] = f.data.cloze()  # type: ignore[union-attr]
        out.append(
            {
                "kind": f.kind,
                "data": json.loads(json.dumps(data)),
                "section": list(f.source.section),
                "source": str(f.source),
                "also_at": [str(s) for s in f.also_at],
                "guid": guid(f),
            }
        )
    return out


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build the requested outputs; skip those whose inputs did not change."""
    started = time.perf_counter()
    step = progress or (lambda _stage: None)
    report = BuildReport()
    step("reading notes")
    files = read_notes(options.notes_dir)
    outputs: tuple[Output, ...] = (options.only,) if options.only else ("deck", "sheet")
    state = read_state(options.out_dir)
    if options.forget_removed and "deck" in outputs:
        state, report.forgotten = _forget_removed(state)
    stamp = _stamp(files, options.templates_dir)
    input_hashes = {o: _input_hash(o, files, options, stamp) for o in outputs}

    unchanged = None if options.force else _unchanged_outputs(options.out_dir, outputs, state, input_hashes)
    if unchanged is not None:
        report.up_to_date = unchanged
        report.seconds = time.perf_counter() - started
        return report

    def work(send: Callable[[object], None]) -> None:
        analysis = _analyse(files, options, state, input_hashes, outputs)
        send(analysis)
        if "deck" in analysis.todo and not (options.strict and analysis.warnings):
            send(_make_deck(analysis, options, state, stamp))

    # With the sheet to render, a second process parses, extracts and builds the deck
    # while this one loads WeasyPrint; it hands the facts over as soon as it has them.
    # WeasyPrint is only loaded when the sheet's inputs changed.
    sheet_due = "sheet" in outputs and (
        options.force or _unchanged_outputs(options.out_dir, ("sheet",), state, input_hashes) is None
    )
    worker = _Worker(work) if sheet_due and hasattr(os, "fork") else _Inline(work)
    try:
        if sheet_due:
            step("loading the PDF renderer")
            import weasyprint  # noqa: F401 - the slow import, overlapped with the worker

        step("parsing and extracting")
        analysis: Analysis = worker.receive()  # type: ignore[assignment]
        paths, todo = analysis.paths, list(analysis.todo)
        if not todo:
            report.up_to_date = [p for o in outputs for p in paths[o]]
            report.seconds = time.perf_counter() - started
            return report
        report.warnings = list(analysis.warnings)
        report.counts = dict(Counter(f.kind for f in analysis.facts))
        if options.strict and report.warnings:
            first = report.warnings[0]
            raise NotesError(
                str(_shown(options.notes_dir, first)),
                f"{first.message} ({len(report.warnings)} warning(s); --strict stops the build)",
            )

        pending: dict[Path, bytes] = {}
        sheet_error: BaseException | None = None
        if "sheet" in todo:
            try:
                from cheatdeck.budget import LEAVE_OUT_ORDER
                from cheatdeck.sheet import density, sheet_group

                step("rendering the sheet")
                sheet_files, fitted = _make_sheet(analysis, options, files, stamp)
                pending.update(sheet_files)
                left_out = Counter(sheet_group(f) for f in fitted.left_out)
                report.sheet_left_out = {g: left_out[g] for g in LEAVE_OUT_ORDER if left_out[g]}
                report.sheet_layouts = fitted.layouts
                report.sheet_font = density(fitted.tighten)[0] if fitted.tighten else 0.0
            except BaseException as e:  # the deck may still have been written: record it first
                sheet_error = e
                todo.remove("sheet")
        deck: DeckBuild | None = worker.receive() if "deck" in todo else None  # type: ignore[assignment]
    finally:
        worker.close()

    new_state = dict(state)
    written: dict[Path, bytes] = dict(pending)
    if deck is not None:
        written[paths["deck"][0]] = deck.apkg
        report.written.append(paths["deck"][0])
        report.added, report.changed, report.removed = deck.added, deck.changed, deck.removed
        report.restored, report.flagged, report.emptied = deck.restored, deck.flagged, deck.emptied
        new_state["notes"] = {g: r.to_json() for g, r in deck.notes.items()}
        new_state["models"] = {g: r.to_json() for g, r in deck.models.items()}
    new_state.update(
        version=__version__,
        names={**state.get("names", {}), **{o: [p.name for p in paths[o]] for o in todo}},
        inputs={**state.get("inputs", {}), **{o: input_hashes[o] for o in todo}},
        outputs={**state.get("outputs", {}), **{p.name: hashlib.sha256(d).hexdigest() for p, d in written.items()}},
    )
    step("writing")
    state_bytes = json.dumps(new_state, indent=1, sort_keys=True).encode()
    write_all({**pending, options.out_dir / STATE_FILE: state_bytes})
    report.written.extend(pending)
    report.up_to_date = [p for o in outputs if o not in todo for p in paths[o]]
    if sheet_error is not None:
        raise sheet_error
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True, slots=True)
class Analysis:
    """What parsing and extracting the notes found, and what must be built from it."""

    title: str
    paths: dict[Output, list[Path]]
    todo: tuple[Output, ...]
    facts: tuple[Fact, ...]
    warnings: tuple[Warning, ...]
    images: dict[str, Image]
    # by the reference written in the notes


def _asked_in(state: dict) -> Callable[[Fact, str], bool]:
    """Whether the deck of a previous build (its state) asked a number fact's value: the
    note is there, not removed, with a cloze that hides the value's figure and reads on
    with the rest of the value ("{{c2::45}} min", "{{c1::5 GB}}"; not "{{c3::45}} L");
    of another fact (a definition), whether its note is there, not removed."""
    from cheatdeck.deck import guid

    notes = state.get("notes", {})

    def asked(f: Fact, value: str) -> bool:
        prior = notes.get(guid(f))
        if not prior or prior.get("removed") or not prior.get("fields"):
            return False
        if f.kind != "number":
            return True  # a definition: its note is in the deck
        said = _squeezed(value)
        clozes = _CLOZE_READ.findall(re.sub(r"<[^>]*>", "", prior["fields"][0]))
        return any(_squeezed(hidden + after).startswith(said) for hidden, after in clozes)

    return asked


def _squeezed(text: str) -> str:
    return re.sub(r"[\s,]", "", html.unescape(text)).casefold()


_CLOZE_READ = re.compile(r"\{\{c\d+::(.*?)\}\}([^{]{0,24})")


def _analyse(
    files: Sequence[NoteFile], options: BuildOptions, state: dict, hashes: dict, outputs: Sequence[Output]
) -> Analysis:
    from cheatdeck.cache import CACHE_FILE, read_notes_cached
    from cheatdeck.extract import merge_files
    from cheatdeck.render import check_references

    readings = read_notes_cached(files, options.out_dir)  # parses only the files that changed
    title = options.title or title_of((r.heading for r in readings.notes), options.notes_dir)
    paths = _output_paths(options.out_dir, slug(title))
    todo = tuple(
        o
        for o in outputs
        if options.force
        or state.get("inputs", {}).get(o) != hashes[o]
        or not all(file_matches(p, state) for p in paths[o])
    )
    if not todo:
        return Analysis(title, paths, todo, (), (), {})
    check_writable(options.out_dir)
    if readings.cache is not None:
        # what a file says is so whatever becomes of this build: kept even if it fails
        with contextlib.suppress(OSError):  # a cache that cannot be written costs time only
            write_all({options.out_dir / CACHE_FILE: readings.cache})
    extraction = merge_files([r.extraction for r in readings.notes], _asked_in(state))
    images, ref_warnings = check_references((ref for r in readings.notes for ref in r.references), options.notes_dir)
    warnings = sorted(
        set(extraction.warnings) | set(ref_warnings),
        key=lambda w: (w.source.path, w.source.line) if w.source else ("", 0),
    )
    by_ref = {ref: img for (_path, ref), img in images.items()}
    return Analysis(title, paths, todo, extraction.facts, tuple(warnings), by_ref)


def _make_deck(analysis: Analysis, options: BuildOptions, state: dict, stamp: int) -> DeckBuild:
    from cheatdeck.deck import NoteRecord, build_deck  # genanki: imported where it is used

    previous = {key: {k: NoteRecord.from_json(v) for k, v in state.get(key, {}).items()} for key in ("notes", "models")}
    deck = build_deck(
        analysis.facts, analysis.title, options.templates_dir, previous, stamp, analysis.images, options.subdecks
    )
    write_all({analysis.paths["deck"][0]: deck.apkg})  # the deck lands first, whole
    return deck


def _make_sheet(
    analysis: Analysis, options: BuildOptions, files: Sequence[NoteFile], stamp: int
) -> tuple[dict[Path, bytes], Fitted]:
    from cheatdeck.budget import Fitted, fit_pages
    from cheatdeck.sheet import SheetOptions, lay_out, render_sheet, write_pdf

    def layout(facts: Sequence[Fact], tighten: float, left_out: int) -> tuple[str, object]:
        sheet_options = SheetOptions(options.paper, options.landscape, tighten)
        notes_files = [f.path for f in files]
        html = render_sheet(facts, analysis.title, options.templates_dir, notes_files, stamp, sheet_options, left_out)
        return html, lay_out(html, options.templates_dir, [options.notes_dir, options.templates_dir])

    if options.pages:
        fitted = fit_pages(analysis.facts, options.pages, layout)
    else:
        html, document = layout(analysis.facts, 0.0, 0)
        fitted = Fitted(html, document, (), 0.0, 1)
    html_path, pdf_path = analysis.paths["sheet"]
    return {html_path: fitted.html.encode("utf-8"), pdf_path: write_pdf(fitted.document)}, fitted


def _unchanged_outputs(out_dir: Path, outputs: Sequence[Output], state: dict, hashes: dict) -> list[Path] | None:
    """The outputs, when every one was built from these very inputs and is still as
    written; else None. The names come from the last build (they come from the notes'
    title), so nothing needs parsing to say "up to date"."""
    names = state.get("names", {})
    for o in outputs:
        if state.get("inputs", {}).get(o) != hashes[o] or not names.get(o):
            return None
        if not all(file_matches(out_dir / n, state) for n in names[o]):
            return None
    return [out_dir / n for o in outputs for n in names[o]]


def _output_paths(out_dir: Path, name: str) -> dict[Output, list[Path]]:
    return {"deck": [out_dir / f"{name}.apkg"], "sheet": [out_dir / f"{name}.html", out_dir / f"{name}.pdf"]}


class _Worker:
    """A forked process running `job(send)`; each `send(value)` reaches `receive()`
    here, in order, and an error raised there is raised here."""

    def __init__(self, job: Callable[[Callable[[object], None]], None]) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the child: run, send, leave without the parent's cleanup
            os.close(read_end)
            out = os.fdopen(write_end, "wb")

            def send(value: object, status: str = "ok") -> None:
                data = pickle.dumps((status, value))
                out.write(len(data).to_bytes(8, "big") + data)
                out.flush()

            try:
                job(send)
            except BaseException as e:  # noqa: BLE001 - handed to the parent to raise
                send(e, "error")
            finally:
                out.close()
                os._exit(0)
        os.close(write_end)
        self.inp = os.fdopen(read_end, "rb")

    def receive(self) -> object:
        head = self.inp.read(8)
        if len(head) < 8:
            raise RuntimeError("the build's worker process stopped without a result; run with --only deck to see why")
        status, value = pickle.loads(self.inp.read(int.from_bytes(head, "big")))
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        self.inp.close()
        os.waitpid(self.pid, 0)


class _Inline:
    """The same as _Worker, in this process: for deck-only builds and systems without fork."""

    def __init__(self, job: Callable[[Callable[[object], None]], None]) -> None:
        self.values: list[tuple[str, object]] = []
        try:
            job(lambda value: self.values.append(("ok", value)))
        except BaseException as e:  # noqa: BLE001 - raised at the matching receive()
            self.values.append(("error", e))

    def receive(self) -> object:
        status, value = self.values.pop(0)
        if status == "error":
            raise value  # type: ignore[misc]
        return value

    def close(self) -> None:
        self.values.clear()


def _shown(notes_dir: Path, w: Warning) -> str:
    return f"{notes_dir / w.source.path}:{w.source.line}" if w.source else str(notes_dir)


def _forget_removed(state: dict) -> tuple[dict, tuple[str, ...]]:
    """The state without the facts that earlier builds flagged as removed, and their
    labels. With any forgotten the deck's inputs are no longer those it was built from,
    so the deck is rebuilt without their notes; the notes stay in Anki as they are."""
    notes = state.get("notes", {})
    gone = {g: r for g, r in notes.items() if r.get("removed")}
    if not gone:
        return state, ()
    inputs = {o: h for o, h in state.get("inputs", {}).items() if o != "deck"}
    # each forgotten note leaves its mod time behind: should its fact come back, its
    # note must be newer than the tagged one Anki holds, or the import keeps the tag
    tombstones = {g: {"hash": "", "mod": r["mod"], "label": r["label"], "forgotten": True} for g, r in gone.items()}
    return {**state, "notes": {**notes, **tombstones}, "inputs": inputs}, tuple(r["label"] for r in gone.values())


def _stamp(files: Sequence[NoteFile], templates_dir: Path) -> int:
    """The build's time: SOURCE_DATE_EPOCH when set, else the newest notes or template
    file's modification time, never the clock, so that the same inputs give the same
    bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    times = [f.mtime for f in files]
    times += [int(p.stat().st_mtime) for p in templates_dir.rglob("*") if p.is_file()]
    return max(times)


def _code_version() -> str:
    """cheatdeck's own code as an input: a changed extractor rebuilds the outputs even
    before the version number moves (sizes and times of the package's files)."""
    package = Path(__file__).resolve().parent
    return ";".join(
        f"{p.relative_to(package)}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(package.rglob("*.py"))
    )


def _input_hash(output: Output, files: Sequence[NoteFile], options: BuildOptions, stamp: int) -> str:
    h = hashlib.sha256()
    h.update(f"{__version__}\0{_code_version()}\0{output}\0{options.title}\0".encode())
    if output == "deck":
        h.update(f"subdecks={options.subdecks}\0".encode())
    else:
        h.update(f"{options.paper}\0{options.landscape}\0{options.pages}\0{stamp}\0".encode())
    for f in files:
        h.update(f.path.encode() + b"\0" + hashlib.sha256(f.data).digest())
    # images the notes use are inputs of the deck too; their size and time stand in
    # for their bytes, so that a folder of large files does not slow every no-op
    if output == "deck":
        for p in sorted(options.notes_dir.rglob("*")):
            if p.is_file() and not p.name.endswith(".md"):
                stat = p.stat()
                h.update(f"{p.relative_to(options.notes_dir).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    folder = options.templates_dir / output
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()
