"""The per-file cache: an edit re-reads only the file it touched and builds what a
build without the cache builds; new code, or a damaged cache, means reading again."""

from __future__ import annotations

import io
import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLE

import cheatdeck.cache
from cheatdeck.cache import CACHE_FILE, code_hash
from cheatdeck.pipeline import BuildOptions, build


def _vault(folder: Path, titles: tuple[str, ...] = ("A", "B", "C")) -> Path:
    """The sample notes under a different title in each file."""
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.startswith("# AWS_Practices\n")
    for title in titles:
        (folder / f"{title.lower()}.md").write_text(text.replace("# AWS_Practices", f"# AWS {title}", 1))
    return folder


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The notes files parsed and extracted, in order (the cache's own calls)."""
    seen: list[str] = []
    parse, extract = cheatdeck.cache.parse_notes, cheatdeck.cache.extract_file

    def counted_parse(text: str, path: str):  # noqa: ANN202
        seen.append(path)
        return parse(text, path)

    def counted_extract(root):  # noqa: ANN001, ANN202
        seen.append(f"extract {root.path}")
        return extract(root)

    monkeypatch.setattr(cheatdeck.cache, "parse_notes", counted_parse)
    monkeypatch.setattr(cheatdeck.cache, "extract_file", counted_extract)
    return seen


def _deck(notes: Path, out: Path, **options):  # noqa: ANN003, ANN202
    return build(BuildOptions(notes_dir=notes, out_dir=out, only="deck", **options))


def test_an_edit_rereads_only_that_file_and_builds_what_a_cold_build_builds(tmp_path: Path, reads: list[str]) -> None:
    notes = _vault(tmp_path / "notes")
    cached, cold = tmp_path / "cached", tmp_path / "cold"
    _deck(notes, cached)
    assert reads == ["a.md", "extract a.md", "b.md", "extract b.md", "c.md", "extract c.md"]
    assert (cached / CACHE_FILE).is_file()
    shutil.copytree(cached, cold)
    (cold / CACHE_FILE).unlink()  # the same folder and state, without the cache

    note = notes / "b.md"
    note.write_text(note.read_text().replace("- 80 = HTTP", "- 25 = SMTP - mail\n- 80 = HTTP"))
    reads.clear()
    report = _deck(notes, cached)
    assert reads == ["b.md", "extract b.md"]
    assert report.added == ("port 25 smtp",)

    reads.clear()
    cold_report = _deck(notes, cold)
    assert len(reads) == 6
    apkg = next(cached.glob("*.apkg")).name
    assert (cached / apkg).read_bytes() == (cold / apkg).read_bytes()
    assert (cached / ".cheatdeck-state.json").read_bytes() == (cold / ".cheatdeck-state.json").read_bytes()
    assert (report.counts, report.warnings, report.added, report.changed, report.removed) == (
        cold_report.counts,
        cold_report.warnings,
        cold_report.added,
        cold_report.changed,
        cold_report.removed,
    )
    # both builds left the same cache: the next edit re-reads one file in either folder
    assert (cached / CACHE_FILE).read_bytes() == (cold / CACHE_FILE).read_bytes()


def test_renamed_and_removed_files_are_read_or_dropped(tmp_path: Path, reads: list[str]) -> None:
    notes = _vault(tmp_path / "notes")
    out = tmp_path / "dist"
    _deck(notes, out)
    (notes / "a.md").rename(notes / "z.md")  # same bytes, new path: its facts say z.md
    (notes / "c.md").unlink()
    reads.clear()
    report = _deck(notes, out)
    assert reads == ["z.md", "extract z.md"]
    assert report.warnings and all(w.source.path in ("b.md", "z.md") for w in report.warnings if w.source)
    cache = pickle.loads((out / CACHE_FILE).read_bytes())
    assert sorted(cache["files"]) == ["b.md", "z.md"]


def test_changed_code_reads_every_file_again(tmp_path: Path, reads: list[str], monkeypatch) -> None:
    notes = _vault(tmp_path / "notes")
    out = tmp_path / "dist"
    _deck(notes, out)
    reads.clear()
    _deck(notes, out, force=True)
    assert reads == []
    monkeypatch.setattr(cheatdeck.cache, "code_hash", lambda: "the code of another cheatdeck")
    _deck(notes, out, force=True)
    assert reads == ["a.md", "extract a.md", "b.md", "extract b.md", "c.md", "extract c.md"]


def test_code_hash_follows_the_content_of_every_source_file(tmp_path: Path) -> None:
    package = tmp_path / "cheatdeck"
    shutil.copytree(cheatdeck.cache.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = code_hash(package)
    assert code_hash(cheatdeck.cache.PACKAGE) == before  # compiled files do not count

    vocab = package / "vocab.py"
    stat = vocab.stat()
    text = vocab.read_text(encoding="utf-8")
    vocab.write_text(text.replace("SSH SFTP", "SSH SFTQ", 1), encoding="utf-8")
    os.utime(vocab, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    assert vocab.stat().st_size == stat.st_size
    assert code_hash(package) != before
    vocab.write_text(text, encoding="utf-8")
    assert code_hash(package) == before

    (package / "extract" / "regions.py").write_text('"""A new kind."""\n', encoding="utf-8")
    assert code_hash(package) != before


class _RunsCode:
    """A pickle that would make a folder when loaded, if the loader allowed it."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # noqa: ANN204
        return (os.mkdir, (str(self.marker),))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "runs code", "wrong values", "a folder"])
def test_a_damaged_cache_is_ignored(tmp_path: Path, reads: list[str], damage: str) -> None:
    notes = _vault(tmp_path / "notes")
    out = tmp_path / "dist"
    _deck(notes, out)
    cache = out / CACHE_FILE
    good = cache.read_bytes()
    marker = tmp_path / "code-ran"
    if damage == "garbage":
        cache.write_bytes(b"not a pickle at all")
    elif damage == "truncated":
        cache.write_bytes(good[: len(good) // 2])
    elif damage == "runs code":
        cache.write_bytes(pickle.dumps(_RunsCode(marker)))
    elif damage == "wrong values":  # the right layout, but every entry is something else
        content = pickle.loads(good)
        content["files"] = {p: (digest, pickle.dumps(_RunsCode(marker))) for p, (digest, _) in content["files"].items()}
        cache.write_bytes(pickle.dumps(content))
    else:
        cache.unlink()
        cache.mkdir()
    reads.clear()
    report = _deck(notes, out, force=True)
    assert report.written and len(reads) == 6
    assert not marker.exists()
    if damage != "a folder":  # a cache that cannot be written costs time, not the build
        assert cache.read_bytes() == good


def test_a_full_build_fills_the_cache_too(tmp_path: Path, reads: list[str]) -> None:
    # with the sheet due, a forked worker reads the notes: it writes the cache itself
    notes = _vault(tmp_path / "notes", ("A", "B"))
    out = tmp_path / "dist"
    report = build(BuildOptions(notes_dir=notes, out_dir=out))
    assert sorted(p.suffix for p in report.written) == [".apkg", ".html", ".pdf"]
    note = notes / "a.md"
    note.write_text(note.read_text() + "\n- Bench limit : up to 12 items\n")
    reads.clear()
    _deck(notes, out)
    assert reads == ["a.md", "extract a.md"]


def test_the_title_comes_from_every_file_read_or_cached(tmp_path: Path, reads: list[str]) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text("### Ports\n- 22 = SSH\n", encoding="utf-8")
    (notes / "b.md").write_text("## Networking\n# Exam notes\n- 443 = HTTPS\n", encoding="utf-8")
    out = tmp_path / "dist"
    assert [p.name for p in _deck(notes, out).written] == ["exam-notes.apkg"]
    (notes / "a.md").write_text("# Study notes\n### Ports\n- 22 = SSH\n", encoding="utf-8")
    reads.clear()
    assert [p.name for p in _deck(notes, out).written] == ["study-notes.apkg"]
    assert reads == ["a.md", "extract a.md"]


def test_the_cache_loads_only_classes_defined_in_cheatdeck() -> None:
    from cheatdeck.cache import _Unpickler
    from cheatdeck.model import Source

    loader = _Unpickler(io.BytesIO(b""))
    assert loader.find_class("cheatdeck.model", "Source") is Source
    # markdown-it's Token is a dataclass that cheatdeck.parse imports: reachable, not ours
    with pytest.raises(pickle.UnpicklingError):
        loader.find_class("cheatdeck.parse", "Token")
