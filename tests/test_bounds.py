"""Length bounds: no note, however long its lines, makes a long card field or sheet
cell; what is cut ends with "…" and names the line that holds the rest."""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from anki_helpers import import_deck, open_collection

from cheatdeck.bounds import LIMITS, bounded, clip
from cheatdeck.deck import guid
from cheatdeck.extract import extract
from cheatdeck.model import Fact, Number, Source
from cheatdeck.notes import load_notes
from cheatdeck.pipeline import BuildOptions, build

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (make)")
HERE = Source("big.md", 3, ("Ports",))


def test_clip__cuts_at_a_word_and_says_where_the_rest_is() -> None:
    assert clip("port 22 is SSH and more", 14, HERE) == "port 22 is SSH… (more at big.md:3)"
    assert clip("port 22 is SSH and more", 12, HERE) == "port 22 is… (more at big.md:3)"
    assert clip("port 22 is SSH", 14, HERE) == "port 22 is SSH"
    assert clip("x" * 50, 20, None) == "x" * 20 + "…"  # one long word is cut where it is


def test_bounds_leave_real_notes_as_they_are(notes_dir: Path) -> None:
    facts = extract(load_notes(notes_dir).sections).facts
    assert facts and all(bounded(f) is f for f in facts)


def test_a_cut_sentence_keeps_only_its_whole_numbers() -> None:
    text = "Up to 5 GB " + "and up to 7 GB " * 100
    spans = tuple((m.start(1), m.end()) for m in re.finditer(r"(\d+) GB", text))
    fact = Fact("number", Number(text, spans), HERE)
    shown = bounded(fact)
    assert len(shown.data.text) < LIMITS["text"] + 30
    assert shown.data.text.endswith("… (more at big.md:3)")
    assert 1 < len(shown.data.values) < len(spans)
    assert all(shown.data.text[a:b] in ("5 GB", "7 GB") for a, b in shown.data.values)
    assert "{{c2::7 GB}}" in shown.data.cloze()


def _one_mb_of_ports(folder: Path) -> Path:
    folder.mkdir()
    (folder / "big.md").write_text("# Ports\n\n- " + ", ".join(["22 = SSH"] * 100_000) + ", …\n", "utf-8")
    return folder


@needs_poppler
def test_a_1_mb_line_of_ports_builds_in_seconds(tmp_path: Path) -> None:
    notes = _one_mb_of_ports(tmp_path / "notes")
    (fact,) = extract(load_notes(notes).sections).facts
    assert len(fact.data.use) > 900_000  # the whole line is the port's use...
    started = time.perf_counter()
    build(BuildOptions(notes_dir=notes, out_dir=tmp_path / "dist"))
    assert time.perf_counter() - started < 40  # it took two minutes before the bounds
    pdf = tmp_path / "dist" / "ports.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\b", info)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout)
    assert re.search(r"22 = SSH… \(more at big\.md:3\)", text)
    import_deck(tmp_path / "user.anki2", tmp_path / "dist" / "ports.apkg")
    col = open_collection(tmp_path / "user.anki2")
    try:
        (note_id,) = col.find_notes("")
        note = col.get_note(note_id)
        assert note.guid == guid(fact)  # ...but the card is the fact's: its key is whole
        back = note["Back"]
        assert len(back) < 500 and ">22<" in back  # the answer alone; the use is on the sheet
    finally:
        col.close()


def _long_lines(folder: Path, n: int = 20_000) -> Path:
    folder.mkdir()
    words = " ".join(["word"] * n)
    (folder / "long.md").write_text(
        f"# Long notes\n\n## {'Heading ' * (n // 4)}\n\n"
        f"- **Sharding**: {words}\n- EC2 = Elastic {' '.join(['Compute'] * n)}\n\n"
        f"## Numbers\n- The limit is up to 5 GB and {' and '.join(f'up to {i} GB' for i in range(n // 4))}\n\n"
        f"## DNS records\n- A record: {words}\n\n## EBS\n- gp3: SSD, max 16,000 IOPS, {words}\n\n"
        f"## Routing policies\n- Weighted: {words}\n- Latency: {words}\n\n"
        f"| Port | Protocol | Use |\n|---|---|---|\n| 443 | HTTPS | {words} |\n\n"
        f"## Questions\n**Q: What is {'really ' * (n // 4)}long?**\nA: {words}\n",
        "utf-8",
    )
    return folder


@needs_poppler
def test_every_card_field_and_sheet_cell_has_a_bound(tmp_path: Path) -> None:
    notes = _long_lines(tmp_path / "notes")
    facts = extract(load_notes(notes).sections).facts
    assert {f.kind for f in facts} >= {"port", "definition", "number", "dns_record", "ebs_volume"}
    started = time.perf_counter()
    build(BuildOptions(notes_dir=notes, out_dir=tmp_path / "dist"))
    assert time.perf_counter() - started < 40
    pdf = tmp_path / "dist" / "long-notes.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\b", info)
    html = (tmp_path / "dist" / "long-notes.html").read_text()
    cells = re.findall(r"<(?:td|dd|li|p|dt|h\d)\b[^>]*>(.*?)</(?:td|dd|li|p|dt|h\d)>", html, re.S)
    assert cells and max(len(re.sub(r"<[^>]+>", "", c)) for c in cells) < 400
    import_deck(tmp_path / "user.anki2", tmp_path / "dist" / "long-notes.apkg")
    col = open_collection(tmp_path / "user.anki2")
    try:
        notes_in_anki = [col.get_note(n) for n in col.find_notes("")]
        assert len(notes_in_anki) == len(facts)
        for note in notes_in_anki:
            assert max(len(field) for field in note.fields) < max(LIMITS.values()) + 500
            assert max(len(t) for t in note.tags) < 200
        cut = [field for note in notes_in_anki for field in note.fields if "(more at long.md:" in field]
        # a port's use and a volume's description are on the sheet, not on the card
        on_cards = [f for f in facts if f.kind not in ("port", "ebs_volume")]
        assert len(cut) >= len(on_cards) - 1
    finally:
        col.close()


def test_a_very_long_first_heading_makes_a_short_title_and_file_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "t.md").write_text("# " + "Title " * 20_000 + "\n\n- SSH: port 22\n", "utf-8")
    started = time.perf_counter()
    report = build(BuildOptions(notes_dir=notes, out_dir=tmp_path / "dist"))
    assert time.perf_counter() - started < 40  # a file name too long for the system, and minutes of layout, before
    names = sorted(p.name for p in report.written)
    assert names == [f"{'title-' * 9}title.{ext}" for ext in ("apkg", "html", "pdf")]
    html = (tmp_path / "dist" / names[1]).read_text()
    assert re.search(r"<h1>(Title ){19}Title…</h1>", html)
