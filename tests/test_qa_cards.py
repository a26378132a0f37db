"""Questions and DNS records as the user sees them: the cards of a built deck, imported
with the real Anki library."""

from __future__ import annotations

from pathlib import Path

from anki_helpers import import_deck, open_collection

from cheatdeck.pipeline import BuildOptions, build

NOTES = """\
# Networking

## Route 53
| Abbreviation | Name | Description |
|---|---|---|
| MX | Mail Exchange | the servers that take mail for the domain |

### 1. **Which record points a name at another name?**
**Answer:** A CNAME record.

---

<details>
<summary><strong>What does a bastion host do?</strong></summary>

It is the one machine you SSH into before reaching the private ones.

</details>

## Review
- What is a subnet?
- Why would you peer two VPCs?
"""


def _cards(tmp_path: Path, tag: str) -> dict[str, str]:
    """Each note of a kind: its first field (the front) -> all of its fields as text."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "net.md").write_text(NOTES, "utf-8")
    out = tmp_path / "dist"
    build(BuildOptions(notes_dir=notes, out_dir=out, only="deck"))
    collection = tmp_path / "user.anki2"
    import_deck(collection, next(out.glob("*.apkg")))
    col = open_collection(collection)
    try:
        found = {}
        for n in col.find_notes(f"tag:cheatdeck::{tag}"):
            fields = col.get_note(n).fields
            found[fields[0]] = " ".join(fields)
        return found
    finally:
        col.close()


def test_question_cards__answer_without_its_label_and_folded_answers_without_html(tmp_path: Path) -> None:
    cards = _cards(tmp_path, "question")
    texts = list(cards.values())
    assert len(texts) == 2, texts  # the two review questions have no answers: no cards
    label = next(t for t in texts if "Which record points a name" in t)
    assert "A CNAME record." in label and "Answer:" not in label and "---" not in label
    folded = next(t for t in texts if "What does a bastion host do?" in t)
    assert "the one machine you SSH into" in folded
    assert "details" not in folded and "summary" not in folded


def test_dns_record_card__from_an_abbreviation_table(tmp_path: Path) -> None:
    cards = " ".join(_cards(tmp_path, "dns_record").values())
    assert "MX" in cards and "the servers that take mail for the domain" in cards
