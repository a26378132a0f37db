"""The per-file cache: what each notes file says, kept in the output folder.

    dist/.cheatdeck-cache.pickle
        format, code   the layout of this file; a hash of cheatdeck's source files
                       (extractors, vocabulary...), of the Markdown parser's version
                       and of Python's
        files          notes path -> (sha256 of the file's bytes, its NoteReading pickled)

Reading a notes file (parsing it, extracting its facts, listing its links and images)
depends on its bytes, its path and the code that reads it, nothing else (see
`extract_file`). So a build takes from here every file whose bytes did not change and
reads only the others; facts are merged across files afterwards, as in a cold build,
and make the same deck byte for byte. The code hash is of the source files' content,
not of a version number kept by hand: any change to cheatdeck drops the whole cache.
A cache that is missing, damaged or holds anything but cheatdeck's own values is
ignored, never fatal: the files are read again.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import io
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import markdown_it
import mdit_py_plugins

from cheatdeck.extract import FileExtraction, extract_file
from cheatdeck.notes import NoteFile, top_heading
from cheatdeck.parse import parse_notes
from cheatdeck.render import Reference, note_references

CACHE_FILE = ".cheatdeck-cache.pickle"
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent
_FIELDS: dict[type, tuple[str, ...]] = {}
# per class pickled, the names of its fields; () for a class pickled the default way


@dataclass(frozen=True, slots=True)
class NoteReading:
    """What one notes file says, from its bytes and path alone."""

    heading: tuple[int, str] | None
    # its first heading of its outermost level (level, title): the deck title's candidate
    references: tuple[Reference, ...]
    # links and images as written; checked against the notes folder at every build
    extraction: FileExtraction


@dataclass(frozen=True, slots=True)
class Readings:
    """Every notes file's reading, and what the cache needs to learn from this build."""

    notes: tuple[NoteReading, ...]
    # one per notes file, in the order of the files
    cache: bytes | None
    # the cache file's new content; None when the one in the output folder is still right


def read_note(note: NoteFile) -> NoteReading:
    """Parse one notes file and extract its facts, unmerged."""
    root = parse_notes(note.text, note.path)
    return NoteReading(top_heading(root), note_references(root), extract_file(root))


def read_notes_cached(files: Sequence[NoteFile], out_dir: Path) -> Readings:
    """Every file's reading: from the cache in `out_dir` when the file's bytes are those
    the cache read, else read now."""
    code = code_hash()
    cached = _load(out_dir / CACHE_FILE, code)
    entries: dict[str, tuple[str, bytes]] = {}
    notes: list[NoteReading] = []
    read = 0
    for note in files:
        digest = hashlib.sha256(note.data).hexdigest()
        entry = cached.get(note.path)
        reading = _unpickle(entry[1]) if entry is not None and entry[0] == digest else None
        if not isinstance(reading, NoteReading):
            reading = read_note(note)
            # each file pickled on its own: a build pickles only the files it read and
            # keeps the bytes of the others as they were
            entry = (digest, _pickle(reading))
            read += 1
        entries[note.path] = entry
        notes.append(reading)
    data = None
    if read or entries.keys() != cached.keys():  # files read, or files gone since
        data = pickle.dumps({"format": FORMAT, "code": code, "files": entries}, protocol=pickle.HIGHEST_PROTOCOL)
    return Readings(tuple(notes), data)


def code_hash(package: Path = PACKAGE) -> str:
    """The version of the code that reads notes: a hash of the content of every file of
    the package, of the Markdown parser's version and of Python's (which pickles)."""
    h = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{markdown_it.__version__}\0{mdit_py_plugins.__version__}\0".encode())
    for p in sorted(package.rglob("*")):
        rel = p.relative_to(package)
        if p.is_file() and "__pycache__" not in rel.parts and p.suffix != ".pyc":
            data = p.read_bytes()
            h.update(f"{rel.as_posix()}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def _load(path: Path, code: str) -> dict[str, tuple[str, bytes]]:
    try:
        cache = _Unpickler(io.BytesIO(path.read_bytes())).load()
        if cache["format"] != FORMAT or cache["code"] != code:
            return {}
        return {str(p): (str(digest), bytes(data)) for p, (digest, data) in cache["files"].items()}
    except Exception:  # noqa: BLE001 - whatever is wrong with it, the files are read again
        return {}


def _pickle(value: object) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return out.getvalue()


def _unpickle(data: bytes) -> object:
    try:
        return _Unpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a damaged entry is a file to read again
        return None


class _Unpickler(pickle.Unpickler):
    """Unpickles cheatdeck's own values only (its dataclasses and enums): pickle calls
    whatever callable a file names, and a cache file is not to run code."""

    def find_class(self, module: str, name: str) -> type:
        if module == "cheatdeck" or module.startswith("cheatdeck."):
            found = super().find_class(module, name)
            # defined in cheatdeck, not merely reachable from one of its modules
            own = getattr(found, "__module__", "").split(".")[0] == "cheatdeck"
            if own and isinstance(found, type) and (dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a cheatdeck value")


class _Pickler(pickle.Pickler):
    """Pickles a dataclass as a call to its class with its fields: unpickling then runs
    its __init__ once, about three times faster than pickle's default for slotted
    dataclasses (which sets each field through `dataclasses.fields`)."""

    def reducer_override(self, obj: object) -> object:
        cls = type(obj)
        names = _FIELDS.get(cls)
        if names is None:
            found = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
            names = _FIELDS[cls] = tuple(f.name for f in found) if all(f.init for f in found) else ()
        if not names:
            return NotImplemented
        return cls, tuple(getattr(obj, name) for name in names)
