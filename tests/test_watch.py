"""Watch mode, run as a user runs it: it rebuilds on save, reports what changed, and
keeps watching after a save that makes the notes unreadable."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT

from cheatdeck.cache import CACHE_FILE


def _wait(lines: list[str], text: str, since: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for i, line in enumerate(lines[since:], since):
            if text in line:
                return i + 1
        time.sleep(0.05)
    pytest.fail(f"watch mode never printed {text!r}; it printed:\n{''.join(lines)}")


def test_watch_rebuilds_on_save_and_survives_bad_notes(notes_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist"
    proc = subprocess.Popen(
        [sys.executable, "build.py", "--watch", "--notes", str(notes_dir), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True).start()
    try:
        seen = _wait(lines, "aws-practices.pdf in", 0)
        assert (out / CACHE_FILE).is_file()  # the next rebuild re-reads only the file saved
        time.sleep(0.3)
        note = notes_dir / "aws_practices.md"
        note.write_text(note.read_text().replace("- 80 = HTTP", "- 25 = SMTP - mail\n- 80 = HTTP"))
        seen = _wait(lines, "since the last build: 1 added, 0 changed, 0 removed", seen)
        (notes_dir / "broken.md").write_bytes(b"# Broken\n\xff\xfe\n")
        seen = _wait(lines, "broken.md:2: not UTF-8 text", seen)
        (notes_dir / "broken.md").unlink()
        note.write_text(note.read_text().replace("- 25 = SMTP - mail\n", ""))
        seen = _wait(lines, "removed: port 25 smtp", seen)
        assert proc.poll() is None, "watch mode stopped"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
