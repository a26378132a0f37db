"""The cheat sheet as a reader sees it: the PDF read back with pdftotext, its pages,
its fonts, its safety with hostile notes, its reproducible bytes."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from cheatdeck.extract import extract
from cheatdeck.notes import load_notes
from cheatdeck.pipeline import BuildOptions, build

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (make)")


@pytest.fixture(scope="module")
def sheet(tmp_path_factory) -> tuple[Path, Path, Path]:
    from conftest import SAMPLE

    root = tmp_path_factory.mktemp("sheet")
    notes = root / "notes"
    notes.mkdir()
    shutil.copy(SAMPLE, notes / SAMPLE.name)
    out = root / "dist"
    build(BuildOptions(notes_dir=notes, out_dir=out, only="sheet"))
    return notes, out / "aws-practices.pdf", out / "aws-practices.html"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout


def _squash(line: str) -> str:
    return re.sub(r"\s+", " ", line)


def test_sample_sheet_fits_three_a4_pages(sheet) -> None:
    _notes, pdf, _html = sheet
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 1 <= pages <= 3
    assert re.search(r"Page size:\s+595.\d* x 841.\d* pts", info)  # A4 portrait
    assert re.search(r"Tagged:\s+yes", info)
    assert "AWS_Practices" in re.search(r"Title:\s+(.*)", info).group(1)
    text = _text(pdf)
    assert f"page 1 of {pages}" in text and f"page {pages} of {pages}" in text


def test_every_typed_fact_is_on_one_line_of_the_sheet(sheet) -> None:
    notes, pdf, _html = sheet
    lines = [_squash(line) for line in _text(pdf).splitlines()]
    facts = extract(load_notes(notes).sections).facts

    def on_a_line(*parts: str) -> bool:
        return any(all(p in line for p in parts) for line in lines)

    checked = 0
    for f in facts:
        d = f.data
        if f.kind == "port":
            assert on_a_line(f" {d.port} ", d.protocol), f"port {d.port} {d.protocol}"
        elif f.kind == "ebs_volume":
            assert on_a_line("/".join(d.types), f"{d.max_iops:,}"), f"{d.types}"
        elif f.kind == "load_balancer":
            assert on_a_line(d.abbrev or d.name, ", ".join(map(str, d.layers))), d.name
        elif f.kind == "dns_record":
            assert on_a_line(d.type, d.meaning.split()[0]), d.type
        else:
            continue
        checked += 1
    assert checked >= 19


def test_every_fact_of_the_deck_is_on_the_sheet(sheet) -> None:
    notes, _pdf, html_path = sheet
    from html import escape

    html = re.sub(r"<[^>]+>", "", html_path.read_text())
    facts = extract(load_notes(notes).sections).facts

    for f in facts:
        d = f.data
        key = {
            "definition": lambda: d.term,
            "number": lambda: d.text[:25],
            "question": lambda: d.question,
        }.get(f.kind)
        if key:
            assert escape(key(), quote=False) in html, f"{f.kind} from {f.source} is not on the sheet"


def test_pdf_embeds_its_fonts(sheet) -> None:
    _notes, pdf, _html = sheet
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts, "no fonts in the PDF"
    for row in fonts:
        assert re.search(r"\byes\s+yes\s+yes\b", row), f"font not embedded and subset: {row}"
    assert any("DejaVu" in row for row in fonts)


def test_html_is_self_contained(sheet) -> None:
    _notes, _pdf, html_path = sheet
    html = html_path.read_text()
    assert "<style>" in html and "column-fill: auto" in html
    assert not re.search(r"<link|<script|src=\"http", html)
    assert '<html lang="en">' in html


def test_same_notes_give_a_byte_identical_pdf(sheet, tmp_path: Path) -> None:
    notes, pdf, _html = sheet
    out = tmp_path / "again"
    build(BuildOptions(notes_dir=notes, out_dir=out, only="sheet"))
    assert (out / pdf.name).read_bytes() == pdf.read_bytes()


def test_hostile_notes_are_not_fetched_and_are_reported(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    secret = tmp_path / "secret"
    secret.write_text("TOPSECRET-CONTENT")
    (notes / "evil.md").write_text(
        "# Evil\n"
        "## What is in the file?\n"
        "![host](file:///etc/hostname) and [hosts](file:///etc/hosts)\n"
        "![remote](http://127.0.0.1:9/x.png)\n"
        "![up](../secret) and [up](../../secret)\n"
        "<img src='file:///etc/hostname'> <iframe src='http://127.0.0.1:9/'></iframe>\n",
        "utf-8",
    )
    out = tmp_path / "out"
    started = time.perf_counter()
    report = build(BuildOptions(notes_dir=notes, out_dir=out))
    assert time.perf_counter() - started < 20
    lines = sorted({w.source.line for w in report.warnings if w.source})
    assert lines == [3, 4, 5]
    assert len(report.warnings) == 5
    text = _text(out / "evil.pdf")
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "@@"
    assert "TOPSECRET" not in text and hostname not in text
    html = (out / "evil.html").read_text()
    assert "<iframe" not in html and "<img src='file" not in html


@pytest.mark.parametrize(
    ("paper", "landscape", "size"), [("letter", False, "612 x 792"), ("a4", True, "841.89 x 595.276")]
)
def test_paper_and_orientation(notes_dir: Path, tmp_path: Path, paper: str, landscape: bool, size: str) -> None:
    out = tmp_path / "out"
    build(BuildOptions(notes_dir=notes_dir, out_dir=out, only="sheet", paper=paper, landscape=landscape))
    info = subprocess.run(["pdfinfo", str(out / "aws-practices.pdf")], capture_output=True, text=True).stdout
    assert size in re.search(r"Page size:\s+(.*)", info).group(1)


def test_long_tables_flow_on_and_no_page_is_empty(tmp_path: Path) -> None:
    import sys

    from conftest import ROOT, SAMPLE

    sys.path.insert(0, str(ROOT / "bench"))
    from bench import varied_notes

    notes = varied_notes(tmp_path / "notes", 8, SAMPLE)  # 8 times the ports: a table taller than a column
    out = tmp_path / "out"
    build(BuildOptions(notes_dir=notes, out_dir=out, only="sheet"))
    pdf = next(out.glob("*.pdf"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        body = [line for line in text.splitlines() if line.strip() and "page " not in line and "built" not in line]
        enough = 1 if page == pages else 20  # the last page may hold just the end
        assert len(body) >= enough, f"page {page} of {pages} is (nearly) empty"


def test_the_sheet_leaves_out_the_note_takers_own_marks() -> None:
    """What the note-taker struck out, where they learned a fact and a thread's post
    number are left out of the sheet's rows, as of the cards; the figures stay."""
    from conftest import ROOT

    from cheatdeck.parse import parse_notes
    from cheatdeck.sheet import render_sheet

    markdown = (
        "## Harbour\n"
        "- Crossing takes ~~40 min~~ 55 min in winter (Udemy s4)\n"
        "- Kiosk: sells tickets, ~~maps~~ snacks and drinks\n"
        "17/ Ferry desk: queue up to 30 min at noon\n"
    )
    facts = extract([parse_notes(markdown, "n.md")]).facts
    html = render_sheet(facts, "Harbour", ROOT / "templates", ["n.md"], 0)
    text = re.sub(r"<[^>]+>", "", html)
    assert "55" in text and "snacks and drinks" in text and "30" in text
    assert "~~" not in text and "40 min" not in text and "maps" not in text
    assert "Udemy" not in text and "17/" not in text


def test_the_sheet_leaves_out_pictographs_and_closing_tags() -> None:
    """Pictographs that decorate notes (its fonts have none, a PDF would show boxes) and
    the tag that closes an export's toggle are left out of the sheet; marks that mean
    something stay."""
    from conftest import ROOT

    from cheatdeck.parse import parse_notes
    from cheatdeck.sheet import render_sheet

    markdown = (
        "# Harbour 🚢\n"
        "## Crossings 🛳️\n"
        "<details>\n<summary>Night ferry</summary>\n\n"
        "- crossing takes 40 min ✅\n"
        "- Kiosk: sells tickets and snacks\n"
        "</details>\n"
    )
    facts = extract([parse_notes(markdown, "n.md")]).facts
    html = render_sheet(facts, "Harbour 🚢 ★ ☁", ROOT / "templates", ["n.md"], 0)
    text = re.sub(r"<[^>]+>", "", html)
    assert "40" in text and "✅" in text and "sells tickets and snacks" in text and "Harbour ★ ☁" in text
    assert "🚢" not in text and "🛳" not in text and "\ufe0f" not in text and "/details" not in text
