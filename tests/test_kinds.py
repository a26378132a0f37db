"""The registry of kinds: everything a kind needs exists, and the registry's order
and names are the only list of kinds."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cheatdeck.extract import KINDS, REGISTRY, extract
from cheatdeck.extract.registry import Kind, Registry
from cheatdeck.model import Fact, Port
from cheatdeck.parse import parse_notes
from cheatdeck.pipeline import TEMPLATES_DIR

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_its_card_partial_and_fixture(kind: str) -> None:
    k = REGISTRY[kind]
    assert (TEMPLATES_DIR / "deck" / k.card_template).is_file(), f"add templates/deck/{k.card_template}"
    assert (TEMPLATES_DIR / "sheet" / k.sheet_partial).is_file(), f"add templates/sheet/{k.sheet_partial}"
    assert (FIXTURES / f"{kind}.md").is_file(), f"add tests/fixtures/{kind}.md"
    assert k.card in ("qa", "cloze") and k.description and k.rules
    assert dataclasses.is_dataclass(k.data_type) and callable(k.data_type.key)


def test_kinds_are_the_registry_in_order() -> None:
    assert KINDS == tuple(k.name for k in REGISTRY)
    assert KINDS[:4] == ("port", "ebs_volume", "load_balancer", "dns_record")  # typed kinds claim first


def _port_kind(name: str = "port") -> Kind:
    return dataclasses.replace(REGISTRY["port"], name=name)


def test_registry_inserts_enables_and_disables_by_name() -> None:
    reg = Registry([_port_kind("a"), _port_kind("c")])
    reg.before("c", _port_kind("b"))
    reg.after("c", _port_kind("d"))
    assert reg.names() == ("a", "b", "c", "d")
    reg.disable("b")
    assert reg.names() == ("a", "c", "d")
    reg.enable("b")
    assert reg.names() == ("a", "b", "c", "d")
    with pytest.raises(KeyError, match="no kind named 'x'"):
        reg.disable("x")
    with pytest.raises(ValueError, match="registered already"):
        reg.push(_port_kind("a"))


def test_a_rule_that_makes_another_kind_is_refused(monkeypatch) -> None:
    def wrong(section, statements):  # noqa: ANN001, ANN202
        yield Fact("number", Port(22, None, "SSH", None, None), REGISTRY and _source())

    def _source():  # noqa: ANN202
        from cheatdeck.model import Source

        return Source("x.md", 1, ())

    monkeypatch.setattr(REGISTRY, "_kinds", [dataclasses.replace(REGISTRY["port"], rules=(wrong,))])
    with pytest.raises(ValueError, match="a rule of kind 'port' made a 'number' fact"):
        extract([parse_notes("# T\n- SSH: 22\n", "x.md")])


def test_a_typed_fact_claims_its_line() -> None:
    # the port is a port card, not also a definition or a number card
    facts = extract([parse_notes("# Ports\n- SSH: 22 (log into servers)\n", "x.md")]).facts
    assert [f.kind for f in facts] == ["port"]


def test_a_kind_disabled_at_run_time_is_gone_from_extraction_and_the_sheet() -> None:
    from cheatdeck.sheet import sheet_groups

    notes = [parse_notes("# T\n- Max 5 buckets per account\n- SSH: 22\n", "x.md")]
    assert "number" in {f.kind for f in extract(notes).facts}
    REGISTRY.disable("number")
    try:
        assert "number" not in {f.kind for f in extract(notes).facts}
        assert "number" not in sheet_groups() and "port" in sheet_groups()
    finally:
        REGISTRY.enable("number")
    assert "number" in REGISTRY.names()
