"""Every card built from the sample notes, and from the development corpus of other
people's notes when it is next to the repository, passes the automatic checks of a
card worth keeping: the front says its category once, the answer is not in the
front, no Markdown or bare URL is left, no reverse acronym card is spelled by its own
clue, no space before "?", and few answers run over 40 words.

The cards are read as `build.py cards` prints them (cheatdeck.preview), from the same
note fields the deck holds. Run this file as a script to print the count of each
check: `python tests/test_card_quality.py [NOTES.md ...]`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, read_fixture_cases

from cheatdeck.extract import extract
from cheatdeck.extract.acronyms import letters
from cheatdeck.parse import parse_notes
from cheatdeck.pipeline import TEMPLATES_DIR
from cheatdeck.preview import Card, cards
from cheatdeck.text import normalise
from cheatdeck.vocab import STOP_WORDS

CORPUS = ROOT.parent / "shared" / "corpus"
# the corpus's own README and SOURCES describe the corpus; they are not study notes
CORPUS_FILES = sorted(p for p in CORPUS.glob("*.md") if p.name not in ("README.md", "SOURCES.md"))
LONG_WORDS = 40
LONG_SHARE = 0.03


@cache
def cards_of(path: Path) -> tuple[Card, ...]:
    facts = extract([parse_notes(path.read_text(encoding="utf-8"), path.name)]).facts
    return tuple(cards(facts, TEMPLATES_DIR))


def _words(text: str) -> list[str]:
    return normalise(text).split()


_ASKING = frozenset("which what who when where how is are does do the a an".split())


def repeats_its_start(card: Card) -> bool:
    """ "[Caching design pattern] Caching design pattern: what is ...": the badge said
    again at the start of the question, or the question opening with one phrase twice."""
    front = _words(card.front.split("\n")[0])
    while front and front[0] in _ASKING:
        front = front[1:]
    badge = _words(card.badge)
    if badge:
        k = min(2, len(badge))
        if front[:k] == badge[:k]:
            return True
    return any(front[:k] == front[k : 2 * k] for k in range(1, 4) if len(front) >= 2 * k)


_GAP = "[...]"


def answer_in_front(card: Card) -> bool:
    """The answer, word for word, is already on the front (a cloze value left
    unmasked elsewhere in its sentence, a clue that names its answer)."""
    back = card.back.split("\n")[0] if card.side == "cloze" else card.back
    front = card.front.replace(_GAP, " ").split("\n")[0] if card.side == "cloze" else card.front
    if re.fullmatch(r"[A-Z0-9]{1,5}", back.strip()):
        # a record type or an acronym is compared as written: "A" is not the article "a"
        return re.search(rf"(?<![\w-]){re.escape(back.strip())}(?![\w-])", front) is not None
    answer = normalise(back)
    if not answer or len(answer.split()) > 8:
        return False
    return re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", normalise(front)) is not None


def spelled_by_front(card: Card) -> bool:
    """An acronym answer whose letters are the initials of words on the front: "What is
    the acronym for Application Load Balancer?" -> ALB, "Name Servers for the hosted
    zone" -> NS."""
    answer = card.back.strip()
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]{1,6}", answer) or sum(c.isupper() for c in answer) < 2:
        return False
    target = letters(answer)
    words = re.findall(r"[A-Za-z][\w-]*", card.front)
    for kept in (words, [w for w in words if w.casefold() not in STOP_WORDS]):
        initials = "".join(w[0].upper() for w in kept)
        if target in initials:
            return True
    return False


_MARKDOWN = re.compile(
    r"\*\*|__|`|-{3,}|={3,}|\]\(|^\s*#{1,6}\s|^\s*>\s|(?<![\w*])\*(?=\w)[^*\n]*\w\*(?!\w)"
    r"|</?(?:strong|summary|details|div|span|br|em|b|i|p)\b",  # HTML written in the notes, shown as text
    re.M,
)


def markdown_left(card: Card) -> bool:
    return any(_MARKDOWN.search(text) for text in (card.badge, card.front, card.back))


_URL = re.compile(r"(?:https?://|www\.)\S+")


def url_answer(card: Card) -> bool:
    """An answer that is a link and nothing more to learn."""
    if not _URL.search(card.back):
        return False
    return len(re.findall(r"[A-Za-z]{2,}", _URL.sub(" ", card.back))) < 3


def space_before_mark(card: Card) -> bool:
    return any(re.search(r"\s[?!]", text) for text in (card.badge, card.front, card.back))


def long_answer(card: Card) -> bool:
    return len(card.back.split()) > LONG_WORDS


CHECKS: dict[str, Callable[[Card], bool]] = {
    "repeated start": repeats_its_start,
    "answer in front": answer_in_front,
    "initials-only acronym": spelled_by_front,
    "markdown left": markdown_left,
    "url-only answer": url_answer,
    "space before ?": space_before_mark,
    "answer over 40 words": long_answer,
}
MUST_BE_NONE = tuple(name for name in CHECKS if name != "answer over 40 words")


def _sources() -> list:
    out = [pytest.param(SAMPLE, id="sample")]
    out += [pytest.param(p, id=f"corpus-{p.stem}") for p in CORPUS_FILES]
    return out


def _shown(bad: list[Card]) -> str:
    return "\n\n".join(card.show() for card in bad[:10])


@pytest.mark.parametrize("check", MUST_BE_NONE)
@pytest.mark.parametrize("path", _sources())
def test_no_card_fails(path: Path, check: str) -> None:
    bad = [card for card in cards_of(path) if CHECKS[check](card)]
    assert not bad, f"{len(bad)} card(s) with {check}:\n{_shown(bad)}"


def test_few_long_answers() -> None:
    # the share over all cards, as a reader meets them: a deck of a dozen cards from a
    # short file must not fail because of one long answer. The issue measures it over
    # the sample and the corpus together; the sample alone (170 cards, 8 of them the
    # notes' own long answers to their questions) is too small a base for 3 %
    if not CORPUS_FILES:
        pytest.skip(f"{CORPUS} is not here: the share is measured over the sample and the corpus")
    every = [card for path in [SAMPLE, *CORPUS_FILES] for card in cards_of(path)]
    long = [card for card in every if long_answer(card)]
    assert len(long) <= LONG_SHARE * len(every), f"{len(long)} of {len(every)} answers:\n{_shown(long)}"


def _one_line(card: Card) -> str:
    badge = f"[{card.badge}] " if card.badge else ""
    front, back = (text.replace("\n", " / ") for text in (card.front, card.back))
    return f"{card.fact.kind}/{card.side}: {badge}{front} => {back}"


def _card_cases() -> list:
    return [
        pytest.param(markdown, expected, id=f"card:{line}:{title}")
        for title, markdown, expected, line in read_fixture_cases(Path(__file__).parent / "fixtures" / "card.md")
    ]


@pytest.mark.parametrize(("markdown", "expected"), _card_cases())
def test_card_fixture(markdown: str, expected: list[str]) -> None:
    """tests/fixtures/card.md: small notes and every card they make, one line each."""
    facts = extract([parse_notes(markdown, "fixture.md")]).facts
    assert [_one_line(card) for card in cards(facts, TEMPLATES_DIR)] == expected


def test_the_checks_catch_what_they_are_for() -> None:
    """Each check against a card it must flag and one it must pass."""
    from cheatdeck.model import Definition, Fact, Source

    f = Fact("definition", Definition("Lazy Loading", "for reading"), Source("x.md", 1, ()))

    def card(badge: str, front: str, back: str, side: str = "forward") -> Card:
        return Card(f, side, badge, front, back)  # type: ignore[arg-type]

    assert repeats_its_start(card("Caching design pattern", "Caching design pattern: what is Lazy Loading?", "x"))
    assert not repeats_its_start(card("", "Which caching design pattern is used for reading?", "x"))
    assert repeats_its_start(card("Port", "Which port does SSH use?", "22"))
    assert answer_in_front(card("", "Which routing policy sends to the least latency?", "Latency"))
    assert answer_in_front(card("", "Up to [...] replicas, at most 5 per region", "5", "cloze"))
    assert not answer_in_front(card("", "Up to [...] replicas", "5", "cloze"))
    assert spelled_by_front(card("Acronym", "What is the acronym for Application Load Balancer?", "ALB"))
    assert spelled_by_front(card("DNS record", "Which record type gives the Name Servers of a zone?", "NS"))
    assert not spelled_by_front(card("Acronym", "Which protocol gives a remote shell, encrypted?", "SSH"))
    assert markdown_left(card("", "What is **X**?", "y")) and markdown_left(card("", "What is X?", "----"))
    assert not markdown_left(card("", "What is X?", "5 * 3 = 15"))
    assert markdown_left(card("", "What is X?", "Profiles</strong></summary"))
    assert url_answer(card("", "Where to follow?", "https://example.com/x"))
    assert not url_answer(card("", "What is X?", "a store of objects, see https://example.com"))
    assert space_before_mark(card("", "What is X ?", "y")) and not space_before_mark(card("", "What is X?", "y"))
    assert long_answer(card("", "What is X?", "word " * 41)) and not long_answer(card("", "What is X?", "word " * 40))


def counts(paths: list[Path]) -> dict[str, int]:
    every = [card for path in paths for card in cards_of(path)]
    return {"cards": len(every)} | {name: sum(map(check, every)) for name, check in CHECKS.items()}


if __name__ == "__main__":  # python tests/test_card_quality.py: the count of each check
    for label, paths in (("sample", [SAMPLE]), ("corpus", CORPUS_FILES)):
        print(label, counts(paths))
    for arg in sys.argv[1:]:
        for card in cards_of(Path(arg)):
            failed = [name for name, check in CHECKS.items() if check(card)]
            if failed:
                print(", ".join(failed), "\n", card.show(), "\n", sep="")


def test_the_preview_shows_the_cards_anki_makes(notes_dir: Path, tmp_path: Path) -> None:
    """`build.py cards` lists as many cards as Anki makes from the built deck, with the
    same questions (Anki's own rendering, read back as text)."""
    from anki_helpers import import_deck, open_collection

    from cheatdeck.pipeline import BuildOptions, build
    from cheatdeck.preview import html_text

    build(BuildOptions(notes_dir=notes_dir, out_dir=tmp_path / "dist", only="deck"))
    collection = tmp_path / "user.anki2"
    import_deck(collection, next((tmp_path / "dist").glob("*.apkg")))
    col = open_collection(collection)
    try:
        shown = [col.get_card(c).question() for c in col.find_cards("")]
    finally:
        col.close()
    previewed = cards_of(SAMPLE)
    assert len(shown) == len(previewed)
    anki_fronts = {re.sub(r"\s+", " ", html_text(re.sub(r"<style>.*?</style>", "", q, flags=re.S))) for q in shown}
    for card in previewed:
        if card.side != "cloze":
            front = " ".join(part for part in (card.badge, card.front.replace("\n", " ")) if part)
            assert front in anki_fronts, front
    assert not any("acronym stands for Application Load Balancer" in q for q in anki_fronts)


def test_a_protocol_on_two_ports__one_question_for_both__no_blank_card_after_a_rebuild(tmp_path: Path) -> None:
    """The lowest port's note asks for both ports, the other note for the port left;
    a deck built before asked "Which port does FTP use?" on both notes: rebuilt and
    imported over it, every card keeps a question (none is left blank)."""
    from anki_helpers import import_deck, open_collection

    from cheatdeck.pipeline import BuildOptions, build
    from cheatdeck.preview import html_text

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "ports.md").write_text("# Ports\n- FTP: 21 and 20\n- SSH: 22\n", "utf-8")
    build(BuildOptions(notes_dir=notes, out_dir=tmp_path / "dist", only="deck"))
    collection = tmp_path / "user.anki2"
    import_deck(collection, next((tmp_path / "dist").glob("*.apkg")))
    (notes / "ports.md").write_text("# Ports\n- FTP: 20 and 21\n- SSH: 22\n", "utf-8")  # moved: same facts
    build(BuildOptions(notes_dir=notes, out_dir=tmp_path / "dist", only="deck"))
    import_deck(collection, next((tmp_path / "dist").glob("*.apkg")))
    col = open_collection(collection)
    try:
        shown = [col.get_card(c).question() for c in col.find_cards("")]
        assert col.note_count() == 3 and len(shown) == 6
    finally:
        col.close()
    questions = sorted(re.sub(r"\s+", " ", html_text(re.sub(r"<style>.*?</style>", "", q, flags=re.S))) for q in shown)
    assert questions == [
        "FTP uses port 20: which other port does it use?",
        "What runs on port 20?",
        "What runs on port 21?",
        "What runs on port 22?",
        "Which port does SSH use?",
        "Which ports does FTP use?",
    ]


def test_cards_command__sample_is_repeatable_and_names_sources(notes_dir: Path, capsys) -> None:
    from build import main

    assert main(["cards", "--notes", str(notes_dir), "--sample", "5", "--seed", "3"]) == 0
    first = capsys.readouterr().out
    assert first.count("\n  Q: ") == 5 and first.count("\n  A: ") == 5
    assert re.search(r"^aws_practices\.md:\d+  \w+/(forward|reverse|cloze)$", first, re.M)
    assert f"5 of {len(cards_of(SAMPLE))} cards" in first
    assert main(["cards", "--notes", str(notes_dir / SAMPLE.name), "--sample", "5", "--seed", "3"]) == 0
    assert capsys.readouterr().out == first  # one file or its folder: the same cards


def test_cards_command__kind_and_missing_folder(notes_dir: Path, tmp_path: Path, capsys) -> None:
    from build import main

    assert main(["cards", "--notes", str(notes_dir), "--kind", "port"]) == 0
    out = capsys.readouterr().out
    assert "Which port does SSH (Secure Shell) use?" in out and "definition/" not in out
    assert main(["cards", "--notes", str(tmp_path / "nowhere")]) == 2
    assert "notes folder not found" in capsys.readouterr().err
