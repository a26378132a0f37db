"""Ports whose notes say TCP or UDP: the transport reaches the card Anki shows and the
printed sheet, and never takes the place of the service's name."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from anki_helpers import import_deck, open_collection

from cheatdeck.pipeline import BuildOptions, build

NOTES = """\
# Network ports

| Port Number | Protocol (TCP/UDP) | Service | Description |
|---|---|---|---|
| 53 | TCP/UDP | DNS | resolves host names |
| 123 | UDP | NTP | keeps clocks in step |

| Rule | Protocol | Port | Action | Comment |
|---|---|---|---|---|
| 100 | TCP | 22 | ALLOW | admins reach the bastion over SSH |
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("transport")
    (root / "notes").mkdir()
    (root / "notes" / "ports.md").write_text(NOTES, encoding="utf-8")
    build(BuildOptions(notes_dir=root / "notes", out_dir=root / "dist"))
    return root


def test_port_card__shows_the_transport_beside_the_number(built: Path) -> None:
    import_deck(built / "user.anki2", next((built / "dist").glob("*.apkg")))
    col = open_collection(built / "user.anki2")
    try:
        dns = [col.get_card(c) for c in col.find_cards('"Front:*port does <b>DNS</b>*"')]
        forward = next(c for c in dns if c.ord == 0)
        assert re.search(r">53 <span[^>]*>\(TCP/UDP\)<", forward.answer()), forward.answer()
        ssh = [col.get_card(c) for c in col.find_cards('"Front:*port does <b>SSH</b>*"')]
        assert ssh and "(TCP)" in next(c for c in ssh if c.ord == 0).answer()
        # the transport alone is never a port's name
        assert not col.find_cards('"Front:*port does <b>TCP</b>*"')
    finally:
        col.close()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (make)")
def test_port_sheet__lists_the_service_with_its_transport(built: Path) -> None:
    pdf = next((built / "dist").glob("*.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    assert any(line.startswith("53 DNS") for line in lines), lines
    assert "TCP/UDP" in text  # kept whole, never broken at the slash
    assert any(line.startswith("123 NTP UDP") for line in lines), lines
    assert any(line.startswith("22 SSH TCP") for line in lines), lines
