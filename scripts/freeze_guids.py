"""Write tests/fixtures/sample_guids.json: every fact of the frozen sample notes with
its identity key and card GUID. Run once, when a release's identities are fixed; the
test test_identity.py then holds every later build to them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cheatdeck.deck import guid  # noqa: E402
from cheatdeck.extract import extract  # noqa: E402
from cheatdeck.notes import load_notes  # noqa: E402

notes = load_notes(ROOT / "tests" / "fixtures" / "sample")
facts = extract(notes.sections).facts
rows = [{"kind": f.kind, "key": list(f.key), "guid": guid(f), "source": str(f.source)} for f in facts]
out = ROOT / "tests" / "fixtures" / "sample_guids.json"
out.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n]\n", encoding="utf-8")
print(f"{out}: {len(rows)} facts")
