"""The page budget (--pages N) as a reader sees it: the PDF's page count, what is left
on it (pdftotext), what the report says, the deck imported whole with Anki, and the
same bytes from the same notes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from anki_helpers import import_deck, open_collection
from conftest import ROOT, SAMPLE

from build import main
from cheatdeck.budget import LEAVE_OUT_ORDER
from cheatdeck.extract import extract
from cheatdeck.notes import load_notes
from cheatdeck.pipeline import BuildOptions, build
from cheatdeck.sheet import sheet_group

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (make)")


@pytest.fixture(scope="module")
def two_samples(tmp_path_factory) -> Path:
    """Twice the sample, each copy with its own facts: a sheet of 3 pages."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench import varied_notes

    return varied_notes(tmp_path_factory.mktemp("budget") / "notes", 2, SAMPLE)


@pytest.fixture(scope="module")
def one_page(two_samples: Path, tmp_path_factory):
    out = tmp_path_factory.mktemp("one-page")
    report = build(BuildOptions(notes_dir=two_samples, out_dir=out, pages=1))
    return report, out


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def _text(pdf: Path) -> str:
    return re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)


def test_without_a_budget_the_notes_take_three_pages(two_samples: Path, tmp_path: Path) -> None:
    report = build(BuildOptions(notes_dir=two_samples, out_dir=tmp_path, only="sheet"))
    assert _pages(tmp_path / "aws-practices-0.pdf") == 3
    assert report.sheet_left_out == {} and report.sheet_layouts == 1 and report.sheet_font == 0


def test_tightening_comes_before_leaving_out(two_samples: Path, tmp_path: Path) -> None:
    report = build(BuildOptions(notes_dir=two_samples, out_dir=tmp_path, only="sheet", pages=2))
    assert _pages(tmp_path / "aws-practices-0.pdf") == 2
    assert report.sheet_left_out == {}
    assert 1 < report.sheet_layouts <= 3
    size = float(re.findall(r"html \{ font-size: ([\d.]+)pt", (tmp_path / "aws-practices-0.html").read_text())[-1])
    assert 6.5 <= size < 7.5 and report.sheet_font == size


def test_one_page_leaves_out_facts_and_says_how_many(one_page) -> None:
    report, out = one_page
    pdf = out / "aws-practices-0.pdf"
    assert _pages(pdf) == 1
    left_out = sum(report.sheet_left_out.values())
    assert left_out > 50
    assert report.sheet_layouts <= 3
    assert f"{left_out} facts left out to fit, all in the deck" in _text(pdf)


def test_the_least_valuable_groups_are_left_out_first(one_page, two_samples: Path) -> None:
    report, out = one_page
    facts = extract(load_notes(two_samples).sections).facts
    total = Counter(sheet_group(f) for f in facts)
    touched = [g for g in LEAVE_OUT_ORDER if report.sheet_left_out.get(g)]
    assert touched == list(LEAVE_OUT_ORDER[: len(touched)])
    for group in touched[:-1]:  # only the last group reached may keep some of its facts
        assert report.sheet_left_out[group] == total[group], group
    text = _text(out / "aws-practices-0.pdf")
    for f in facts:
        if f.kind == "port":
            assert re.search(rf"\b{f.data.port}\b.{{0,3}}{re.escape(f.data.protocol)}", text), f.data
        elif f.kind == "ebs_volume":
            assert "/".join(f.data.types) in text, f.data


def test_the_deck_is_never_cut(one_page, two_samples: Path, tmp_path: Path) -> None:
    _report, out = one_page
    facts = extract(load_notes(two_samples).sections).facts
    log = import_deck(tmp_path / "user.anki2", out / "aws-practices-0.apkg")
    assert len(log.new) == len(facts)
    col = open_collection(tmp_path / "user.anki2")
    try:
        assert col.note_count() == len(facts)
    finally:
        col.close()


def test_the_cli_reports_what_it_left_out_and_the_bytes_repeat(one_page, two_samples: Path, tmp_path, capsys) -> None:
    report, out = one_page
    code = main(["--notes", str(two_samples), "--out", str(tmp_path), "--only", "sheet", "--pages", "1"])
    stdout = capsys.readouterr().out
    left_out = sum(report.sheet_left_out.values())
    assert code == 0
    assert f"sheet: {left_out} facts left out to fit 1 page (" in stdout and "set in 6.5 pt" in stdout
    assert (tmp_path / "aws-practices-0.pdf").read_bytes() == (out / "aws-practices-0.pdf").read_bytes()


def test_a_budget_the_sheet_already_meets_changes_nothing(notes_dir: Path, tmp_path: Path) -> None:
    build(BuildOptions(notes_dir=notes_dir, out_dir=tmp_path / "plain", only="sheet"))
    report = build(BuildOptions(notes_dir=notes_dir, out_dir=tmp_path / "budget", only="sheet", pages=5))
    assert report.sheet_layouts == 1 and report.sheet_left_out == {}
    for name in ("aws-practices.pdf", "aws-practices.html"):
        assert (tmp_path / "budget" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_pages_must_be_a_whole_number(value: str, tmp_path: Path, capsys) -> None:
    code = main(["--notes", str(tmp_path), "--pages", value])
    err = capsys.readouterr().err
    assert code == 2
    assert f"argument --pages: {value!r} is not a number of pages; give a whole number, e.g. --pages 2" in err


def test_a_short_estimate_is_corrected_by_one_more_layout(notes_dir: Path, monkeypatch) -> None:
    import cheatdeck.budget as budget
    from cheatdeck.pipeline import TEMPLATES_DIR
    from cheatdeck.sheet import SheetOptions, lay_out, render_sheet

    notes = load_notes(notes_dir)
    facts = extract(notes.sections).facts

    def layout(chosen, tighten, left_out):  # noqa: ANN001, ANN202
        html = render_sheet(chosen, notes.title, TEMPLATES_DIR, ["a.md"], 0, SheetOptions(tighten=tighten), left_out)
        return html, lay_out(html, TEMPLATES_DIR, [notes_dir, TEMPLATES_DIR])

    honest = budget.fit_pages(facts, 1, layout)
    monkeypatch.setattr(budget, "FILL", 1.25)  # plan to fill more than the columns hold
    hopeful = budget.fit_pages(facts, 1, layout)
    assert len(honest.document.pages) == len(hopeful.document.pages) == 1
    assert honest.layouts == 2 and hopeful.layouts == 3
    assert 0 < len(honest.left_out) < len(facts)
