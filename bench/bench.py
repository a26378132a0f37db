#!/usr/bin/env python3
"""cheatdeck benchmarks: medians of several runs, and ratios measured in the same run.

    python bench/bench.py [--runs N] [--quick]

Each figure is compared with its target from the issues; the script prints a table
and exits 0 whatever the figures (a benchmark reports, it does not judge).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
from cheatdeck.cache import CACHE_FILE  # noqa: E402 - from this checkout, as the builds below use

SAMPLE = ROOT / "notes" / "aws_practices.md"
FROZEN_SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "aws_practices.md"
VAULT_FILES = 50


def median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(*args: str, cwd: Path = ROOT) -> None:
    subprocess.run(args, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def varied_notes(folder: Path, copies: int, sample: Path = SAMPLE) -> Path:
    """A notes folder `copies` times the sample, each copy with its own numbers, terms
    and headings, so that every copy adds facts instead of repeating them."""
    folder.mkdir(parents=True, exist_ok=True)
    text = sample.read_text(encoding="utf-8")
    for i in range(copies):

        def renumber(m: re.Match[str], i: int = i) -> str:
            n = int(m.group())
            return str(n + i) if n < 60000 else m.group()

        copy = re.sub(r"(?<![\w.])\d+(?![\w.])", renumber, text)
        copy = re.sub(r"(?m)^(\s*[-*] )([A-Z][\w /-]{1,30}?)( ?: )", rf"\g<1>\g<2> {i}\g<3>", copy)
        copy = re.sub(r"(?m)^(#+ .*)$", rf"\g<1> ({i})", copy)
        copy = re.sub(r"\b([A-Z]{2,4})\(([A-Z][a-z]+)", rf"\g<1>{i % 10}(\g<2>", copy)
        (folder / f"part{i:03d}.md").write_text(copy, encoding="utf-8")
    return folder


def deck_build(notes: Path, out: Path) -> None:
    """A deck-only build that parses and extracts every file: forced, without the cache."""
    (out / CACHE_FILE).unlink(missing_ok=True)
    run(PY, "build.py", "--notes", str(notes), "--out", str(out), "--only", "deck", "--force")


def vault(folder: Path, files: int = VAULT_FILES) -> Path:
    """A notes folder of `files` files, each the frozen sample under its own title."""
    folder.mkdir(parents=True, exist_ok=True)
    text = FROZEN_SAMPLE.read_text(encoding="utf-8")
    for i in range(files):
        (folder / f"part{i:03d}.md").write_text(text.replace("# AWS_Practices", f"# AWS_Practices {i}", 1))
    return folder


def vault_builds(notes: Path, out: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds of deck-only builds of `notes`: cold (no output folder), then after a
    one-line edit in one file, then after another edit without the cache (as before it
    existed). Each run takes all three in turn, so that the load of the machine at the
    time weighs on all three alike."""
    files = sorted(notes.glob("*.md"))
    note = files[len(files) // 2]
    cold: list[float] = []
    edit: list[float] = []
    uncached: list[float] = []
    for n in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        for times, line in ((cold, None), (edit, f"Bench limit {n}"), (uncached, f"Bench size {n}")):
            if line:
                with note.open("a", encoding="utf-8") as f:
                    f.write(f"\n- {line} : up to {n + 10} items\n")
            if times is uncached:
                (out / CACHE_FILE).unlink()
            started = time.perf_counter()
            run(PY, "build.py", "--notes", str(notes), "--out", str(out), "--only", "deck")
            times.append(time.perf_counter() - started)
    return cold, edit, uncached


def watch_rebuilds(notes: Path, out: Path, edits: int, only: str | None = None) -> list[float]:
    """Seconds from saving a one-line edit to the end of the watch-mode rebuild (of the
    deck and the sheet, or of `only` one of them)."""
    last = {"deck": ".apkg", "sheet": ".pdf", None: ".pdf"}[only]
    proc = subprocess.Popen(
        [PY, "build.py", "--watch", "--notes", str(notes), "--out", str(out), *(["--only", only] if only else [])],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    events: list[tuple[float, str]] = []
    reader = threading.Thread(
        target=lambda: [events.append((time.perf_counter(), line)) for line in proc.stdout], daemon=True
    )
    reader.start()

    def wait_for(predicate: Callable[[str], bool], since: int, timeout: float = 60) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for t, line in events[since:]:
                if predicate(line):
                    return t
            time.sleep(0.01)
        raise TimeoutError("watch mode did not rebuild")

    try:
        wait_for(lambda line: line.startswith("done in"), 0)
        wait_for(lambda line: "rebuilt" in line and last in line, 0)
        time.sleep(0.5)
        results = []
        note = sorted(notes.glob("*.md"))[0]
        for n in range(edits):
            since = len(events)
            with note.open("a", encoding="utf-8") as f:
                f.write(f"\n- Bench limit {n} : up to {n + 10} items\n")
            saved = time.perf_counter()
            done = wait_for(lambda line: "rebuilt" in line and last in line, since)
            results.append(done - saved)
            time.sleep(0.3)
        return results
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def vault_rows(work: Path, runs: int) -> list[tuple[str, str, str]]:
    """A one-line edit in one file of a 50-file vault (the sample under 50 titles):
    the deck-only rebuild, by itself and in watch mode, against a cold build."""
    rows: list[tuple[str, str, str]] = []
    vault_notes = vault(work / "vault")
    vault_out = work / "vault-dist"

    cold, edit, uncached = vault_builds(vault_notes, vault_out, runs)
    t_vault_cold, t_vault_edit, t_vault_uncached = map(statistics.median, (cold, edit, uncached))
    vault_label = f"{VAULT_FILES}-file vault"
    rows.append((f"{vault_label}: cold deck-only build", f"{t_vault_cold:.3f} s", ""))
    rows.append((f"{vault_label}: deck-only rebuild after a one-file edit", f"{t_vault_edit:.3f} s", ""))
    rows.append(("  ratio one-file edit / cold build", f"{t_vault_edit / t_vault_cold:.2f}x", "at most 0.25x"))
    rows.append(
        (
            "  the same edit without the cache",
            f"{t_vault_uncached:.3f} s ({t_vault_uncached / t_vault_cold:.2f}x)",
            "",
        )
    )
    times = watch_rebuilds(vault_notes, work / "vault-watch-deck", runs, only="deck")
    t_watch_deck = statistics.median(times)
    rows.append((f"{vault_label}: watch-mode deck rebuild after a one-file edit", f"{t_watch_deck:.3f} s", ""))
    rows.append(("  ratio watch-mode edit / cold build", f"{t_watch_deck / t_vault_cold:.2f}x", "at most 0.25x"))
    times = watch_rebuilds(vault_notes, work / "vault-watch", runs)
    rows.append(
        (
            f"{vault_label}: watch-mode rebuild after a one-file edit (deck and sheet)",
            f"{statistics.median(times):.3f} s",
            "",
        )
    )
    return rows


def print_table(rows: list[tuple[str, str, str]], runs: int) -> int:
    width = max(len(r[0]) for r in rows)
    print(f"cheatdeck benchmarks: medians of {runs} runs on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"{'measure':<{width}}  {'median':>18}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:>18}  {target}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    parser.add_argument("--quick", action="store_true", help="skip the 50x folder")
    parser.add_argument("--vault", action="store_true", help="only the one-file edit in a 50-file vault")
    args = parser.parse_args()
    runs = args.runs
    rows: list[tuple[str, str, str]] = []
    work = Path(tempfile.mkdtemp(prefix="cheatdeck-bench-"))
    try:
        if args.vault:
            rows.extend(vault_rows(work, runs))
            return print_table(rows, runs)
        from cheatdeck.extract import extract
        from cheatdeck.parse import parse_notes

        # --- extraction of the sample, in process
        text = SAMPLE.read_text(encoding="utf-8")
        t_extract = median(lambda: extract([parse_notes(text, SAMPLE.name)]), max(runs, 10))
        rows.append(("parse + extract, sample notes", f"{t_extract * 1000:.0f} ms", "well under 100 ms"))

        # --- no-op rebuild vs importing genanki and markdown-it
        notes = work / "notes"
        notes.mkdir()
        shutil.copy(SAMPLE, notes)
        out = work / "dist"
        run(PY, "build.py", "--notes", str(notes), "--out", str(out))
        t_noop = median(lambda: run(PY, "build.py", "--notes", str(notes), "--out", str(out)), runs)
        t_import = median(lambda: run(PY, "-c", "import genanki, markdown_it"), runs)
        rows.append(("no-op rebuild", f"{t_noop:.3f} s", ""))
        rows.append(("python -c 'import genanki, markdown_it'", f"{t_import:.3f} s", ""))
        rows.append(("  ratio no-op / import", f"{t_noop / t_import:.2f}x", "at most 1.5x"))

        # --- deck-only build of the sample
        t_deck = median(
            lambda: deck_build(notes, out),
            runs,
        )
        rows.append(("deck-only build, sample notes", f"{t_deck:.3f} s", "under 0.5 s"))

        # --- full cold build vs a bare WeasyPrint render of the same HTML, fresh processes
        def cold() -> None:
            target = work / "cold"
            shutil.rmtree(target, ignore_errors=True)
            run(PY, "build.py", "--notes", str(notes), "--out", str(target))

        html = next(out.glob("*.html"))
        bare = "import weasyprint, sys; weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], pdf_tags=True)"
        t_cold = median(cold, runs)
        t_bare = median(lambda: run(PY, "-c", bare, str(html), str(work / "bare.pdf")), runs)
        rows.append(("full cold build (deck + sheet)", f"{t_cold:.3f} s", ""))
        rows.append(("bare WeasyPrint render, same HTML", f"{t_bare:.3f} s", ""))
        rows.append(("  ratio cold build / bare render", f"{t_cold / t_bare:.2f}x", "at most 1.25x"))

        # --- the sheet alone, in process: our overhead over WeasyPrint on the same HTML
        import weasyprint

        from cheatdeck.notes import load_notes
        from cheatdeck.pipeline import TEMPLATES_DIR
        from cheatdeck.sheet import render_pdf, render_sheet

        for label, folder in (("sample", notes), ("10x sample", varied_notes(work / "notes10", 10))):
            loaded = load_notes(folder)
            facts = extract(loaded.sections).facts
            files = [f.path for f in loaded.files]
            sheet_html = render_sheet(facts, loaded.title, TEMPLATES_DIR, files, 0)
            t_sheet = median(
                lambda: render_pdf(
                    render_sheet(facts, loaded.title, TEMPLATES_DIR, files, 0),
                    TEMPLATES_DIR,
                    [folder, TEMPLATES_DIR],
                ),
                runs,
            )
            t_plain = median(lambda: weasyprint.HTML(string=sheet_html).write_pdf(pdf_tags=True), runs)
            pages = len(weasyprint.HTML(string=sheet_html).render().pages)
            rows.append((f"sheet render, {label} ({len(facts)} facts, {pages} pages)", f"{t_sheet:.3f} s", ""))
            rows.append((f"  plain WeasyPrint, same HTML ({label})", f"{t_plain:.3f} s", ""))
            rows.append((f"  sheet overhead ({label})", f"{(t_sheet / t_plain - 1) * 100:+.0f}%", ""))

        # --- a page budget: the 10x sample (the last folder above) fitted in 2 pages
        from cheatdeck.budget import fit_pages
        from cheatdeck.sheet import SheetOptions, lay_out, write_pdf

        def layout(chosen, tighten, left_out):  # noqa: ANN001, ANN202
            html = render_sheet(chosen, loaded.title, TEMPLATES_DIR, files, 0, SheetOptions(tighten=tighten), left_out)
            return html, lay_out(html, TEMPLATES_DIR, [folder, TEMPLATES_DIR])

        fitted = []

        def budget() -> None:
            fitted.append(fit_pages(facts, 2, layout))
            write_pdf(fitted[-1].document)

        t_budget = median(budget, max(3, runs // 2))
        found = fitted[-1]
        rows.append(
            (
                f"sheet render, 10x sample, --pages 2 ({pages} -> {len(found.document.pages)} pages, "
                f"{len(found.left_out)} facts left out, {found.layouts} layouts)",
                f"{t_budget:.3f} s",
                "about 3 plain renders",
            )
        )
        rows.append(("  ratio --pages 2 / plain render (10x sample)", f"{t_budget / t_plain:.2f}x", "at most ~3x"))

        # --- a pathological note: one 1 MB line of ports, full cold build
        big = work / "big-notes"
        big.mkdir()
        (big / "big.md").write_text("# Ports\n\n- " + ", ".join(["22 = SSH"] * 100_000) + ", …\n", "utf-8")

        def cold_big() -> None:
            shutil.rmtree(work / "big-dist", ignore_errors=True)
            run(PY, "build.py", "--notes", str(big), "--out", str(work / "big-dist"))

        t_big = median(cold_big, max(3, runs // 2))
        rows.append(("full cold build, one 1 MB line of ports", f"{t_big:.3f} s", "seconds"))

        # --- watch mode: save a one-line edit, wait for deck and sheet
        watch_notes = work / "watch-notes"
        watch_notes.mkdir()
        shutil.copy(SAMPLE, watch_notes)
        times = watch_rebuilds(watch_notes, work / "watch-dist", runs)
        rows.append(("watch-mode rebuild after a one-line edit", f"{statistics.median(times):.3f} s", "under 1 s"))

        rows.extend(vault_rows(work, runs))

        # --- scaling of deck-only builds with the size of the notes
        sizes = (1, 10) if args.quick else (1, 10, 50)
        base = None
        for copies in sizes:
            folder = varied_notes(work / f"scale{copies}", copies)
            size = sum(p.stat().st_size for p in folder.glob("*.md")) / 1e6
            target = work / f"scale{copies}-dist"
            t = median(
                lambda folder=folder, target=target: deck_build(folder, target),
                max(3, runs // 2) if copies > 10 else runs,
            )
            base = base or t
            goal = "under 5 s" if copies == 50 else ""
            rows.append((f"deck-only build, {copies}x sample ({size:.1f} MB)", f"{t:.3f} s ({t / base:.1f}x)", goal))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    return print_table(rows, runs)


if __name__ == "__main__":
    raise SystemExit(main())
