"""Writing the output folder: the state file, and files replaced whole or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from cheatdeck.errors import SetupError

STATE_FILE = ".cheatdeck-state.json"


def read_state(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def file_matches(path: Path, state: dict) -> bool:
    expected = state.get("outputs", {}).get(path.name)
    try:
        return expected == hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return False


def check_writable(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=out_dir, prefix=".cheatdeck-check-"):
            pass
    except OSError as e:
        raise SetupError(str(out_dir), f"output folder cannot be written ({e.strerror}); pass --out DIR") from None


def write_all(files: dict[Path, bytes]) -> None:
    """Write every file to a temporary file beside it first, and only then rename them
    all into place: a failure while writing leaves every old file as it was."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((tmp, path))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _path in staged:
            Path(tmp).unlink(missing_ok=True)
