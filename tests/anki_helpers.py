"""Importing built decks with the real Anki library, as a user's Anki would."""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest

# Anki's defaults in File > Import: update notes and note types when the file's are newer
IF_NEWER = 0


def import_deck(collection: Path, apkg: Path):
    """Import into the collection (created if missing); return Anki's import log."""
    col = Collection(str(collection))
    try:
        options = ImportAnkiPackageOptions(
            merge_notetypes=False, update_notes=IF_NEWER, update_notetypes=IF_NEWER, with_scheduling=False
        )
        result = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(apkg), options=options))
        return result.log
    finally:
        col.close()


def open_collection(collection: Path) -> Collection:
    """A fresh handle: the library caches note types, so reopen after each import."""
    return Collection(str(collection))
