"""Removed facts, imported with the real Anki library: the notes of facts deleted from
the notes stay in the collection tagged cheatdeck::removed, with their history; a fact
that comes back is the same note without the tag; --forget-removed drops them from the
deck and the state file, never from Anki."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from anki_helpers import import_deck, open_collection
from conftest import SAMPLE

from build import main
from cheatdeck.deck import REMOVED_TAG, guid, label
from cheatdeck.extract import extract
from cheatdeck.notes import load_notes
from cheatdeck.outputs import STATE_FILE
from cheatdeck.pipeline import BuildOptions, build

RDP_LINE = "- 3389 = RDP(Remote Desktop Protocol) - log into a Windows instance.\n"
# what the sample loses with that line: the port (the acronym written inside it makes no
# card of its own: the port card shows its expansion)
GONE = {"port 3389 rdp"}
TAGGED = f"tag:{REMOVED_TAG}"


def _build(notes: Path, out: Path, **options):  # noqa: ANN003 - BuildOptions fields
    return build(BuildOptions(notes_dir=notes, out_dir=out, only="deck", **options))


def _facts(notes: Path) -> dict[str, str]:
    return {guid(f): label(f) for f in extract(load_notes(notes).sections).facts}


def _guids(col, query: str) -> set[str]:  # noqa: ANN001
    return {col.get_note(n).guid for n in col.find_notes(query)}


def _reviews(col, card_id: int) -> int:  # noqa: ANN001
    return col.db.scalar("select count() from revlog where cid = ?", card_id)


@pytest.fixture
def user(notes_dir: Path, tmp_path: Path):
    """The sample built and imported into a user's collection, the RDP port card
    answered once; the note file, dist/, the .apkg, the collection, the RDP note and card."""
    out = tmp_path / "dist"
    _build(notes_dir, out)
    apkg = next(out.glob("*.apkg"))
    collection = tmp_path / "user.anki2"
    import_deck(collection, apkg)
    col = open_collection(collection)
    try:
        (nid,) = col.find_notes('"Front:*port does <b>RDP</b>*"')
        card = col.get_card(col.find_cards(f"nid:{nid} card:1")[0])
        card.start_timer()
        col.sched.answerCard(card, 3)
        assert _reviews(col, card.id) == 1
    finally:
        col.close()
    note = notes_dir / SAMPLE.name
    assert note.read_text(encoding="utf-8").count(RDP_LINE) == 1
    return note, out, apkg, collection, nid, card.id


def _remove_rdp(note: Path) -> str:
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace(RDP_LINE, ""), encoding="utf-8")
    return text


def test_removed_facts__exactly_their_notes_are_tagged__nothing_deleted__history_kept(user) -> None:
    note, out, apkg, collection, nid, card_id = user
    before = _facts(note.parent)
    _remove_rdp(note)
    after = _facts(note.parent)
    went = set(before) - set(after)
    assert {before[g] for g in went} == GONE and not set(after) - set(before)

    report = _build(note.parent, out)
    assert set(report.removed) == GONE and set(report.flagged) == GONE
    assert (report.added, report.changed, report.restored) == ((), (), ())

    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated), len(log.conflicting)) == (0, len(GONE), 0)
    col = open_collection(collection)
    try:
        assert col.note_count() == len(before)  # nothing deleted
        assert _guids(col, TAGGED) == went  # exactly the notes of the facts that went
        assert _guids(col, f"-{TAGGED}") == set(after)
        rdp = col.get_note(nid)
        assert REMOVED_TAG in rdp.tags and "cheatdeck::port" in rdp.tags
        assert any(t.startswith("AWS_Practices::EC2_Fundamentals::") for t in rdp.tags)
        assert "3389" in rdp.fields[1]  # its last content
        assert len(col.find_cards(f"nid:{nid}")) == 2
        assert _reviews(col, card_id) == 1 and col.get_card(card_id).queue != 0
    finally:
        col.close()


def test_flagged_notes_are_shipped_unchanged_by_later_builds(user) -> None:
    note, out, apkg, collection, _nid, _card_id = user
    _remove_rdp(note)
    _build(note.parent, out)
    import_deck(collection, apkg)
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    flagged = {g: r for g, r in state["notes"].items() if r.get("removed")}
    assert {r["label"] for r in flagged.values()} == GONE

    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("more easily managed parts", "easier to manage parts"), "utf-8")
    report = _build(note.parent, out)
    assert report.changed == ("definition term sharding",) and report.removed == () and set(report.flagged) == GONE
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    assert {g: r for g, r in state["notes"].items() if r.get("removed")} == flagged  # same mod times
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, 1)
    col = open_collection(collection)
    try:
        assert {col.get_note(n).guid for n in col.find_notes(TAGGED)} == set(flagged)
    finally:
        col.close()


@pytest.mark.parametrize("where", ["in place", "in another file"])
def test_fact_that_comes_back__same_note__untagged__no_duplicate(user, where: str) -> None:
    note, out, apkg, collection, nid, card_id = user
    before = _facts(note.parent)
    text = _remove_rdp(note)
    _build(note.parent, out)
    import_deck(collection, apkg)

    if where == "in place":
        note.write_text(text, encoding="utf-8")
    else:
        (note.parent / "windows.md").write_text(f"# Remote access\n\n{RDP_LINE}", encoding="utf-8")
    assert set(_facts(note.parent)) == set(before)
    report = _build(note.parent, out)
    assert set(report.restored) == GONE
    assert (report.added, report.removed, report.flagged) == ((), (), ())

    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, len(GONE))
    col = open_collection(collection)
    try:
        assert col.find_notes(TAGGED) == []
        assert col.note_count() == len(before)
        assert col.db.scalar("select count(distinct guid) from notes") == len(before)
        assert REMOVED_TAG not in col.get_note(nid).tags
        assert _reviews(col, card_id) == 1 and col.get_card(card_id).nid == nid
    finally:
        col.close()


def test_forget_removed__drops_them_from_deck_and_state__anki_keeps_its_notes(user, tmp_path: Path) -> None:
    note, out, apkg, collection, nid, card_id = user
    first_mtime = note.stat().st_mtime
    text = _remove_rdp(note)
    _build(note.parent, out)
    import_deck(collection, apkg)

    report = _build(note.parent, out, forget_removed=True)
    assert set(report.forgotten) == GONE and report.written == [apkg]
    assert (report.added, report.changed, report.removed, report.flagged) == ((), (), (), ())
    state = json.loads((out / STATE_FILE).read_text(encoding="utf-8"))
    assert not [r for r in state["notes"].values() if r.get("removed")]
    # only their mod times stay, for the day the facts come back
    assert {r["label"] for r in state["notes"].values() if not r.get("forgotten")} & GONE == set()
    assert {r["label"] for r in state["notes"].values() if r.get("forgotten") and not r.get("fields")} == GONE
    # a fresh collection gets no tagged note; the user's keeps the ones it has
    fresh = tmp_path / "fresh.anki2"
    import_deck(fresh, apkg)
    col = open_collection(fresh)
    try:
        assert col.find_notes(TAGGED) == [] and col.note_count() == len(_facts(note.parent))
    finally:
        col.close()
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, 0)
    col = open_collection(collection)
    try:
        assert len(col.find_notes(TAGGED)) == len(GONE) and _reviews(col, card_id) == 1
    finally:
        col.close()

    again = _build(note.parent, out, forget_removed=True)
    assert again.forgotten == () and again.written == []

    # forgotten, then back with the file's old modification time (restored from a
    # backup, moved back with mv): the same note to Anki, newer than its tagged copy
    note.write_text(text, encoding="utf-8")
    os.utime(note, (first_mtime, first_mtime))
    report = _build(note.parent, out)
    assert set(report.restored) == GONE and not report.added
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, len(GONE))
    col = open_collection(collection)
    try:
        assert col.find_notes(TAGGED) == [] and REMOVED_TAG not in col.get_note(nid).tags
    finally:
        col.close()


def test_state_from_before_notes_were_kept__removed_fact_is_reported_not_shipped(user, capsys) -> None:
    note, out, apkg, collection, _nid, _card_id = user
    state_file = out / STATE_FILE
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["notes"] = {g: {k: r[k] for k in ("hash", "mod", "label")} for g, r in state["notes"].items()}
    state_file.write_text(json.dumps(state), encoding="utf-8")
    _remove_rdp(note)
    code = main(["--notes", str(note.parent), "--out", str(out), "--only", "deck", "--force"])
    printed = capsys.readouterr().out
    assert code == 0
    assert "  removed: port 3389 rdp (delete its card in Anki yourself)" in printed
    assert TAGGED not in printed
    log = import_deck(collection, apkg)
    assert (len(log.new), len(log.updated)) == (0, 0)  # every other note: same content, same time
    state = json.loads(state_file.read_text(encoding="utf-8"))
    assert all(r["fields"] for r in state["notes"].values())  # remembered whole from now on


def test_build_report_prints_the_anki_search(notes_dir: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "dist"
    args = ["--notes", str(notes_dir), "--out", str(out), "--only", "deck"]
    assert main(args) == 0
    _remove_rdp(notes_dir / SAMPLE.name)
    capsys.readouterr()
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert "0 added, 0 changed, 1 removed" in printed
    assert "  removed: port 3389 rdp\n" in printed
    assert f"1 removed fact(s) stay in the deck, their notes tagged {REMOVED_TAG}." in printed
    assert f"\n  {TAGGED}\n" in printed and "--forget-removed" in printed

    assert main([*args, "--forget-removed"]) == 0
    printed = capsys.readouterr().out
    assert "forgot 1 removed fact(s)" in printed and TAGGED not in printed
    assert main([*args, "--forget-removed"]) == 0
    assert capsys.readouterr().out.startswith("no removed facts to forget\nup to date")


def test_forget_removed_with_watch_is_a_usage_error(notes_dir: Path, tmp_path: Path, capsys) -> None:
    code = main(["--notes", str(notes_dir), "--out", str(tmp_path / "dist"), "--watch", "--forget-removed"])
    assert code == 2 and "--forget-removed is for one build" in capsys.readouterr().err


def test_failed_build_forgets_nothing(user) -> None:
    note, out, _apkg, _collection, _nid, _card_id = user
    _remove_rdp(note)
    _build(note.parent, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # the sample has warnings: --strict stops the build
    code = main(["--notes", str(note.parent), "--out", str(out), "--only", "deck", "--strict", "--forget-removed"])
    assert code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_removed_fact_with_subdecks__its_cards_stay_in_their_subdeck(notes_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    _build(notes_dir, out, subdecks=True)
    apkg = next(out.glob("*.apkg"))
    collection = tmp_path / "user.anki2"
    import_deck(collection, apkg)
    _remove_rdp(notes_dir / SAMPLE.name)
    _build(notes_dir, out, subdecks=True)
    import_deck(collection, apkg)
    col = open_collection(collection)
    try:
        (nid,) = col.find_notes(f'{TAGGED} "Front:*port does <b>RDP</b>*"')
        decks = {col.decks.name(col.get_card(c).did) for c in col.find_cards(f"nid:{nid}")}
        assert decks == {"AWS_Practices::EC2 Fundamentals"}
    finally:
        col.close()
