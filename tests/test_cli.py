"""The command line as a user runs it: exit codes, messages, no-op and failed builds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from build import main
from cheatdeck.pipeline import TEMPLATES_DIR, BuildOptions, build


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


@pytest.fixture
def deck_built(notes_dir: Path, tmp_path: Path, capsys) -> Path:
    out = tmp_path / "dist"
    code, _out, _err = _run(capsys, "--notes", str(notes_dir), "--out", str(out), "--only", "deck")
    assert code == 0
    return out


def test_help_documents_every_option(capsys) -> None:
    code, out, _err = _run(capsys, "--help")
    assert code == 0
    for option in (
        "--notes",
        "--out",
        "--only",
        "--title",
        "--paper",
        "--landscape",
        "--pages",
        "--subdecks",
        "--strict",
        "--watch",
        "facts",
    ):
        assert option in out


def test_unknown_option_is_a_usage_error(capsys) -> None:
    code, _out, err = _run(capsys, "--colour", "blue")
    assert code == 2 and "unrecognized arguments" in err


def test_build_reports_counts_and_what_changed(deck_built: Path, notes_dir: Path, capsys) -> None:
    note = notes_dir / "aws_practices.md"
    note.write_text(note.read_text().replace("- 80 = HTTP", "- 25 = SMTP - mail\n- 80 = HTTP"))
    code, out, err = _run(capsys, "--notes", str(notes_dir), "--out", str(deck_built), "--only", "deck")
    assert code == 0
    assert "wrote" in out and "since the last build: 1 added, 0 changed, 0 removed" in out
    assert "aws_practices.md:260:" in err  # warnings name file and line (one line was added)


def test_no_op_rebuild_touches_nothing(deck_built: Path, notes_dir: Path, capsys) -> None:
    before = _snapshot(deck_built)
    code, out, _err = _run(capsys, "--notes", str(notes_dir), "--out", str(deck_built), "--only", "deck")
    assert code == 0 and out.startswith("up to date")
    assert _snapshot(deck_built) == before


def test_an_edit_rebuilds_only_what_it_affects(notes_dir: Path, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES_DIR, templates)
    out = tmp_path / "dist"
    build(BuildOptions(notes_dir=notes_dir, out_dir=out, templates_dir=templates))
    before = _snapshot(out)
    css = templates / "sheet" / "sheet.css"
    css.write_text(css.read_text() + "\nh2 { color: #fff; }\n")
    report = build(BuildOptions(notes_dir=notes_dir, out_dir=out, templates_dir=templates))
    assert sorted(p.suffix for p in report.written) == [".html", ".pdf"]
    assert _snapshot(out)["aws-practices.apkg"] == before["aws-practices.apkg"]


def test_missing_notes_folder(tmp_path: Path, capsys) -> None:
    code, _out, err = _run(capsys, "--notes", str(tmp_path / "nope"), "--out", str(tmp_path / "d"))
    assert code == 2
    assert err.strip() == f"error: {tmp_path / 'nope'}: notes folder not found; create it or pass --notes DIR"
    assert not (tmp_path / "d").exists()


def test_folder_without_notes(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.txt").write_text("not markdown")
    code, _out, err = _run(capsys, "--notes", str(tmp_path / "empty"))
    assert code == 2 and "no .md files" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "latin1.md",
            "# Cafe\nplain line\nna\xefve\n".encode("latin-1"),
            "latin1.md:3: not UTF-8 text (byte 0xef at offset 20)",
        ),
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary.md: looks like a binary file"),
    ],
)
def test_unreadable_notes_fail_and_keep_the_last_build(
    deck_built: Path, notes_dir: Path, capsys, name: str, content: bytes, message: str
) -> None:
    before = _snapshot(deck_built)
    (notes_dir / name).write_bytes(content)
    code, _out, err = _run(capsys, "--notes", str(notes_dir), "--out", str(deck_built), "--only", "deck")
    assert code == 1
    assert message in err and err.count("\n") == 1
    assert _snapshot(deck_built) == before


def test_symlink_loop_and_folder_named_like_a_note(notes_dir: Path, capsys) -> None:
    os.symlink(notes_dir / "b.md", notes_dir / "a.md")
    os.symlink(notes_dir / "a.md", notes_dir / "b.md")
    code, _out, err = _run(capsys, "facts", "--notes", str(notes_dir))
    assert code == 1 and "a.md: is a symbolic link that loops" in err
    (notes_dir / "a.md").unlink()
    (notes_dir / "b.md").unlink()
    (notes_dir / "dir.md").mkdir()
    code, _out, err = _run(capsys, "facts", "--notes", str(notes_dir))
    assert code == 0  # a folder is not a note file; it is simply not read


def test_output_folder_that_cannot_be_written(notes_dir: Path, tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the output folder should be")
    code, _out, err = _run(capsys, "--notes", str(notes_dir), "--out", str(blocker / "dist"))
    assert code == 2 and "output folder cannot be written" in err


def test_crash_while_writing_keeps_the_previous_outputs(deck_built: Path, notes_dir: Path, monkeypatch) -> None:
    before = _snapshot(deck_built)
    note = notes_dir / "aws_practices.md"
    note.write_text(note.read_text() + "\n- 25 = SMTP - mail\n")

    def crash(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        build(BuildOptions(notes_dir=notes_dir, out_dir=deck_built, only="deck"))
    assert _snapshot(deck_built) == before
    assert not [p for p in deck_built.iterdir() if p.name.endswith(".tmp")]


def test_strict_turns_warnings_into_errors(notes_dir: Path, tmp_path: Path, capsys) -> None:
    code, _out, err = _run(capsys, "--notes", str(notes_dir), "--out", str(tmp_path / "d"), "--strict")
    assert code == 1
    assert "aws_practices.md:259" in err and "--strict" in err
    assert not (tmp_path / "d" / "aws-practices.apkg").exists()


def test_facts_json_has_the_documented_fields(notes_dir: Path, capsys) -> None:
    code, out, _err = _run(capsys, "facts", "--notes", str(notes_dir), "--json")
    assert code == 0
    facts = json.loads(out)
    assert {"kind", "data", "section", "source", "guid"} <= set(facts[0])
    ssh = next(f for f in facts if f["kind"] == "port" and f["data"]["protocol"] == "SSH")
    assert ssh["data"] == {
        "port": 22,
        "port_end": None,
        "protocol": "SSH",
        "name": "Secure Shell",
        "use": "log into a Linux instance",
        "transport": None,
    }
    assert ssh["source"].endswith("aws_practices.md:71")
    assert ssh["section"][-1] == "Security groups and classic ports"


def test_facts_table_groups_by_kind(notes_dir: Path, capsys) -> None:
    code, out, _err = _run(capsys, "facts", "--notes", str(notes_dir))
    assert code == 0
    assert "port (7)" in out and "load_balancer (4)" in out and "22 SSH (Secure Shell)" in out


def test_title_option_names_the_outputs(notes_dir: Path, tmp_path: Path, capsys) -> None:
    code, _out, _err = _run(
        capsys,
        "--notes",
        str(notes_dir),
        "--out",
        str(tmp_path / "d"),
        "--only",
        "deck",
        "--title",
        "My Exam Prep",
    )
    assert code == 0 and (tmp_path / "d" / "my-exam-prep.apkg").is_file()


def test_a_20_mb_notes_file_builds_with_capped_warnings(tmp_path: Path, capsys) -> None:
    from conftest import SAMPLE

    notes = tmp_path / "notes"
    notes.mkdir()
    sample = SAMPLE.read_text(encoding="utf-8")
    copies = 20_000_000 // len(sample.encode()) + 1
    big = "".join(sample.replace("\n# ", f"\n# Part {i} ") for i in range(copies))
    (notes / "big.md").write_text(big, encoding="utf-8")
    assert (notes / "big.md").stat().st_size >= 20_000_000
    code, out, err = _run(capsys, "--notes", str(notes), "--out", str(tmp_path / "d"), "--only", "deck")
    assert code == 0 and len(list((tmp_path / "d").glob("*.apkg"))) == 1
    assert err.count("\n") <= 31 and "more warnings" in err  # warnings are capped, not a flood


def test_unreadable_note_names_the_file(notes_dir: Path, tmp_path: Path, capsys, monkeypatch) -> None:
    # root reads any file whatever its mode, so refuse the read itself
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "secret.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    (notes_dir / "secret.md").write_text("# Secret\n")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _out, err = _run(capsys, "--notes", str(notes_dir), "--out", str(tmp_path / "d"))
    assert code == 1
    assert err.strip() == f"error: {notes_dir / 'secret.md'}: cannot be read (permission denied); fix its permissions"


def test_progress_lines_only_on_a_terminal(capsys) -> None:
    from build import _Progress

    quiet = _Progress(enabled=False)
    quiet.started -= 5
    quiet("rendering PDF")
    assert capsys.readouterr().err == ""
    shown = _Progress(enabled=True)
    shown("parsing")  # under a second: nothing yet
    assert capsys.readouterr().err == ""
    shown.started -= 5
    shown("rendering PDF")
    shown.done()
    assert "rendering PDF" in capsys.readouterr().err


def test_notes_are_read_recursively_in_sorted_order(tmp_path: Path, capsys) -> None:
    notes = tmp_path / "notes"
    (notes / "b-networking").mkdir(parents=True)
    (notes / ".drafts").mkdir()
    (notes / "a-intro.md").write_text("# Cloud Exam\n- SSH: 22\n")
    (notes / "b-networking" / "ports.md").write_text("## More ports\n- HTTPS: 443\n")
    (notes / ".drafts" / "old.md").write_text("- FTP: 21\n")
    (notes / "readme.txt").write_text("- SMTP: 25\n")
    code, out, _err = _run(capsys, "facts", "--notes", str(notes), "--json")
    assert code == 0
    facts = json.loads(out)
    assert [(f["data"]["port"], f["source"]) for f in facts] == [
        (22, "a-intro.md:2"),
        (443, "b-networking/ports.md:2"),
    ]
    code, _out, _err = _run(capsys, "--notes", str(notes), "--out", str(tmp_path / "d"), "--only", "deck")
    assert code == 0 and (tmp_path / "d" / "cloud-exam.apkg").is_file()
