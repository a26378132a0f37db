"""A fact's identity is forever: review histories in Anki hang on card GUIDs.

tests/fixtures/sample_guids.json holds every fact the frozen sample notes yielded when
its identities were fixed (kind, key, GUID; written by scripts/freeze_guids.py). A
refactor or a better extractor may find more, but every fact it still finds keeps
its key, and so its GUID."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE

from cheatdeck.deck import guid
from cheatdeck.extract import extract
from cheatdeck.notes import load_notes

FROZEN = json.loads((Path(__file__).parent / "fixtures" / "sample_guids.json").read_text(encoding="utf-8"))

# Facts deliberately no longer made, each with the reason. Typed facts and the notes'
# own questions may never be dropped.
DROPPED: dict[str, str] = {}


def test_every_frozen_fact_keeps_its_guid() -> None:
    facts = extract(load_notes(SAMPLE.parent).sections).facts
    now = {guid(f): f for f in facts}
    lost = [r for r in FROZEN if r["guid"] not in now and r["guid"] not in DROPPED]
    assert not lost, "facts whose identity changed or that are no longer found:\n" + "\n".join(
        f"{r['source']}: {r['kind']} {r['key']}" for r in lost
    )
    for r in FROZEN:
        if r["guid"] in now:
            assert list(now[r["guid"]].key) == r["key"]


def test_no_typed_fact_or_question_is_dropped() -> None:
    kinds = {r["kind"] for r in FROZEN if r["guid"] in DROPPED}
    assert not kinds & {"port", "ebs_volume", "load_balancer", "dns_record", "question"}


def test_the_guid_is_the_hash_of_the_key() -> None:
    # the frozen file is not a copy of what the code makes today: its GUIDs are fixed
    assert FROZEN[0]["guid"] == "Om_^b(C]~X" and FROZEN[0]["key"] == ["port", "22", "", "ssh"]
