"""Reading the notes folder: every *.md file, checked and decoded, then parsed.

The one place that opens notes files. Problems are NotesError / SetupError with the
path (and line or byte offset) and what to do, never a traceback.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cheatdeck.bounds import TITLE, clip
from cheatdeck.errors import NotesError, SetupError
from cheatdeck.model import Section


@dataclass(frozen=True, slots=True)
class NoteFile:
    path: str
    # relative to the notes folder, "/" separators
    text: str
    data: bytes
    mtime: int


@dataclass(frozen=True, slots=True)
class Notes:
    folder: Path
    files: tuple[NoteFile, ...]
    sections: tuple[Section, ...]
    title: str


def read_notes(notes_dir: Path, only: str | None = None) -> tuple[NoteFile, ...]:
    """Every *.md file under the folder (sorted, recursive; symlinked folders are not
    followed, so a link loop cannot trap the walk); with `only`, that one file of it."""
    if only is not None:
        return (_read_one(notes_dir, notes_dir / only),)
    if not notes_dir.exists():
        raise SetupError(str(notes_dir), "notes folder not found; create it or pass --notes DIR")
    if not notes_dir.is_dir():
        raise SetupError(str(notes_dir), "is not a folder; pass the folder that holds your .md notes")
    found: list[Path] = []
    for top, dirs, files in os.walk(notes_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [Path(top) / f for f in files if f.endswith(".md") and not f.startswith(".")]
    if not found:
        raise SetupError(str(notes_dir), "no .md files in the notes folder; add your notes as Markdown files")
    return tuple(_read_one(notes_dir, p) for p in sorted(found, key=lambda p: p.relative_to(notes_dir).as_posix()))


def _read_one(notes_dir: Path, path: Path) -> NoteFile:
    rel = path.relative_to(notes_dir).as_posix()
    shown = str(path)
    try:
        data = path.read_bytes()
        mtime = int(path.stat().st_mtime)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise NotesError(shown, "is a symbolic link that loops; fix or remove the link") from None
        if e.errno == errno.ENOENT:
            raise NotesError(shown, "is a broken symbolic link; fix or remove the link") from None
        if isinstance(e, PermissionError):
            raise NotesError(shown, "cannot be read (permission denied); fix its permissions") from None
        if isinstance(e, IsADirectoryError):
            raise NotesError(shown, "is a folder named like a note; rename it") from None
        raise NotesError(shown, f"cannot be read ({e.strerror}); check the file") from None
    if b"\x00" in data[:8192]:
        raise NotesError(shown, "looks like a binary file, not Markdown text; move it out of the notes folder")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise NotesError(
            f"{shown}:{line}",
            f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); re-save the file as UTF-8",
        ) from None
    return NoteFile(rel, text.removeprefix("\ufeff"), data, mtime)


def load_notes(notes_dir: Path, title: str | None = None, only: str | None = None) -> Notes:
    from cheatdeck.parse import parse_notes

    files = read_notes(notes_dir, only)
    sections = tuple(parse_notes(f.text, f.path) for f in files)
    return Notes(notes_dir, files, sections, title or deck_title(sections, notes_dir))


def deck_title(sections: Sequence[Section], notes_dir: Path) -> str:
    """The first top-level heading of the notes, else the folder's name."""
    return title_of([top_heading(root) for root in sections], notes_dir)


def top_heading(root: Section) -> tuple[int, str] | None:
    """One file's first heading of its outermost level, as (level, title); None when
    the file has no heading."""
    headings = [s for s in root.walk() if s.level > 0]
    if not headings:
        return None
    top = min(s.level for s in headings)
    return next((s.level, s.title) for s in headings if s.level == top)


def title_of(headings: Iterable[tuple[int, str] | None], notes_dir: Path) -> str:
    """The deck title from each file's `top_heading`, in file order: the first of the
    outermost level over all files, else the folder's name."""
    found = [h for h in headings if h is not None]
    if found:
        top = min(level for level, _title in found)
        return clip(next(title for level, title in found if level == top), TITLE, None)
    return notes_dir.resolve().name
