#!/usr/bin/env python3
"""cheatdeck's command line: build the deck and cheat sheet, list facts, or watch.

    python build.py                 build dist/<name>.apkg, .html and .pdf from notes/
    python build.py facts [--json]  show the facts found in the notes
    python build.py cards           print the cards as Anki shows them, as plain text
    python build.py --watch         rebuild whenever a note or template changes

This is the only module that prints or exits. Exit status: 0 built (warnings
allowed), 1 the notes have errors that stop the build, 2 usage or setup errors.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_NOTES, EXIT_USAGE = 0, 1, 2


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Turn Markdown study notes into an Anki deck (.apkg) and a printable cheat sheet (.html, .pdf).",
        epilog="Subcommands: 'build.py facts [--notes DIR] [--json] [--kind KIND]' lists the facts found; "
        "'build.py cards [--notes PATH] [--kind KIND] [--sample N] [--seed S]' prints the cards.",
    )
    _notes_option(parser)
    parser.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR", help="output folder (default: dist)")
    parser.add_argument("--only", choices=("deck", "sheet"), help="build only the deck or only the sheet")
    parser.add_argument("--title", help="deck and sheet title (default: the notes' first top-level heading)")
    parser.add_argument("--paper", choices=("a4", "letter"), default="a4", help="sheet paper size (default: a4)")
    parser.add_argument("--landscape", action="store_true", help="print the sheet in landscape")
    parser.add_argument(
        "--pages",
        type=_page_count,
        metavar="N",
        help="fit the sheet in N pages: smaller type first, then leave out the least valuable facts "
        "(the deck keeps them all)",
    )
    parser.add_argument("--subdecks", action="store_true", help="one Anki subdeck per top-level section")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors (exit status 1)")
    parser.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    parser.add_argument("--watch", action="store_true", help="rebuild whenever a note or template changes")
    parser.add_argument(
        "--forget-removed",
        action="store_true",
        help="stop shipping the notes of removed facts (tagged cheatdeck::removed by earlier builds) in the deck",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    return parser


def _notes_option(parser: argparse.ArgumentParser, one_file_too: bool = False) -> None:
    parser.add_argument(
        "--notes",
        type=Path,
        default=Path("notes"),
        metavar="PATH" if one_file_too else "DIR",
        help=f"folder of Markdown notes, {'or one notes file' if one_file_too else 'read recursively'} (default notes)",
    )


def _notes_file(notes: Path) -> tuple[Path, str | None]:
    """--notes as (folder, the one file to read or None for all of it)."""
    return (notes.parent, notes.name) if notes.is_file() else (notes, None)


def _page_count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of pages; give a whole number, e.g. --pages 2")
    return int(text)


def _facts_parser() -> argparse.ArgumentParser:
    from cheatdeck.extract import REGISTRY

    kinds = "\n".join(f"  {k.name:<14} {k.description}" for k in REGISTRY)
    parser = argparse.ArgumentParser(
        prog="build.py facts",
        description="List the facts found in the notes.",
        epilog=f"kinds of fact:\n{kinds}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _notes_option(parser, one_file_too=True)
    parser.add_argument("--json", action="store_true", help="print a JSON array, one object per fact")
    parser.add_argument("--kind", choices=REGISTRY.names(), help="only facts of this kind")
    return parser


def _cards_parser() -> argparse.ArgumentParser:
    from cheatdeck.extract import REGISTRY

    parser = argparse.ArgumentParser(
        prog="build.py cards", description="Print the cards a build makes, as Anki shows them, as plain text."
    )
    _notes_option(parser, one_file_too=True)
    parser.add_argument("--kind", choices=REGISTRY.names(), help="only cards of facts of this kind")
    parser.add_argument("--sample", type=int, metavar="N", help="print N cards picked at random")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the random pick (default: 0)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["facts"]:
            return _facts(_facts_parser().parse_args(argv[1:]))
        if argv[:1] == ["cards"]:
            return _cards(_cards_parser().parse_args(argv[1:]))
        if argv[:1] == ["build"]:
            argv = argv[1:]
        return _build(_build_parser().parse_args(argv))
    except SystemExit as e:  # argparse: --help (0) or a usage error (2)
        return int(e.code or 0) if isinstance(e.code, int) else EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted; dist/ is as it was before this build", file=sys.stderr)
        return 130


def _run(action):  # noqa: ANN001, ANN202 - a callable, its result
    """Call the library; turn its errors into one line and an exit status."""
    from cheatdeck.errors import NotesError, SetupError

    try:
        return action(), EXIT_OK
    except NotesError as e:
        print(f"error: {e}", file=sys.stderr)
        return None, EXIT_NOTES
    except SetupError as e:
        print(f"error: {e}", file=sys.stderr)
        return None, EXIT_USAGE


def _facts(args: argparse.Namespace) -> int:
    from cheatdeck.describe import describe
    from cheatdeck.extract import REGISTRY, extract
    from cheatdeck.notes import load_notes
    from cheatdeck.pipeline import facts_json

    folder, only = _notes_file(args.notes)

    def run():  # noqa: ANN202
        return extract(load_notes(folder, only=only).sections)

    extraction, status = _run(run)
    if extraction is None:
        return status
    facts = [f for f in extraction.facts if args.kind in (None, f.kind)]
    if args.json:
        print(json.dumps(facts_json(facts), indent=1, ensure_ascii=False))
    else:
        for kind in REGISTRY.names():
            group = [f for f in facts if f.kind == kind]
            if group:
                print(f"\n{kind} ({len(group)}): {REGISTRY[kind].description}")
                for f in group:
                    print(f"  {describe(f):<90.90}  {f.source}")
    for w in extraction.warnings:
        print(
            f"warning: {folder / w.source.path}:{w.source.line}: {w.message}" if w.source else f"warning: {w.message}",
            file=sys.stderr,
        )
    return EXIT_OK


def _cards(args: argparse.Namespace) -> int:
    import random

    from cheatdeck.extract import extract
    from cheatdeck.notes import load_notes
    from cheatdeck.pipeline import TEMPLATES_DIR
    from cheatdeck.preview import cards

    folder, only = _notes_file(args.notes)

    def run():  # noqa: ANN202
        return extract(load_notes(folder, only=only).sections)  # a file alone, not its folder

    extraction, status = _run(run)
    if extraction is None:
        return status
    shown = cards([f for f in extraction.facts if args.kind in (None, f.kind)], TEMPLATES_DIR)
    total = len(shown)
    if args.sample is not None and args.sample < total:
        shown = random.Random(args.seed).sample(shown, args.sample)
    for card in shown:
        print(card.show(), end="\n\n")
    print(f"{len(shown)} of {total} cards")
    _print_warnings(extraction.warnings, folder)
    return EXIT_OK


def _options(args: argparse.Namespace):  # noqa: ANN202
    from cheatdeck.pipeline import BuildOptions

    return BuildOptions(
        notes_dir=args.notes,
        out_dir=args.out,
        only=args.only,
        title=args.title,
        paper=args.paper,
        landscape=args.landscape,
        subdecks=args.subdecks,
        strict=args.strict,
        force=args.force,
        forget_removed=args.forget_removed,
        pages=args.pages,
    )


def _build(args: argparse.Namespace) -> int:
    if args.watch and args.forget_removed:
        # every rebuild would forget what the one before had just flagged
        print("error: --forget-removed is for one build; run it without --watch", file=sys.stderr)
        return EXIT_USAGE
    if args.watch:
        return _watch(args)
    progress = _Progress(enabled=sys.stderr.isatty() and not args.quiet)
    from cheatdeck.pipeline import build

    report, status = _run(lambda: build(_options(args), progress))
    progress.done()
    if report is None:
        return status
    _print_report(report, args)
    return status


class _Progress:
    """A status line per stage on a terminal, once a build has taken over a second."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self.shown = False

    def __call__(self, stage: str) -> None:
        if self.enabled and time.perf_counter() - self.started > 1.0:
            print(f"\r\033[K… {stage}", end="", file=sys.stderr, flush=True)
            self.shown = True

    def done(self) -> None:
        if self.shown:
            print("\r\033[K", end="", file=sys.stderr, flush=True)


MAX_WARNINGS_SHOWN = 30


def _print_warnings(warnings, notes: Path) -> None:  # noqa: ANN001
    for w in warnings[:MAX_WARNINGS_SHOWN]:
        where = f"{notes / w.source.path}:{w.source.line}: " if w.source else ""
        print(f"warning: {where}{w.message}", file=sys.stderr)
    if len(warnings) > MAX_WARNINGS_SHOWN:
        print(
            f"... and {len(warnings) - MAX_WARNINGS_SHOWN} more warnings; "
            f"'python build.py facts --notes {notes}' lists them all",
            file=sys.stderr,
        )


def _print_report(report, args: argparse.Namespace) -> None:  # noqa: ANN001
    _print_warnings(report.warnings, args.notes)
    if args.quiet:
        return
    if args.forget_removed and not report.forgotten and args.only != "sheet":
        print("no removed facts to forget")
    if not report.written:
        print(f"up to date: {', '.join(str(p) for p in report.up_to_date)}")
        return
    for path in report.written:
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    counts = ", ".join(f"{n} {kind}" for kind, n in report.counts.items())
    print(f"{sum(report.counts.values())} facts: {counts}")
    if report.added or report.changed or report.removed or report.restored:
        back = f", {len(report.restored)} back" if report.restored else ""
        print(
            f"since the last build: {len(report.added)} added, {len(report.changed)} changed, "
            f"{len(report.removed)} removed{back}"
        )
        for label in report.removed:
            note = "" if label in report.flagged else " (delete its card in Anki yourself)"
            print(f"  removed: {label}{note}")
        for label in report.restored:
            print(f"  back: {label} (same note, untagged on import)")
    if report.emptied:
        print(
            f"{report.emptied} card(s) no longer asked: a figure now shown as text (asked in another file, or"
            " no fact to recall). After importing, Tools > Empty Cards in Anki's main window deletes them."
        )
    if report.forgotten:
        print(
            f"forgot {len(report.forgotten)} removed fact(s): no longer in the deck; Anki keeps their notes as they are"
        )
    if report.flagged:
        from cheatdeck.deck import REMOVED_SEARCH, REMOVED_TAG  # here only: a no-op build does not load genanki

        print(f"{len(report.flagged)} removed fact(s) stay in the deck, their notes tagged {REMOVED_TAG}.")
        print(f"After importing, search Anki's browser for\n  {REMOVED_SEARCH}")
        print("to delete or suspend them in one go; then build once with --forget-removed to drop them from the deck.")
    pages = f"{args.pages} page{'s' if args.pages and args.pages > 1 else ''}"
    if report.sheet_left_out:
        left_out = sum(report.sheet_left_out.values())
        groups = ", ".join(f"{n} {group}" for group, n in report.sheet_left_out.items())
        print(
            f"sheet: {left_out} facts left out to fit {pages} ({groups}), set in {report.sheet_font:g} pt; "
            "the deck has them all"
        )
    elif report.sheet_font:
        print(f"sheet: set in {report.sheet_font:g} pt to fit {pages}")
    if report.warnings:
        print(f"{len(report.warnings)} warning(s)")
    print(f"done in {report.seconds:.2f} s")


def _watch(args: argparse.Namespace) -> int:
    from cheatdeck.pipeline import TEMPLATES_DIR, build

    try:
        from watchfiles import watch
    except ImportError:
        print("error: --watch needs the watchfiles package; run make", file=sys.stderr)
        return EXIT_USAGE
    if not args.notes.is_dir():
        print(f"error: {args.notes}: notes folder not found; create it or pass --notes DIR", file=sys.stderr)
        return EXIT_USAGE
    # load every stage once: each rebuild's worker process starts with them in memory
    import weasyprint  # noqa: F401

    import cheatdeck.deck  # noqa: F401
    import cheatdeck.extract  # noqa: F401
    import cheatdeck.parse  # noqa: F401
    import cheatdeck.render  # noqa: F401
    import cheatdeck.sheet  # noqa: F401

    options = _options(args)
    print(f"watching {args.notes} and {TEMPLATES_DIR}; Ctrl-C to stop", flush=True)
    for _changes in _changes_then(watch, args.notes, TEMPLATES_DIR):
        report, _status = _run(lambda: build(options))
        if report is not None:
            if report.written:
                names = ", ".join(p.name for p in report.written)
                print(f"[{time.strftime('%H:%M:%S')}] rebuilt {names} in {report.seconds:.2f} s", flush=True)
            _print_report(report, args)
        sys.stdout.flush()
    return EXIT_OK


def _changes_then(watch, *paths):  # noqa: ANN001, ANN202
    yield set()  # build once at start
    try:
        yield from watch(*paths, debounce=20, step=10)
    except KeyboardInterrupt:
        return


if __name__ == "__main__":
    raise SystemExit(main())
