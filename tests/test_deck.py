"""The Anki deck, imported with the real Anki library: first import, rebuilds, review
history, edits made in Anki, card design changes, reproducible bytes."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from anki_helpers import import_deck, open_collection

from cheatdeck.extract import extract
from cheatdeck.notes import load_notes
from cheatdeck.parse import parse_notes
from cheatdeck.pipeline import TEMPLATES_DIR, BuildOptions, build


def _build(notes: Path, out: Path, templates: Path = TEMPLATES_DIR):
    return build(BuildOptions(notes_dir=notes, out_dir=out, only="deck", templates_dir=templates))


def _note_text(col, query: str) -> list[str]:
    return [" ".join(col.get_note(n).fields) for n in col.find_notes(query)]


@pytest.fixture
def built(notes_dir: Path, tmp_path: Path):
    out = tmp_path / "dist"
    report = _build(notes_dir, out)
    apkg = next(out.glob("*.apkg"))
    collection = tmp_path / "user.anki2"
    log = import_deck(collection, apkg)
    return notes_dir, out, apkg, collection, log, report


def test_first_import_has_one_note_per_fact(built) -> None:
    notes_dir, _out, _apkg, collection, log, _report = built
    facts = extract(load_notes(notes_dir).sections).facts
    assert len(log.new) == len(facts)
    assert not log.conflicting and not log.duplicate and not log.updated
    col = open_collection(collection)
    try:
        assert col.note_count() == len(facts)
        assert not col.get_empty_cards().notes  # every card Anki made has something on its front
        assert col.fix_integrity() == ("Database rebuilt and optimized.", True)
        names = {m["name"] for m in col.models.all()}
        assert {"cheatdeck Q&A", "cheatdeck Cloze"} <= names
        # a port card asks both ways, and the port card lists every protocol on the port
        cards = [col.get_card(c) for c in col.find_cards('"Front:*port does <b>SSH</b>*"')]
        assert len(cards) == 2
        forward = next(c for c in cards if c.ord == 0)
        assert "Which port does <b>SSH</b>" in forward.question()
        assert ">22<" in forward.answer()
        reverse = next(c for c in cards if c.ord == 1)
        assert "What runs on port <b>22</b>?" in reverse.question()
        assert "SSH" in reverse.answer() and "SFTP" in reverse.answer()
        # the back shows the section path and the file, not the line
        assert "Security groups and classic ports" in forward.answer()
        assert "aws_practices.md" in forward.answer() and "aws_practices.md:" not in forward.answer()
        # cloze cards for numbers, one per number
        cloze = [col.get_card(c) for c in col.find_cards('"Text:*Maximum*instances*"')]
        assert len(cloze) == 1 and "[...]" in cloze[0].question() and "16" in cloze[0].answer()
        # tags from the section path and the kind
        note = col.get_note(forward.nid)
        assert "cheatdeck::port" in note.tags
        assert any(t.startswith("AWS_Practices::EC2_Fundamentals::Security_groups") for t in note.tags)
    finally:
        col.close()


def test_every_card_has_a_non_empty_question_and_answer(built) -> None:
    *_, collection, _log, _report = built
    col = open_collection(collection)
    try:
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            q = card.question().split("</style>")[-1]
            a = card.answer().split("</style>")[-1]
            assert q.strip() and len(a) > len(q), f"card {cid} of note {card.nid} is empty"
    finally:
        col.close()


def test_rebuild_without_changes_imports_nothing(built) -> None:
    notes_dir, out, apkg, collection, _log, _report = built
    report = build(BuildOptions(notes_dir=notes_dir, out_dir=out, only="deck", force=True))
    assert (report.added, report.changed, report.removed) == ((), (), ())
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, 0)


def test_edited_fact_updates_in_place_and_keeps_review_history(built) -> None:
    notes_dir, out, apkg, collection, _log, _report = built
    col = open_collection(collection)
    try:
        (nid,) = col.find_notes('"Front:*What is <b>Sharding</b>*"')
        card = col.get_card(col.find_cards(f"nid:{nid} card:1")[0])
        card.start_timer()
        col.sched.answerCard(card, 3)
        reviews = col.db.scalar("select count() from revlog where cid = ?", card.id)
        assert reviews == 1
    finally:
        col.close()
    note = notes_dir / "aws_practices.md"
    note.write_text(note.read_text().replace("more easily managed parts", "easier to manage parts"), "utf-8")
    report = _build(notes_dir, out)
    assert report.changed == ("definition term sharding",) and not report.added
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, 1)
    col = open_collection(collection)
    try:
        assert "easier to manage parts" in col.get_note(nid).fields[1]
        assert col.db.scalar("select count() from revlog where cid = ?", card.id) == 1
        assert col.get_card(card.id).queue != 0  # no longer a new card
    finally:
        col.close()


def test_moving_lines_and_sections_changes_nothing(built) -> None:
    notes_dir, out, apkg, collection, _log, _report = built
    note = notes_dir / "aws_practices.md"
    lines = note.read_text().split("\n")
    start = lines.index("### 9. Route 53")
    end = lines.index("#### 11. Bucket S3 introduction")
    route53 = lines[start:end]
    rest = lines[:start] + lines[end:]
    # new lines at the top, and the Route 53 chapter moved up to be the second chapter
    second = rest.index("### 2. IAM(Identity and Access Management)")
    moved = rest[:second] + route53 + rest[second:]
    note.write_text("\n".join(["Some new notes at the top.", "", *moved]), "utf-8")
    report = _build(notes_dir, out)
    assert (report.added, report.changed, report.removed) == ((), (), ())
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, 0)


def test_added_fact_is_one_new_note_and_removed_fact_is_reported(built) -> None:
    notes_dir, out, apkg, collection, _log, _report = built
    note = notes_dir / "aws_practices.md"
    text = note.read_text()
    note.write_text(text.replace("- 80 = HTTP - access", "- 25 = SMTP - send mail\n- 80 = HTTP - access"))
    report = _build(notes_dir, out)
    assert report.added == ("port 25 smtp",)
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (1, 0)
    note.write_text(text.replace("- 3389 = RDP(Remote Desktop Protocol) - log into a Windows instance.\n", ""))
    report = _build(notes_dir, out)
    assert "port 25 smtp" in report.removed and "port 3389 rdp" in report.removed


def test_edit_made_in_anki_survives_a_rebuild(built) -> None:
    notes_dir, out, apkg, collection, _log, _report = built
    col = open_collection(collection)
    try:
        (nid,) = col.find_notes('"Front:*port does <b>HTTPS</b>*"')
        note = col.get_note(nid)
        note.fields[1] = "my own answer"
        col.update_note(note)
    finally:
        col.close()
    build(BuildOptions(notes_dir=notes_dir, out_dir=out, only="deck", force=True))
    log = import_deck(collection, apkg)
    assert len(log.updated) == 0
    col = open_collection(collection)
    try:
        assert col.get_note(nid).fields[1] == "my own answer"
    finally:
        col.close()


def test_changed_card_css_reaches_the_collection(built, tmp_path: Path) -> None:
    notes_dir, out, apkg, collection, _log, _report = built
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    css = templates / "deck" / "style.css"
    css.write_text(css.read_text() + "\n.card { border-left: 3px solid #123456; }\n")
    _build(notes_dir, out, templates)
    import_deck(collection, apkg)
    col = open_collection(collection)
    try:
        model = col.models.by_name("cheatdeck Q&A")
        assert "#123456" in model["css"]
    finally:
        col.close()


def test_two_builds_of_the_same_notes_are_byte_identical(notes_dir: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    _build(notes_dir, a)
    _build(notes_dir, b)
    (apkg_a,), (apkg_b,) = list(a.glob("*.apkg")), list(b.glob("*.apkg"))
    assert apkg_a.read_bytes() == apkg_b.read_bytes()
    build(BuildOptions(notes_dir=notes_dir, out_dir=a, only="deck", force=True))
    assert apkg_a.read_bytes() == apkg_b.read_bytes()


def test_raw_html_in_notes_is_escaped_on_cards(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "x.md").write_text("# X\n- Sharding : splits <script>alert(1)</script> <b>data</b>\n", "utf-8")
    out = tmp_path / "out"
    _build(notes, out)
    collection = tmp_path / "c.anki2"
    import_deck(collection, next(out.glob("*.apkg")))
    col = open_collection(collection)
    try:
        fields = " ".join(" ".join(col.get_note(n).fields) for n in col.find_notes(""))
        assert "<script>" not in fields and "&lt;script&gt;" in fields
    finally:
        col.close()


def test_images_are_packed_under_content_hashed_names(tmp_path: Path) -> None:
    import zipfile

    notes = tmp_path / "notes"
    (notes / "img").mkdir(parents=True)
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    (notes / "img" / "vpc.png").write_bytes(png)
    (tmp_path / "outside.png").write_bytes(png)
    (notes / "net.md").write_text(
        "# Net\n## What does a VPC look like?\n![vpc diagram](img/vpc.png)\nSubnets inside a region.\n"
        "![gone](img/missing.png)\n![escape](../outside.png)\n",
        "utf-8",
    )
    out = tmp_path / "out"
    report = _build(notes, out)
    warned = sorted((w.source.line, w.message.split(":")[0]) for w in report.warnings)
    assert warned == [(5, "image 'img/missing.png' left out"), (6, "image '../outside.png' left out")]
    apkg = next(out.glob("*.apkg"))
    with zipfile.ZipFile(apkg) as z:
        media = json.loads(z.read("media"))
        assert list(media.values()) == [hashlib.sha256(png).hexdigest()[:16] + ".png"]
        assert z.read(next(iter(media))) == png
    collection = tmp_path / "c.anki2"
    import_deck(collection, apkg)
    col = open_collection(collection)
    try:
        (nid,) = col.find_notes("")
        back = col.get_note(nid).fields[1]
        assert f'<img src="{media["0"]}"' in back and "missing.png" not in back and "outside" not in back
    finally:
        col.close()


def test_subdecks_per_top_level_section(notes_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(BuildOptions(notes_dir=notes_dir, out_dir=out, only="deck", subdecks=True))
    collection = tmp_path / "c.anki2"
    import_deck(collection, next(out.glob("*.apkg")))
    col = open_collection(collection)
    try:
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert "AWS_Practices::Route 53" in names and "AWS_Practices::EC2 Fundamentals" in names
    finally:
        col.close()


def test_conditional_maxima__two_cards_that_say_which_is_which(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ebs.md").write_text(
        "# EBS\n## io1\n- io1 (SSD): max IOPS 64,000 on Nitro and 32,000 on other instances\n", "utf-8"
    )
    out = tmp_path / "out"
    _build(notes, out)
    collection = tmp_path / "c.anki2"
    log = import_deck(collection, next(out.glob("*.apkg")))
    assert len(log.new) == 2 and not log.duplicate and not log.conflicting
    col = open_collection(collection)
    try:
        cards = [col.get_card(c) for c in col.find_cards("tag:cheatdeck::ebs_volume card:1")]
        backs = {c.question().split("</style>")[-1]: c.answer() for c in cards}
        (other,) = [front for front in backs if "<b>io1</b> volume (other instances)?" in front]
        (main,) = [front for front in backs if "<b>io1</b> volume?" in front]
        assert "32,000 IOPS" in backs[other] and "64,000 IOPS" in backs[main]
        assert "000 on" not in backs[main] + backs[other]  # no figures left in the description
    finally:
        col.close()


def _imported(tmp_path: Path, markdown: str):
    """A notes file of `markdown` built into a deck and imported into a new collection:
    the collection's path and the import's log."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "q.md").write_text(markdown, "utf-8")
    out = tmp_path / "out"
    _build(notes, out)
    collection = tmp_path / "c.anki2"
    return collection, import_deck(collection, next(out.glob("*.apkg")))


def test_a_load_balancer_named_with_nothing_else_asks_what_it_stands_for(tmp_path: Path) -> None:
    text = "# ELB\n- **Gateway Load Balancer (GWLB)** – for third-party firewalls\n- ALB - layer 7\n"
    collection, _log = _imported(tmp_path, text)
    col = open_collection(collection)
    try:
        cards = [col.get_card(c) for c in col.find_cards("tag:cheatdeck::load_balancer")]
        fronts = {c.question().split("</style>")[-1]: c.answer().split("</style>")[-1] for c in cards}
        (gwlb,) = [front for front in fronts if "GWLB" in front]
        assert "What does <b>GWLB</b> stand for?" in gwlb and "Gateway Load Balancer" in fronts[gwlb]
        assert not col.get_empty_cards().notes
    finally:
        col.close()


def test_conditional_maxima__guids_do_not_depend_on_the_order_of_the_lines() -> None:
    from cheatdeck.deck import guid
    from cheatdeck.parse import parse_notes

    lines = ["- max 64,000 IOPS (Nitro)", "- max 32,000 IOPS (other instances)"]
    guids = []
    for order in (lines, lines[::-1]):
        facts = extract([parse_notes("### io2\n" + "\n".join(order) + "\n", "n.md")]).facts
        guids.append({guid(f): f.data.max_iops for f in facts if f.kind == "ebs_volume"})
    assert guids[0] == guids[1] and sorted(guids[0].values()) == [32000, 64000]


def _shown_text(card_html: str, css: str) -> str:
    """The cloze text a card's HTML shows once the deck's CSS hides what it hides and adds
    what it adds (`display: none`, `content:` before an element): what Anki's web view
    displays, read with the selector engine WeasyPrint uses, which knows :has()."""
    import re
    from xml.etree import ElementTree as ET

    import cssselect2
    import tinycss2

    body = card_html.split("</style>")[-1]
    root = ET.fromstring(f"<root>{re.sub(r'<br>', '<br/>', body)}</root>")
    hidden, before = [], []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        declarations = tinycss2.serialize(rule.content)
        selector = tinycss2.serialize(rule.prelude).strip()
        if "display: none" in declarations:
            hidden += cssselect2.compile_selector_list(selector)
        elif "content:" in declarations and selector.endswith("::before"):
            said = re.search(r'content:\s*"([^"]*)"', declarations)  # `content: none` adds nothing
            text = said.group(1) if said else ""
            before += [(s, text) for s in cssselect2.compile_selector_list(selector.removesuffix("::before"))]
    out: list[str] = []

    def walk(element) -> None:
        if any(s.test(element) for s in hidden):
            return
        # the last rule that matches wins (the deck's later rules are the more specific)
        added = [text for s, text in before if s.test(element)]
        out.append(added[-1] if added else "")
        out.append(element.etree_element.text or "")
        for child in element.iter_children():
            walk(child)
            out.append(child.etree_element.tail or "")

    (text,) = cssselect2.ElementWrapper.from_html_root(root).query_all(".cloze-text")
    walk(text)
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _cloze_fronts(tmp_path: Path, markdown: str) -> tuple[int, list[str], list[str]]:
    """Notes built into a deck and imported with the real Anki library: the new notes,
    the text each cloze card shows once the deck's CSS applies, and the fronts `cards`
    prints for the same notes (first lines), both sorted."""
    from cheatdeck.preview import cards as preview_cards

    collection, log = _imported(tmp_path, markdown)
    notes = tmp_path / "notes"
    css = (TEMPLATES_DIR / "deck" / "style.css").read_text("utf-8")
    col = open_collection(collection)
    try:
        shown = sorted(_shown_text(col.get_card(c).question(), css) for c in col.find_cards("note:*Cloze*"))
    finally:
        col.close()
    facts = extract(load_notes(notes).sections).facts
    printed = sorted(c.front.split("\n")[0] for c in preview_cards(facts, TEMPLATES_DIR) if c.side == "cloze")
    return len(log.new), shown, printed


def test_a_line_of_several_facts_shows_each_card_the_part_its_gap_is_in(tmp_path: Path) -> None:
    """One note per line (its identity), one card per figure: Anki, with the deck's CSS,
    shows the line's lead and the part that holds the card's gap, as `cards` prints it."""
    line = "- limits: keeps messages 2 min to 20 days | hidden for 40 s after a read | batches of up to 12 messages\n"
    new, shown, printed = _cloze_fronts(tmp_path, f"# Queues\n{line}")
    assert new == 1  # one note: the line
    assert shown == [
        "limits: batches of up to [...] messages",
        "limits: hidden for [...] s after a read",
        "limits: keeps messages 2 min to [...] days",
        "limits: keeps messages [...] min to 20 days",
    ]
    assert printed == shown


def test_a_default_that_ends_a_range_is_hidden_on_the_range_card(tmp_path: Path) -> None:
    """ "kept 3-12 weeks (default 12)": the default is no gap of its own (the range's
    card asks it); the range's gap takes it in, one gap answered whole, which Anki and
    `cards` show alike; the next gap keeps its cloze number (c3: the default still
    holds c2)."""
    _new, shown, printed = _cloze_fronts(
        tmp_path, "# Archive\n- tapes are kept 3-12 weeks (default 12), then 6 copies\n"
    )
    assert shown == [
        "tapes are kept 3-12 weeks (default 12), then [...] copies",
        "tapes are kept [...], then 6 copies",
    ]
    assert printed == shown
    facts = extract(load_notes(tmp_path / "notes").sections).facts
    assert [f.data.cloze() for f in facts] == ["tapes are kept {{c1::3-12 weeks (default 12)}}, then {{c3::6}} copies"]


def test_a_value_said_again_in_other_units_is_hidden_with_it(tmp_path: Path) -> None:
    """ "15 min = 900 seconds": the second figure answers the first's card, so it is no
    gap of its own but hidden in the first's cloze, one gap answered whole; its number
    stays reserved, so the gap after it keeps c3, as it had when each figure was a gap."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "q.md").write_text(
        "# Jobs\n- a job may run 15 min = 900 seconds, with up to 5 retries\n- a read of up to 8 KB = 2 units\n",
        "utf-8",
    )
    facts = extract(load_notes(notes).sections).facts
    assert [f.data.cloze() for f in facts] == [
        "a job may run {{c1::15 min = 900 seconds}}, with up to {{c3::5}} retries",
        "a read of up to {{c1::8 KB}} = {{c2::2}} units",  # units of no measure: a fact of its own
    ]


def test_the_zero_a_range_opens_with_keeps_its_cloze_number() -> None:
    """ "0 bytes up to 96 KB": the zero is no gap, but its number stays reserved, so the
    maximum keeps c2, the card it had when the zero was a gap too."""
    (f,) = extract([parse_notes("# Mail\n- a letter's body: 0 bytes up to 96 KB\n", "q.md")]).facts
    assert f.data.cloze() == "a letter's body: 0 bytes up to {{c2::96 KB}}"


def test_a_long_sentence_of_clauses_shows_each_card_its_clause_as_cards_prints_it(tmp_path: Path) -> None:
    """A prose sentence of clauses, each with its figures: Anki, with the deck's CSS,
    shows the clause that holds the card's gap, "…" in front of a clause after the
    first, as `cards` prints it."""
    sentence = (
        "**Inbox** is a mailbox for services. Letters wait there for 3 days by default and at most 21 days, "
        "the largest letter allowed is 128 KB, and a letter being read stays hidden for 45 seconds.\n"
    )
    _new, shown, printed = _cloze_fronts(tmp_path, f"# Messaging\n\n{sentence}")
    assert shown == sorted(
        [
            "Letters wait there for [...] days by default and at most 21 days, the largest letter allowed is 128 KB",
            "Letters wait there for 3 days by default and at most [...] days, the largest letter allowed is 128 KB",
            "Letters wait there for 3 days by default and at most 21 days, the largest letter allowed is [...] KB",
            "… a letter being read stays hidden for [...] seconds.",
        ]
    )
    assert printed == shown


def _cloze_fields(tmp_path: Path, markdown: str) -> list[str]:
    """The cloze sentence of each note a deck built from `markdown` brings into Anki."""
    collection, _log = _imported(tmp_path, markdown)
    col = open_collection(collection)
    try:
        return sorted(col.get_note(n).fields[0] for n in col.find_notes("note:*Cloze*"))
    finally:
        col.close()


def test_a_figure_that_is_no_longer_a_gap_keeps_the_numbers_of_the_gaps_after_it(tmp_path: Path) -> None:
    """Earlier versions made a gap of a scenario's figure ("moving 40 TB"); this one does
    not, and the gap after it keeps cloze number 2, so its card keeps its review history.
    A figure said again in another part of a line is a gap of its own, numbered after
    the others."""
    fields = _cloze_fields(
        tmp_path,
        "## Tips\n\nIf the question mentions moving 40 TB over a slow link, think Snowball Edge, which holds 80 TB.\n\n"
        "Uploads — one request tops out at 5 GB; each part is at least 5 MB; multipart is required past 5 GB;"
        " a bucket holds any number of objects\n",
    )
    scenario = next(f for f in fields if "Snowball" in f)
    assert "{{c2::80}}" in scenario and "{{c1::" not in scenario and "40 TB" in scenario, scenario
    uploads = next(f for f in fields if "multipart" in f)
    assert re.findall(r"\{\{c(\d+)::5 GB\}\}", uploads) == ["1", "3"], uploads
    assert "{{c2::5 MB}}" in uploads, uploads


def test_a_value_in_another_spelling_of_its_unit_is_one_cloze_and_keeps_the_numbers_after_it() -> None:
    """ "60 seconds or 60 s": the second spelling would answer the first's card, so both
    are hidden in c1; c2, the number the second spelling had, stays unused, and the gap
    after it keeps c3, the card it had before (its review history)."""
    from cheatdeck.deck import note_fields

    (f,) = extract(
        [parse_notes("# Retry\n- retry after 60 seconds or 60 s when throttled, give up after 5 min\n", "q.md")]
    ).facts
    ((_fact, fields),) = list(note_fields([f], TEMPLATES_DIR))
    clozes = re.findall(r"\{\{c(\d+)::(.*?)\}\}", fields[0])
    assert [(n, re.sub(r"<[^>]+>", "", v)) for n, v in clozes] == [("1", "60 seconds"), ("1", "60 s"), ("3", "5")]
