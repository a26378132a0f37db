#!/usr/bin/env python3
"""Make the README's pictures from a built deck and sheet: docs/card.png (two cards as
Anki shows them, after import with the real Anki library) and docs/sheet-page1.png.

    python scripts/screenshots.py    (after `make`)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> int:
    import weasyprint
    from anki_helpers import import_deck, open_collection

    dist, docs = ROOT / "dist", ROOT / "docs"
    docs.mkdir(exist_ok=True)
    apkg = next(dist.glob("*.apkg"))
    with tempfile.TemporaryDirectory() as tmp:
        collection = Path(tmp) / "c.anki2"
        import_deck(collection, apkg)
        col = open_collection(collection)
        try:
            cards = []
            for query in ('"Front:*port does <b>SSH</b>*"', '"Front:*OSI layer*Network Load*"'):
                card = col.get_card(col.find_cards(query)[0])
                cards.append(card.answer())
        finally:
            col.close()
        page = (
            "<html><head><style>@page { size: 150mm 118mm; margin: 4mm }"
            " body { margin: 0; display: flex; gap: 4mm; }"
            " .shot { flex: 1; border: 1px solid #bbb; border-radius: 6px; overflow: hidden; }</style></head><body>"
            + "".join(f'<div class="shot"><div class="card">{c}</div></div>' for c in cards)
            + "</body></html>"
        )
        pdf = Path(tmp) / "cards.pdf"
        weasyprint.HTML(string=page).write_pdf(pdf)
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(docs / "card")], check=True)
    sheet = next(dist.glob("*.pdf"))
    subprocess.run(
        ["pdftoppm", "-r", "70", "-png", "-f", "1", "-singlefile", str(sheet), str(docs / "sheet-page1")], check=True
    )
    print("wrote docs/card.png and docs/sheet-page1.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
