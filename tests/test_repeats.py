"""Figures one notes file repeats from another are asked once (cheatdeck/extract/repeats.py),
and a file added later never takes the card, and its history, from the file that had it."""

from __future__ import annotations

import json
from pathlib import Path

from cheatdeck.extract import extract
from cheatdeck.notes import load_notes
from cheatdeck.outputs import STATE_FILE
from cheatdeck.parse import parse_notes
from cheatdeck.pipeline import BuildOptions, build

FERRY = """## Ferry
- Crossing takes 45 min in calm weather
- Deck holds up to 120 cars
"""
# the crossing again in other words, one figure of its own, and a figure of the same
# value said of another thing
HARBOUR = """## Ferry notes
- crossing time: 45 minutes when calm; bikes max 30
- Fuel barge: refuels in 45 min
"""


def _gaps(files: dict[str, str]) -> dict[str, list[str]]:
    """Each number fact's sentence and the figures it asks, per file:line."""
    facts = extract([parse_notes(text, name) for name, text in files.items()]).facts
    out: dict[str, list[str]] = {}
    for f in facts:
        if f.kind == "number":
            out.setdefault(f"{f.source.path}:{f.source.line}", []).extend(f.data.text[a:b] for a, b in f.data.values)
    return out


def test_a_figure_another_file_asks_is_shown_not_asked() -> None:
    assert _gaps({"a.md": FERRY, "b.md": HARBOUR}) == {
        "a.md:2": ["45 min"],
        "a.md:3": ["120"],
        "b.md:2": ["30"],  # "45 minutes" is a.md's crossing time, in another spelling
        "b.md:3": ["45 min"],  # the same value said of the barge is a fact of its own
    }


def test_a_table_figure_is_a_repeat_whatever_writes_its_unit() -> None:
    # the unit in the column's name ("(min)"), after the figure ("45 m"), or in full
    table = "## Ferry\n\n| Route | Crossing (min) | Cars |\n|---|---|---|\n| Ferry | 45 | 120 |\n"
    assert _gaps({"a.md": FERRY, "b.md": table}) == {"a.md:2": ["45 min"], "a.md:3": ["120"]}
    assert _gaps({"a.md": table, "b.md": FERRY}) == {"a.md:5": ["45", "120"]}


def test_within_one_file_nothing_is_dropped() -> None:
    assert _gaps({"a.md": FERRY + "\n" + HARBOUR})["a.md:6"] == ["45 minutes", "30"]


def test_a_sentence_whose_figures_are_all_asked_elsewhere_makes_no_number() -> None:
    gaps = _gaps({"a.md": FERRY, "b.md": "## Ferry\n- The crossing takes 45 minutes if calm\n"})
    assert "b.md:2" not in gaps


def _numbers_asked(out: Path) -> dict[str, str]:
    """The texts of the cloze notes of the deck's state, by the file they come from."""
    state = json.loads((out / STATE_FILE).read_text())
    asked: dict[str, str] = {}
    for r in state["notes"].values():
        if "{{c" in r["fields"][0] and not r.get("removed"):
            asked[r["fields"][-1]] = asked.get(r["fields"][-1], "") + r["fields"][0] + "\n"
    return asked


def test_a_file_added_before_keeps_the_card_where_it_was(tmp_path: Path) -> None:
    notes, out = tmp_path / "notes", tmp_path / "dist"
    notes.mkdir()
    (notes / "m_ferry.md").write_text(FERRY)
    build(BuildOptions(notes_dir=notes, out_dir=out, only="deck"))
    before = _numbers_asked(out)
    assert "{{c1::45}} min" in before["m_ferry.md"]
    # a file that sorts first states the crossing time again
    (notes / "a_harbour.md").write_text(HARBOUR)
    build(BuildOptions(notes_dir=notes, out_dir=out, only="deck"))
    after = _numbers_asked(out)
    assert "{{c1::45}} min" in after["m_ferry.md"]
    assert "::45}} minutes" not in after["a_harbour.md"]
    # a new build from nothing asks it in the file that comes first
    fresh = tmp_path / "fresh"
    build(BuildOptions(notes_dir=notes, out_dir=fresh, only="deck"))
    assert "::45}} minutes" in _numbers_asked(fresh)["a_harbour.md"]
    assert len(load_notes(notes).sections) == 2


def test_a_gap_no_longer_asked_is_counted_for_the_report(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """A deck built before repeats were shown asked both; the next build keeps asking
    both (their cards have a history). A build that no longer asks a gap says how many
    cards Anki will keep empty (its Empty Cards tool deletes them)."""
    import cheatdeck.extract

    notes, out = tmp_path / "notes", tmp_path / "dist"
    notes.mkdir()
    (notes / "a.md").write_text(FERRY)
    (notes / "b.md").write_text("## Ferry\n- The crossing takes 45 minutes if calm, and the deck holds 90 bikes\n")
    with monkeypatch.context() as m:
        m.setattr(cheatdeck.extract, "without_repeats", lambda facts, _asked=None: list(facts))
        first = build(BuildOptions(notes_dir=notes, out_dir=out, only="deck"))
    assert first.emptied == 0
    assert "::45}} minutes" in _numbers_asked(out)["b.md"]
    # a gap the previous build asked stays asked: its card has a history
    kept = build(BuildOptions(notes_dir=notes, out_dir=out, only="deck", force=True))
    assert kept.emptied == 0
    assert "::45}} minutes" in _numbers_asked(out)["b.md"]
    # a gap no longer asked (here: the repeat taken without the previous build's asks)
    # leaves its card empty, and the report counts it
    real = cheatdeck.extract.without_repeats
    with monkeypatch.context() as m:
        m.setattr(cheatdeck.extract, "without_repeats", lambda facts, _asked=None: real(facts))
        again = build(BuildOptions(notes_dir=notes, out_dir=out, only="deck", force=True))
    assert again.emptied == 1
    assert "::45}} minutes" not in _numbers_asked(out)["b.md"] and "::90}} bikes" in _numbers_asked(out)["b.md"]


def test_the_same_value_said_of_another_thing_stays_asked() -> None:
    """Under headings that name other things, in another clause, or beside the same
    figure kept as a gap in its own sentence: no repeat."""
    gaps = _gaps(
        {
            "a.md": "## Mail\n- Mail max message size 256 KB\n\n## Silver tier\n- minimum stay 30 days\n"
            "\n## Ferry\n- Crossing takes 45 min in calm weather\n",
            "b.md": "## Post\n- max message size is 256 KB\n\n## Gold tier\n- stay minimum 30 days\n"
            "\n## Ferry\n- Crossing takes 45 min in calm weather, barge refuel also 45 min\n",
        }
    )
    assert gaps["b.md:2"] == ["256 KB"] and gaps["b.md:5"] == ["30 days"]
    # the crossing is a.md's; the barge's 45 min stays a gap, and so does the crossing's
    # (a figure the sentence asks is hidden wherever it says it)
    assert gaps["b.md:8"] == ["45 min", "45 min"]


def test_a_cloze_of_the_same_figure_in_another_unit_is_no_earlier_ask(tmp_path: Path) -> None:
    """A file added before states the crossing again beside a tank of 45 litres: the
    litres' cloze is no sign that the crossing was asked there, so rebuilds keep it where it was."""
    notes, out = tmp_path / "notes", tmp_path / "dist"
    notes.mkdir()
    (notes / "z_ferry.md").write_text("## Ferry\n- Crossing takes 45 min in calm weather\n")
    build(BuildOptions(notes_dir=notes, out_dir=out, only="deck"))
    (notes / "a_boat.md").write_text("## Ferry\n- Crossing lasts 45 min when calm, Tank holds 45 L of diesel\n")
    for _ in range(2):
        report = build(BuildOptions(notes_dir=notes, out_dir=out, only="deck", force=True))
        asked = _numbers_asked(out)
        assert "{{c1::45}} min" in asked["z_ferry.md"] and not report.removed
        assert "::45}} min" not in asked["a_boat.md"] and "::45}} L" in asked["a_boat.md"]


def test_what_a_repeated_figure_says_again_after_it_is_shown_with_it() -> None:
    alone = "## Net\n- 5 kept per subnet (first 4 + last 1)\n"
    assert _gaps({"b.md": alone})["b.md:2"] == ["5", "(first 4 + last 1)"]  # one cloze (deck.py)
    # asked elsewhere: not "5 kept per subnet [...]", asking the sum
    assert "b.md:2" not in _gaps({"a.md": "## Net\n- every subnet: 5 kept per subnet by the net\n", "b.md": alone})


def test_a_line_s_tags_and_a_figure_in_thousands_say_what_it_is_about() -> None:
    # a study log: the heading says when, the tags what; "2,500 gets" ends no clause at its comma
    log = "## 2025-05-02 — learned today\n- up to 9 mirrors, switch-over < 40 s #ledgerdb #limits\n"
    notes = "## LedgerDB\n- ledgerdb mirrors: max 9, switch-over ~40 s\n"
    assert _gaps({"a.md": notes, "b.md": log}) == {"a.md:2": ["9", "40 s"]}
    thousands = {
        "a.md": "## Vault\n- vault throughput: 2,500 gets + 1,200 puts per second per shelf\n",
        "b.md": "## Vault limits\n- vault: 2,500 gets, 1,200 puts per second per shelf\n",
    }
    assert _gaps(thousands) == {"a.md:2": ["2,500", "1,200"]}


def test_a_gap_a_previous_build_asked_is_never_taken_for_a_repeat() -> None:
    # both files asked it before repeats were read (or before this pair was seen as one):
    # each card keeps its history
    from cheatdeck.extract import extract_file
    from cheatdeck.extract.repeats import without_repeats

    facts = [
        f for name, text in (("a.md", FERRY), ("b.md", HARBOUR)) for f in extract_file(parse_notes(text, name)).facts
    ]
    numbers = [f.data.values for f in facts if f.kind == "number"]
    first = [f.data.values for f in without_repeats(facts) if f.kind == "number"]
    assert first != numbers  # a first build takes one for a repeat
    kept = without_repeats(facts, asked_before=lambda _fact, _value: True)
    assert [f.data.values for f in kept if f.kind == "number"] == numbers


def test_a_gap_whose_clause_says_only_max_is_told_by_its_line_s_lead() -> None:
    # "max 60 days" says nothing of its own: the line's lead ("hibernate") says what it
    # is of, so the second file's says it again; another lead ("spot") says another thing
    first = "## Boats\n- Mooring: pier length 40 m, power on, max 14 days\n"
    second = "## Boats, more\n- mooring - pier must be 40 m, power on, max 14 days\n- Winter berth - max 14 days\n"
    assert _gaps({"a.md": first, "b.md": second}) == {
        "a.md:2": ["40", "14 days"],
        "b.md:3": ["14 days"],
    }


def _definition(path: str, line: int, term: str, meaning: str, said: str | None):  # noqa: ANN202
    from cheatdeck.extract.common import fact
    from cheatdeck.model import Definition, Section

    section = Section(title="Ferry classes", level=2, heading_path=("Ferry classes",), path=path, line=1)
    return fact("definition", Definition(term, meaning, "ferry class", family_said=said), section, line)


def test_a_term_another_file_defines_in_the_same_family_is_asked_once() -> None:
    """ "[Ferry class] What is the Night class?" from two files, whose families were
    once named apart (their keys differ), is one card: the first file's; but each card a
    previous build made stays (its history), and a file added later never takes the
    term's card from the file that had it."""
    from cheatdeck.extract import _without_restated_terms

    first = _definition("a.md", 2, "Night class", "a cabin with a bunk for the crossing", "Lesson 3 class")
    again = _definition("m.md", 5, "night class", "bunk cabin", None)
    other = _definition("m.md", 6, "Deck class", "a seat on the open deck", None)
    assert first.key != again.key
    assert _without_restated_terms([first, again, other], None) == [first, other]
    assert _without_restated_terms([first, again, other], lambda f, _v: f is again) == [again, other]
    assert _without_restated_terms([first, again, other], lambda _f, _v: True) == [first, again, other]


def test_a_named_things_figure_in_other_words_is_a_repeat() -> None:
    # whose figure it is (the name a line opens with, or its parent's), every word of the
    # side that says fewer in the other, in full or cut short, a value with its unit
    one = "## Vaults\n- Kestrel: archive 42 TB, keeps logs 120 days\n- Orca vault: restore takes 300 min\n"
    other = (
        "## Storage\n- Kestrel\n  - archive_size: 42 TB\n  - max upload 18 GB\n"
        "- Orca thaw time 300 min\n- Orca cache holds up to 42 TB\n"
    )
    assert _gaps({"a.md": one, "b.md": other}) == {
        "a.md:2": ["42 TB", "120 days"],
        "a.md:3": ["300 min"],
        "b.md:4": ["18 GB"],  # the archive again, as a key's name ("archive_size")
        # "thaw time" and "restore takes" share no word: two facts as far as it can tell
        "b.md:5": ["300 min"],
        "b.md:6": ["42 TB"],  # the same value said of another part of the same thing
    }


def test_a_figure_said_with_other_words_of_its_own_is_no_repeat() -> None:
    # every word of the side that says fewer must be in the other: "memory size" is not
    # "container image size", "shard ... out" is not "enhanced fan-out", and a bare
    # figure after its owner ("io2 Block Express → 64 TiB, 4,000 MiB/s") could be any
    one = (
        "## Volumes\n- Lambda memory size: up to 10 GB\n- Kinesis: each shard 1 MB/s in, 2 MB/s out\n"
        "- io2 Block Express: volumes up to 64 TiB, throughput 4,000 MiB/s\n"
    )
    other = (
        "## Functions\n- Lambda container image size: up to 10 GB\n"
        "- Kinesis enhanced fan-out: 2 MB/s per shard per consumer\n- io2 Block Express → 64 TiB, 4,000 MiB/s\n"
    )
    assert _gaps({"a.md": one, "b.md": other}) == {
        "a.md:2": ["10 GB"],
        "a.md:3": ["1 MB/s", "2 MB/s"],
        "a.md:4": ["64 TiB", "4,000 MiB/s"],
        "b.md:2": ["10 GB"],
        "b.md:3": ["2 MB/s"],
        "b.md:4": ["64 TiB", "4,000 MiB/s"],
    }
